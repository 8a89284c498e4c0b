"""Which partition a keyed record goes to: the Java client's rule, in Python.

The built-in partitioner hashes the serialized key with murmur2 and takes the
positive hash modulo the partition count. Records without a key do not use this:
they go to a "sticky" partition that changes once a batch is full (KIP-480, KIP-794).
"""

from __future__ import annotations

SEED = 0x9747B28C
M = 0x5BD1E995
MASK32 = 0xFFFFFFFF


def _to_int32(value: int) -> int:
    value &= MASK32
    return value - (1 << 32) if value & 0x80000000 else value


def murmur2(data: bytes) -> int:
    """32-bit murmur2 exactly as Kafka's Utils.murmur2 computes it (a signed int)."""
    length = len(data)
    h = (SEED ^ length) & MASK32
    whole = length - length % 4
    for i in range(0, whole, 4):
        k = int.from_bytes(data[i : i + 4], "little")
        k = (k * M) & MASK32
        k ^= k >> 24
        k = (k * M) & MASK32
        h = (h * M) & MASK32
        h ^= k
    tail = data[whole:]
    if len(tail) == 3:
        h ^= tail[2] << 16
    if len(tail) >= 2:
        h ^= tail[1] << 8
    if len(tail) >= 1:
        h ^= tail[0]
        h = (h * M) & MASK32
    h ^= h >> 13
    h = (h * M) & MASK32
    h ^= h >> 15
    return _to_int32(h)


def partition_for_key(key: bytes, partitions: int) -> int:
    """Partition of a keyed record: positive murmur2 hash modulo the partition count."""
    return (murmur2(key) & 0x7FFFFFFF) % partitions
