-- Net sales by quarter, customer region and product category. DuckDB 2.0.
-- One join per dimension, every join on a single integer key.
SELECT d.quarter_label,
       c.region,
       p.category,
       SUM(f.quantity)   AS units,
       SUM(f.net_amount) AS net_sales
FROM fact_sales AS f
JOIN dim_date     AS d ON d.date_key     = f.date_key
JOIN dim_customer AS c ON c.customer_key = f.customer_key
JOIN dim_product  AS p ON p.product_key  = f.product_key
WHERE d.year = 2026
GROUP BY d.quarter_label, c.region, p.category
ORDER BY d.quarter_label, c.region, p.category;
