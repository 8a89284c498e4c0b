"""Runs the examples of docs/core-concepts/slowly-changing-dimensions.md
(examples/slowly-changing-dimensions/).

The page's scenario: customer C-1001 moves from North to South on 2026-03-15. Three dimension
batches and two fact batches go through scd2_merge.sql and load_facts.sql on DuckDB. The tests
check the Type 2 rows the page shows, that reruns change nothing, that each sale carries the key
of the version in force on its date (including a sale that arrives late and a customer who
arrives after her first sale), and that the reports, the point-in-time join and the ASOF join
give the numbers on the page. The Type 1 and Type 3 files must leave the rows their tabs show.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

import duckdb
import pytest

from conftest import read_example

SLUG = "slowly-changing-dimensions"
OPEN_END = dt.date(9999, 12, 31)

# Dimension batches: (customer_id, customer_name, region, changed_on).
DIM_BATCH_1 = [("C-1001", "Asha Verma", "North", "2025-06-01"),
               ("C-1002", "Tom Okafor", "West", "2025-09-12")]
DIM_BATCH_2 = [("C-1001", "Asha Verma", "South", "2026-03-15"),
               ("C-1002", "Tom Okafor", "West", "2025-09-12")]
DIM_BATCH_3 = DIM_BATCH_2 + [("C-1003", "Lena Fischer", "East", "2026-04-01")]

# Fact batches: (sale_id, customer_id, sale_date, amount).
FACT_BATCH_1 = [("S-1", "C-1001", "2026-02-10", 100),
                ("S-2", "C-1002", "2026-03-01", 80),
                ("S-3", "C-1001", "2026-03-14", 40)]
FACT_BATCH_2 = [("S-4", "C-1001", "2026-03-15", 60),
                ("S-5", "C-1001", "2026-04-02", 75),
                ("S-6", "C-1001", "2026-03-01", 30),   # late-arriving fact: dated before the move
                ("S-7", "C-1003", "2026-04-03", 20)]   # its customer is not in the warehouse yet

# The dimension the page shows after the three batches.
FINAL_DIMENSION = [
    (1, "C-1001", "Asha Verma", "North", dt.date(2025, 6, 1), dt.date(2026, 3, 15), False, False),
    (2, "C-1002", "Tom Okafor", "West", dt.date(2025, 9, 12), OPEN_END, True, False),
    (3, "C-1001", "Asha Verma", "South", dt.date(2026, 3, 15), OPEN_END, True, False),
    (4, "C-1003", "Lena Fischer", "East", dt.date(1900, 1, 1), OPEN_END, True, False),
]
REGION_ON_SALE_DATE = [("S-1", "North"), ("S-2", "West"), ("S-3", "North"), ("S-4", "South"),
                       ("S-5", "South"), ("S-6", "North"), ("S-7", "East")]
AS_WAS = [("East", 1, Decimal("20.00")), ("North", 3, Decimal("170.00")),
          ("South", 2, Decimal("135.00")), ("West", 1, Decimal("80.00"))]
AS_IS = [("East", 1, Decimal("20.00")), ("South", 5, Decimal("305.00")),
         ("West", 1, Decimal("80.00"))]


def sql(name: str) -> str:
    return read_example(f"{SLUG}/{name}")


class Warehouse:
    """A DuckDB database with the page's schema and the two load steps."""

    def __init__(self) -> None:
        self.db = duckdb.connect()
        self.db.execute(sql("schema.sql"))

    def load_dimension(self, rows: list[tuple[str, str, str, str]]) -> None:
        self.db.execute("DELETE FROM stg_customer")
        self.db.executemany("INSERT INTO stg_customer VALUES (?, ?, ?, ?)", rows)
        self.db.execute(sql("scd2_merge.sql"))

    def load_facts(self, rows: list[tuple[str, str, str, int]]) -> None:
        self.db.execute("DELETE FROM stg_sales")
        self.db.executemany("INSERT INTO stg_sales VALUES (?, ?, ?, ?)", rows)
        self.db.execute(sql("load_facts.sql"))

    def dimension(self) -> list[tuple]:
        return self.db.execute("FROM dim_customer ORDER BY customer_key").fetchall()

    def keys(self) -> dict[str, int]:
        return dict(self.db.execute("SELECT sale_id, customer_key FROM fact_sales").fetchall())

    def query(self, name: str) -> list[tuple]:
        return self.db.execute(sql(name)).fetchall()


@pytest.fixture()
def warehouse() -> Iterator[Warehouse]:
    w = Warehouse()
    yield w
    w.db.close()


@pytest.fixture()
def loaded(warehouse: Warehouse) -> Warehouse:
    """The whole scenario: dim 1, facts 1, dim 2, facts 2, dim 3."""
    warehouse.load_dimension(DIM_BATCH_1)
    warehouse.load_facts(FACT_BATCH_1)
    warehouse.load_dimension(DIM_BATCH_2)
    warehouse.load_facts(FACT_BATCH_2)
    warehouse.load_dimension(DIM_BATCH_3)
    return warehouse


def test_first_load_creates_one_current_version_per_customer(warehouse: Warehouse) -> None:
    warehouse.load_dimension(DIM_BATCH_1)
    assert warehouse.dimension() == [
        (1, "C-1001", "Asha Verma", "North", dt.date(2025, 6, 1), OPEN_END, True, False),
        (2, "C-1002", "Tom Okafor", "West", dt.date(2025, 9, 12), OPEN_END, True, False),
    ]


