"""Where does a Spark shuffle put its data? Run a word count and list the files it leaves.

Usage: python3 where_spark_shuffles.py INPUT_DIR LOCAL_DIR
LOCAL_DIR plays the part of spark.local.dir: the executors' scratch space on local disks.
The shuffle files are listed while the session is alive (Spark deletes them when it stops).
"""

from __future__ import annotations

import re
import sys
from operator import add
from pathlib import Path

from pyspark.sql import SparkSession

WORD = re.compile(r"[a-z]+")


def main(input_dir: str, local_dir: str) -> None:
    spark = (
        SparkSession.builder.master("local[2]")
        .config("spark.local.dir", local_dir)  # where shuffle and spill files go
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    counts = (
        spark.sparkContext.textFile(input_dir)
        .flatMap(lambda line: WORD.findall(line.lower()))
        .map(lambda word: (word, 1))
        .reduceByKey(add, numPartitions=2)
    )
    counts.collect()  # stage 1 writes shuffle files, stage 2 fetches them
    for path in sorted(Path(local_dir).rglob("shuffle_*")):
        print("shuffle file:", path.relative_to(local_dir))
    print(counts.toDebugString().decode())  # the lineage, indented at each stage boundary
    spark.stop()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
