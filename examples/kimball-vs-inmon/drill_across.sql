-- Drill across two business processes through conformed dimensions. DuckDB 2.0.
-- Aggregate each fact table to the shared grain first, then join the small results:
-- joining the two fact tables row to row would repeat each return once per sale.
WITH sales AS (
    SELECT p.category, SUM(f.net_amount) AS net_sales
    FROM fact_sales AS f
    JOIN dim_product AS p ON p.product_key = f.product_key
    JOIN dim_date    AS d ON d.date_key    = f.date_key
    WHERE d.year = 2026
    GROUP BY p.category
),
refunds AS (
    SELECT p.category, SUM(r.refund_amount) AS refunds
    FROM fact_returns AS r
    JOIN dim_product AS p ON p.product_key = r.product_key
    JOIN dim_date    AS d ON d.date_key    = r.date_key
    WHERE d.year = 2026
    GROUP BY p.category
)
SELECT category,
       COALESCE(s.net_sales, 0)                                 AS net_sales,
       COALESCE(r.refunds, 0)                                   AS refunds,
       ROUND(100 * COALESCE(r.refunds, 0) / s.net_sales, 1)     AS refund_pct
FROM sales AS s
FULL OUTER JOIN refunds AS r USING (category)
ORDER BY category;
