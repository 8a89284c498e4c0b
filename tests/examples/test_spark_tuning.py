"""Runs the examples of docs/big-data/spark-tuning.md (examples/spark-tuning/).

Configuration examples: every key must be on an allow-list taken from the official Spark 4.x
references (configuration, SQL performance tuning, cloud integration) and must also be known to
the Spark that is installed (its configuration registry), with its documented kind: runtime SQL
keys are set on the shared session and read back, static keys must refuse a runtime change.
Code examples: the salted join returns exactly the rows of the plain join while shrinking the
largest shuffle partition; the broadcast hint and AQE change the physical plan as the page says;
a splittable Parquet file is read by many tasks, a gzip or Snappy CSV file by one.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

import pytest

from conftest import import_example, read_example

SLUG = "spark-tuning"

# ---------------------------------------------------------------------------------------------
# Allow-list, built by hand from the official references (Spark 4.x documentation):
#   configuration.html           -> "core" (static: fixed when the application starts)
#   configuration.html#runtime-sql-configuration and sql-performance-tuning.html -> "sql"
#   cloud-integration.html       -> "cloud": documented there for the S3A committers,
#                                   although Spark marks them internal
#   spark.hadoop.* keys          -> "hadoop": passed to Hadoop without the prefix; the Hadoop
#                                   key must exist in Hadoop's *-default.xml
# ---------------------------------------------------------------------------------------------
CONFIGURATION = "https://spark.apache.org/docs/latest/configuration.html"
SQL_TUNING = "https://spark.apache.org/docs/latest/sql-performance-tuning.html"
CLOUD = "https://spark.apache.org/docs/latest/cloud-integration.html"

ALLOWED: dict[str, tuple[str, str]] = {
    # Resource allocation and dynamic allocation
    "spark.executor.instances": ("core", CONFIGURATION),
    "spark.executor.cores": ("core", CONFIGURATION),
    "spark.executor.memory": ("core", CONFIGURATION),
    "spark.executor.memoryOverhead": ("core", CONFIGURATION),
    "spark.driver.memory": ("core", CONFIGURATION),
    "spark.dynamicAllocation.enabled": ("core", CONFIGURATION),
    "spark.dynamicAllocation.shuffleTracking.enabled": ("core", CONFIGURATION),
    "spark.dynamicAllocation.minExecutors": ("core", CONFIGURATION),
    "spark.dynamicAllocation.maxExecutors": ("core", CONFIGURATION),
    "spark.default.parallelism": ("core", CONFIGURATION),
    # Memory, JVM, serialization
    "spark.memory.fraction": ("core", CONFIGURATION),
    "spark.memory.storageFraction": ("core", CONFIGURATION),
    "spark.executor.extraJavaOptions": ("core", CONFIGURATION),
    "spark.serializer": ("core", CONFIGURATION),
    # Spark SQL, AQE, joins, files
    "spark.sql.adaptive.enabled": ("sql", SQL_TUNING),
    "spark.sql.adaptive.coalescePartitions.enabled": ("sql", SQL_TUNING),
    "spark.sql.adaptive.coalescePartitions.initialPartitionNum": ("sql", SQL_TUNING),
    "spark.sql.adaptive.coalescePartitions.parallelismFirst": ("sql", SQL_TUNING),
    "spark.sql.adaptive.advisoryPartitionSizeInBytes": ("sql", SQL_TUNING),
    "spark.sql.adaptive.skewJoin.enabled": ("sql", SQL_TUNING),
    "spark.sql.adaptive.skewJoin.skewedPartitionFactor": ("sql", SQL_TUNING),
    "spark.sql.adaptive.skewJoin.skewedPartitionThresholdInBytes": ("sql", SQL_TUNING),
    "spark.sql.adaptive.autoBroadcastJoinThreshold": ("sql", SQL_TUNING),
    "spark.sql.autoBroadcastJoinThreshold": ("sql", SQL_TUNING),
    "spark.sql.shuffle.partitions": ("sql", SQL_TUNING),
    "spark.sql.files.maxPartitionBytes": ("sql", SQL_TUNING),
    # Output commit
    "spark.hadoop.mapreduce.fileoutputcommitter.algorithm.version": ("hadoop", CONFIGURATION),
    "spark.hadoop.fs.s3a.committer.name": ("hadoop", CLOUD),
    "spark.sql.sources.commitProtocolClass": ("cloud", CLOUD),
    "spark.sql.parquet.output.committer.class": ("cloud", CLOUD),
}

# Keys that circulate in blog posts and interview answers but exist in no Spark reference.
NOT_SPARK_KEYS = ["spark.num.executors", "spark.executor.num", "spark.sql.shuffle.partition"]

# Hadoop keys and the default-configuration file of the bundled Hadoop client that defines them.
HADOOP_DEFAULTS = {
    "mapreduce.fileoutputcommitter.algorithm.version": "mapred-default.xml",
    "fs.s3a.committer.name": "core-default.xml",
}
S3A_COMMITTERS = {"file", "directory", "partitioned", "magic"}


# ------------------------------------------------------------------------------ helpers ------
def parse_properties(text: str) -> list[tuple[str, str]]:
    """spark-defaults.conf format: `key<whitespace>value`, # comments, blank lines."""
    pairs = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, _, value = line.partition(" ")
        pairs.append((key, value.strip()))
    return pairs


