-- Type 1: overwrite in place; every past sale now reports the new region. DuckDB 2.0.
CREATE TABLE dim_customer_t1 (
    customer_key  INTEGER PRIMARY KEY,
    customer_id   VARCHAR NOT NULL UNIQUE,
    customer_name VARCHAR NOT NULL,
    region        VARCHAR NOT NULL
);
INSERT INTO dim_customer_t1 VALUES
    (1, 'C-1001', 'Asha Verma', 'North'),
    (2, 'C-1002', 'Tom Okafor', 'West');

-- The change arrives: Asha moves to the South region.
UPDATE dim_customer_t1
SET region = 'South'
WHERE customer_id = 'C-1001'
  AND region IS DISTINCT FROM 'South';
