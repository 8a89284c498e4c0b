// Money that goes round in a loop: accounts on a transfer cycle of two
// to four transfers, with no transfer used twice (TRAIL), and the
// shortest loop length for each.
MATCH p = (a:Account)-[:TRANSFERRED* TRAIL 2..4]->(a)
RETURN a.account_id   AS account_id,
       min(length(p)) AS loop_length
ORDER BY account_id;
