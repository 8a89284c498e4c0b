"""A local, single-machine imitation of the data flow of a Hadoop Streaming job.

It runs mapper.py and reducer.py as separate processes, like the framework does, and writes
every intermediate result to a file so that you can see WHERE each step leaves its data:

    WORK/local-disk/map-M/partition-R   one map task's output for reducer R, sorted by key
                                        (on a cluster: the map node's local disk, not HDFS)
    WORK/hdfs/output/part-R             one reduce task's output
                                        (on a cluster: HDFS, replicated, the job's result)

Usage: python3 local_job.py INPUT_DIR WORK_DIR [REDUCERS] [--combiner]
Each file in INPUT_DIR stands for one input split, so it gets its own map task.
"""

from __future__ import annotations

import heapq
import subprocess
import sys
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent


def pipe(script: str, lines: list[str]) -> list[str]:
    """Feed lines to a streaming script's stdin and collect its stdout lines."""
    done = subprocess.run([sys.executable, str(HERE / script)], input="".join(lines),
                          capture_output=True, text=True, check=True)
    return done.stdout.splitlines(keepends=True)


def key_of(line: str) -> str:
    return line.split("\t", 1)[0]  # Streaming's default: the key ends at the first tab


def byte_order(line: str) -> bytes:
    return key_of(line).encode("utf-8")  # keys compare as raw bytes, like Hadoop's Text


def partition_of(key: str, reducers: int) -> int:
    # A stable stand-in for Hadoop's HashPartitioner (Python's own hash() is salted per run).
    return zlib.crc32(key.encode("utf-8")) % reducers


def map_task(split: Path, task_dir: Path, reducers: int, combiner: bool) -> tuple[int, int]:
    emitted = pipe("mapper.py", split.read_text(encoding="utf-8").splitlines(keepends=True))
    buckets: list[list[str]] = [[] for _ in range(reducers)]
    for line in emitted:
        buckets[partition_of(key_of(line), reducers)].append(line)
    task_dir.mkdir(parents=True)
    written = 0
    for reducer, bucket in enumerate(buckets):
        bucket.sort(key=byte_order)  # the framework sorts; the mapper never did
        if combiner and bucket:
            bucket = pipe("reducer.py", bucket)  # local pre-aggregation of one sorted bucket
        (task_dir / f"partition-{reducer}").write_text("".join(bucket), encoding="utf-8")
        written += len(bucket)
    return len(emitted), written


def reduce_task(reducer: int, local_disk: Path, output: Path) -> None:
    # "Fetch" this reducer's partition from every map task, then merge the sorted runs.
    runs = [(task / f"partition-{reducer}").read_text(encoding="utf-8").splitlines(keepends=True)
            for task in sorted(local_disk.glob("map-*"))]
    merged = list(heapq.merge(*runs, key=byte_order))
    (output / f"part-{reducer:05d}").write_text("".join(pipe("reducer.py", merged)), encoding="utf-8")


def run_job(input_dir: Path, work_dir: Path, reducers: int = 2, combiner: bool = False) -> dict[str, int]:
    """Run the whole job; return counters named after Hadoop's own."""
    local_disk, output = work_dir / "local-disk", work_dir / "hdfs" / "output"
    output.mkdir(parents=True)
    counters = {"map_output_records": 0, "shuffled_records": 0}
    for m, split in enumerate(sorted(input_dir.iterdir())):
        emitted, written = map_task(split, local_disk / f"map-{m}", reducers, combiner)
        counters["map_output_records"] += emitted
        counters["shuffled_records"] += written
    for reducer in range(reducers):  # a real cluster runs these in parallel, on other nodes
        reduce_task(reducer, local_disk, output)
    (output / "_SUCCESS").touch()  # FileOutputCommitter marks a finished job this way
    return counters


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--combiner"]
    stats = run_job(Path(args[0]), Path(args[1]), int(args[2]) if len(args) > 2 else 2,
                    combiner="--combiner" in sys.argv)
    print(stats)
