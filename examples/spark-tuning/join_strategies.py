"""Two skew remedies that need no data rewrite: a broadcast join and AQE (Spark 4.x)."""

from __future__ import annotations

from pyspark.sql import DataFrame
from pyspark.sql import functions as F


def broadcast_join(facts: DataFrame, dims: DataFrame, key: str) -> DataFrame:
    """Ship the small side to every executor: the large side is never shuffled,
    so a hot key cannot pile up in one shuffle partition."""
    return facts.join(F.broadcast(dims), on=key, how="inner")


def shuffle_join(facts: DataFrame, dims: DataFrame, key: str) -> DataFrame:
    """A plain equi-join; with broadcasting off, Spark plans a sort-merge join."""
    return facts.join(dims, on=key, how="inner")


def executed_plan(df: DataFrame) -> str:
    """The physical plan Spark actually ran (with AQE, the final adaptive plan).

    Call it after an action: before one, an adaptive plan is not final yet.
    """
    return df._jdf.queryExecution().executedPlan().toString()
