"""Runs the examples of docs/core-concepts/idempotency-fault-tolerance.md.

The upsert and the two MERGE variants run on DuckDB against the same micro-batch (a duplicate
delivery and two versions of one payment) and must leave the same ledger however often they
run; the PostgreSQL, Spark and Snowflake texts are also parsed in their own dialects (Spark's by
Spark's own parser). The retry helper runs with injected sleep and random functions, so its
delays are checked exactly. The consumer replays a partition after a simulated crash.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import duckdb
import pytest

import sqlglot
from sqlglot import exp

from conftest import import_example, read_example

SLUG = "idempotency-fault-tolerance"

# The ledger the page describes after the batch in incoming_batch.sql.
EXPECTED_LEDGER = [
    ("tx-1001", "acc-7", 12500, "authorized", 1),
    ("tx-1002", "acc-7", -4000, "authorized", 1),
    ("tx-1003", "acc-9", 9900, "settled", 2),
]
SINK_STATEMENTS = ["upsert.sql", "merge_warehouse.sql", "merge_spark.sql"]


def load_module(examples_dir: Path, name: str) -> ModuleType:
    path = examples_dir / SLUG / f"{name}.py"
    module = import_example(path, f"idempotency_{name}")
    return module


@pytest.fixture(scope="module")
def retry(examples_dir: Path) -> ModuleType:
    return load_module(examples_dir, "retry")


@pytest.fixture(scope="module")
def consumer(examples_dir: Path) -> ModuleType:
    return load_module(examples_dir, "consumer")


@pytest.fixture()
def db() -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect()
    connection.execute(read_example(f"{SLUG}/schema.sql"))
    connection.execute(read_example(f"{SLUG}/incoming_batch.sql"))
    yield connection
    connection.close()


def ledger(db: duckdb.DuckDBPyConnection) -> list[tuple[object, ...]]:
    return db.execute(
        "SELECT transaction_id, account_id, amount_cents, status, event_version "
        "FROM ledger ORDER BY transaction_id"
    ).fetchall()


def new_batch(db: duckdb.DuckDBPyConnection, rows: list[tuple[object, ...]]) -> None:
    db.execute("DELETE FROM incoming_events")
    db.executemany("INSERT INTO incoming_events VALUES (?, ?, ?, ?, ?, ?, ?)", rows)


# --- the idempotent sink -------------------------------------------------------------------


def test_batch_holds_a_duplicate_and_two_versions(db: duckdb.DuckDBPyConnection) -> None:
    per_id = dict(db.execute(
        "SELECT transaction_id, COUNT(*) FROM incoming_events GROUP BY transaction_id"
    ).fetchall())
    assert per_id == {"tx-1001": 1, "tx-1002": 2, "tx-1003": 2}


@pytest.mark.parametrize("statement", SINK_STATEMENTS)
def test_applying_the_batch_twice_leaves_one_row_per_payment(
    db: duckdb.DuckDBPyConnection, statement: str
) -> None:
    sql = read_example(f"{SLUG}/{statement}")
    db.execute(sql)
    first = ledger(db)
    db.execute(sql)  # a redelivery of the whole batch
    assert first == EXPECTED_LEDGER
    assert ledger(db) == EXPECTED_LEDGER
    assert db.execute(
        "SELECT SUM(amount_cents) FROM ledger WHERE account_id = 'acc-7'"
    ).fetchone() == (8500,)


@pytest.mark.parametrize("statement", SINK_STATEMENTS)
def test_an_older_version_never_overwrites_a_newer_one(
    db: duckdb.DuckDBPyConnection, statement: str
) -> None:
    sql = read_example(f"{SLUG}/{statement}")
    db.execute(sql)
    # A replay brings back version 1 of tx-1003; then version 3 (a refund) arrives.
    new_batch(db, [("tx-1003", "acc-9", 9900, "EUR", "authorized", 1, "2026-11-02 09:02:00")])
    db.execute(sql)
    assert ledger(db) == EXPECTED_LEDGER
    new_batch(db, [("tx-1003", "acc-9", 9900, "EUR", "refunded", 3, "2026-11-03 10:00:00")])
    db.execute(sql)
    assert ledger(db)[2] == ("tx-1003", "acc-9", 9900, "refunded", 3)


def test_upsert_is_postgresql_insert_on_conflict() -> None:
    tree = sqlglot.parse_one(read_example(f"{SLUG}/upsert.sql"), read="postgres")
    assert isinstance(tree, exp.Insert)
    conflict = tree.args["conflict"]
    assert isinstance(conflict, exp.OnConflict)
    assert [column.name for column in conflict.args["conflict_keys"]] == ["transaction_id"]
    assert conflict.args.get("where") is not None  # the version guard


@pytest.mark.parametrize("dialect", ["snowflake", "bigquery"])
def test_warehouse_merge_parses_in_warehouse_dialects(dialect: str) -> None:
    tree = sqlglot.parse_one(read_example(f"{SLUG}/merge_warehouse.sql"), read=dialect)
    assert isinstance(tree, exp.Merge)
    assert tree.find(exp.Qualify) is not None


def test_spark_merge_is_accepted_by_sparks_own_parser(spark: object) -> None:
    sql = read_example(f"{SLUG}/merge_spark.sql").strip().rstrip(";")
    plan = spark._jsparkSession.sessionState().sqlParser().parsePlan(sql)  # type: ignore[attr-defined]
    assert plan.getClass().getSimpleName() == "MergeIntoTable"
    assert isinstance(sqlglot.parse_one(sql, read="spark"), exp.Merge)


# --- retries with backoff and jitter -------------------------------------------------------


class Flaky:
    """Fails with the given exceptions in order, then returns 'ok'."""

    def __init__(self, *failures: BaseException) -> None:
        self.failures = list(failures)
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        if self.failures:
            raise self.failures.pop(0)
        return "ok"


def upper_bound(low: float, high: float) -> float:
    return high


def test_delay_ceiling_doubles_then_stays_at_the_cap(retry: ModuleType) -> None:
    ceilings = [retry.full_jitter_delay(n, 0.2, 1.0, upper_bound) for n in range(6)]
    assert ceilings == pytest.approx([0.2, 0.4, 0.8, 1.0, 1.0, 1.0])


def test_delay_is_drawn_between_zero_and_the_ceiling(retry: ModuleType) -> None:
    seen: list[tuple[float, float]] = []

    def record(low: float, high: float) -> float:
        seen.append((low, high))
        return (low + high) / 2

    assert retry.full_jitter_delay(3, 0.5, 60.0, record) == pytest.approx(2.0)
    assert seen == [(0.0, 4.0)]


def test_transient_failures_are_retried_with_capped_delays(retry: ModuleType) -> None:
    sleeps: list[float] = []
    operation = Flaky(*(retry.TransientError(f"timeout {n}") for n in range(4)))
    result = retry.call_with_retry(operation, max_attempts=5, base_delay=0.2, max_delay=0.5,
                                   sleep=sleeps.append, uniform=upper_bound)
    assert result == "ok"
    assert operation.calls == 5
    assert sleeps == pytest.approx([0.2, 0.4, 0.5, 0.5])
    assert max(sleeps) <= 0.5


def test_jitter_can_choose_no_wait_at_all(retry: ModuleType) -> None:
    sleeps: list[float] = []
    operation = Flaky(retry.TransientError("busy"), retry.TransientError("busy"))
    retry.call_with_retry(operation, sleep=sleeps.append, uniform=lambda low, high: low)
    assert sleeps == [0.0, 0.0]


@pytest.mark.parametrize("error", [
    lambda r: r.PermanentError("unknown account"),
    lambda r: ValueError("amount is not a number"),
])
def test_a_non_retryable_error_stops_at_once(
    retry: ModuleType, error: Callable[[ModuleType], Exception]
) -> None:
    sleeps: list[float] = []
    failure = error(retry)
    operation = Flaky(failure)
    with pytest.raises(type(failure)):
        retry.call_with_retry(operation, sleep=sleeps.append, uniform=upper_bound)
    assert operation.calls == 1
    assert sleeps == []


def test_retries_stop_after_max_attempts(retry: ModuleType) -> None:
    sleeps: list[float] = []
    operation = Flaky(*(retry.TransientError("503") for _ in range(10)))
    with pytest.raises(retry.TransientError):
        retry.call_with_retry(operation, max_attempts=3, sleep=sleeps.append,
                              uniform=upper_bound)
    assert operation.calls == 3
    assert len(sleeps) == 2


def test_poison_message_goes_to_the_dead_letter_queue(retry: ModuleType) -> None:
    dead: list[object] = []
    sleeps: list[float] = []

    def handler(message: dict[str, str]) -> None:
        raise retry.PermanentError(f"currency {message['currency']} is not supported")

    applied = retry.handle({"transaction_id": "tx-9", "currency": "XXX"}, handler, dead,
                           sleep=sleeps.append, uniform=upper_bound)
    assert applied is False
    assert sleeps == []
    assert len(dead) == 1
    assert dead[0].message["transaction_id"] == "tx-9"
    assert "XXX" in dead[0].error


def test_an_outage_is_raised_not_dead_lettered(retry: ModuleType) -> None:
    dead: list[object] = []

    def handler(message: object) -> None:
        raise retry.TransientError("ledger database unavailable")

    with pytest.raises(retry.TransientError):
        retry.handle({"transaction_id": "tx-10"}, handler, dead, max_attempts=4,
                     sleep=lambda seconds: None, uniform=upper_bound)
    assert dead == []


def test_transient_then_success_is_applied(retry: ModuleType) -> None:
    dead: list[object] = []
    seen: list[object] = []
    flaky = Flaky(retry.TransientError("timeout"))

    def handler(message: object) -> None:
        flaky()
        seen.append(message)

    assert retry.handle("tx-11", handler, dead, sleep=lambda s: None) is True
    assert seen == ["tx-11"] and dead == []


# --- the idempotent consumer ---------------------------------------------------------------

EVENTS = [
    {"transaction_id": "tx-1", "account_id": "acc-1", "amount_cents": 10000},
    {"transaction_id": "tx-2", "account_id": "acc-1", "amount_cents": -2500},
    {"transaction_id": "tx-3", "account_id": "acc-1", "amount_cents": -1000},
    # The producer timed out on tx-2, retried, and the retry landed at a new offset.
    {"transaction_id": "tx-2", "account_id": "acc-1", "amount_cents": -2500},
]


def test_replay_after_a_crash_changes_nothing(consumer: ModuleType) -> None:
    db = consumer.connect()
    applied = [consumer.apply_event(db, "payments", 0, offset, event)
               for offset, event in enumerate(EVENTS)]
    assert applied == [True, True, True, False]
    assert consumer.balance(db, "acc-1") == 6500
    # The process died before committing offsets to Kafka, so the broker redelivers from 0.
    replayed = [consumer.apply_event(db, "payments", 0, offset, event)
                for offset, event in enumerate(EVENTS)]
    assert replayed == [False, False, False, False]
    assert consumer.balance(db, "acc-1") == 6500
    assert db.execute("SELECT COUNT(*) FROM ledger").fetchone() == (3,)
    assert consumer.resume_offset(db, "payments", 0) == 4


def test_position_never_moves_backwards(consumer: ModuleType) -> None:
    db = consumer.connect()
    for offset, event in enumerate(EVENTS):
        consumer.apply_event(db, "payments", 0, offset, event)
    consumer.apply_event(db, "payments", 0, 1, EVENTS[1])
    assert consumer.resume_offset(db, "payments", 0) == 4
    assert consumer.resume_offset(db, "payments", 1) == 0


def test_position_and_row_commit_together(consumer: ModuleType, tmp_path: Path) -> None:
    path = str(tmp_path / "ledger.db")
    db = consumer.connect(path)
    consumer.apply_event(db, "payments", 0, 0, EVENTS[0])
    db.close()
    reopened = consumer.connect(path)  # a restart reads both back from disk
    assert consumer.resume_offset(reopened, "payments", 0) == 1
    assert consumer.balance(reopened, "acc-1") == 10000
    reopened.close()


# --- Structured Streaming: watermark deduplication and the checkpoint ---------------------


def write_json_lines(path: Path, rows: list[dict[str, object]]) -> None:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")


def payment(tx: str, cents: int, at: str) -> dict[str, object]:
    return {"transaction_id": tx, "account_id": "acc-1", "amount_cents": cents,
            "event_time": f"2026-11-02T{at}Z"}


def test_stream_drops_duplicates_across_a_restart(spark: object, examples_dir: Path,
                                                   tmp_path: Path) -> None:
    stream = load_module(examples_dir, "stream_dedupe")
    source, checkpoint = tmp_path / "in", tmp_path / "checkpoint"
    source.mkdir()
    written: list[tuple[int, list[str]]] = []

    def write_batch(batch: Any, batch_id: int) -> None:
        ids = sorted(row.transaction_id for row in batch.collect())
        if ids:
            written.append((batch_id, ids))

    def run() -> None:
        query = stream.start(spark, str(source), str(checkpoint), write_batch)
        query.awaitTermination()
        assert query.exception() is None

    write_json_lines(source / "part-1.json", [
        payment("tx-1", 10000, "09:00:00"),
        payment("tx-2", -2500, "09:01:00"),
        payment("tx-2", -2500, "09:01:00"),  # duplicate inside the first batch
    ])
    run()
    assert [ids for _, ids in written] == [["tx-1", "tx-2"]]

    # A new process, same checkpoint: a producer retry of tx-2 (new timestamp) and a new payment.
    write_json_lines(source / "part-2.json", [
        payment("tx-2", -2500, "09:01:07"),
        payment("tx-3", -1000, "09:10:00"),
    ])
    run()
    assert [ids for _, ids in written] == [["tx-1", "tx-2"], ["tx-3"]]

    run()  # nothing new: the checkpoint's offsets stop the files being read again
    assert len(written) == 2
    assert written[1][0] > written[0][0]  # batch IDs keep increasing across restarts
