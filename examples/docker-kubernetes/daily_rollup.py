"""Daily order roll-up: the batch step that the image in Dockerfile runs and cronjob.yaml schedules.

Reads one day of raw order files  <input-dir>/date=YYYY-MM-DD/*.csv
and writes one file per day        <output-dir>/date=YYYY-MM-DD/part-0.parquet

Idempotent: a rerun for the same day replaces that day's file atomically (write a temporary
file, then rename it), so Kubernetes can retry the Pod without duplicating data.

Exit codes are part of the contract with the Job's podFailurePolicy:
  0  success
  1  retryable (the day's input has not arrived yet, a storage hiccup): let the Job retry
  2  permanent (bad arguments, malformed input): retrying cannot help, fail the Job now
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

import duckdb

EXIT_RETRYABLE = 1
EXIT_BAD_INPUT = 2
COLUMNS = {"order_id": "VARCHAR", "customer_id": "VARCHAR", "amount": "DECIMAL(12,2)", "ordered_at": "TIMESTAMP"}


def log(level: str, message: str, **fields: object) -> None:
    """One JSON object per line on stdout: the container runtime collects it as the Pod's log."""
    print(json.dumps({"level": level, "msg": message, "job": "daily-order-rollup", **fields}, default=str))


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--run-date", help="day to process, YYYY-MM-DD (default: yesterday, UTC)")
    parser.add_argument("--input-dir", type=Path, default=Path("/data/raw/orders"))
    parser.add_argument("--output-dir", type=Path, default=Path("/data/marts/daily_orders"))
    parser.add_argument("--memory-limit", default="768MB", help="DuckDB's cap; keep it below the container limit")
    parser.add_argument("--temp-dir", default="/tmp/duckdb", help="where DuckDB spills (a writable emptyDir)")
    return parser.parse_args(argv)


def rollup(args: argparse.Namespace) -> int:
    try:
        day = dt.date.fromisoformat(args.run_date) if args.run_date else (
            dt.datetime.now(dt.timezone.utc).date() - dt.timedelta(days=1))
    except ValueError:
        log("error", "run date is not YYYY-MM-DD", run_date=args.run_date)
        return EXIT_BAD_INPUT

    source = args.input_dir / f"date={day.isoformat()}"
    files = sorted(source.glob("*.csv"))
    if not files:
        log("warning", "input not there yet", path=str(source))
        return EXIT_RETRYABLE

    con = duckdb.connect()  # in memory; nothing survives the Pod except the output file
    con.execute(f"SET memory_limit = '{args.memory_limit}'")
    con.execute(f"SET temp_directory = '{args.temp_dir}'")
    try:
        con.execute(
            # DISTINCT absorbs a file delivered twice; conflicting copies are caught below.
            "CREATE TABLE orders AS SELECT DISTINCT * FROM read_csv(?, header = true, columns = ?)",
            [[str(f) for f in files], COLUMNS],
        )
    except duckdb.Error as error:  # wrong columns, unparsable values
        log("error", "malformed input", path=str(source), error=str(error).splitlines()[0])
        return EXIT_BAD_INPUT

    bad = con.execute(
        """SELECT count(*) FROM orders
           WHERE amount < 0 OR CAST(ordered_at AS DATE) <> ?
              OR order_id IN (SELECT order_id FROM orders GROUP BY order_id HAVING count(*) > 1)""",
        [day],
    ).fetchone()[0]
    if bad:
        log("error", "rows fail validation", rows=bad, path=str(source))
        return EXIT_BAD_INPUT

    target = args.output_dir / f"date={day.isoformat()}"
    target.mkdir(parents=True, exist_ok=True)
    final = target / "part-0.parquet"
    temporary = target / f".part-0.parquet.{os.getpid()}.tmp"
    con.execute(
        f"""COPY (
              SELECT customer_id, count(*) AS orders, sum(amount) AS revenue
              FROM orders GROUP BY customer_id ORDER BY customer_id
            ) TO '{temporary}' (FORMAT parquet)"""
    )
    os.replace(temporary, final)  # atomic on one file system: readers see the old day or the new one
    customers = con.execute(f"SELECT count(*) FROM read_parquet('{final}')").fetchone()[0]
    log("info", "day written", run_date=day, input_files=len(files), customers=customers, path=str(final))
    return 0


def main(argv: list[str] | None = None) -> int:
    try:
        return rollup(parse_args(argv))
    except OSError as error:  # a volume that is briefly unavailable is worth a retry
        log("error", "storage error", error=str(error))
        return EXIT_RETRYABLE


if __name__ == "__main__":
    sys.exit(main())
