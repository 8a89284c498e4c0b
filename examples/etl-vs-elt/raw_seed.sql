-- What an extract-and-load tool leaves in the raw layer: source columns as text, one row per
-- extraction (o-2 was extracted again after its status changed), inconsistent casing, and PII.
CREATE SCHEMA raw;

CREATE TABLE raw.orders (
    order_id    VARCHAR,
    customer_id VARCHAR,
    order_ts    VARCHAR,
    status      VARCHAR,
    amount      VARCHAR,
    currency    VARCHAR,
    _loaded_at  TIMESTAMP
);

INSERT INTO raw.orders VALUES
    ('o-1', 'c-1', '2026-11-01 10:15:00', 'completed',  '25.00', 'eur', TIMESTAMP '2026-11-01 11:00:00'),
    ('o-2', 'c-2', '2026-11-01 12:30:00', 'placed',     '40.00', 'EUR', TIMESTAMP '2026-11-01 13:00:00'),
    ('o-2', 'c-2', '2026-11-01 12:30:00', 'Completed ', '40.00', 'EUR', TIMESTAMP '2026-11-02 01:00:00'),
    ('o-3', 'c-1', '2026-11-01 18:45:00', 'CANCELLED',  '12.50', 'EUR', TIMESTAMP '2026-11-02 01:00:00'),
    ('o-4', 'c-3', '2026-11-02 09:05:00', 'completed',  '99.99', 'EUR', TIMESTAMP '2026-11-02 10:00:00'),
    ('o-5', 'c-2', '2026-11-02 20:10:00', 'completed',   '5.01', 'EUR', TIMESTAMP '2026-11-03 01:00:00');

CREATE TABLE raw.customers (
    customer_id  VARCHAR,
    email        VARCHAR,
    full_name    VARCHAR,
    country_code VARCHAR,
    _loaded_at   TIMESTAMP
);

INSERT INTO raw.customers VALUES
    ('c-1', 'ana@example.com',   'Ana Silva',    'pt', TIMESTAMP '2026-10-01 00:00:00'),
    ('c-2', 'ben@example.org',   'Ben Okafor',   'DE', TIMESTAMP '2026-10-01 00:00:00'),
    ('c-3', 'chloe@example.net', 'Chloé Martin', 'fr', TIMESTAMP '2026-10-01 00:00:00');
