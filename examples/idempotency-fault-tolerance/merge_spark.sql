-- Spark SQL on a Delta Lake or Apache Iceberg table (Iceberg needs its SQL extensions).
MERGE INTO ledger AS t
USING (
    SELECT transaction_id, account_id, amount_cents, currency,
           status, event_version, event_time
    FROM (
        SELECT e.*,
               ROW_NUMBER() OVER (PARTITION BY transaction_id
                                  ORDER BY event_version DESC) AS rn
        FROM incoming_events AS e
    ) AS ranked
    WHERE rn = 1
) AS s
ON t.transaction_id = s.transaction_id
WHEN MATCHED AND s.event_version > t.event_version THEN UPDATE SET
    status        = s.status,
    amount_cents  = s.amount_cents,
    event_version = s.event_version,
    updated_at    = s.event_time
WHEN NOT MATCHED THEN INSERT
    (transaction_id, account_id, amount_cents, currency, status, event_version, updated_at)
    VALUES (s.transaction_id, s.account_id, s.amount_cents, s.currency,
            s.status, s.event_version, s.event_time);
