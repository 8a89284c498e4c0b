"""Runs the examples of docs/big-data/rdd-dataframe-dataset.md (examples/rdd-dataframe-dataset/).

The same job (revenue per country from completed orders) runs as a PySpark RDD job, as a
DataFrame and as SQL; all must return the same rows. The tests then check the claims the page
makes about Catalyst with Spark's own plans: the phases of `explain("extended")`, the filter
pushed into the scan and the pruned columns, whole-stage code generation, and eager analysis.
Finally the Scala Dataset version is compiled with the Scala 2.13 compiler that ships inside
PySpark and run with spark-submit: same rows, but a plan in which the typed lambda is opaque.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from types import ModuleType

import pytest

from conftest import import_example, read_example

SLUG = "rdd-dataframe-dataset"


@pytest.fixture(scope="module")
def here(examples_dir: Path) -> Path:
    return examples_dir / SLUG


@pytest.fixture(scope="module")
def orders_csv(here: Path) -> str:
    return str(here / "orders.csv")


@pytest.fixture(scope="module")
def expected(orders_csv: str) -> list[tuple[str, int]]:
    """The answer, computed with the csv module alone."""
    totals: dict[str, int] = defaultdict(int)
    with open(orders_csv, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["status"] == "COMPLETE":
                totals[row["country"]] += int(row["amount_cents"])
    result = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
    assert result == [("GB", 6500), ("ES", 6000), ("FR", 6000), ("DE", 5999)]  # ties included
    return result


@pytest.fixture()
def orders_view(spark, here: Path, orders_csv: str):
    """The temporary view revenue.sql reads; dropped afterwards (the session is shared)."""
    frames = load(here, "revenue_dataframe")
    orders = frames.read_orders(spark, orders_csv)
    orders.createOrReplaceTempView("orders")
    yield orders
    spark.catalog.dropTempView("orders")


def load(here: Path, name: str) -> ModuleType:
    # Not put in sys.modules: cloudpickle then ships the lambdas by value to the Python workers.
    module = import_example(here / f"{name}.py", f"rdd_df_ds_{name}")
    return module


def explain(df, mode: str, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    df.explain(mode=mode)
    return capsys.readouterr().out


def test_rdd_and_dataframe_return_the_same_rows(spark, here: Path, orders_csv: str,
                                                expected: list[tuple[str, int]]) -> None:
    assert load(here, "revenue_rdd").revenue_rdd(spark, orders_csv) == expected
    frames = load(here, "revenue_dataframe")
    rows = frames.revenue_dataframe(frames.read_orders(spark, orders_csv)).collect()
    assert [(r["country"], r["revenue_cents"]) for r in rows] == expected


def test_sql_and_dataframe_are_the_same_plan(spark, here: Path, orders_view,
                                            expected: list[tuple[str, int]]) -> None:
    from_sql = spark.sql(read_example(f"{SLUG}/revenue.sql"))
    from_api = load(here, "revenue_dataframe").revenue_dataframe(orders_view)
    assert from_sql.sameSemantics(from_api), "SQL text and DataFrame calls compile to one plan"
    assert [tuple(r) for r in from_sql.collect()] == expected


def test_explain_extended_shows_the_catalyst_phases(spark, orders_view,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    text = explain(spark.sql(read_example(f"{SLUG}/revenue.sql")), "extended", capsys)
    headings = ["== Parsed Logical Plan ==", "== Analyzed Logical Plan ==",
                "== Optimized Logical Plan ==", "== Physical Plan =="]
    positions = [text.index(h) for h in headings]
    assert positions == sorted(positions)
    parsed, analyzed, optimized, physical = (text[a:b] for a, b in
                                             zip(positions, positions[1:] + [len(text)]))
    # Parsed: names only. The quote marks unresolved columns and the table is not looked up yet.
    assert "'UnresolvedRelation [orders]" in parsed and "'status" in parsed
    # Analyzed: the catalog resolved the view and every column got a type and a unique id.
    assert "'" not in analyzed.split("\n", 2)[2] and "status#" in analyzed
    assert "revenue_cents: bigint" in analyzed
    # Optimized: rules added a null check and a Project that drops the unused columns.
    assert "isnotnull(status#" in optimized and "+- Project [country#" in optimized
    # Physical: partial and final aggregation around a shuffle (Exchange), then a sort.
    assert physical.index("Exchange rangepartitioning") < physical.index("Exchange hashpartitioning")
    assert "partial_sum(amount_cents#" in physical


def test_catalyst_pushes_the_filter_into_the_scan_and_prunes_columns(
        spark, here: Path, orders_csv: str, capsys: pytest.CaptureFixture[str]) -> None:
    frames = load(here, "revenue_dataframe")
    text = explain(frames.revenue_dataframe(frames.read_orders(spark, orders_csv)), "formatted", capsys)
    assert "PushedFilters: [IsNotNull(status), EqualTo(status,COMPLETE)]" in text
    assert "ReadSchema: struct<country:string,status:string,amount_cents:bigint>" in text
    assert "customer_id" not in text and "order_date" not in text, "unused columns are never read"


def test_whole_stage_code_generation_emits_java_source(spark, here: Path, orders_csv: str,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    frames = load(here, "revenue_dataframe")
    df = frames.revenue_dataframe(frames.read_orders(spark, orders_csv))
    df.collect()  # with AQE on, the final (code-generated) stages exist once the query has run
    text = explain(df, "codegen", capsys)
    assert "WholeStageCodegen subtrees" in text and "Found 0 " not in text
    assert "*(1) " in text, "operators fused into codegen stage 1 carry the *(1) marker"
    assert "final class GeneratedIteratorForCodegenStage1" in text  # Java source, compiled at run time


def test_classic_analysis_is_eager_so_a_typo_fails_before_any_job(spark, here: Path, orders_csv: str) -> None:
    from pyspark.errors import AnalysisException
    from pyspark.sql import functions as F

    frames = load(here, "revenue_dataframe")
    orders = frames.read_orders(spark, orders_csv)
    with pytest.raises(AnalysisException) as error:
        orders.where(F.col("staus") == "COMPLETE")  # a transformation only: no action is called
    assert error.value.getCondition() == "UNRESOLVED_COLUMN.WITH_SUGGESTION"


def test_scala_dataset_version_compiles_runs_and_hides_its_lambda_from_catalyst(
        here: Path, orders_csv: str, tmp_path: Path, expected: list[tuple[str, int]]) -> None:
    import pyspark

    spark_home = Path(pyspark.__file__).parent
    jars = spark_home / "jars"
    compiler = sorted(jars.glob("scala-compiler-2.13.*.jar"))
    assert compiler, "PySpark 4 ships the Scala 2.13 compiler in its jars/ folder"
    app = tmp_path / "orders-by-country.jar"
    compiled = subprocess.run(
        ["java", "-cp", f"{jars}/*", "scala.tools.nsc.Main", "-usejavacp", "-deprecation",
         "-feature", "-Werror", "-d", str(app), str(here / "OrdersByCountry.scala")],
        capture_output=True, text=True, timeout=300)
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr

    env = dict(os.environ, SPARK_HOME=str(spark_home), PYSPARK_PYTHON=sys.executable)
    ran = subprocess.run(
        [str(spark_home / "bin" / "spark-submit"), "--master", "local[2]",
         "--conf", "spark.ui.enabled=false", "--class", "OrdersByCountry", str(app), orders_csv],
        capture_output=True, text=True, env=env, timeout=300)
    assert ran.returncode == 0, ran.stderr[-3000:]
    lines = ran.stdout.splitlines()
    rows = [tuple(line.split(",")) for line in lines[: len(expected)]]
    assert [(country, int(cents)) for country, cents in rows] == expected

    plan = ran.stdout
    # The typed filter is a JVM lambda: Catalyst can neither push it down nor prune columns.
    assert "PushedFilters: []" in plan
    assert "ReadSchema: struct<order_id:bigint,customer_id:string" in plan
    assert "Filter invoke(OrdersByCountry" in plan
    # Objects are built from and turned back into Spark's binary rows around each lambda.
    assert "DeserializeToObject" in plan and "SerializeFromObject" in plan
