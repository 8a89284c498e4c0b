// Accounts linked to a flagged account through shared devices, cards,
// IPs or phones, at most three shared identifiers away, with the
// fewest steps to each. One step = account -> identifier -> account,
// so three steps = six hops.
MATCH p = (seed:Account {flagged: true})
          -[:USES* SHORTEST 1..6]-
          (linked:Account)
RETURN linked.account_id AS account_id,
       length(p) / 2     AS steps
ORDER BY account_id;
