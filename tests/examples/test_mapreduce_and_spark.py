"""Runs the examples of docs/big-data/mapreduce-and-spark.md (examples/mapreduce-and-spark/).

The Hadoop Streaming mapper and reducer run as real processes with a byte-order sort between
them, as the framework would; the local job imitation checks where each step writes; the
PySpark word counts (RDD and DataFrame) must give exactly the same counts; and a separate Spark
process shows that a shuffle leaves files on local disk.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from conftest import import_example


SLUG = "mapreduce-and-spark"


@pytest.fixture(scope="module")
def here(examples_dir: Path) -> Path:
    return examples_dir / SLUG


@pytest.fixture(scope="module")
def input_dir(here: Path) -> Path:
    return here / "input"


@pytest.fixture(scope="module")
def expected(input_dir: Path) -> dict[str, int]:
    """The counts, computed independently of the examples' code."""
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(input_dir.iterdir()))
    counts = Counter(re.findall(r"[a-z]+", text.lower()))
    # Hand-checked anchors, so that a wrong tokenizer here cannot hide a wrong one there.
    assert counts["the"] == 11 and counts["river"] == 4 and counts["a"] == 3
    assert counts["mapreduce"] == 1 and "" not in counts
    return dict(counts)


def load(here: Path, name: str) -> ModuleType:
    # Not registered in sys.modules on purpose: cloudpickle then ships the functions by value,
    # so the Python workers do not need to import the example module.
    module = import_example(here / f"{name}.py", f"{SLUG.replace('-', '_')}_{name}")
    return module


def run_script(here: Path, script: str, stdin: str) -> str:
    done = subprocess.run([sys.executable, str(here / script)], input=stdin,
                          capture_output=True, text=True, check=True)
    return done.stdout


def parse(output: str) -> dict[str, int]:
    result: dict[str, int] = {}
    for line in output.splitlines():
        word, count = line.split("\t")
        assert word not in result, f"{word} emitted twice: the reducer saw unsorted input"
        result[word] = int(count)
    return result


# --- Hadoop Streaming style -----------------------------------------------------------------

def test_mapper_emits_pairs_in_input_order_unsorted(here: Path, input_dir: Path) -> None:
    text = (input_dir / "split-0.txt").read_text(encoding="utf-8")
    lines = run_script(here, "mapper.py", text).splitlines()
    assert lines[:4] == ["the\t1", "river\t1", "runs\t1", "to\t1"]
    assert lines != sorted(lines), "the map function must not sort: the framework does"
    assert all(line.endswith("\t1") for line in lines)


def test_shell_pipeline_with_a_local_sort_counts_every_word(here: Path, input_dir: Path,
                                                             expected: dict[str, int]) -> None:
    # The page's local test: cat | mapper | sort | reducer. LC_ALL=C sorts by bytes, like Hadoop.
    pipeline = (f'cat "{input_dir}"/*.txt | "{sys.executable}" "{here}/mapper.py" '
                f'| LC_ALL=C sort | "{sys.executable}" "{here}/reducer.py"')
    done = subprocess.run(["bash", "-o", "pipefail", "-c", pipeline], capture_output=True,
                          text=True, check=True)
    assert parse(done.stdout) == expected
    words = [line.split("\t")[0] for line in done.stdout.splitlines()]
    assert words == sorted(words, key=lambda w: w.encode()), "one reducer's output is in key order"


def test_reducer_gives_wrong_answers_without_the_framework_sort(here: Path, input_dir: Path) -> None:
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(input_dir.iterdir()))
    unsorted = run_script(here, "reducer.py", run_script(here, "mapper.py", text))
    emitted = [line.split("\t")[0] for line in unsorted.splitlines()]
    assert emitted.count("the") > 1, "without the sort, one key reaches the reducer in many groups"