def submit_command(text: str) -> list[str]:
    """The spark-submit command line of submit.sh, as argv."""
    joined = re.sub(r"\\\n", " ", text)
    for line in joined.splitlines():
        if line.strip().startswith("spark-submit"):
            return shlex.split(line)
    raise AssertionError("submit.sh has no spark-submit line")


def submit_confs(argv: list[str]) -> dict[str, str]:
    return dict(argv[i + 1].split("=", 1) for i, arg in enumerate(argv) if arg == "--conf")


def submit_flags(argv: list[str]) -> dict[str, str]:
    """--flag value pairs before the application file (the first non-option argument)."""
    flags, i = {}, 1
    while i < len(argv) and argv[i].startswith("--"):
        flags[argv[i]] = argv[i + 1]
        i += 2
    return flags


def all_example_keys() -> dict[str, list[str]]:
    """Every configuration key each example sets, by file."""
    aqe = load("aqe_settings")
    return {
        "spark-defaults.conf": [k for k, _ in parse_properties(read_example(f"{SLUG}/spark-defaults.conf"))],
        "s3a-committer.conf": [k for k, _ in parse_properties(read_example(f"{SLUG}/s3a-committer.conf"))],
        "submit.sh": list(submit_confs(submit_command(read_example(f"{SLUG}/submit.sh")))),
        "aqe_settings.py": list(aqe.AQE_SKEW_SETTINGS),
    }


_MODULES: dict[str, ModuleType] = {}


def load(name: str) -> ModuleType:
    """Import examples/spark-tuning/<name>.py (the file the page includes)."""
    if name not in _MODULES:
        path = Path(__file__).resolve().parents[2] / "examples" / SLUG / f"{name}.py"
        module = import_example(path, f"spark_tuning_{name}")
        _MODULES[name] = module
    return _MODULES[name]


def config_entry(spark, key: str):
    """Spark's registered ConfigEntry for key, or None (the registry the docs are built from)."""
    jvm = spark.sparkContext._jvm
    # Touch the core config package object so that all of its entries are registered.
    getattr(jvm.org.apache.spark.internal.config, "package$").__getattr__("MODULE$")
    return jvm.org.apache.spark.internal.config.ConfigEntry.findEntry(key)


@contextmanager
def session_conf(spark, settings: dict[str, str]) -> Iterator[None]:
    """Apply runtime settings to the shared session and always restore them."""
    aqe = load("aqe_settings")
    previous = aqe.apply(spark, settings)
    try:
        yield
    finally:
        aqe.restore(spark, previous)


def spark_home() -> Path:
    import pyspark

    return Path(pyspark.__file__).resolve().parent


def hadoop_default(key: str) -> tuple[str, str] | None:
    """(value, description) of key in the bundled Hadoop client's default XML, or None."""
    jar = next((spark_home() / "jars").glob("hadoop-client-api-*.jar"))
    with zipfile.ZipFile(jar) as archive:
        xml = archive.read(HADOOP_DEFAULTS[key]).decode("utf-8")
    match = re.search(
        rf"<name>{re.escape(key)}</name>\s*<value>([^<]*)</value>\s*<description>(.*?)</description>",
        xml,
        re.S,
    )
    return (match.group(1), match.group(2)) if match else None


