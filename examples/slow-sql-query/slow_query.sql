-- Paid revenue per region for October 2026: the report that got slow.
SELECT c.region,
       COUNT(*)            AS paid_orders,
       SUM(o.amount_cents) AS revenue_cents
FROM orders AS o
JOIN customers AS c ON c.customer_id = o.customer_id
WHERE strftime('%Y-%m', o.order_date) = '2026-10'  -- function on the column
  AND o.status = 'paid'
GROUP BY c.region
ORDER BY c.region;
