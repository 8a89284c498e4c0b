"""Runs the examples of docs/core-concepts/slow-sql-query.md (examples/slow-sql-query/).

SQLite (standard library) gives deterministic plans: the tests check that each plan the page
shows is the plan SQLite produces, that the rewrite returns the same rows as the original and
does far less work, and that the PostgreSQL-only statements parse as PostgreSQL.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from types import ModuleType

import pytest

import sqlglot
from sqlglot import exp

from conftest import import_example, read_example

SLUG = "slow-sql-query"


@pytest.fixture(scope="module")
def explain(examples_dir: Path) -> ModuleType:
    """The page's explain.py helper, imported from the examples folder."""
    module = import_example(examples_dir / SLUG / "explain.py", "slow_sql_explain")
    return module


@pytest.fixture()
def plain_db(explain: ModuleType) -> sqlite3.Connection:
    return explain.build()


@pytest.fixture()
def indexed_db(explain: ModuleType) -> sqlite3.Connection:
    return explain.build(with_index=True)


def test_schema_loads_the_data_the_page_describes(plain_db: sqlite3.Connection) -> None:
    assert plain_db.execute("SELECT COUNT(*) FROM customers").fetchone() == (1000,)
    assert plain_db.execute("SELECT COUNT(*) FROM orders").fetchone() == (60000,)
    first, last = plain_db.execute("SELECT MIN(order_date), MAX(order_date) FROM orders").fetchone()
    assert first.startswith("2025-01") and last.startswith("2026-12")


def test_slow_query_scans_the_whole_orders_table(explain: ModuleType, plain_db: sqlite3.Connection) -> None:
    plan = explain.query_plan(plain_db, read_example(f"{SLUG}/slow_query.sql"))
    assert plan + "\n" == read_example(f"{SLUG}/plan_slow.txt")
    assert "|--SCAN o" in plan.splitlines()


def test_index_alone_cannot_seek_on_a_wrapped_column(explain: ModuleType, indexed_db: sqlite3.Connection) -> None:
    plan = explain.query_plan(indexed_db, read_example(f"{SLUG}/slow_query.sql"))
    assert plan + "\n" == read_example(f"{SLUG}/plan_slow_indexed.txt")
    # The index is used for status only: strftime(order_date) hides the date range from it.
    assert "COVERING INDEX idx_orders_status_date (status=?)" in plan
    assert "order_date>?" not in plan


def test_rewrite_seeks_on_status_and_date_range(explain: ModuleType, indexed_db: sqlite3.Connection) -> None:
    plan = explain.query_plan(indexed_db, read_example(f"{SLUG}/fast_query.sql"))
    assert plan + "\n" == read_example(f"{SLUG}/plan_fast.txt")
    assert "SEARCH o USING COVERING INDEX idx_orders_status_date " \
           "(status=? AND order_date>? AND order_date<?)" in plan
    assert "SCAN o" not in plan


def test_rewrite_returns_the_same_rows_with_far_less_work(
        explain: ModuleType, plain_db: sqlite3.Connection, indexed_db: sqlite3.Connection) -> None:
    slow_steps, slow_rows = explain.vm_steps(plain_db, read_example(f"{SLUG}/slow_query.sql"))
    fast_steps, fast_rows = explain.vm_steps(indexed_db, read_example(f"{SLUG}/fast_query.sql"))
    assert fast_rows == slow_rows
    assert [region for region, _, _ in fast_rows] == ["APAC", "EMEA", "LATAM", "NA-EAST", "NA-WEST"]
    # October 2026 only, paid only: cross-check against a plain count.
    expected_orders = plain_db.execute(
        "SELECT COUNT(*) FROM orders WHERE status = 'paid' AND order_date LIKE '2026-10-%'").fetchone()[0]
    assert sum(count for _, count, _ in fast_rows) == expected_orders > 0
    # The page claims several times less work; the measured ratio is about 7.5x.
    assert fast_steps * 5 < slow_steps


def test_leftmost_prefix_and_skip_scan(explain: ModuleType) -> None:
    """Without statistics the second index column alone is useless; after ANALYZE SQLite
    skip-scans the few distinct statuses (the page's composite-index tab)."""
    query = read_example(f"{SLUG}/leftmost_prefix.sql")
    con = explain.build()
    con.execute("CREATE INDEX idx_orders_status_date ON orders (status, order_date, customer_id, amount_cents)")
    assert explain.query_plan(con, query) == "QUERY PLAN\n`--SCAN orders"
    con.execute("ANALYZE")
    plan = explain.query_plan(con, query)
    assert "ANY(status) AND order_date>? AND order_date<?" in plan
    assert con.execute(query).fetchone() == \
        con.execute("SELECT COUNT(*) FROM orders WHERE order_date LIKE '2026-10-%'").fetchone()


def test_window_function_matches_self_join_with_less_work(explain: ModuleType, plain_db: sqlite3.Connection) -> None:
    join_steps, join_rows = explain.vm_steps(plain_db, read_example(f"{SLUG}/running_total_self_join.sql"))
    window_steps, window_rows = explain.vm_steps(plain_db, read_example(f"{SLUG}/running_total_window.sql"))
    assert window_rows == join_rows
    assert len(window_rows) == 2400  # 50 customers x 48 paid orders each
    # Each customer's last running total equals that customer's paid revenue.
    last_per_customer = {customer: total for customer, _, _, total in window_rows}
    revenue = dict(plain_db.execute(
        "SELECT customer_id, SUM(amount_cents) FROM orders "
        "WHERE status = 'paid' AND customer_id <= 50 GROUP BY customer_id"))
    assert last_per_customer == revenue
    assert window_steps * 4 < join_steps


def test_postgres_fixes_parse_as_postgresql() -> None:
    statements = sqlglot.parse(read_example(f"{SLUG}/postgres_fixes.sql"), read="postgres")
    assert len(statements) == 8

    covering = statements[0]
    assert isinstance(covering, exp.Create) and covering.args["kind"] == "INDEX"
    index_sql = covering.sql(dialect="postgres")
    assert "CONCURRENTLY" in index_sql
    assert "INCLUDE (customer_id, amount_cents)" in index_sql

    assert isinstance(statements[1], exp.Analyze)

    trigram = statements[3]
    assert isinstance(trigram, exp.Create)
    assert "USING gin(email gin_trgm_ops)" in trigram.sql(dialect="postgres")

    view = statements[4]
    assert isinstance(view, exp.Create) and view.args["kind"] == "VIEW"
    assert view.find(exp.MaterializedProperty) is not None

    assert "UNIQUE INDEX region_month_revenue_key" in statements[5].sql(dialect="postgres")
    refresh = statements[6]
    assert refresh.sql(dialect="postgres").startswith("REFRESH MATERIALIZED VIEW CONCURRENTLY")

    cte_query = statements[7]
    cte = cte_query.find(exp.CTE)
    assert cte is not None and cte.args.get("materialized") is True
