-- The same question asked of the 3NF warehouse directly. DuckDB 2.0.
-- Six joins, a derived measure and a derived calendar attribute in every such query.
SELECT strftime(o.order_date, '%Y') || '-Q' || quarter(o.order_date)    AS quarter_label,
       r.region_name                                                   AS region,
       pc.category_name                                                AS category,
       SUM(l.quantity)                                                 AS units,
       SUM(l.quantity * l.unit_price - l.discount_amount)              AS net_sales
FROM order_line       AS l
JOIN sales_order      AS o  ON o.order_number = l.order_number
JOIN customer         AS c  ON c.customer_id  = o.customer_id
JOIN city             AS ci ON ci.city_id     = c.city_id
JOIN region           AS r  ON r.region_id    = ci.region_id
JOIN product          AS p  ON p.sku          = l.sku
JOIN product_category AS pc ON pc.category_id = p.category_id
WHERE year(o.order_date) = 2026
GROUP BY 1, 2, 3
ORDER BY quarter_label, region, category;
