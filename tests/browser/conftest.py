"""Headless Chromium (Debian's, through Playwright) on built sites served under a sub-path."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Request, Response, sync_playwright

from scripts.lib.chromium import CHROMIUM_FLAGS, chromium_executable
from scripts.lib.site_build import ROOT, SUB_PATH, BuildResult, free_port, mkdocs_build, write_fixture_site
from scripts.lib.site_server import serve
from tests.fixtures.pages import machinery_site

SCREENSHOTS = ROOT / "test-output" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = chromium_executable()
    if not path:
        pytest.fail("Chromium is not installed: run scripts/test (as root it installs Debian's chromium)")
    return path


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_FLAGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def site_url(built_site: BuildResult) -> Iterator[str]:
    """The real handbook at http://127.0.0.1:PORT/handbook/."""
    with serve(built_site.site, SUB_PATH, urlsplit(built_site.site_url).port) as url:
        yield url


@pytest.fixture(scope="session")
def machinery_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture site with diagrams in tabs and collapsed blocks, plus a broken diagram page."""
    root = tmp_path_factory.mktemp("machinery")
    pages = machinery_site()
    pages["broken.md"] = (
        "---\ntitle: Broken\ndescription: A page whose diagram passes the build checks but not Mermaid's parser.\n"
        "---\n\n# Broken\n\n```mermaid\nflowchart TD\n    accTitle: Broken\n    accDescr: An arrow to nowhere.\n"
        "    A --> \n```\n")
    config = write_fixture_site(root / "project", pages)
    port = free_port()
    result = mkdocs_build(config, root / "site", site_url=f"http://127.0.0.1:{port}{SUB_PATH}")
    assert result.returncode == 0, result.output
    with serve(result.site, SUB_PATH, port) as url:
        yield url


@dataclass
class Visit:
    """What a page did while it was open: console errors, failed and third-party requests."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    finished: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return ([f"console error: {m}" for m in self.console_errors]
                + [f"page error: {m}" for m in self.page_errors]
                + [f"failed request: {m}" for m in self.failed]
                + [f"request leaves the site: {m}" for m in self.foreign])


def watch(page: Page) -> Visit:
    """Record what `page` does; block (and record) every request that is not to 127.0.0.1."""
    visit = Visit()

    def on_request(request: Request) -> None:
        visit.requests.append(request.url)

    def on_failed(request: Request) -> None:
        # ERR_ABORTED is a cancellation (navigating away, instant navigation dropping a prefetch);
        # a file that is missing answers 404, which on_response reports.
        cancelled = request.failure == "net::ERR_ABORTED"
        if urlsplit(request.url).hostname == "127.0.0.1" and not cancelled:
            visit.failed.append(f"{request.url} ({request.failure})")

    def on_response(response: Response) -> None:
        # A missing file answers 404 (no "requestfailed"); the page itself may be the 404 page.
        if response.status >= 400 and not response.request.is_navigation_request():
            visit.failed.append(f"{response.url} (HTTP {response.status})")

    def route(route, request: Request) -> None:
        host = urlsplit(request.url).hostname
        if request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route.fallback()  # to the context's own routes if it has any (page routes come first)
        else:
            visit.foreign.append(request.url)
            route.abort()

    page.on("request", on_request)
    page.on("requestfinished", lambda request: visit.finished.append(request.url))
    page.on("requestfailed", on_failed)
    page.on("response", on_response)
    page.on("console", lambda m: visit.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: visit.page_errors.append(str(error)))
    page.route("**/*", route)
    return visit


RENDERED = ".diagram--rendered > svg"  # a drawn diagram's own SVG (not its button's icon)


def open_page(context: BrowserContext, url: str) -> tuple[Page, Visit]:
    """Open `url` in a new tab, watched, once the handbook's scripts are ready."""
    page = context.new_page()
    visit = watch(page)
    page.goto(url)
    page.wait_for_function("() => window.handbookDiagrams !== undefined && window.handbookStudy !== undefined")
    return page, visit


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    ctx = browser.new_context(viewport=DESKTOP, color_scheme="light")
    yield ctx
    ctx.close()


def wait_for_diagrams(page: Page) -> dict:
    """Render every diagram still waiting and report how many are drawn (visible: a diagram drawn
    at build time holds one SVG per palette and shows one), in which palette, and what failed."""
    page.wait_for_function("() => typeof window.handbookDiagrams !== 'undefined'")
    page.evaluate("() => window.handbookDiagrams.renderAll()")
    return page.evaluate("""() => {
        const all = [...document.querySelectorAll('.diagram--rendered > svg')];
        const shown = all.filter((svg) => svg.checkVisibility());
        return {
            pending: document.querySelectorAll('pre.diagram').length,
            rendered: shown.length,
            palettes: [...new Set(document.querySelectorAll('.diagram--drawn').length
                ? shown.map((svg) => svg.parentElement.classList.contains('diagram--dark') ? 'dark' : 'light')
                : [])],
            errors: [...document.querySelectorAll('.diagram--error')].map(e => e.textContent.trim()),
            unnamed: all.filter(svg => !svg.getAttribute('aria-labelledby') && !svg.getAttribute('aria-label')).length,
        };
    }""")


# Material starts code blocks only when they first come into view (`content.lazy`, mkdocs.yml).
CODE_BLOCKS_STATE = """() => {
    const shown = [...document.querySelectorAll('.md-content pre > code')].filter((code) => code.checkVisibility());
    const started = shown.filter((code) => code.parentElement.id.startsWith('__code_'));
    return { shown: shown.length, started: started.length };
}"""


def visit_code_blocks(page: Page) -> dict:
    """Bring each shown code block into view in turn, as a reader scrolling past it would, and back
    to the top; report how many code blocks are shown and how many Material started."""
    page.evaluate("""async () => {
        const frames = (n) => new Promise((done) => {
            const next = () => (--n ? requestAnimationFrame(next) : done());
            requestAnimationFrame(next);
        });
        // Two frames each: the visibility of what is on screen is computed once per frame.
        for (const code of document.querySelectorAll('.md-content pre > code')) {
            if (!code.checkVisibility()) continue;
            code.scrollIntoView({ block: 'center' });
            await frames(2);
        }
        scrollTo(0, 0);
        await frames(2);
    }""")
    return page.evaluate(CODE_BLOCKS_STATE)


def screenshot(page: Page, name: str, full_page: bool = True) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
