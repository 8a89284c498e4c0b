-- Type 3: keep one prior value in an extra column. DuckDB 2.0.
CREATE TABLE dim_customer_t3 (
    customer_key      INTEGER PRIMARY KEY,
    customer_id       VARCHAR NOT NULL UNIQUE,
    customer_name     VARCHAR NOT NULL,
    region            VARCHAR NOT NULL,   -- current value
    prior_region      VARCHAR,            -- the value before the latest change
    region_changed_on DATE
);
INSERT INTO dim_customer_t3 VALUES
    (1, 'C-1001', 'Asha Verma', 'North', NULL, NULL),
    (2, 'C-1002', 'Tom Okafor', 'West',  NULL, NULL);

-- Right-hand sides read the old row, so prior_region receives 'North'.
UPDATE dim_customer_t3
SET prior_region      = region,
    region            = 'South',
    region_changed_on = DATE '2026-03-15'
WHERE customer_id = 'C-1001'
  AND region IS DISTINCT FROM 'South';
