-- A dependent data mart: the star schema loaded from the 3NF warehouse. DuckDB 2.0.
-- Run after edw_3nf.sql and star_schema.sql (dim_date is generated as in star_seed.sql).

INSERT INTO dim_date
SELECT CAST(strftime(d, '%Y%m%d') AS INTEGER), CAST(d AS DATE), strftime(d, '%B'),
       strftime(d, '%Y') || '-Q' || quarter(d), year(d)
FROM range(TIMESTAMP '2026-01-01', TIMESTAMP '2027-01-01', INTERVAL 1 DAY) AS t(d);

-- Flatten the customer -> city -> region and segment tables into one wide row.
INSERT INTO dim_customer
SELECT row_number() OVER (ORDER BY c.customer_id), c.customer_id, c.customer_name,
       s.segment_name, ci.city_name, r.region_name
FROM customer AS c
JOIN customer_segment AS s  ON s.segment_code = c.segment_code
JOIN city             AS ci ON ci.city_id     = c.city_id
JOIN region           AS r  ON r.region_id    = ci.region_id;

INSERT INTO dim_product
SELECT row_number() OVER (ORDER BY p.sku), p.sku, p.product_name, b.brand_name,
       pc.category_name, dp.department_name
FROM product AS p
JOIN brand            AS b  ON b.brand_id       = p.brand_id
JOIN product_category AS pc ON pc.category_id   = p.category_id
JOIN department       AS dp ON dp.department_id = pc.department_id;

-- Facts: swap natural keys for surrogate keys and compute the derived measure once.
INSERT INTO fact_sales
SELECT CAST(strftime(o.order_date, '%Y%m%d') AS INTEGER), dc.customer_key, dp.product_key,
       l.order_number, l.line_number, l.quantity,
       l.quantity * l.unit_price - l.discount_amount
FROM order_line   AS l
JOIN sales_order  AS o  ON o.order_number = l.order_number
JOIN dim_customer AS dc ON dc.customer_id = o.customer_id
JOIN dim_product  AS dp ON dp.sku         = l.sku;
