"""Sample pages at desktop and phone width, light and dark: nothing overflows sideways, and a
screenshot of each is kept in test-output/screenshots/ for people to look at."""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, PHONE, screenshot, wait_for_diagrams, watch

SAMPLES = [
    "",
    "core-concepts/",
    "core-concepts/kimball-vs-inmon/",
    "big-data/rdd-dataframe-dataset/",
    "leadership/data-strategy-roadmap/",
    "questions/",
]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport_name, viewport", [("desktop", DESKTOP), ("phone", PHONE)])
@pytest.mark.parametrize("path", SAMPLES)
def test_sample_page_layout(browser, site_url, path, scheme, viewport_name, viewport):
    context = browser.new_context(viewport=viewport, color_scheme=scheme, is_mobile=viewport is PHONE)
    page = context.new_page()
    visit = watch(page)
    page.goto(site_url + path)
    state = wait_for_diagrams(page)
    assert state["errors"] == []
    expected = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
    # Wide content (tables, code, diagrams) scrolls inside its own box, never the whole page.
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"/{path} is {overflow}px wider than a {viewport['width']}px screen"
    name = (path.strip("/").replace("/", "--") or "home") + f"-{viewport_name}-{scheme}"
    screenshot(page, name)
    assert visit.problems() == []
    context.close()
