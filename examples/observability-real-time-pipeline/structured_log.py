"""Structured JSON logs for a Kafka consumer, using only the Python standard library.

Every line is one JSON object with the same correlation fields, so the log store can
join a log line to its trace (trace_id, span_id), to its record (event_id and the
Kafka topic, partition and offset) and to the deployment that wrote it (run_id).
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import secrets
import sys
from datetime import datetime, timezone
from typing import IO, Any

# Fields that hold for the whole process run, set once at start-up.
RUN_CONTEXT: contextvars.ContextVar[dict[str, Any]] = contextvars.ContextVar("run_context", default={})

# W3C Trace Context: version-traceid-parentid-flags, lower-case hex.
TRACEPARENT = re.compile(r"^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$")


class JsonFormatter(logging.Formatter):
    """Formats a log record as one line of JSON."""

    def format(self, record: logging.LogRecord) -> str:
        created = datetime.fromtimestamp(record.created, tz=timezone.utc)
        line: dict[str, Any] = {
            "timestamp": created.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        line.update(RUN_CONTEXT.get())
        line.update(getattr(record, "fields", {}))
        if record.exc_info and record.exc_info[0] is not None:
            line["error"] = {
                "type": record.exc_info[0].__name__,
                "message": str(record.exc_info[1]),
                "stack": self.formatException(record.exc_info),
            }
        return json.dumps(line, ensure_ascii=False, separators=(",", ":"))


def trace_context(headers: dict[str, bytes]) -> dict[str, str]:
    """Continues the producer's trace from the record's traceparent header.

    The consumer's own span gets a new span ID; the trace ID is kept, which is what
    joins this log line to the producer's spans in the tracing back-end.
    """
    match = TRACEPARENT.match(headers.get("traceparent", b"").decode("ascii", "replace"))
    if match is None or match.group(1) == "0" * 32:
        return {}
    return {"trace_id": match.group(1), "span_id": secrets.token_hex(8)}


def configure(stream: IO[str] = sys.stdout) -> logging.Logger:
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("orders_enricher")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.INFO)  # DEBUG stays off in production
    logger.propagate = False
    return logger


def main(stream: IO[str] = sys.stdout) -> None:
    log = configure(stream)
    RUN_CONTEXT.set(
        {
            "service": "orders-enricher",
            "service_version": "2.14.1",
            "environment": "production",
            "pipeline": "orders-realtime",
            "run_id": "run-20261128-2204-c3f9",
        }
    )
    # One consumed record, as the Kafka client hands it over.
    record = {
        "topic": "orders",
        "partition": 7,
        "offset": 48213377,
        "headers": {"traceparent": b"00-5f1c0d2e8a9b4c3d8e7f6a5b4c3d2e1f-a1b2c3d4e5f60718-01"},
        "value": {"event_id": "9b2e6f0c-3d4a-4f8e-9c1b-7a5d2e8f6a10", "order_id": "A-1042", "amount": "abc"},
    }
    fields = {
        "event": "record.rejected",
        "event_id": record["value"]["event_id"],
        **trace_context(record["headers"]),
        "kafka": {
            "topic": record["topic"],
            "partition": record["partition"],
            "offset": record["offset"],
            "consumer_group": "orders-enricher",
        },
    }
    try:
        float(record["value"]["amount"])
    except ValueError:
        fields["dead_letter_topic"] = "orders.dlq"
        log.warning("Record failed validation and was sent to the dead-letter topic",
                    exc_info=True, extra={"fields": fields})


if __name__ == "__main__":
    main()
