"""An idempotent consumer that stores its position in the same transaction as its output.

SQLite stands in for the ledger database. Each event is written together with the consumer's
next offset in one local transaction, so after a crash the database says exactly how far it
got. The transaction ID's primary key absorbs duplicates that arrive anyway (a producer retry
at a new offset, or a replay from an older committed Kafka offset).
"""

from __future__ import annotations

import sqlite3

SCHEMA = """
CREATE TABLE IF NOT EXISTS ledger (
    transaction_id TEXT PRIMARY KEY,
    account_id     TEXT    NOT NULL,
    amount_cents   INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS consumer_offsets (
    topic       TEXT    NOT NULL,
    partition   INTEGER NOT NULL,
    next_offset INTEGER NOT NULL,
    PRIMARY KEY (topic, partition)
);
"""


def connect(path: str = ":memory:") -> sqlite3.Connection:
    connection = sqlite3.connect(path)
    connection.executescript(SCHEMA)
    return connection


def apply_event(db: sqlite3.Connection, topic: str, partition: int, offset: int,
                event: dict[str, object]) -> bool:
    """Write one event and the position after it atomically. True if the event was new."""
    with db:  # one transaction: both statements commit, or neither does
        inserted = db.execute(
            "INSERT INTO ledger (transaction_id, account_id, amount_cents) VALUES (?, ?, ?) "
            "ON CONFLICT (transaction_id) DO NOTHING",
            (event["transaction_id"], event["account_id"], event["amount_cents"]),
        ).rowcount
        db.execute(
            "INSERT INTO consumer_offsets (topic, partition, next_offset) VALUES (?, ?, ?) "
            "ON CONFLICT (topic, partition) DO UPDATE SET next_offset = excluded.next_offset "
            "WHERE excluded.next_offset > consumer_offsets.next_offset",
            (topic, partition, offset + 1),
        )
    return inserted == 1


def resume_offset(db: sqlite3.Connection, topic: str, partition: int) -> int:
    """Where to seek after a restart: the database, not the broker, is the source of truth."""
    row = db.execute(
        "SELECT next_offset FROM consumer_offsets WHERE topic = ? AND partition = ?",
        (topic, partition),
    ).fetchone()
    return row[0] if row else 0


def balance(db: sqlite3.Connection, account_id: str) -> int:
    row = db.execute(
        "SELECT COALESCE(SUM(amount_cents), 0) FROM ledger WHERE account_id = ?", (account_id,)
    ).fetchone()
    return int(row[0])
