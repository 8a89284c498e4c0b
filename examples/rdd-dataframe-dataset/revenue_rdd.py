"""Revenue per country from completed orders, with the RDD API (PySpark 4).

Spark cannot see inside these lambdas: it does not know which fields they read, so every line
is read and split in full, and the Python objects travel pickled between the JVM and the Python
worker processes. The order of the fields is a convention kept by hand.
"""

from __future__ import annotations

from operator import add

from pyspark.sql import SparkSession

COUNTRY, STATUS, AMOUNT_CENTS = 2, 3, 4  # positions in orders.csv: no schema, so by index


def revenue_rdd(spark: SparkSession, csv_path: str) -> list[tuple[str, int]]:
    lines = spark.sparkContext.textFile(csv_path)
    header = lines.first()  # an action: runs a (small) job already
    fields = lines.filter(lambda line: line != header).map(lambda line: line.split(","))
    revenue = (
        fields.filter(lambda f: f[STATUS] == "COMPLETE")
        .map(lambda f: (f[COUNTRY], int(f[AMOUNT_CENTS])))
        .reduceByKey(add)  # combines per partition, then shuffles by country
    )
    return revenue.sortBy(lambda kv: (-kv[1], kv[0])).collect()
