"""Runs the examples of docs/leadership/observability-real-time-pipeline.md.

The Prometheus rules are checked by promtool (`promtool check rules`) and their behaviour by
promtool's own unit tests (`promtool test rules`), which evaluate the PromQL on invented
kafka_exporter series. The Alertmanager routing is checked by amtool. promtool comes with
Debian's `prometheus` package and amtool with `prometheus-alertmanager`, which scripts/test
installs; without them those tests fail rather than skip, so a missing check never passes as
green. The structural tests below also parse the YAML and check every metric name against the
ones kafka_exporter documents. The structured log example is run and its output
parsed.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import yaml

from conftest import EXAMPLES, import_example, read_example

SLUG = "observability-real-time-pipeline"
FOLDER = EXAMPLES / SLUG

# The metrics kafka_exporter (danielqsj/kafka_exporter 1.x) documents in its README.
KAFKA_EXPORTER_METRICS = {
    "kafka_brokers",
    "kafka_broker_info",
    "kafka_topic_partitions",
    "kafka_topic_partition_current_offset",
    "kafka_topic_partition_oldest_offset",
    "kafka_topic_partition_in_sync_replica",
    "kafka_topic_partition_leader",
    "kafka_topic_partition_leader_is_preferred",
    "kafka_topic_partition_replicas",
    "kafka_topic_partition_under_replicated_partition",
    "kafka_consumergroup_current_offset",
    "kafka_consumergroup_current_offset_sum",
    "kafka_consumergroup_lag",
    "kafka_consumergroup_lag_sum",
    "kafka_consumergroupzookeeper_lag_zookeeper",
    "kafka_consumergroup_members",
}
# Labels of the consumer-group metrics: the rules may only aggregate by these.
CONSUMER_GROUP_LABELS = {"consumergroup", "topic", "partition"}

# The correlation fields the page tells every log line to carry.
CORRELATION_FIELDS = {"timestamp", "level", "message", "service", "run_id", "event_id", "trace_id", "span_id"}
KAFKA_FIELDS = {"topic", "partition", "offset", "consumer_group"}


def rules() -> list[dict[str, Any]]:
    document = yaml.safe_load(read_example(f"{SLUG}/kafka-lag-rules.yml"))
    return [rule for group in document["groups"] for rule in group["rules"]]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=FOLDER, capture_output=True, text=True, timeout=120, check=False)


def needs(tool: str) -> None:
    if shutil.which(tool) is None:
        pytest.fail(f"{tool} is not installed: run scripts/test, which installs Debian's prometheus and "
                    "prometheus-alertmanager")


# --- Prometheus rules: structure, always run ---------------------------------------------


def test_every_rule_is_a_complete_alert() -> None:
    found = rules()
    assert [rule["alert"] for rule in found] == [
        "KafkaConsumerLagTooHigh",
        "KafkaConsumerGroupStalled",
        "KafkaConsumerLagGrowing",
        "KafkaLagMetricsMissing",
    ]
    for rule in found:
        assert re.fullmatch(r"\d+m", rule["for"]), rule["alert"]
        assert rule["labels"]["severity"] in {"page", "ticket"}
        assert rule["labels"]["team"] == "data-platform"
        assert {"summary", "description", "runbook_url"} <= set(rule["annotations"])
        assert rule["annotations"]["runbook_url"].startswith("https://")


def test_rules_use_only_metrics_and_labels_that_kafka_exporter_exposes() -> None:
    for rule in rules():
        expr = rule["expr"]
        metrics = set(re.findall(r"\bkafka_[a-z_]+", expr))
        assert metrics, rule["alert"]
        assert metrics <= KAFKA_EXPORTER_METRICS, (rule["alert"], metrics - KAFKA_EXPORTER_METRICS)
        for grouping in re.findall(r"\bby \(([^)]*)\)", expr):
            labels = {label.strip() for label in grouping.split(",")}
            assert labels <= CONSUMER_GROUP_LABELS, (rule["alert"], labels)
        # Every rule is scoped to the one consumer group the team owns.
        assert 'consumergroup="orders-enricher"' in expr


def test_every_alert_has_a_unit_test_that_expects_it_to_fire() -> None:
    tests = yaml.safe_load(read_example(f"{SLUG}/kafka-lag-rules.test.yml"))
    assert tests["rule_files"] == ["kafka-lag-rules.yml"]
    expected_to_fire = {
        case["alertname"]
        for group in tests["tests"]
        for case in group["alert_rule_test"]
        if case.get("exp_alerts")
    }
    assert expected_to_fire == {rule["alert"] for rule in rules()}


# --- Prometheus rules: promtool ---------------------------------------------------------


def test_promtool_accepts_the_rule_file() -> None:
    needs("promtool")
    result = run("promtool", "check", "rules", "kafka-lag-rules.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SUCCESS: 4 rules found" in result.stdout


def test_promtool_unit_tests_pass() -> None:
    needs("promtool")
    result = run("promtool", "test", "rules", "kafka-lag-rules.test.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SUCCESS" in result.stdout


def test_promtool_unit_tests_catch_a_wrong_threshold(tmp_path: Path) -> None:
    """The unit tests are not vacuous: a rule that pages too late makes them fail."""
    needs("promtool")
    rule_file = read_example(f"{SLUG}/kafka-lag-rules.yml")
    assert rule_file.count(") > 300") == 1
    (tmp_path / "kafka-lag-rules.yml").write_text(rule_file.replace(") > 300", ") > 30000"), encoding="utf-8")
    shutil.copy(FOLDER / "kafka-lag-rules.test.yml", tmp_path)
    result = subprocess.run(
        ["promtool", "test", "rules", "kafka-lag-rules.test.yml"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode != 0
    assert "alertname: KafkaConsumerLagTooHigh, time: 12m" in result.stdout + result.stderr


# --- Alertmanager -----------------------------------------------------------------------


def test_inhibition_and_grouping_refer_to_real_alerts_and_labels() -> None:
    config = yaml.safe_load(read_example(f"{SLUG}/alertmanager.yml"))
    alert_names = {rule["alert"] for rule in rules()}
    for inhibit in config["inhibit_rules"]:
        for matcher in inhibit["source_matchers"] + inhibit["target_matchers"]:
            name, value = re.fullmatch(r'(\w+)="([^"]*)"', matcher).groups()
            if name == "alertname":
                assert value in alert_names
            else:
                assert name == "severity" and value in {"page", "ticket"}
        assert set(inhibit["equal"]) <= set(config["route"]["group_by"])
    assert set(config["route"]["group_by"]) - {"alertname"} <= CONSUMER_GROUP_LABELS


def test_amtool_accepts_the_alertmanager_config() -> None:
    needs("amtool")
    result = run("amtool", "check-config", "alertmanager.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 inhibit rules" in result.stdout


@pytest.mark.parametrize(
    ("labels", "receiver"),
    [
        (["team=data-platform", "severity=page", "alertname=KafkaConsumerGroupStalled"], "data-platform-pager"),
        (["team=data-platform", "severity=ticket", "alertname=KafkaConsumerLagGrowing"], "data-platform-chat"),
        (["team=payments", "severity=page"], "data-platform-chat"),
    ],
)
def test_alerts_route_to_the_right_receiver(labels: list[str], receiver: str) -> None:
    needs("amtool")
    result = run("amtool", "config", "routes", "test", "--config.file=alertmanager.yml", *labels)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == receiver


# --- Structured logs ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def structured_log() -> ModuleType:
    module = import_example(FOLDER / "structured_log.py", "structured_log")
    return module


def shape(value: Any) -> Any:
    """The nested keys and value types of a JSON document."""
    if isinstance(value, dict):
        return {key: shape(item) for key, item in value.items()}
    return type(value).__name__


def check_correlation_fields(line: dict[str, Any]) -> None:
    assert CORRELATION_FIELDS <= set(line)
    assert KAFKA_FIELDS <= set(line["kafka"])
    assert line["timestamp"].endswith("Z")
    datetime.fromisoformat(line["timestamp"].replace("Z", "+00:00"))
    assert line["level"] in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}
    assert re.fullmatch(r"[0-9a-f]{32}", line["trace_id"]) and set(line["trace_id"]) != {"0"}
    assert re.fullmatch(r"[0-9a-f]{16}", line["span_id"])
    assert isinstance(line["kafka"]["partition"], int) and isinstance(line["kafka"]["offset"], int)


def test_the_consumer_writes_one_json_object_per_line(structured_log: ModuleType) -> None:
    out = io.StringIO()
    structured_log.main(out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 1
    line = json.loads(lines[0])
    check_correlation_fields(line)
    # The trace ID is the producer's, taken from the record's traceparent header;
    # the span ID is the consumer's own.
    assert line["trace_id"] == "5f1c0d2e8a9b4c3d8e7f6a5b4c3d2e1f"
    assert line["span_id"] != "a1b2c3d4e5f60718"
    assert line["kafka"] == {"topic": "orders", "partition": 7, "offset": 48213377, "consumer_group": "orders-enricher"}
    assert line["error"]["type"] == "ValueError"
    assert "Traceback" in line["error"]["stack"]


def test_the_page_example_has_the_shape_the_code_writes(structured_log: ModuleType) -> None:
    example = json.loads(read_example(f"{SLUG}/log-event.json"))
    check_correlation_fields(example)
    out = io.StringIO()
    structured_log.main(out)
    assert shape(json.loads(out.getvalue())) == shape(example)


@pytest.mark.parametrize(
    "header",
    [
        b"",
        b"00-00000000000000000000000000000000-a1b2c3d4e5f60718-01",  # all-zero trace ID is invalid
        b"00-5F1C0D2E8A9B4C3D8E7F6A5B4C3D2E1F-a1b2c3d4e5f60718-01",  # upper case is invalid
        b"00-5f1c0d2e8a9b4c3d-a1b2c3d4e5f60718-01",  # trace ID too short
    ],
)
def test_invalid_traceparent_headers_are_ignored(structured_log: ModuleType, header: bytes) -> None:
    assert structured_log.trace_context({"traceparent": header}) == {}
