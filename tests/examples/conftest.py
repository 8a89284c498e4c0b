"""Shared fixtures for the tests that run the pages' code examples (examples/<slug>/)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


def read_example(relative: str) -> str:
    """The text of one example file, as the page includes it."""
    return (EXAMPLES / relative).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def spark() -> Iterator[object]:
    """One local SparkSession for every PySpark example (starting one costs seconds).

    Fails, rather than skips, when Java is missing: scripts/test installs it.
    """
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.fail("PySpark examples need Java 17 or 21: run scripts/test, which installs it")
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("handbook-examples")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.driver.memory", "1g")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
