"""Runs the examples of docs/big-data/kafka-real-time-events.md (examples/kafka-real-time-events/).

No Kafka broker runs here, so the configuration files are checked statically: every property
name must be on an allow-list taken from the official Apache Kafka 4.x configuration reference
(producer, consumer, topic and broker configs), and the values must give the guarantees the page
claims. The partitioner is checked against the test vectors of Kafka's own UtilsTest, and the
durability checker must pass the page's files and catch each weakened setting.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import ModuleType

import pytest

from conftest import import_example, read_example

SLUG = "kafka-real-time-events"
DOCS = "https://kafka.apache.org/42/configuration"

# ---------------------------------------------------------------------------------------------
# Allow-lists, built by hand from the Apache Kafka 4.x configuration reference
# (<DOCS>/producer-configs, /consumer-configs, /topic-configs, /broker-configs).
# They hold the commonly used properties, not the whole reference; a name that is not here
# must be checked against the reference before it is added.
# ---------------------------------------------------------------------------------------------
COMMON_CLIENT = {
    "bootstrap.servers", "client.id", "client.dns.lookup", "security.protocol",
    "request.timeout.ms", "retry.backoff.ms", "retry.backoff.max.ms", "reconnect.backoff.ms",
    "reconnect.backoff.max.ms", "connections.max.idle.ms", "metadata.max.age.ms",
    "send.buffer.bytes", "receive.buffer.bytes", "metric.reporters", "enable.metrics.push",
    "interceptor.classes", "socket.connection.setup.timeout.ms",
}
PRODUCER_CONFIGS = COMMON_CLIENT | {
    "key.serializer", "value.serializer", "acks", "enable.idempotence", "retries",
    "delivery.timeout.ms", "max.in.flight.requests.per.connection", "linger.ms", "batch.size",
    "buffer.memory", "max.block.ms", "max.request.size", "compression.type",
    "compression.gzip.level", "compression.lz4.level", "compression.zstd.level",
    "partitioner.class", "partitioner.ignore.keys", "partitioner.adaptive.partitioning.enable",
    "partitioner.availability.timeout.ms", "transactional.id", "transaction.timeout.ms",
    "metadata.max.idle.ms",
}
CONSUMER_CONFIGS = COMMON_CLIENT | {
    "key.deserializer", "value.deserializer", "group.id", "group.instance.id", "group.protocol",
    "group.remote.assignor", "client.rack", "enable.auto.commit", "auto.commit.interval.ms",
    "auto.offset.reset", "isolation.level", "max.poll.records", "max.poll.interval.ms",
    "session.timeout.ms", "heartbeat.interval.ms", "partition.assignment.strategy",
    "fetch.min.bytes", "fetch.max.bytes", "fetch.max.wait.ms", "max.partition.fetch.bytes",
    "default.api.timeout.ms", "allow.auto.create.topics", "check.crcs", "exclude.internal.topics",
}
TOPIC_CONFIGS = {
    "cleanup.policy", "compression.type", "delete.retention.ms", "max.compaction.lag.ms",
    "max.message.bytes", "min.cleanable.dirty.ratio", "min.compaction.lag.ms",
    "min.insync.replicas", "retention.bytes", "retention.ms", "segment.bytes", "segment.ms",
    "unclean.leader.election.enable", "message.timestamp.type", "remote.storage.enable",
    "local.retention.ms", "local.retention.bytes",
}
BROKER_CONFIGS = {
    "process.roles", "node.id", "controller.quorum.bootstrap.servers", "controller.quorum.voters",
    "controller.listener.names", "listeners", "advertised.listeners", "inter.broker.listener.name",
    "listener.security.protocol.map", "log.dirs", "num.partitions", "default.replication.factor",
    "min.insync.replicas", "unclean.leader.election.enable", "broker.rack",
    "replica.selector.class", "offsets.topic.replication.factor",
    "transaction.state.log.replication.factor", "transaction.state.log.min.isr",
    "auto.create.topics.enable", "log.retention.hours", "log.retention.ms", "log.segment.bytes",
    "replica.lag.time.max.ms", "num.replica.fetchers", "group.consumer.heartbeat.interval.ms",
    "group.consumer.session.timeout.ms", "group.consumer.assignors",
}
# Names that were removed with ZooKeeper in Kafka 4.0 or never existed in the Java client.
NOT_KAFKA_4 = {"zookeeper.connect", "zookeeper.session.timeout.ms", "request.required.acks",
               "producer.type", "queue.buffering.max.ms"}

FILES = {
    "producer.properties": PRODUCER_CONFIGS,
    "consumer.properties": CONSUMER_CONFIGS,
    "topic.properties": TOPIC_CONFIGS,
    "topic-compacted.properties": TOPIC_CONFIGS,
    "broker.properties": BROKER_CONFIGS,
}

# Test vectors of org.apache.kafka.common.utils.UtilsTest#testMurmur2.
MURMUR2_VECTORS = {
    b"21": -973932308,
    b"foobar": -790332482,
    b"a-little-bit-long-string": -985981536,
    b"a-little-bit-longer-string": -1486304829,
    b"lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8": -58897971,
    b"abc": 479470107,
}


def load(name: str) -> ModuleType:
    path = Path(__file__).resolve().parents[2] / "examples" / SLUG / f"{name}.py"
    module = import_example(path, f"kafka_{name.replace('-', '_')}")
    return module


@pytest.fixture(scope="module")
def check() -> ModuleType:
    return load("durability_check")


def props(check: ModuleType, name: str) -> dict[str, str]:
    return check.parse_properties(read_example(f"{SLUG}/{name}"))


def replication_factor(check: ModuleType) -> int:
    match = re.search(r"--replication-factor (\d+)", read_example(f"{SLUG}/topic.properties"))
    assert match, "topic.properties names the replication factor it was created with"
    return int(match.group(1))


# ------------------------------------------------------------------------- property names -----
@pytest.mark.parametrize("name", sorted(FILES))
def test_every_property_name_is_in_the_reference(check, name) -> None:
    text = read_example(f"{SLUG}/{name}")
    keys = [line.split("=", 1)[0].strip() for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]
    assert keys, f"{name} sets nothing"
    assert len(keys) == len(set(keys)), f"{name} sets a property twice"
    assert all("=" in line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#"))
    unknown = sorted(set(keys) - FILES[name])
    assert not unknown, f"{name}: not in the Kafka 4.x reference: {unknown}"
    assert not set(keys) & NOT_KAFKA_4


def test_no_file_mentions_zookeeper_settings() -> None:
    for name in FILES:
        assert "zookeeper." not in read_example(f"{SLUG}/{name}")


# ---------------------------------------------------------------------------- guarantees -----
def test_producer_pins_the_safe_defaults(check) -> None:
    producer = props(check, "producer.properties")
    assert producer["acks"] == "all"
    assert producer["enable.idempotence"] == "true"
    assert int(producer["max.in.flight.requests.per.connection"]) <= 5
    assert "retries" not in producer  # bounded by delivery.timeout.ms instead
    assert int(producer["delivery.timeout.ms"]) >= int(producer["request.timeout.ms"]) + int(producer["linger.ms"])
    assert producer["compression.type"] in {"none", "gzip", "snappy", "lz4", "zstd"}


def test_consumer_uses_the_new_protocol_without_classic_only_settings(check) -> None:
    consumer = props(check, "consumer.properties")
    assert consumer["group.protocol"] == "consumer"
    for classic_only in ("session.timeout.ms", "heartbeat.interval.ms", "partition.assignment.strategy"):
        assert classic_only not in consumer
    assert consumer["enable.auto.commit"] == "false"
    assert consumer["isolation.level"] == "read_committed"
    assert consumer["auto.offset.reset"] in {"earliest", "latest", "none"}


def test_rack_aware_fetching_is_configured_on_both_sides(check) -> None:
    consumer, broker = props(check, "consumer.properties"), props(check, "broker.properties")
    assert broker["replica.selector.class"] == "org.apache.kafka.common.replica.RackAwareReplicaSelector"
    assert consumer["client.rack"] == broker["broker.rack"]


def test_broker_runs_kraft_with_durable_defaults(check) -> None:
    broker = props(check, "broker.properties")
    assert broker["process.roles"] == "broker"
    assert broker["controller.listener.names"] in broker["listener.security.protocol.map"]
    rf, min_isr = int(broker["default.replication.factor"]), int(broker["min.insync.replicas"])
    assert rf == 3 and min_isr == 2
    assert broker["unclean.leader.election.enable"] == "false"
    assert int(broker["transaction.state.log.min.isr"]) < int(broker["transaction.state.log.replication.factor"])


def test_compacted_topic_keeps_latest_value_per_key(check) -> None:
    topic = props(check, "topic-compacted.properties")
    assert topic["cleanup.policy"] == "compact"
    assert int(topic["delete.retention.ms"]) > 0  # tombstones stay long enough to be seen


def test_example_files_pass_the_durability_check(check) -> None:
    producer, topic = props(check, "producer.properties"), props(check, "topic.properties")
    assert check.problems(producer, topic, replication_factor(check)) == []
    assert check.tolerated_failures(3, 2) == {"writes_continue": 1, "acked_records_survive": 1}


@pytest.mark.parametrize(
    ("producer_change", "topic_change", "rf", "expected"),
    [
        ({"acks": "1"}, {}, 3, "acks=1"),
        ({"enable.idempotence": "false"}, {}, 3, "written twice"),
        ({"max.in.flight.requests.per.connection": "10"}, {}, 3, "<= 5"),
        ({"retries": "0"}, {}, 3, "retries=0"),
        ({"delivery.timeout.ms": "1000"}, {}, 3, "delivery.timeout.ms"),
        ({}, {"min.insync.replicas": "1"}, 3, "leader alone"),
        ({}, {"min.insync.replicas": "3"}, 3, "stops all writes"),
        ({}, {"unclean.leader.election.enable": "true"}, 3, "out-of-sync"),
        ({}, {}, 2, "replication factor 2"),
    ],
)
def test_durability_check_catches_each_weakening(check, producer_change, topic_change, rf, expected) -> None:
    producer = {**props(check, "producer.properties"), **producer_change}
    topic = {**props(check, "topic.properties"), **topic_change}
    found = check.problems(producer, topic, rf)
    assert any(expected in problem for problem in found), found


def test_an_absent_key_is_judged_by_its_default(check) -> None:
    # min.insync.replicas defaults to 1: leaving it out is the classic acks=all trap.
    assert any("leader alone" in p for p in check.problems({}, {}, 3))
    # The producer defaults alone (acks=all, idempotence on) raise no producer problem.
    assert check.problems({}, {"min.insync.replicas": "2"}, 3) == []


# --------------------------------------------------------------------------- partitioner -----
def test_murmur2_matches_kafkas_own_test_vectors() -> None:
    partitioner = load("partitioner")
    for data, expected in MURMUR2_VECTORS.items():
        assert partitioner.murmur2(data) == expected, data


def test_same_key_same_partition_until_the_partition_count_changes() -> None:
    partitioner = load("partitioner")
    keys = [f"account-{i}".encode() for i in range(2_000)]
    before = [partitioner.partition_for_key(k, 12) for k in keys]
    assert before == [partitioner.partition_for_key(k, 12) for k in keys]
    assert set(before) == set(range(12))  # every partition gets keys
    after = [partitioner.partition_for_key(k, 16) for k in keys]
    moved = sum(a != b for a, b in zip(before, after)) / len(keys)
    assert moved > 0.5  # adding partitions remaps most keys: per-key order breaks across the change
