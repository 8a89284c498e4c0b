"""Word count in PySpark, in the two styles a candidate should be able to write.

word_count_rdd mirrors MapReduce step by step (flatMap = map, reduceByKey = combiner + shuffle
+ reduce); word_count_df states the result and lets Catalyst plan it. Both split words exactly
as mapper.py does: runs of ASCII letters, lower-cased.
"""

from __future__ import annotations

import re
from operator import add

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

WORD = re.compile(r"[a-z]+")


def word_count_rdd(spark: SparkSession, path: str) -> dict[str, int]:
    counts = (
        spark.sparkContext.textFile(path)                    # one partition per input split
        .flatMap(lambda line: WORD.findall(line.lower()))    # the "map" side
        .map(lambda word: (word, 1))
        .reduceByKey(add)                                    # combines map-side, then shuffles
    )
    return dict(counts.collect())                            # the action: only now does it run


def word_count_df(spark: SparkSession, path: str) -> DataFrame:
    words = spark.read.text(path).select(
        F.explode(F.split(F.lower("value"), "[^a-z]+")).alias("word")
    )
    return words.where(F.col("word") != "").groupBy("word").count()
