-- Point-in-time join on the natural key: the version in force on each sale date.
-- Needed when facts carry no surrogate key (raw events, a late fact being keyed, an audit
-- question); it must agree with the surrogate-key join. DuckDB 2.0.
SELECT f.sale_id,
       f.sale_date,
       d.region AS region_on_sale_date
FROM fact_sales AS f
JOIN dim_customer AS d
  ON d.customer_id = f.customer_id
 AND f.sale_date >= d.valid_from
 AND f.sale_date <  d.valid_to
ORDER BY f.sale_id;
