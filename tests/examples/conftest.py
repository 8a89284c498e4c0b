"""Shared fixtures for the tests that run the pages' code examples (examples/<slug>/)."""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


def read_example(relative: str) -> str:
    """The text of one example file, as the page includes it."""
    return (EXAMPLES / relative).read_text(encoding="utf-8")


def import_example(path: Path, name: str) -> ModuleType:
    """Import an example script as a module (registered by name: dataclasses look it up there)."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None, f"cannot import {path}"
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


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
