-- The same loops with a recursive CTE (DuckDB): walk forward from every
-- account and never revisit an account, except to close the loop at
-- the origin.
WITH RECURSIVE
    walk (origin, current_account, hops, path) AS (
        SELECT from_account, to_account, 1, [from_account, to_account]
        FROM transfers
        UNION ALL
        SELECT w.origin,
               t.to_account,
               w.hops + 1,
               list_append(w.path, t.to_account)
        FROM walk AS w
        JOIN transfers AS t ON t.from_account = w.current_account
        WHERE w.hops < 4
          AND w.current_account <> w.origin  -- the loop is already closed
          AND (t.to_account = w.origin
               OR NOT list_contains(w.path, t.to_account))
    )
SELECT origin AS account_id, MIN(hops) AS loop_length
FROM walk
WHERE current_account = origin
  AND hops >= 2
GROUP BY origin
ORDER BY account_id;
