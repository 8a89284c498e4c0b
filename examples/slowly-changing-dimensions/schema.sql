-- A Type 2 customer dimension, its staging tables and a sales fact table. DuckDB 2.0.

CREATE SEQUENCE customer_key_seq START 1;

CREATE TABLE dim_customer (
    customer_key  BIGINT  PRIMARY KEY DEFAULT nextval('customer_key_seq'), -- one per version
    customer_id   VARCHAR NOT NULL,            -- natural (durable) key from the source system
    customer_name VARCHAR NOT NULL,
    region        VARCHAR NOT NULL,            -- the attribute whose history we keep (Type 2)
    valid_from    DATE    NOT NULL,            -- first day the version is in force (inclusive)
    valid_to      DATE    NOT NULL,            -- first day it is no longer in force (exclusive)
    is_current    BOOLEAN NOT NULL,            -- convenience flag: valid_to = 9999-12-31
    is_inferred   BOOLEAN NOT NULL DEFAULT false -- placeholder created by an early fact
);

-- One row per customer per batch: a full extract or the latest change for each customer.
CREATE TABLE stg_customer (
    customer_id   VARCHAR NOT NULL PRIMARY KEY,
    customer_name VARCHAR NOT NULL,
    region        VARCHAR NOT NULL,
    changed_on    DATE    NOT NULL             -- business date the values took effect
);

CREATE TABLE stg_sales (
    sale_id     VARCHAR NOT NULL PRIMARY KEY,
    customer_id VARCHAR NOT NULL,
    sale_date   DATE    NOT NULL,
    amount      DECIMAL(12, 2) NOT NULL
);

CREATE TABLE fact_sales (
    sale_id      VARCHAR NOT NULL PRIMARY KEY,
    sale_date    DATE    NOT NULL,
    customer_key BIGINT  NOT NULL REFERENCES dim_customer (customer_key), -- version at sale time
    customer_id  VARCHAR NOT NULL,             -- durable key too, for "as is" reporting
    amount       DECIMAL(12, 2) NOT NULL
);
