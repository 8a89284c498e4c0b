-- The idempotent sink: one row per payment, keyed by the transaction ID the payment
-- service assigned when the payment was created (never by a Kafka offset or a load time).
CREATE TABLE ledger (
    transaction_id VARCHAR(64) PRIMARY KEY,
    account_id     VARCHAR(32) NOT NULL,
    amount_cents   BIGINT      NOT NULL,  -- money in integer minor units, never floats
    currency       CHAR(3)     NOT NULL,
    status         VARCHAR(16) NOT NULL,  -- authorized, settled, refunded ...
    event_version  INTEGER     NOT NULL,  -- increases with every change to the payment
    updated_at     TIMESTAMP   NOT NULL
);

-- One micro-batch as the consumer received it: duplicates and out-of-order versions included.
CREATE TABLE incoming_events (
    transaction_id VARCHAR(64) NOT NULL,
    account_id     VARCHAR(32) NOT NULL,
    amount_cents   BIGINT      NOT NULL,
    currency       CHAR(3)     NOT NULL,
    status         VARCHAR(16) NOT NULL,
    event_version  INTEGER     NOT NULL,
    event_time     TIMESTAMP   NOT NULL
);
