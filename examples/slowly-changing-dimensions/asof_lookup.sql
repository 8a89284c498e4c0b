-- The same lookup with DuckDB's ASOF JOIN: for each sale, the latest version that started
-- on or before the sale date. Only valid_from is used. DuckDB 2.0.
SELECT f.sale_id,
       f.sale_date,
       d.region AS region_on_sale_date
FROM fact_sales AS f
ASOF JOIN dim_customer AS d
  ON d.customer_id = f.customer_id
 AND f.sale_date >= d.valid_from
ORDER BY f.sale_id;
