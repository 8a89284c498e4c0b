"""Runs the examples of docs/core-concepts/etl-vs-elt.md (examples/etl-vs-elt/).

ELT: the raw seed is loaded into DuckDB as an extract-and-load tool would leave it; the dbt
models are compiled the way dbt resolves source() and ref() (source names from schema.yml,
models as relations of the same name), built in dependency order (staging as views, the mart as
a table, as its config says), and the mart must hold the numbers the page states. The data tests
declared in schema.yml are then run as the SQL dbt generates for unique and not_null.

ETL: the pseudonymising transform runs before the load; nothing personal may reach the target.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from types import ModuleType

import duckdb
import pytest

import sqlglot
import yaml
from sqlglot import exp

from conftest import import_example, read_example

SLUG = "etl-vs-elt"
MODELS = {
    "stg_shop__orders": "models/staging/stg_shop__orders.sql",
    "stg_shop__customers": "models/staging/stg_shop__customers.sql",
    "daily_revenue_by_country": "models/marts/daily_revenue_by_country.sql",
}
# The mart the page shows: o-3 is cancelled, o-2 counts once with its newest status.
EXPECTED_MART = [
    (date(2026, 11, 1), "DE", "EUR", 1, 4000),
    (date(2026, 11, 1), "PT", "EUR", 1, 2500),
    (date(2026, 11, 2), "DE", "EUR", 1, 501),
    (date(2026, 11, 2), "FR", "EUR", 1, 9999),
]

SOURCE = re.compile(r"\{\{\s*source\(\s*'(\w+)'\s*,\s*'(\w+)'\s*\)\s*\}\}")
REF = re.compile(r"\{\{\s*ref\(\s*'(\w+)'\s*\)\s*\}\}")
CONFIG = re.compile(r"\{\{\s*config\((.*?)\)\s*\}\}", re.S)


def properties() -> dict:
    return yaml.safe_load(read_example(f"{SLUG}/models/schema.yml"))


def compile_model(sql: str) -> tuple[str, str]:
    """Resolve source()/ref() and read the materialization; return (select, materialization)."""
    schemas = {source["name"]: source["schema"] for source in properties()["sources"]}
    config = CONFIG.search(sql)
    materialized = "view"  # dbt's default
    if config:
        found = re.search(r"materialized\s*=\s*'(\w+)'", config.group(1))
        materialized = found.group(1) if found else materialized
    sql = CONFIG.sub("", sql)
    sql = SOURCE.sub(lambda m: f"{schemas[m.group(1)]}.{m.group(2)}", sql)
    sql = REF.sub(lambda m: m.group(1), sql)
    assert "{{" not in sql and "{%" not in sql, "a Jinja construct the test does not compile"
    return sql, materialized


def dependencies(name: str) -> set[str]:
    return set(REF.findall(read_example(f"{SLUG}/{MODELS[name]}")))


def build_order() -> list[str]:
    done: list[str] = []
    while len(done) < len(MODELS):
        ready = [n for n in MODELS if n not in done and dependencies(n) <= set(done)]
        assert ready, "the models' refs form a cycle"
        done.extend(sorted(ready))
    return done


@pytest.fixture()
def warehouse() -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect()
    connection.execute(read_example(f"{SLUG}/raw_seed.sql"))
    for name in build_order():
        select, materialized = compile_model(read_example(f"{SLUG}/{MODELS[name]}"))
        kind = {"view": "VIEW", "table": "TABLE"}[materialized]
        connection.execute(f"CREATE {kind} {name} AS {select}")
    yield connection
    connection.close()


# --- ELT: the SQL models ------------------------------------------------------------------


def test_models_build_in_dependency_order() -> None:
    order = build_order()
    assert order.index("daily_revenue_by_country") > order.index("stg_shop__orders")
    assert order.index("daily_revenue_by_country") > order.index("stg_shop__customers")


def test_materializations_follow_the_configs(warehouse: duckdb.DuckDBPyConnection) -> None:
    kinds = dict(warehouse.execute(
        "SELECT table_name, table_type FROM information_schema.tables "
        "WHERE table_schema = 'main'"
    ).fetchall())
    assert kinds == {
        "stg_shop__orders": "VIEW",
        "stg_shop__customers": "VIEW",
        "daily_revenue_by_country": "BASE TABLE",
    }


def test_raw_layer_keeps_every_extraction(warehouse: duckdb.DuckDBPyConnection) -> None:
    assert warehouse.execute("SELECT COUNT(*) FROM raw.orders").fetchone() == (6,)
    assert warehouse.execute("SELECT COUNT(*) FROM stg_shop__orders").fetchone() == (5,)


def test_staging_keeps_the_newest_extraction_and_cleans_types(
    warehouse: duckdb.DuckDBPyConnection,
) -> None:
    rows = warehouse.execute(
        "SELECT order_id, status, amount_cents, currency FROM stg_shop__orders ORDER BY order_id"
    ).fetchall()
    assert rows == [
        ("o-1", "completed", 2500, "EUR"),
        ("o-2", "completed", 4000, "EUR"),
        ("o-3", "cancelled", 1250, "EUR"),
        ("o-4", "completed", 9999, "EUR"),
        ("o-5", "completed", 501, "EUR"),
    ]


def test_no_personal_data_leaves_the_raw_layer(warehouse: duckdb.DuckDBPyConnection) -> None:
    columns = {row[0] for row in warehouse.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'main'"
    ).fetchall()}
    assert "email" not in columns and "full_name" not in columns
    assert warehouse.execute("SELECT country_code FROM stg_shop__customers ORDER BY 1").fetchall() \
        == [("DE",), ("FR",), ("PT",)]


def test_mart_answers_the_business_question(warehouse: duckdb.DuckDBPyConnection) -> None:
    assert warehouse.execute(
        "SELECT * FROM daily_revenue_by_country ORDER BY order_date, country_code"
    ).fetchall() == EXPECTED_MART


def test_rebuilding_from_raw_is_repeatable(warehouse: duckdb.DuckDBPyConnection) -> None:
    select, _ = compile_model(read_example(f"{SLUG}/{MODELS['daily_revenue_by_country']}"))
    warehouse.execute(f"CREATE OR REPLACE TABLE daily_revenue_by_country AS {select}")
    warehouse.execute(f"CREATE OR REPLACE TABLE daily_revenue_by_country AS {select}")
    assert warehouse.execute(
        "SELECT * FROM daily_revenue_by_country ORDER BY order_date, country_code"
    ).fetchall() == EXPECTED_MART


def declared_tests() -> list[tuple[str, str, str]]:
    found = []
    for model in properties()["models"]:
        for column in model["columns"]:
            for test in column.get("data_tests", []):
                found.append((model["name"], column["name"], test))
    return found


def test_schema_yml_declares_tests_for_every_model() -> None:
    assert properties()["version"] == 2
    assert {model for model, _, _ in declared_tests()} == set(MODELS)
    assert ("stg_shop__orders", "order_id", "unique") in declared_tests()


@pytest.mark.parametrize("model, column, test", declared_tests())
def test_declared_data_tests_pass(warehouse: duckdb.DuckDBPyConnection,
                                  model: str, column: str, test: str) -> None:
    # The failing rows dbt's generic tests select: a test passes when none come back.
    failing = {
        "unique": f"SELECT {column} FROM {model} WHERE {column} IS NOT NULL "
                  f"GROUP BY {column} HAVING COUNT(*) > 1",
        "not_null": f"SELECT {column} FROM {model} WHERE {column} IS NULL",
    }[test]
    assert warehouse.execute(failing).fetchall() == []


def test_unique_test_would_catch_the_raw_duplicates(warehouse: duckdb.DuckDBPyConnection) -> None:
    assert warehouse.execute(
        "SELECT order_id FROM raw.orders GROUP BY order_id HAVING COUNT(*) > 1"
    ).fetchall() == [("o-2",)]


@pytest.mark.parametrize("dialect", ["snowflake", "bigquery", "databricks"])
def test_models_parse_in_cloud_warehouse_dialects(dialect: str) -> None:
    for path in MODELS.values():
        select, _ = compile_model(read_example(f"{SLUG}/{path}"))
        assert isinstance(sqlglot.parse_one(select, read=dialect), exp.Select)


# --- ETL: transform before load -----------------------------------------------------------

SOURCE_RECORDS = [
    {"customer_id": "c-1", "email": "Ana@Example.com ", "full_name": "Ana Silva",
     "country_code": "pt"},
    {"customer_id": "c-2", "email": "ben@example.org", "full_name": "Ben Okafor",
     "country_code": "DE"},
    {"customer_id": "c-3", "email": "not-an-address", "full_name": "Chloé Martin",
     "country_code": "FR"},
    {"customer_id": "", "email": "dan@example.com", "full_name": "Dan", "country_code": "IE"},
    {"customer_id": "c-5", "email": "eve@example.com", "full_name": "Eve", "country_code": "E1"},
]
KEY = b"test-only-key-from-a-secret-store"


@pytest.fixture(scope="module")
def etl(examples_dir: Path) -> ModuleType:
    path = examples_dir / SLUG / "etl_pseudonymise.py"
    module = import_example(path, "etl_pseudonymise")
    return module


def test_transform_splits_rows_and_rejects(etl: ModuleType) -> None:
    rows, rejects = etl.transform(SOURCE_RECORDS, KEY)
    assert [row["customer_id"] for row in rows] == ["c-1", "c-2"]
    assert [row["country_code"] for row in rows] == ["PT", "DE"]
    assert rejects == [
        {"customer_id": "c-3", "reason": "invalid e-mail"},
        {"customer_id": "", "reason": "missing customer_id"},
        {"customer_id": "c-5", "reason": "invalid country code"},
    ]


def test_nothing_personal_reaches_the_target(etl: ModuleType) -> None:
    rows, rejects = etl.transform(SOURCE_RECORDS, KEY)
    connection = duckdb.connect()
    assert etl.load(connection, rows) == 2
    etl.load(connection, rows)  # a rerun of the same load is harmless
    stored = connection.execute("SELECT * FROM customers ORDER BY customer_id").fetchall()
    assert len(stored) == 2
    text = repr(stored) + repr(rejects)
    for personal in ("@", "Ana", "Silva", "Okafor", "Chloé", "not-an-address"):
        assert personal not in text
    columns = [c[0] for c in connection.execute("DESCRIBE customers").fetchall()]
    assert columns == ["customer_id", "email_token", "country_code"]


def test_tokens_are_stable_keyed_and_normalised(etl: ModuleType) -> None:
    token = etl.pseudonymise("ana@example.com", KEY)
    assert re.fullmatch(r"[0-9a-f]{64}", token)
    assert etl.pseudonymise("  ANA@example.COM ", KEY) == token  # joins across sources
    assert etl.pseudonymise("ana@example.com", b"another-key") != token
    import hashlib
    assert token != hashlib.sha256(b"ana@example.com").hexdigest()  # not a plain hash
