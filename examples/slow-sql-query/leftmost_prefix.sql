-- Filters on order_date only: the second column of idx_orders_status_date.
SELECT COUNT(*) AS october_orders
FROM orders
WHERE order_date >= '2026-10-01'
  AND order_date <  '2026-11-01';
