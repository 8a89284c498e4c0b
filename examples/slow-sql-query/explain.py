"""Build the example database, print query plans the way the sqlite3 shell
draws them, and count the work each query does: SQLite virtual-machine
steps, which are deterministic (unlike wall-clock time), so a test can
compare before and after."""

from __future__ import annotations

import sqlite3
from pathlib import Path

HERE = Path(__file__).resolve().parent


def sql(name: str) -> str:
    return (HERE / name).read_text(encoding="utf-8")


def build(with_index: bool = False) -> sqlite3.Connection:
    con = sqlite3.connect(":memory:")
    con.executescript(sql("schema.sql"))
    if with_index:
        con.executescript(sql("covering_index.sql"))
    return con


def query_plan(con: sqlite3.Connection, query: str) -> str:
    """EXPLAIN QUERY PLAN rows (id, parent, notused, detail) drawn as a tree."""
    children: dict[int, list[tuple[int, str]]] = {}
    rows = con.execute("EXPLAIN QUERY PLAN " + query).fetchall()
    for node_id, parent, _, detail in rows:
        children.setdefault(parent, []).append((node_id, detail))
    lines = ["QUERY PLAN"]

    def walk(parent: int, indent: str) -> None:
        kids = children.get(parent, [])
        for position, (node_id, detail) in enumerate(kids):
            last = position == len(kids) - 1
            lines.append(indent + ("`--" if last else "|--") + detail)
            walk(node_id, indent + ("   " if last else "|  "))

    walk(0, "")
    return "\n".join(lines)


def vm_steps(con: sqlite3.Connection, query: str) -> tuple[int, list[tuple]]:
    """Run the query; return (virtual-machine steps, rows)."""
    steps = 0

    def tick() -> int:
        nonlocal steps
        steps += 1
        return 0  # 0 = keep running

    con.set_progress_handler(tick, 1)
    try:
        rows = con.execute(query).fetchall()
    finally:
        con.set_progress_handler(None, 1)
    return steps, rows


if __name__ == "__main__":
    before, after = build(), build(with_index=True)
    for label, con, name in [
        ("1. slow query, no index", before, "slow_query.sql"),
        ("2. slow query, covering index", after, "slow_query.sql"),
        ("3. rewritten query, covering index", after, "fast_query.sql"),
    ]:
        steps, rows = vm_steps(con, sql(name))
        print(f"-- {label}: {steps:,} VM steps, {len(rows)} rows")
        print(query_plan(con, sql(name)), end="\n\n")
