"""Runtime SQL settings for adaptive query execution (Spark 4.x).

Every key here is a runtime SQL configuration: it can be changed on a live
session with spark.conf.set, per job or per query, without a restart.
"""

from __future__ import annotations

# The defaults already handle most skew. These values make AQE act sooner:
# a partition counts as skewed when it is 4x the median and over 128 MB.
AQE_SKEW_SETTINGS: dict[str, str] = {
    "spark.sql.adaptive.enabled": "true",
    "spark.sql.adaptive.skewJoin.enabled": "true",
    "spark.sql.adaptive.skewJoin.skewedPartitionFactor": "4.0",
    "spark.sql.adaptive.skewJoin.skewedPartitionThresholdInBytes": "128MB",
    "spark.sql.adaptive.advisoryPartitionSizeInBytes": "64MB",
    "spark.sql.adaptive.coalescePartitions.enabled": "true",
    "spark.sql.adaptive.coalescePartitions.initialPartitionNum": "1000",
    "spark.sql.adaptive.coalescePartitions.parallelismFirst": "false",
}


def apply(spark, settings: dict[str, str]) -> dict[str, str | None]:
    """Set each key on the session; return the previous values so they can be restored."""
    previous: dict[str, str | None] = {}
    for key, value in settings.items():
        previous[key] = spark.conf.get(key, None)
        spark.conf.set(key, value)
    return previous


def restore(spark, previous: dict[str, str | None]) -> None:
    """Put back what apply() replaced (unset keys that had no value)."""
    for key, value in previous.items():
        if value is None:
            spark.conf.unset(key)
        else:
            spark.conf.set(key, value)
