-- The same running total with a window function: one ordered pass per customer.
SELECT customer_id,
       order_id,
       order_date,
       SUM(amount_cents) OVER (
           PARTITION BY customer_id
           ORDER BY order_date, order_id
           ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
       ) AS running_cents
FROM orders
WHERE status = 'paid'
  AND customer_id <= 50
ORDER BY customer_id, order_date, order_id;
