"""Every page of the real handbook in Chromium, under the /handbook/ sub-path and offline.

For each page, in the light and the dark palette: no console or page errors, no failed request,
no request leaving the site, every Mermaid diagram shown as the SVG drawn at build time for the
active palette, with an accessible name, and no Mermaid downloaded; and no accessibility violation
of any impact from axe-core (the real engine, from npm), with every diagram drawn and every rule axe
runs by default, both as the page opens and, for code blocks, once each has been in view (Material
starts a code block when it first comes into view, adding its buttons).
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from tests.browser.conftest import visit_code_blocks, wait_for_diagrams, watch
from tests.conftest import ROOT

DOCS = ROOT / "docs"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BUDGETS = yaml.safe_load((ROOT / "benchmarks" / "budgets.yml").read_text())


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
    """Diagrams in a built page: drawn at build time (overrides/partials/handbook/diagram.html), or
    waiting for the browser (mermaid2's fence writes `<pre  class="diagram">`)."""
    html = (site / path / "index.html").read_text(encoding="utf-8")
    return len(re.findall(r'class="diagram diagram--drawn"|<pre\b[^>]*\bclass="diagram"', html))


def first_visit_kib(site: Path, urls: list[str]) -> float:
    """What the finished requests of a visit weigh after gzip, from the built files."""
    total = 0
    for url in set(urls):
        relative = unquote(urlsplit(url).path).split("/", 2)[-1]
        path = site / relative
        if path.is_dir():
            path = path / "index.html"
        if path.is_file():
            total += len(gzip.compress(path.read_bytes(), 6))
    return total / 1024


def budget_kib(path: str, has_diagrams: bool) -> int:
    return BUDGETS["pages"].get(path, BUDGETS["page_with_diagrams" if has_diagrams else "page"])


def axe_violations(page, within: str | None = None) -> list[str]:
    """axe-core's violations on the page, or only in the elements matching the selector `within`."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))  # injected from disk: no request leaves the machine
    violations = page.evaluate("""async (within) => {
        const context = within ? { include: [...document.querySelectorAll(within)] } : document;
        const result = await axe.run(context, {resultTypes: ['violations']});
        return result.violations.map(v => `${v.id} (${v.impact}): ${v.help} — ` +
            v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
    }""", within)
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
    if expected:
        assert state["palettes"] == [scheme], f"/{path} shows diagrams drawn for {state['palettes']}"
    # Every diagram of the published site is drawn at build time: Mermaid is never downloaded.
    assert not any("/vendor/mermaid/" in url for url in visit.requests), "a page downloaded Mermaid"
    if scheme == "light":
        weight, budget = first_visit_kib(built_site.site, visit.finished), budget_kib(path, expected > 0)
        assert weight <= budget, f"/{path} downloads {weight:.0f} KiB (gzip); its budget is {budget} KiB"
    assert axe_violations(page) == []
    # Material starts each code block as it comes into view, adding its buttons: check them too.
    code = visit_code_blocks(page)
    assert code["started"] == code["shown"], f"/{path}: code blocks that never started: {code}"
    if code["shown"]:
        assert axe_violations(page, within=".md-content pre") == []
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
    # The browser reports the 404 status of the page itself; nothing else may fail.
    visit.console_errors = [m for m in visit.console_errors if "404 (Not Found)" not in m]
    assert visit.problems() == []
    assert visit.console_errors == []
