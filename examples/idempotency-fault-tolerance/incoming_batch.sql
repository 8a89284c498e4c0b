-- tx-1002 arrives twice (resent upstream); tx-1003 arrives as two versions, newest first.
INSERT INTO incoming_events VALUES
    ('tx-1001', 'acc-7', 12500, 'EUR', 'authorized', 1, TIMESTAMP '2026-11-02 09:00:00'),
    ('tx-1002', 'acc-7', -4000, 'EUR', 'authorized', 1, TIMESTAMP '2026-11-02 09:01:00'),
    ('tx-1002', 'acc-7', -4000, 'EUR', 'authorized', 1, TIMESTAMP '2026-11-02 09:01:00'),
    ('tx-1003', 'acc-9',  9900, 'EUR', 'settled',    2, TIMESTAMP '2026-11-02 09:05:00'),
    ('tx-1003', 'acc-9',  9900, 'EUR', 'authorized', 1, TIMESTAMP '2026-11-02 09:02:00');
