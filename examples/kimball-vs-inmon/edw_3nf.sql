-- Inmon: the same business in a normalised (3NF) enterprise warehouse. DuckDB 2.0.
-- Organised by subject (customer, product, sales), one fact in one place.

CREATE TABLE region (
    region_id   INTEGER PRIMARY KEY,
    region_name VARCHAR NOT NULL UNIQUE
);
CREATE TABLE city (
    city_id   INTEGER PRIMARY KEY,
    city_name VARCHAR NOT NULL,
    region_id INTEGER NOT NULL REFERENCES region (region_id)
);
CREATE TABLE customer_segment (
    segment_code VARCHAR PRIMARY KEY,
    segment_name VARCHAR NOT NULL
);
CREATE TABLE customer (
    customer_id   VARCHAR PRIMARY KEY,
    customer_name VARCHAR NOT NULL,
    segment_code  VARCHAR NOT NULL REFERENCES customer_segment (segment_code),
    city_id       INTEGER NOT NULL REFERENCES city (city_id)
);
CREATE TABLE department (
    department_id   INTEGER PRIMARY KEY,
    department_name VARCHAR NOT NULL
);
CREATE TABLE product_category (
    category_id   INTEGER PRIMARY KEY,
    category_name VARCHAR NOT NULL,
    department_id INTEGER NOT NULL REFERENCES department (department_id)
);
CREATE TABLE brand (
    brand_id   INTEGER PRIMARY KEY,
    brand_name VARCHAR NOT NULL
);
CREATE TABLE product (
    sku          VARCHAR PRIMARY KEY,
    product_name VARCHAR NOT NULL,
    brand_id     INTEGER NOT NULL REFERENCES brand (brand_id),
    category_id  INTEGER NOT NULL REFERENCES product_category (category_id)
);
CREATE TABLE sales_order (
    order_number VARCHAR PRIMARY KEY,
    customer_id  VARCHAR NOT NULL REFERENCES customer (customer_id),
    order_date   DATE    NOT NULL
);
CREATE TABLE order_line (
    order_number    VARCHAR NOT NULL REFERENCES sales_order (order_number),
    line_number     INTEGER NOT NULL,
    sku             VARCHAR NOT NULL REFERENCES product (sku),
    quantity        INTEGER NOT NULL,
    unit_price      DECIMAL(12, 2) NOT NULL,
    discount_amount DECIMAL(12, 2) NOT NULL,
    PRIMARY KEY (order_number, line_number)
);

INSERT INTO region VALUES (1, 'North'), (2, 'South');
INSERT INTO city VALUES (10, 'Leeds', 1), (11, 'Sheffield', 1), (20, 'Bristol', 2), (21, 'Brighton', 2);
INSERT INTO customer_segment VALUES ('RET', 'Retail'), ('WHS', 'Wholesale');
INSERT INTO customer VALUES
    ('C-100', 'Northwind Bikes',  'RET', 10),
    ('C-200', 'Harbour Cycles',   'RET', 20),
    ('C-300', 'Peak Outdoor',     'WHS', 11),
    ('C-400', 'Coastline Sports', 'WHS', 21);
INSERT INTO department VALUES (1, 'Accessories'), (2, 'Bicycles');
INSERT INTO product_category VALUES (1, 'Helmets', 1), (2, 'Bikes', 2), (3, 'Locks', 1);
INSERT INTO brand VALUES (1, 'Ridgeline'), (2, 'Swift');
INSERT INTO product VALUES
    ('SKU-01', 'Trail helmet', 1, 1),
    ('SKU-02', 'Road helmet',  2, 1),
    ('SKU-03', 'Gravel bike',  1, 2),
    ('SKU-04', 'City bike',    2, 2),
    ('SKU-05', 'D-lock',       2, 3);
INSERT INTO sales_order VALUES
    ('SO-1001', 'C-100', DATE '2026-01-12'),
    ('SO-1002', 'C-200', DATE '2026-02-03'),
    ('SO-1003', 'C-300', DATE '2026-02-20'),
    ('SO-1004', 'C-400', DATE '2026-03-09'),
    ('SO-1005', 'C-100', DATE '2026-04-14'),
    ('SO-1006', 'C-300', DATE '2026-05-05'),
    ('SO-1007', 'C-200', DATE '2026-05-28'),
    ('SO-1008', 'C-400', DATE '2026-06-17');
INSERT INTO order_line VALUES
    ('SO-1001', 1, 'SKU-01',  4,   60.00,   0.00),
    ('SO-1001', 2, 'SKU-05',  4,   25.00,  10.00),
    ('SO-1002', 1, 'SKU-04',  2,  650.00,  50.00),
    ('SO-1003', 1, 'SKU-03',  3, 1200.00,   0.00),
    ('SO-1003', 2, 'SKU-02',  6,   55.00,  30.00),
    ('SO-1004', 1, 'SKU-01', 10,   60.00,  60.00),
    ('SO-1005', 1, 'SKU-04',  1,  650.00,   0.00),
    ('SO-1006', 1, 'SKU-03',  2, 1200.00, 100.00),
    ('SO-1006', 2, 'SKU-05', 10,   25.00,   0.00),
    ('SO-1007', 1, 'SKU-02',  3,   55.00,   0.00),
    ('SO-1008', 1, 'SKU-04',  4,  650.00, 200.00);
