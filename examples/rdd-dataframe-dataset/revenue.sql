-- Spark SQL 4: the same query over a temporary view named orders; same plan as the DataFrame.
SELECT country, SUM(amount_cents) AS revenue_cents
FROM orders
WHERE status = 'COMPLETE'
GROUP BY country
ORDER BY revenue_cents DESC, country