# ----------------------------------------------------------------------- configuration -------
def test_properties_files_parse_without_duplicates() -> None:
    for name in ("spark-defaults.conf", "s3a-committer.conf"):
        pairs = parse_properties(read_example(f"{SLUG}/{name}"))
        keys = [k for k, _ in pairs]
        assert len(keys) == len(set(keys)), f"{name} sets a key twice"
        assert all(value for _, value in pairs), f"{name} has a key without a value"


def test_every_key_is_on_the_allow_list() -> None:
    for name, keys in all_example_keys().items():
        unknown = sorted(set(keys) - set(ALLOWED))
        assert not unknown, f"{name} uses keys missing from the official references: {unknown}"


def test_folklore_keys_are_absent_and_unknown_to_spark(spark) -> None:
    used = {k for keys in all_example_keys().values() for k in keys}
    for key in NOT_SPARK_KEYS:
        assert key not in used
        assert config_entry(spark, key) is None, f"{key} unexpectedly exists"
    # The real way to ask for executors: the key, or --num-executors on the command line.
    assert config_entry(spark, "spark.executor.instances") is not None


def test_spark_keys_are_registered_with_their_documented_kind(spark) -> None:
    used = {k for keys in all_example_keys().values() for k in keys}
    for key in sorted(used):
        kind, _ = ALLOWED[key]
        if kind == "hadoop":
            continue
        entry = config_entry(spark, key)
        assert entry is not None, f"{key} is not a Spark configuration"
        if kind == "cloud":
            # Internal in Spark, but the cloud-integration page documents it for S3A.
            assert not entry.isPublic(), key
        else:
            assert entry.isPublic(), f"{key} is internal: use a documented key or a hint"


def test_internal_join_setting_is_not_used(spark) -> None:
    entry = config_entry(spark, "spark.sql.join.preferSortMergeJoin")
    assert entry is not None and not entry.isPublic()
    used = {k for keys in all_example_keys().values() for k in keys}
    assert "spark.sql.join.preferSortMergeJoin" not in used


def test_hadoop_keys_exist_in_hadoop_defaults() -> None:
    used = {k for keys in all_example_keys().values() for k in keys}
    hadoop_keys = [k for k in used if ALLOWED[k][0] == "hadoop"]
    assert hadoop_keys
    for key in hadoop_keys:
        found = hadoop_default(key.removeprefix("spark.hadoop."))
        assert found is not None, f"{key}: no such Hadoop property"
    _, description = hadoop_default("fs.s3a.committer.name")
    assert S3A_COMMITTERS <= set(re.findall(r'"(\w+)"', description))
    committer = dict(parse_properties(read_example(f"{SLUG}/s3a-committer.conf")))
    assert committer["spark.hadoop.fs.s3a.committer.name"] in S3A_COMMITTERS


def test_spark_commits_with_algorithm_1_unless_told_otherwise(spark) -> None:
    hadoop_conf = spark.sparkContext._jsc.hadoopConfiguration()
    assert hadoop_conf.get("mapreduce.fileoutputcommitter.algorithm.version") == "1"
    defaults = dict(parse_properties(read_example(f"{SLUG}/spark-defaults.conf")))
    assert defaults["spark.hadoop.mapreduce.fileoutputcommitter.algorithm.version"] == "1"


def test_documented_defaults(spark) -> None:
    expected = {
        "spark.memory.fraction": "0.6",
        "spark.memory.storageFraction": "0.5",
        "spark.sql.shuffle.partitions": "200",
        "spark.sql.autoBroadcastJoinThreshold": "10MB",
        "spark.sql.adaptive.enabled": "true",
        "spark.sql.adaptive.coalescePartitions.enabled": "true",
        "spark.sql.adaptive.skewJoin.enabled": "true",
        "spark.sql.adaptive.skewJoin.skewedPartitionFactor": "5.0",
        "spark.sql.adaptive.skewJoin.skewedPartitionThresholdInBytes": "256MB",
        "spark.sql.files.maxPartitionBytes": "128MB",
        "spark.dynamicAllocation.enabled": "false",
        "spark.executor.cores": "1",
        "spark.executor.memory": "1g",
    }
    for key, value in expected.items():
        assert config_entry(spark, key).defaultValueString() == value, key


