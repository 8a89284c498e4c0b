"""Search on the real handbook finds the page a reader means, including for config keys and jargon."""

from __future__ import annotations

import pytest

from tests.browser.conftest import watch

CASES = [
    ("Kimball", "Kimball vs Inmon"),
    ("SCD2", "Slowly changing dimensions"),
    # Both pages treat exactly-once semantics at length; either one first is right.
    ("exactly-once", ("Kafka for real-time events", "Idempotency and fault tolerance in a payments pipeline")),
    ("acks=all", "Kafka for real-time events"),
    ("spark.sql.shuffle.partitions", "Tuning a slow Spark job"),
    ("dead-letter queue", "Idempotency and fault tolerance in a payments pipeline"),
    ("EXPLAIN ANALYZE", "Diagnosing a slow SQL query"),
    ("consumer lag", "Observability for a real-time pipeline"),
    ("CronJob", "Docker and Kubernetes for data pipelines"),
]


@pytest.mark.parametrize("term, title", CASES)
def test_search_finds_the_page(context, site_url, term, title):
    page = context.new_page()
    visit = watch(page)
    page.goto(site_url)
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially(term, delay=15)
    results = page.locator(".md-search-result__item > .md-search-result__link")
    results.first.wait_for()
    page.wait_for_timeout(1000)  # let the result list settle after the last key
    top = [text.strip() for text in results.locator("h1").all_text_contents()[:3]]
    titles = title if isinstance(title, tuple) else (title,)
    assert any(t in heading for t in titles for heading in top), f"'{term}': top results were {top}"
    assert visit.problems() == []
