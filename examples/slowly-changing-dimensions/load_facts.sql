-- Fact load: capture the surrogate key of the version in force on the sale date. DuckDB 2.0.

-- 1. Late-arriving dimension: a sale names a customer the warehouse has not seen yet.
--    Create a placeholder version now; the next dimension load fills it in (see scd2_merge.sql).
INSERT INTO dim_customer (customer_id, customer_name, region, valid_from, valid_to,
                          is_current, is_inferred)
SELECT DISTINCT s.customer_id, 'Not yet known', 'Unknown', DATE '1900-01-01',
       DATE '9999-12-31', true, true
FROM stg_sales AS s
WHERE NOT EXISTS (SELECT 1 FROM dim_customer AS d WHERE d.customer_id = s.customer_id);

-- 2. Key lookup on the half-open interval [valid_from, valid_to). Done once, at load time;
--    a late-arriving sale dated in the past finds the version that was in force back then.
INSERT INTO fact_sales (sale_id, sale_date, customer_key, customer_id, amount)
SELECT s.sale_id, s.sale_date, d.customer_key, s.customer_id, s.amount
FROM stg_sales AS s
JOIN dim_customer AS d
  ON d.customer_id = s.customer_id
 AND s.sale_date >= d.valid_from
 AND s.sale_date <  d.valid_to
WHERE NOT EXISTS (SELECT 1 FROM fact_sales AS f WHERE f.sale_id = s.sale_id);