def test_local_job_keeps_map_output_local_and_writes_the_result_to_output(
        here: Path, input_dir: Path, tmp_path: Path, expected: dict[str, int]) -> None:
    job = load(here, "local_job")
    counters = job.run_job(input_dir, tmp_path, reducers=2)

    local_disk = tmp_path / "local-disk"
    map_files = sorted(p.relative_to(local_disk).as_posix() for p in local_disk.rglob("*") if p.is_file())
    assert map_files == ["map-0/partition-0", "map-0/partition-1", "map-1/partition-0", "map-1/partition-1"]
    keys_by_partition: list[set[str]] = [set(), set()]
    for path in local_disk.rglob("partition-*"):
        keys = [line.split("\t")[0] for line in path.read_text(encoding="utf-8").splitlines()]
        assert keys == sorted(keys, key=lambda k: k.encode()), f"{path} is not sorted by key"
        keys_by_partition[int(path.name.split("-")[1])].update(keys)
    assert not keys_by_partition[0] & keys_by_partition[1], "a key must go to exactly one reducer"

    output = tmp_path / "hdfs" / "output"
    assert sorted(p.name for p in output.iterdir()) == ["_SUCCESS", "part-00000", "part-00001"]
    result: dict[str, int] = {}
    for part in sorted(output.glob("part-*")):
        for word, count in parse(part.read_text(encoding="utf-8")).items():
            assert word not in result
            result[word] = count
    assert result == expected
    assert counters == {"map_output_records": sum(expected.values()),
                        "shuffled_records": sum(expected.values())}


def test_combiner_shrinks_the_shuffle_but_not_the_answer(here: Path, input_dir: Path, tmp_path: Path,
                                                         expected: dict[str, int]) -> None:
    job = load(here, "local_job")
    plain = job.run_job(input_dir, tmp_path / "plain", reducers=2)
    combined = job.run_job(input_dir, tmp_path / "combined", reducers=2, combiner=True)
    assert combined["map_output_records"] == plain["map_output_records"] == sum(expected.values())
    assert combined["shuffled_records"] < plain["shuffled_records"]
    # With a combiner, each map task ships at most one record per distinct word it saw.
    assert combined["shuffled_records"] == sum(
        len(set(re.findall(r"[a-z]+", p.read_text(encoding="utf-8").lower())))
        for p in sorted(input_dir.iterdir()))

    def totals(root: Path) -> dict[str, int]:
        return {w: c for part in (root / "hdfs" / "output").glob("part-*")
                for w, c in parse(part.read_text(encoding="utf-8")).items()}

    assert totals(tmp_path / "combined") == totals(tmp_path / "plain") == expected


# --- Spark ----------------------------------------------------------------------------------

def test_spark_rdd_and_dataframe_give_the_same_counts_as_mapreduce(spark, here: Path, input_dir: Path,
                                                                   expected: dict[str, int]) -> None:
    wordcount = load(here, "wordcount_spark")
    assert wordcount.word_count_rdd(spark, str(input_dir)) == expected
    rows = wordcount.word_count_df(spark, str(input_dir)).collect()
    assert {row["word"]: row["count"] for row in rows} == expected


def test_dataframe_plan_aggregates_before_and_after_one_shuffle(spark, here: Path, input_dir: Path) -> None:
    wordcount = load(here, "wordcount_spark")
    df = wordcount.word_count_df(spark, str(input_dir))
    plan = df._jdf.queryExecution().executedPlan().toString()
    assert plan.count("Exchange hashpartitioning(word") == 1, plan
    # A partial count before the Exchange is Spark's built-in equivalent of a combiner.
    assert "partial_count" in plan and plan.index("Exchange") < plan.index("partial_count"), plan


def test_a_spark_shuffle_writes_files_to_local_disk(here: Path, input_dir: Path, tmp_path: Path) -> None:
    local_dir = tmp_path / "spark-local"
    local_dir.mkdir()
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    done = subprocess.run([sys.executable, str(here / "where_spark_shuffles.py"), str(input_dir), str(local_dir)],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    files = [line.removeprefix("shuffle file: ") for line in done.stdout.splitlines()
             if line.startswith("shuffle file: ")]
    assert files, done.stdout
    assert all(f.startswith("blockmgr-") for f in files)
    names = {Path(f).name for f in files}
    # One map-output file and its index per map task (two input splits, two map tasks).
    assert {n for n in names if n.endswith(".data")} == {"shuffle_0_0_0.data", "shuffle_0_1_0.data"}
    assert {n for n in names if n.endswith(".index")} == {"shuffle_0_0_0.index", "shuffle_0_1_0.index"}
    # The lineage shows the shuffle as a stage boundary: a ShuffledRDD above an indented "+-" branch.
    assert "ShuffledRDD" in done.stdout and "+-(2) PairwiseRDD" in done.stdout