def test_runtime_sql_keys_are_set_and_read_back(spark) -> None:
    aqe = load("aqe_settings")
    defaults = dict(parse_properties(read_example(f"{SLUG}/spark-defaults.conf")))
    runtime = {k: v for k, v in defaults.items() if ALLOWED[k][0] == "sql"}
    runtime.update(aqe.AQE_SKEW_SETTINGS)
    before = {k: spark.conf.get(k, None) for k in runtime}
    for key in runtime:
        assert spark.conf.isModifiable(key), f"{key} should be a runtime SQL setting"
    with session_conf(spark, runtime):
        for key, value in runtime.items():
            assert spark.conf.get(key) == value, key
    assert {k: spark.conf.get(k, None) for k in runtime} == before


def test_static_keys_refuse_a_runtime_change(spark) -> None:
    from pyspark.errors import AnalysisException

    defaults = dict(parse_properties(read_example(f"{SLUG}/spark-defaults.conf")))
    static = [k for k in defaults if ALLOWED[k][0] == "core"]
    assert "spark.executor.memory" in static
    for key in static:
        assert not spark.conf.isModifiable(key), key
    with pytest.raises(AnalysisException, match="CANNOT_MODIFY_CONFIG"):
        spark.conf.set("spark.executor.memory", "2g")


def test_submit_flags_exist_and_follow_the_sizing_rule() -> None:
    argv = submit_command(read_example(f"{SLUG}/submit.sh"))
    flags = submit_flags(argv)
    env = dict(os.environ, SPARK_HOME=str(spark_home()))
    result = subprocess.run(
        [str(spark_home() / "bin" / "spark-submit"), "--help"],
        capture_output=True, text=True, env=env, timeout=120,
    )
    help_text = result.stdout + result.stderr
    for flag in flags:
        assert re.search(rf"^\s+{re.escape(flag)}\b", help_text, re.M), f"spark-submit has no {flag}"
    assert "--num-executors" in flags
    confs = submit_confs(argv)
    # A fixed executor count only makes sense with dynamic allocation off.
    assert confs["spark.dynamicAllocation.enabled"] == "false"
    slots = int(flags["--num-executors"]) * int(flags["--executor-cores"])
    partitions = int(confs["spark.sql.shuffle.partitions"])
    assert 2 * slots <= partitions <= 3 * slots, "the tuning guide's 2-3 tasks per core"


