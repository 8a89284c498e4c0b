-- A small, deterministic order book: 1,000 customers and 60,000 orders
-- over two years (2025-01-01 to 2026-12-31).
CREATE TABLE customers (
    customer_id INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    email       TEXT NOT NULL,
    region      TEXT NOT NULL
);

CREATE TABLE orders (
    order_id     INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers (customer_id),
    status       TEXT    NOT NULL,  -- 'paid', 'pending' or 'refunded'
    order_date   TEXT    NOT NULL,  -- ISO 8601 date, e.g. '2026-10-14'
    amount_cents INTEGER NOT NULL
);

WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
INSERT INTO customers (customer_id, name, email, region)
SELECT i,
       'customer-' || i,
       'customer-' || i
           || CASE i % 3 WHEN 0 THEN '@example.org' ELSE '@example.com' END,
       CASE i % 5 WHEN 0 THEN 'APAC' WHEN 1 THEN 'EMEA' WHEN 2 THEN 'LATAM'
                  WHEN 3 THEN 'NA-EAST' ELSE 'NA-WEST' END
FROM n;

WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60000)
INSERT INTO orders (order_id, customer_id, status, order_date, amount_cents)
SELECT i,
       (i * 7919) % 1000 + 1,
       CASE i % 10 WHEN 0 THEN 'refunded' WHEN 1 THEN 'pending' ELSE 'paid' END,
       date('2025-01-01', '+' || ((i * 37) % 730) || ' days'),
       (i * 104729) % 50000 + 500
FROM n;
