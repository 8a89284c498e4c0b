-- The same question as a recursive CTE (DuckDB). The recursion carries
-- its own path to avoid walking in circles, and its own depth limit.
WITH RECURSIVE
    -- one step: two different accounts that use the same identifier
    shares (from_account, to_account) AS (
        SELECT DISTINCT u1.account_id, u2.account_id
        FROM uses AS u1
        JOIN uses AS u2
          ON  u2.identifier_id = u1.identifier_id
          AND u2.account_id   <> u1.account_id
    ),
    reach (account_id, steps, path) AS (
        SELECT account_id, 0, [account_id]
        FROM accounts
        WHERE flagged
        UNION ALL
        SELECT s.to_account, r.steps + 1, list_append(r.path, s.to_account)
        FROM reach AS r
        JOIN shares AS s ON s.from_account = r.account_id
        WHERE r.steps < 3                              -- depth limit
          AND NOT list_contains(r.path, s.to_account)  -- cycle guard
    )
SELECT account_id, MIN(steps) AS steps
FROM reach
WHERE steps > 0
GROUP BY account_id
ORDER BY account_id;
