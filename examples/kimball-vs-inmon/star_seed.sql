-- Seed data for star_schema.sql. DuckDB 2.0.

-- The date dimension is generated once for the whole calendar, not from the facts.
INSERT INTO dim_date
SELECT CAST(strftime(d, '%Y%m%d') AS INTEGER),
       CAST(d AS DATE),
       strftime(d, '%B'),
       strftime(d, '%Y') || '-Q' || quarter(d),
       year(d)
FROM range(TIMESTAMP '2026-01-01', TIMESTAMP '2027-01-01', INTERVAL 1 DAY) AS t(d);

INSERT INTO dim_customer VALUES
    (1, 'C-100', 'Northwind Bikes',  'Retail',    'Leeds',     'North'),
    (2, 'C-200', 'Harbour Cycles',   'Retail',    'Bristol',   'South'),
    (3, 'C-300', 'Peak Outdoor',     'Wholesale', 'Sheffield', 'North'),
    (4, 'C-400', 'Coastline Sports', 'Wholesale', 'Brighton',  'South');

INSERT INTO dim_product VALUES
    (1, 'SKU-01', 'Trail helmet', 'Ridgeline', 'Helmets', 'Accessories'),
    (2, 'SKU-02', 'Road helmet',  'Swift',     'Helmets', 'Accessories'),
    (3, 'SKU-03', 'Gravel bike',  'Ridgeline', 'Bikes',   'Bicycles'),
    (4, 'SKU-04', 'City bike',    'Swift',     'Bikes',   'Bicycles'),
    (5, 'SKU-05', 'D-lock',       'Swift',     'Locks',   'Accessories');

INSERT INTO fact_sales VALUES
    (20260112, 1, 1, 'SO-1001', 1,  4,  240.00),
    (20260112, 1, 5, 'SO-1001', 2,  4,   90.00),
    (20260203, 2, 4, 'SO-1002', 1,  2, 1250.00),
    (20260220, 3, 3, 'SO-1003', 1,  3, 3600.00),
    (20260220, 3, 2, 'SO-1003', 2,  6,  300.00),
    (20260309, 4, 1, 'SO-1004', 1, 10,  540.00),
    (20260414, 1, 4, 'SO-1005', 1,  1,  650.00),
    (20260505, 3, 3, 'SO-1006', 1,  2, 2300.00),
    (20260505, 3, 5, 'SO-1006', 2, 10,  250.00),
    (20260528, 2, 2, 'SO-1007', 1,  3,  165.00),
    (20260617, 4, 4, 'SO-1008', 1,  4, 2400.00);

INSERT INTO fact_returns VALUES
    (20260320, 4, 1, 'SO-1004', 1, 2, 108.00),
    (20260414, 2, 4, 'SO-1002', 1, 1, 625.00),
    (20260617, 3, 5, 'SO-1006', 2, 2,  50.00);
