"""Runs the examples of docs/core-concepts/kimball-vs-inmon.md (examples/kimball-vs-inmon/).

The star schema (Kimball) and the normalised warehouse (Inmon) hold the same eleven order lines.
The tests check that the star query returns the table the page shows, that the 3NF warehouse
answers the same question with the same numbers (with twice as many joins), that a dependent
mart loaded from the 3NF warehouse gives the same answer again, and that drilling across two
fact tables through conformed dimensions gives the refund rates the page states, where a naive
fact-to-fact join would not.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import duckdb
import pytest
import sqlglot
from sqlglot import exp

from conftest import read_example

SLUG = "kimball-vs-inmon"

# The answer the page shows for star_query.sql: (quarter, region, category, units, net sales).
NET_SALES = [
    ("2026-Q1", "North", "Bikes", 3, Decimal("3600.00")),
    ("2026-Q1", "North", "Helmets", 10, Decimal("540.00")),
    ("2026-Q1", "North", "Locks", 4, Decimal("90.00")),
    ("2026-Q1", "South", "Bikes", 2, Decimal("1250.00")),
    ("2026-Q1", "South", "Helmets", 10, Decimal("540.00")),
    ("2026-Q2", "North", "Bikes", 3, Decimal("2950.00")),
    ("2026-Q2", "North", "Locks", 10, Decimal("250.00")),
    ("2026-Q2", "South", "Bikes", 4, Decimal("2400.00")),
    ("2026-Q2", "South", "Helmets", 3, Decimal("165.00")),
]

# The answer the page shows for drill_across.sql: (category, net sales, refunds, refund %).
DRILL_ACROSS = [
    ("Bikes", Decimal("10200.00"), Decimal("625.00"), 6.1),
    ("Helmets", Decimal("1245.00"), Decimal("108.00"), 8.7),
    ("Locks", Decimal("340.00"), Decimal("50.00"), 14.7),
]


def sql(name: str) -> str:
    return read_example(f"{SLUG}/{name}")


@pytest.fixture()
def star() -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect()
    connection.execute(sql("star_schema.sql"))
    connection.execute(sql("star_seed.sql"))
    yield connection
    connection.close()


@pytest.fixture()
def edw() -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect()
    connection.execute(sql("edw_3nf.sql"))
    yield connection
    connection.close()


def test_seed_loads_a_full_calendar_and_eleven_order_lines(star: duckdb.DuckDBPyConnection) -> None:
    assert star.execute("SELECT COUNT(*), MIN(full_date), MAX(full_date) FROM dim_date").fetchone()[0] == 365
    assert star.execute("SELECT COUNT(*), SUM(net_amount) FROM fact_sales").fetchone() == (11, Decimal("11785.00"))
    # Every fact row finds its dimension rows: no orphan keys.
    orphans = star.execute("""
        SELECT COUNT(*) FROM fact_sales AS f
        LEFT JOIN dim_date AS d USING (date_key)
        LEFT JOIN dim_customer AS c USING (customer_key)
        LEFT JOIN dim_product AS p USING (product_key)
        WHERE d.date_key IS NULL OR c.customer_key IS NULL OR p.product_key IS NULL
    """).fetchone()
    assert orphans == (0,)


def test_star_query_returns_the_table_on_the_page(star: duckdb.DuckDBPyConnection) -> None:
    assert star.execute(sql("star_query.sql")).fetchall() == NET_SALES


def test_fact_table_rejects_a_second_row_at_the_same_grain(star: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(duckdb.ConstraintException):
        star.execute("INSERT INTO fact_sales VALUES (20260112, 1, 1, 'SO-1001', 1, 1, 60.00)")


def test_3nf_warehouse_gives_the_same_answer(edw: duckdb.DuckDBPyConnection) -> None:
    assert edw.execute(sql("edw_query.sql")).fetchall() == NET_SALES


def test_3nf_query_needs_twice_the_joins_of_the_star_query() -> None:
    star_joins = len(list(sqlglot.parse_one(sql("star_query.sql"), read="duckdb").find_all(exp.Join)))
    edw_joins = len(list(sqlglot.parse_one(sql("edw_query.sql"), read="duckdb").find_all(exp.Join)))
    assert (star_joins, edw_joins) == (3, 6)


def test_dependent_mart_loaded_from_the_3nf_warehouse_matches(edw: duckdb.DuckDBPyConnection) -> None:
    edw.execute(sql("star_schema.sql"))
    edw.execute(sql("edw_to_mart.sql"))
    assert edw.execute("SELECT COUNT(*) FROM dim_customer").fetchone() == (4,)
    assert edw.execute("SELECT COUNT(*) FROM fact_sales").fetchone() == (11,)
    assert edw.execute(sql("star_query.sql")).fetchall() == NET_SALES


def test_drill_across_gives_the_refund_rates_on_the_page(star: duckdb.DuckDBPyConnection) -> None:
    rows = star.execute(sql("drill_across.sql")).fetchall()
    assert [(c, s, r, float(p)) for c, s, r, p in rows] == DRILL_ACROSS


def test_joining_two_fact_tables_row_to_row_overstates_refunds(star: duckdb.DuckDBPyConnection) -> None:
    """The trap the drill-across query avoids: every City bike sale repeats the one return."""
    naive = dict(star.execute("""
        SELECT p.category, SUM(r.refund_amount)
        FROM fact_sales AS s
        JOIN fact_returns AS r ON r.product_key = s.product_key
        JOIN dim_product  AS p ON p.product_key = s.product_key
        GROUP BY p.category
    """).fetchall())
    correct = {category: refunds for category, _, refunds, _ in DRILL_ACROSS}
    assert naive["Bikes"] == Decimal("1875.00") != correct["Bikes"]
