-- Running total of paid revenue per customer, the self-join way:
-- every order is joined to all earlier orders of the same customer.
SELECT o.customer_id,
       o.order_id,
       o.order_date,
       SUM(p.amount_cents) AS running_cents
FROM orders AS o
JOIN orders AS p
  ON  p.customer_id = o.customer_id
  AND p.status = 'paid'
  AND (p.order_date < o.order_date
       OR (p.order_date = o.order_date AND p.order_id <= o.order_id))
WHERE o.status = 'paid'
  AND o.customer_id <= 50
GROUP BY o.customer_id, o.order_id, o.order_date
ORDER BY o.customer_id, o.order_date, o.order_id;
