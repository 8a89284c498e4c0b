#!/usr/bin/env bash
# One job with a fixed executor count on YARN (Spark 4.x).
# 20 executors x 4 cores = 80 task slots; 240 shuffle partitions = 3 tasks per core.
set -euo pipefail

spark-submit \
  --master yarn \
  --deploy-mode cluster \
  --num-executors 20 \
  --executor-cores 4 \
  --executor-memory 12g \
  --driver-memory 4g \
  --conf spark.dynamicAllocation.enabled=false \
  --conf spark.executor.memoryOverhead=2g \
  --conf spark.sql.shuffle.partitions=240 \
  --conf spark.sql.adaptive.coalescePartitions.parallelismFirst=false \
  jobs/daily_orders.py --run-date 2026-11-28
