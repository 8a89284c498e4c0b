"""How many read tasks one file gives, by format and codec (Spark 4.x)."""

from __future__ import annotations

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F


def sample_rows(spark: SparkSession, rows: int) -> DataFrame:
    """Rows that do not compress to nothing: an id and a SHA-256 hex digest."""
    return spark.range(rows).select("id", F.sha2(F.col("id").cast("string"), 256).alias("digest"))


def write_one_file(df: DataFrame, path: str, fmt: str, codec: str) -> None:
    """Write df as a single file; Parquet row groups are kept small on purpose."""
    writer = df.coalesce(1).write.mode("overwrite").option("compression", codec)
    if fmt == "parquet":
        writer = writer.option("parquet.block.size", 64 * 1024)
    writer.format(fmt).save(path)


def read_tasks(spark: SparkSession, path: str, fmt: str) -> tuple[int, int]:
    """(partitions planned, partitions that actually hold rows) when reading path."""
    df = spark.read.format(fmt).load(path)
    non_empty = df.groupBy(F.spark_partition_id()).count().count()
    return df.rdd.getNumPartitions(), non_empty
