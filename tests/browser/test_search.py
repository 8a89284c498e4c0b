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


def settled_top_results(page, results, quiet_ms: int = 500, limit_ms: int = 10_000) -> list[str]:
    """The first three result titles once the list has stopped changing for `quiet_ms` (the
    search worker answers each key in turn, so lists for shorter prefixes can still arrive)."""
    top, unchanged_ms, waited_ms = None, 0, 0
    while unchanged_ms < quiet_ms and waited_ms < limit_ms:
        page.wait_for_timeout(100)
        waited_ms += 100
        now = [text.strip() for text in results.locator("h1").all_text_contents()[:3]]
        unchanged_ms = unchanged_ms + 100 if now == top else 0
        top = now
    return top


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
    top = settled_top_results(page, results)
    titles = title if isinstance(title, tuple) else (title,)
    assert any(t in heading for t in titles for heading in top), f"'{term}': top results were {top}"
    assert visit.problems() == []


@pytest.mark.parametrize("start", ["click", "shortcut", "phone"])
def test_search_index_loads_only_when_search_is_used(browser, site_url, start):
    """overrides/main.html holds back Material's search-index request until search is used."""
    phone = start == "phone"
    context = browser.new_context(viewport={"width": 390, "height": 844} if phone else None,
                                  is_mobile=phone, has_touch=phone)
    page = context.new_page()
    visit = watch(page)
    page.goto(site_url + "core-concepts/")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    assert not any(url.endswith("search_index.json") for url in visit.requests)
    if start == "click":
        page.locator("input.md-search__input").click()
    elif start == "shortcut":
        page.keyboard.press("/")
    else:
        page.locator('label[for="__search"]').first.tap()
    page.keyboard.type("Kimball", delay=15)
    results = page.locator(".md-search-result__item > .md-search-result__link")
    results.first.wait_for()
    assert any(url.endswith("search_index.json") for url in visit.requests)
    assert "Kimball vs Inmon" in " ".join(results.locator("h1").all_text_contents())
    assert visit.problems() == []
    context.close()


def test_a_page_opened_from_a_search_link_loads_the_index(context, site_url):
    page = context.new_page()
    visit = watch(page)
    page.goto(site_url + "?q=Kimball")
    page.locator(".md-search-result__item").first.wait_for()
    assert any(url.endswith("search_index.json") for url in visit.requests)
    assert visit.problems() == []
