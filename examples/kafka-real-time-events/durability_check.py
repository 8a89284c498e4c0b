"""Flag settings that weaken Kafka's no-loss guarantee (Apache Kafka 4.x).

Reads .properties text (producer, topic, broker) and returns readable problems.
Defaults are the documented ones, so an absent key is judged by its default.
"""

from __future__ import annotations

PRODUCER_DEFAULTS = {
    "acks": "all",
    "enable.idempotence": "true",
    "max.in.flight.requests.per.connection": "5",
    "retries": "2147483647",
    "delivery.timeout.ms": "120000",
    "request.timeout.ms": "30000",
    "linger.ms": "5",
}
TOPIC_DEFAULTS = {"min.insync.replicas": "1", "unclean.leader.election.enable": "false"}


def parse_properties(text: str) -> dict[str, str]:
    """Java .properties subset: key=value lines, # comments, blank lines."""
    props: dict[str, str] = {}
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith(("#", "!")):
            key, _, value = line.partition("=")
            props[key.strip()] = value.strip()
    return props


def tolerated_failures(replication_factor: int, min_insync: int) -> dict[str, int]:
    """Brokers of one partition that may fail while writes with acks=all keep succeeding,
    and brokers that may fail without losing any acknowledged record."""
    return {
        "writes_continue": replication_factor - min_insync,
        "acked_records_survive": min_insync - 1,
    }


def problems(producer: dict[str, str], topic: dict[str, str], replication_factor: int) -> list[str]:
    p = {**PRODUCER_DEFAULTS, **producer}
    t = {**TOPIC_DEFAULTS, **topic}
    found = []
    if p["acks"] not in ("all", "-1"):
        found.append(f"acks={p['acks']}: the leader alone acknowledges; use acks=all")
    if p["enable.idempotence"] != "true":
        found.append("enable.idempotence=false: a retried batch can be written twice")
    elif int(p["max.in.flight.requests.per.connection"]) > 5:
        found.append("idempotence needs max.in.flight.requests.per.connection <= 5")
    if int(p["retries"]) == 0:
        found.append("retries=0: transient errors become lost records")
    if int(p["delivery.timeout.ms"]) < int(p["request.timeout.ms"]) + int(p["linger.ms"]):
        found.append("delivery.timeout.ms must be >= request.timeout.ms + linger.ms")
    min_isr = int(t["min.insync.replicas"])
    if replication_factor < 3:
        found.append(f"replication factor {replication_factor}: use 3 to survive a broker loss")
    if min_isr < 2:
        found.append("min.insync.replicas=1: acks=all may be satisfied by the leader alone")
    if min_isr >= replication_factor:
        found.append("min.insync.replicas >= replication factor: one broker down stops all writes")
    if t["unclean.leader.election.enable"] == "true":
        found.append("unclean.leader.election.enable=true: an out-of-sync replica may lead and drop records")
    return found
