-- Kimball: one business process (sales) as a star schema. DuckDB 2.0.
-- Grain of fact_sales: one row per order line.

CREATE TABLE dim_date (
    date_key      INTEGER PRIMARY KEY,     -- 20260212: a readable key is fine for dates
    full_date     DATE    NOT NULL UNIQUE,
    month_name    VARCHAR NOT NULL,
    quarter_label VARCHAR NOT NULL,        -- '2026-Q1'
    year          INTEGER NOT NULL
);

CREATE TABLE dim_customer (
    customer_key  INTEGER PRIMARY KEY,     -- surrogate key, owned by the warehouse
    customer_id   VARCHAR NOT NULL,        -- natural key from the CRM
    customer_name VARCHAR NOT NULL,
    segment       VARCHAR NOT NULL,
    city          VARCHAR NOT NULL,        -- city -> region hierarchy flattened into one row
    region        VARCHAR NOT NULL
);

CREATE TABLE dim_product (
    product_key   INTEGER PRIMARY KEY,
    sku           VARCHAR NOT NULL,
    product_name  VARCHAR NOT NULL,
    brand         VARCHAR NOT NULL,
    category      VARCHAR NOT NULL,        -- product -> category -> department, also flattened
    department    VARCHAR NOT NULL
);

CREATE TABLE fact_sales (
    date_key      INTEGER NOT NULL REFERENCES dim_date (date_key),
    customer_key  INTEGER NOT NULL REFERENCES dim_customer (customer_key),
    product_key   INTEGER NOT NULL REFERENCES dim_product (product_key),
    order_number  VARCHAR NOT NULL,        -- degenerate dimension: no table of its own
    line_number   INTEGER NOT NULL,
    quantity      INTEGER NOT NULL,        -- additive fact
    net_amount    DECIMAL(12, 2) NOT NULL, -- additive fact: price x quantity - discount
    PRIMARY KEY (order_number, line_number)
);

-- A second business process that shares (conforms to) the same dimensions.
-- Grain: one row per returned order line.
CREATE TABLE fact_returns (
    date_key          INTEGER NOT NULL REFERENCES dim_date (date_key),
    customer_key      INTEGER NOT NULL REFERENCES dim_customer (customer_key),
    product_key       INTEGER NOT NULL REFERENCES dim_product (product_key),
    order_number      VARCHAR NOT NULL,
    line_number       INTEGER NOT NULL,
    quantity_returned INTEGER NOT NULL,
    refund_amount     DECIMAL(12, 2) NOT NULL,
    PRIMARY KEY (order_number, line_number)
);
