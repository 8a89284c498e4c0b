-- Snowflake (BigQuery's MERGE is the same shape; it has QUALIFY too).
MERGE INTO ledger AS t
USING (
    SELECT transaction_id, account_id, amount_cents, currency,
           status, event_version, event_time
    FROM incoming_events
    QUALIFY ROW_NUMBER() OVER (PARTITION BY transaction_id
                               ORDER BY event_version DESC) = 1
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