def test_executor_java_options_are_accepted_by_the_jvm() -> None:
    defaults = dict(parse_properties(read_example(f"{SLUG}/spark-defaults.conf")))
    options = shlex.split(defaults["spark.executor.extraJavaOptions"])
    java = shutil.which("java") or str(Path(os.environ["JAVA_HOME"]) / "bin" / "java")
    result = subprocess.run([java, *options, "-version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Using G1" in result.stderr  # -Xlog:gc* names the collector in use


# --------------------------------------------------------------------------- salting ---------
@pytest.fixture(scope="module")
def skewed(spark):
    """20,000 orders, 80% of them for customer 0; 100 customers."""
    from pyspark.sql import functions as F

    facts = spark.range(20_000).select(
        F.col("id").alias("order_id"),
        F.when(F.col("id") % 10 < 8, F.lit(0)).otherwise(F.col("id") % 100).alias("customer_id"),
        (F.col("id") % 7).alias("amount"),
    )
    dims = spark.range(100).select(
        F.col("id").alias("customer_id"), F.concat(F.lit("customer-"), F.col("id")).alias("name")
    )
    return facts, dims


def test_salted_join_returns_exactly_the_plain_join(spark, skewed) -> None:
    salting = load("salting")
    facts, dims = skewed
    plain = facts.join(dims, "customer_id").select("order_id", "customer_id", "amount", "name")
    for hot_keys in (None, [0]):
        salted = salting.salted_join(facts, dims, "customer_id", 8, "order_id", hot_keys).select(
            "order_id", "customer_id", "amount", "name"
        )
        assert salted.count() == plain.count() == 20_000
        assert salted.exceptAll(plain).count() == 0
        assert plain.exceptAll(salted).count() == 0


def test_selective_salting_copies_only_hot_dimension_rows(spark, skewed) -> None:
    from pyspark.sql import functions as F

    salting = load("salting")
    facts, dims = skewed
    joined = salting.salted_join(facts, dims, "customer_id", 8, "order_id", hot_keys=[0])
    assert joined.count() == 20_000
    # Build side as the join sees it: 99 cold customers once, the hot one 8 times.
    copies = dims.withColumn(
        "_salt",
        F.explode(F.when(F.col("customer_id") == 0, F.sequence(F.lit(0), F.lit(7))).otherwise(F.array(F.lit(0)))),
    )
    assert copies.count() == 99 + 8


def test_salting_shrinks_the_largest_shuffle_partition(spark, skewed) -> None:
    from pyspark.sql import functions as F

    salting = load("salting")
    facts, _ = skewed
    before = salting.largest_partition_share(facts, ["customer_id"], 16)
    salted = facts.withColumn("_salt", F.pmod(F.xxhash64("order_id"), F.lit(8)))
    after = salting.largest_partition_share(salted, ["customer_id", "_salt"], 16)
    assert before >= 0.8  # one task gets every order of the hot customer
    assert after < before / 3


# -------------------------------------------------------------------- join strategies --------
def test_broadcast_hint_avoids_the_shuffle_join(spark, skewed) -> None:
    joins = load("join_strategies")
    facts, dims = skewed
    no_auto_broadcast = {
        "spark.sql.autoBroadcastJoinThreshold": "-1",
        "spark.sql.adaptive.autoBroadcastJoinThreshold": "-1",
    }
    with session_conf(spark, no_auto_broadcast):
        plain = joins.shuffle_join(facts, dims, "customer_id")
        hinted = joins.broadcast_join(facts, dims, "customer_id")
        assert plain.count() == hinted.count() == 20_000
        assert "SortMergeJoin" in joins.executed_plan(plain)
        plan = joins.executed_plan(hinted)
        assert "BroadcastHashJoin" in plan and "SortMergeJoin" not in plan


def test_aqe_splits_the_skewed_partition_at_run_time(spark, skewed) -> None:
    joins = load("join_strategies")
    facts, dims = skewed
    tiny_thresholds = {  # scaled down so that 20,000 rows count as skewed
        "spark.sql.adaptive.enabled": "true",
        "spark.sql.adaptive.skewJoin.enabled": "true",
        "spark.sql.autoBroadcastJoinThreshold": "-1",
        "spark.sql.adaptive.autoBroadcastJoinThreshold": "-1",
        "spark.sql.shuffle.partitions": "8",
        "spark.sql.adaptive.coalescePartitions.enabled": "false",
        "spark.sql.adaptive.skewJoin.skewedPartitionFactor": "2",
        "spark.sql.adaptive.skewJoin.skewedPartitionThresholdInBytes": "1KB",
        "spark.sql.adaptive.advisoryPartitionSizeInBytes": "1KB",
    }
    with session_conf(spark, tiny_thresholds):
        joined = joins.shuffle_join(facts, dims, "customer_id")
        assert len(joined.collect()) == 20_000
        plan = joins.executed_plan(joined)
    assert "isFinalPlan=true" in plan
    assert "SortMergeJoin(skew=true)" in plan
    assert "AQEShuffleRead skewed" in plan
    # With skew handling off, the same join runs without a split.
    with session_conf(spark, {**tiny_thresholds, "spark.sql.adaptive.skewJoin.enabled": "false"}):
        joined = joins.shuffle_join(facts, dims, "customer_id")
        joined.collect()
        assert "skew=true" not in joins.executed_plan(joined)


# ------------------------------------------------------------------------ file splits --------
def test_parquet_splits_by_row_group_whatever_the_codec(spark, tmp_path) -> None:
    splits = load("file_splits")
    rows = splits.sample_rows(spark, 40_000)
    cases = {
        ("parquet", "snappy"): True,
        ("csv", "none"): True,
        ("csv", "gzip"): False,
        ("csv", "snappy"): False,
    }
    with session_conf(spark, {"spark.sql.files.maxPartitionBytes": str(128 * 1024)}):
        for (fmt, codec), splittable in cases.items():
            path = str(tmp_path / f"{fmt}-{codec}")
            splits.write_one_file(rows, path, fmt, codec)
            files = [p for p in Path(path).iterdir() if p.name.startswith("part-")]
            assert len(files) == 1
            planned, non_empty = splits.read_tasks(spark, path, fmt)
            if splittable:
                assert non_empty >= 4, f"{fmt}/{codec} should be read by several tasks"
            else:
                assert (planned, non_empty) == (1, 1), f"{fmt}/{codec} cannot be split"
            assert spark.read.format(fmt).load(path).count() == 40_000
