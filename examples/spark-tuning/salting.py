"""Salting a skewed join key in PySpark (Spark 4.x, built-in functions only)."""

from __future__ import annotations

from pyspark.sql import DataFrame
from pyspark.sql import functions as F


def salted_join(
    facts: DataFrame,
    dims: DataFrame,
    key: str,
    buckets: int,
    row_id: str,
    hot_keys: list | None = None,
) -> DataFrame:
    """Inner-join facts to dims on key, spreading each hot key over `buckets` salts.

    The large side gets one salt per row, derived from its unique row_id, so a
    retried task puts every row in the same bucket again (rand() would not).
    The small side is copied once per salt, so every salted fact row still
    finds its dimension row. With hot_keys, only those keys are salted and
    copied; every other key keeps salt 0 and a single dimension row.
    """
    salt_of_row = F.pmod(F.xxhash64(F.col(row_id)), F.lit(buckets))
    all_salts = F.sequence(F.lit(0), F.lit(buckets - 1))
    if hot_keys is None:
        fact_salt, dim_salts = salt_of_row, all_salts
    else:
        is_hot = F.col(key).isin(hot_keys)
        fact_salt = F.when(is_hot, salt_of_row).otherwise(F.lit(0))
        dim_salts = F.when(is_hot, all_salts).otherwise(F.array(F.lit(0)))

    salted_facts = facts.withColumn("_salt", fact_salt)
    salted_dims = dims.withColumn("_salt", F.explode(dim_salts))
    return salted_facts.join(salted_dims, on=[key, "_salt"], how="inner").drop("_salt")


def largest_partition_share(df: DataFrame, columns: list[str], partitions: int) -> float:
    """Share of all rows that land in the biggest partition when hashed on columns.

    This is what one shuffle task of a join on those columns would have to process.
    """
    sizes = (
        df.repartition(partitions, *columns)
        .groupBy(F.spark_partition_id().alias("partition"))
        .count()
        .agg(F.max("count").alias("largest"), F.sum("count").alias("total"))
        .first()
    )
    return sizes["largest"] / sizes["total"]
