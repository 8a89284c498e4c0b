-- The same revenue restated by each customer's current region: join on the durable key to
-- the current version only (the "Type 7" pattern). DuckDB 2.0.
SELECT cur.region,
       COUNT(*)      AS sales,
       SUM(f.amount) AS revenue
FROM fact_sales AS f
JOIN dim_customer AS cur ON cur.customer_id = f.customer_id AND cur.is_current
GROUP BY cur.region
ORDER BY cur.region;
