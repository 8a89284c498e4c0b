-- Type 2 load of one staging batch in a single atomic statement.
-- DuckDB 2.0 (MERGE INTO exists since DuckDB 1.4.0).
MERGE INTO dim_customer AS d
USING (
    -- Row A for every staged customer: matches its current version, or nothing if new.
    SELECT s.customer_id AS merge_key, s.*
    FROM stg_customer AS s
    UNION ALL
    -- Row B only for a real change: its NULL key never matches, so it becomes the new version.
    SELECT NULL, s.*
    FROM stg_customer AS s
    JOIN dim_customer AS cur
      ON cur.customer_id = s.customer_id AND cur.is_current
    WHERE NOT cur.is_inferred
      AND cur.region IS DISTINCT FROM s.region
) AS src
ON d.customer_id = src.merge_key AND d.is_current
-- A placeholder made for an early-arriving fact: fill it in place (Type 1), keep its key.
WHEN MATCHED AND d.is_inferred THEN
    UPDATE SET customer_name = src.customer_name, region = src.region, is_inferred = false
-- A changed region: close the current version at the change date.
WHEN MATCHED AND d.region IS DISTINCT FROM src.region THEN
    UPDATE SET valid_to = src.changed_on, is_current = false
-- A new customer (row A) or the new version of a changed one (row B).
WHEN NOT MATCHED THEN
    INSERT (customer_id, customer_name, region, valid_from, valid_to, is_current)
    VALUES (src.customer_id, src.customer_name, src.region, src.changed_on,
            DATE '9999-12-31', true);
