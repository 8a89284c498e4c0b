"""Structured Streaming: drop duplicate payments within a watermark, checkpoint, write once.

The checkpoint holds the source offsets, the committed batches and the deduplication state, so
a restarted query neither reprocesses committed files nor forgets the IDs it has already seen.
`write_batch` must still be idempotent: foreachBatch guarantees at-least-once, and a batch that
failed after writing is run again with the same batch_id and the same rows.
"""

from __future__ import annotations

from collections.abc import Callable

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql.streaming import StreamingQuery

SCHEMA = "transaction_id STRING, account_id STRING, amount_cents BIGINT, event_time TIMESTAMP"


def start(spark: SparkSession, source_dir: str, checkpoint_dir: str,
          write_batch: Callable[[DataFrame, int], None]) -> StreamingQuery:
    payments = spark.readStream.schema(SCHEMA).json(source_dir)
    deduplicated = (
        payments
        .withWatermark("event_time", "2 hours")             # how late a duplicate may arrive
        .dropDuplicatesWithinWatermark(["transaction_id"])  # Spark 3.5+
    )
    return (
        deduplicated.writeStream
        .foreachBatch(write_batch)
        .option("checkpointLocation", checkpoint_dir)  # durable storage in production
        .trigger(availableNow=True)                    # process what is there, then stop
        .start()
    )
