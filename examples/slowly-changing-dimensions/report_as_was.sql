-- Revenue by the region each customer was in when they bought: a plain equi-join on the
-- surrogate key stored in the fact row. No dates in the join. DuckDB 2.0.
SELECT d.region,
       COUNT(*)      AS sales,
       SUM(f.amount) AS revenue
FROM fact_sales AS f
JOIN dim_customer AS d ON d.customer_key = f.customer_key
GROUP BY d.region
ORDER BY d.region;
