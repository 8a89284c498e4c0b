-- Apply a batch idempotently: running it once, twice or after a replay gives the same ledger.
INSERT INTO ledger (transaction_id, account_id, amount_cents, currency,
                    status, event_version, updated_at)
SELECT transaction_id, account_id, amount_cents, currency,
       status, event_version, event_time
FROM (
    -- Collapse duplicates inside the batch first: one statement may not touch a row twice.
    SELECT e.*,
           ROW_NUMBER() OVER (PARTITION BY transaction_id
                              ORDER BY event_version DESC) AS rn
    FROM incoming_events AS e
) AS newest
WHERE rn = 1
ON CONFLICT (transaction_id) DO UPDATE
SET status        = excluded.status,
    amount_cents  = excluded.amount_cents,
    event_version = excluded.event_version,
    updated_at    = excluded.updated_at
-- A replayed or late older version must never overwrite a newer state.
WHERE ledger.event_version < excluded.event_version;
