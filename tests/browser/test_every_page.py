"""Every page of the real handbook in Chromium, under the /handbook/ sub-path and offline.

For each page, in the light and the dark palette: no console or page errors, no failed request,
no request leaving the site, every Mermaid diagram drawn as an SVG with an accessible name (none
shows the error box), and no accessibility violation of any impact from axe-core (the real engine,
from npm), with every diagram drawn and every rule axe runs by default.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import wait_for_diagrams, watch
from tests.conftest import ROOT

DOCS = ROOT / "docs"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def page_paths() -> list[str]:
    """Site paths of every Markdown page, e.g. 'big-data/spark-tuning/' ('' is the home page)."""
    paths = []
    for source in sorted(DOCS.rglob("*.md")):
        relative = source.relative_to(DOCS)
        if relative.parts[0] == "assets":
            continue
        url = relative.with_suffix("").as_posix()
        url = "" if url == "index" else url.removesuffix("/index") + "/"
        paths.append(url)
    return paths


def diagram_count(site: Path, path: str) -> int:
    return (site / path / "index.html").read_text(encoding="utf-8").count('<pre class="diagram">')


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))  # injected from disk: no request leaves the machine
    violations = page.evaluate("""async () => {
        const result = await axe.run(document, {resultTypes: ['violations']});
        return result.violations.map(v => `${v.id} (${v.impact}): ${v.help} — ` +
            v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
    }""")
    return violations


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", page_paths())
def test_page_loads_cleanly_and_draws_its_diagrams(browser, site_url, built_site, path, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    visit = watch(page)
    response = page.goto(site_url + path, wait_until="load")
    assert response is not None and response.status == 200
    state = wait_for_diagrams(page)
    page.wait_for_load_state("networkidle")
    expected = diagram_count(built_site.site, path)
    assert state["errors"] == [], f"diagrams that failed to draw on /{path}: {state['errors']}"
    assert state["pending"] == 0 and state["rendered"] == expected, state
    assert state["unnamed"] == 0, "every diagram needs accTitle (its SVG's accessible name)"
    assert visit.problems() == []
    mermaid_loaded = any("/vendor/mermaid/" in url for url in visit.requests)
    assert mermaid_loaded == (expected > 0), "Mermaid must be downloaded only by pages with diagrams"
    assert axe_violations(page) == []
    context.close()


def test_404_page_works_under_the_sub_path(context, site_url):
    page = context.new_page()
    visit = watch(page)
    response = page.goto(site_url + "no/such/page/")
    assert response is not None and response.status == 404
    # Styled (the stylesheet loaded from the sub-path) and navigable back to the home page.
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    page.locator(".md-header__button.md-logo").click()
    page.wait_for_url(site_url)
    assert visit.problems() == []