def test_region_change_closes_the_old_version_and_opens_a_new_one(warehouse: Warehouse) -> None:
    warehouse.load_dimension(DIM_BATCH_1)
    warehouse.load_dimension(DIM_BATCH_2)
    assert warehouse.dimension() == [
        (1, "C-1001", "Asha Verma", "North", dt.date(2025, 6, 1), dt.date(2026, 3, 15), False, False),
        (2, "C-1002", "Tom Okafor", "West", dt.date(2025, 9, 12), OPEN_END, True, False),
        (3, "C-1001", "Asha Verma", "South", dt.date(2026, 3, 15), OPEN_END, True, False),
    ]


def test_the_whole_scenario_leaves_the_dimension_on_the_page(loaded: Warehouse) -> None:
    assert loaded.dimension() == FINAL_DIMENSION


def test_rerunning_every_batch_changes_nothing(loaded: Warehouse) -> None:
    dimension, keys = loaded.dimension(), loaded.keys()
    loaded.load_dimension(DIM_BATCH_2)
    loaded.load_facts(FACT_BATCH_2)
    loaded.load_dimension(DIM_BATCH_3)
    assert loaded.dimension() == dimension
    assert loaded.keys() == keys


def test_versions_tile_time_without_gaps_or_overlaps(loaded: Warehouse) -> None:
    problems = loaded.db.execute("""
        SELECT customer_id, valid_from, valid_to, next_from
        FROM (SELECT *, lead(valid_from) OVER (PARTITION BY customer_id ORDER BY valid_from)
                        AS next_from
              FROM dim_customer)
        WHERE valid_from >= valid_to
           OR (next_from IS NOT NULL AND next_from <> valid_to)
           OR (next_from IS NULL AND (valid_to <> DATE '9999-12-31' OR NOT is_current))
           OR (next_from IS NOT NULL AND is_current)
    """).fetchall()
    assert problems == []


def test_each_sale_keeps_the_key_of_the_version_in_force_on_its_date(loaded: Warehouse) -> None:
    keys = loaded.keys()
    assert keys["S-3"] == 1          # 2026-03-14: the last day in North
    assert keys["S-4"] == 3          # 2026-03-15: the first day in South (half-open interval)
    assert keys["S-6"] == 1          # loaded after the move, dated before it: still North
    assert keys["S-7"] == 4          # the placeholder's key, kept when the customer arrived


def test_a_current_row_lookup_would_put_the_late_sale_in_the_wrong_region(loaded: Warehouse) -> None:
    """The mistake load_facts.sql avoids: keying every incoming fact to the current version."""
    naive = loaded.db.execute("""
        SELECT d.region FROM stg_sales AS s
        JOIN dim_customer AS d ON d.customer_id = s.customer_id AND d.is_current
        WHERE s.sale_id = 'S-6'
    """).fetchone()
    assert naive == ("South",)
    assert loaded.keys()["S-6"] == 1
    assert loaded.db.execute("SELECT region FROM dim_customer WHERE customer_key = 1").fetchone() == ("North",)


def test_late_arriving_customer_is_a_placeholder_until_her_row_arrives(warehouse: Warehouse) -> None:
    warehouse.load_dimension(DIM_BATCH_1)
    warehouse.load_facts(FACT_BATCH_1)
    warehouse.load_dimension(DIM_BATCH_2)
    warehouse.load_facts(FACT_BATCH_2)
    assert warehouse.keys()["S-7"] == 4
    assert ("Unknown", 1, Decimal("20.00")) in warehouse.query("report_as_was.sql")
    warehouse.load_dimension(DIM_BATCH_3)
    assert warehouse.keys()["S-7"] == 4
    assert ("East", 1, Decimal("20.00")) in warehouse.query("report_as_was.sql")


def test_every_staged_sale_is_loaded(loaded: Warehouse) -> None:
    assert loaded.db.execute("SELECT COUNT(*), SUM(amount) FROM fact_sales").fetchone() == (7, Decimal("405.00"))


def test_as_was_report_uses_the_region_in_force_on_each_sale_date(loaded: Warehouse) -> None:
    assert loaded.query("report_as_was.sql") == AS_WAS


def test_as_is_report_restates_history_by_current_region(loaded: Warehouse) -> None:
    assert loaded.query("report_as_is.sql") == AS_IS


def test_point_in_time_and_asof_joins_agree_with_the_surrogate_key(loaded: Warehouse) -> None:
    by_key = loaded.db.execute("""
        SELECT f.sale_id, d.region FROM fact_sales AS f
        JOIN dim_customer AS d USING (customer_key) ORDER BY f.sale_id
    """).fetchall()
    point_in_time = [(s, r) for s, _, r in loaded.query("point_in_time.sql")]
    asof = [(s, r) for s, _, r in loaded.query("asof_lookup.sql")]
    assert by_key == point_in_time == asof == REGION_ON_SALE_DATE


def test_type_1_overwrites_the_only_row() -> None:
    db = duckdb.connect()
    db.execute(sql("scd1_overwrite.sql"))
    assert db.execute("FROM dim_customer_t1 ORDER BY customer_key").fetchall() == [
        (1, "C-1001", "Asha Verma", "South"),
        (2, "C-1002", "Tom Okafor", "West"),
    ]


def test_type_3_keeps_exactly_one_prior_value() -> None:
    db = duckdb.connect()
    db.execute(sql("scd3_prior_value.sql"))
    assert db.execute("FROM dim_customer_t3 ORDER BY customer_key").fetchall() == [
        (1, "C-1001", "Asha Verma", "South", "North", dt.date(2026, 3, 15)),
        (2, "C-1002", "Tom Okafor", "West", None, None),
    ]
