-- Same report, with a half-open date range the index can seek on.
SELECT c.region,
       COUNT(*)            AS paid_orders,
       SUM(o.amount_cents) AS revenue_cents
FROM orders AS o
JOIN customers AS c ON c.customer_id = o.customer_id
WHERE o.status = 'paid'
  AND o.order_date >= '2026-10-01'
  AND o.order_date <  '2026-11-01'
GROUP BY c.region
ORDER BY c.region;
