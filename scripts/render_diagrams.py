"""Draw every diagram that has no stored drawing, and remove drawings no diagram uses.

Run through `bash scripts/render-diagrams`, which installs what this needs. It builds the site
without --strict (a diagram without a drawing is a warning then, and the page keeps its source),
opens each page that still has such a diagram in headless Chromium, and asks the site's own
renderer (window.handbookDiagrams.drawing in assets/javascripts/diagrams.js) for the SVG in each
palette. The SVGs go to diagrams/KEY.PALETTE.svg, under the key the build gave the diagram
(hooks/handbook/drawings.py). A diagram Mermaid cannot parse is reported by file and line, and
the script exits with status 1.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "hooks")]

from handbook import drawings  # noqa: E402
from scripts.lib.chromium import CHROMIUM_FLAGS, chromium_executable  # noqa: E402
from scripts.lib.site_build import SUB_PATH, free_port, mkdocs_build  # noqa: E402
from scripts.lib.site_server import serve  # noqa: E402

PALETTE_SCHEMES = {"light": "default", "dark": "slate"}  # drawing palette -> Material colour scheme
PENDING = re.compile(r'<pre\b[^>]*\bdata-drawing="(?P<key>[0-9a-f]+)"')
DRAWN = re.compile(r'\bclass="diagram diagram--drawn"[^>]*\bdata-drawing="(?P<key>[0-9a-f]+)"')

# In the page: the source and place of every diagram still waiting for a drawing.
PENDING_SOURCES = """() => [...document.querySelectorAll('pre.diagram[data-drawing]')].map((pre) => ({
    key: pre.dataset.drawing, where: pre.dataset.source || '', source: pre.textContent }))"""
# In the page: one diagram in one colour scheme, once the fonts its text is measured in are loaded.
DRAW = """async ({ source, id, scheme }) => {
    document.body.setAttribute('data-md-color-scheme', scheme);
    await Promise.all(['400 15px Roboto', '700 15px Roboto'].map((font) => document.fonts.load(font)));
    try {
        return { svg: await window.handbookDiagrams.drawing(source, id) };
    } catch (error) {
        return { error: String(error && error.message || error).split('\\n').slice(0, 4).join(' ') };
    }
}"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="draw nothing; exit 1 if a diagram has no drawing or a drawing is unused")
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml",
                        help="the site's mkdocs.yml (default: the handbook's)")
    options = parser.parse_args()
    config = options.config.resolve()
    folder = config.parent / "diagrams"
    folder.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="handbook-drawings-") as temp:
        port = free_port()
        build = mkdocs_build(config, Path(temp) / "site", strict=False,
                             site_url=f"http://127.0.0.1:{port}{SUB_PATH}")
        if build.returncode != 0:
            print(build.output, file=sys.stderr)
            return 1
        pending, used = scan(build.site)
        waiting = {key for keys in pending.values() for key in keys}
        unused = drawings.stored_keys(folder) - used - waiting
        if options.check:
            for page, keys in pending.items():
                print(f"{page}: {len(keys)} diagram(s) without a drawing")
            for key in sorted(unused):
                print(f"diagrams/{key}.*.svg: no diagram uses it")
            if not pending and not unused:
                print("Every diagram has its drawings, and every drawing is used.")
            return 1 if pending or unused else 0
        for key in sorted(unused):
            for palette in drawings.PALETTES:
                drawings.path_for(folder, key, palette).unlink(missing_ok=True)
            print(f"removed diagrams/{key}.*.svg (no diagram uses it)")
        failures = draw_pending(build.site, pending, port, folder) if pending else []
    for failure in failures:
        print(failure, file=sys.stderr)
    if not pending and not unused:
        print("Every diagram has its drawings; nothing to do.")
    return 1 if failures else 0


def scan(site: Path) -> tuple[dict[str, list[str]], set[str]]:
    """Pages (site-relative paths) with diagrams still waiting, and the keys of diagrams drawn."""
    pending: dict[str, list[str]] = {}
    used: set[str] = set()
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        keys = [match.group("key") for match in PENDING.finditer(text)]
        if keys:
            pending[page.relative_to(site).as_posix()] = keys
        used.update(match.group("key") for match in DRAWN.finditer(text))
    return pending, used


def draw_pending(site: Path, pending: dict[str, list[str]], port: int, folder: Path) -> list[str]:
    """Draw the waiting diagrams of each page in both palettes; returns the failures."""
    from playwright.sync_api import sync_playwright

    chromium = chromium_executable()
    if not chromium:
        return ["Chromium is not installed: run `bash scripts/render-diagrams`, which installs it"]
    failures: list[str] = []
    done: set[str] = set()
    with serve(site, SUB_PATH, port) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        # Nothing may leave the machine, as on the published site.
        page.route("**/*", lambda route, request: route.continue_()
                   if urlsplit(request.url).hostname == "127.0.0.1" else route.abort())
        page.route("**/assets/stylesheets/extra.css", fonts_that_block)
        for path in pending:
            page.goto(base + path.removesuffix("index.html"))
            page.wait_for_function("() => window.handbookDiagrams !== undefined")
            for diagram in page.evaluate(PENDING_SOURCES):
                key = diagram["key"]
                if key in done:
                    continue
                done.add(key)
                failures += draw_one(page, folder, key, diagram["source"], diagram["where"])
        browser.close()
    return failures


def fonts_that_block(route) -> None:
    """Serve extra.css with font-display: block. The site's fonts are optional (a face that misses
    the first paint is never used on that page); Mermaid sizes every box from the text it measures,
    so the drawings must always be measured in Roboto, however long the fonts take here."""
    response = route.fetch()
    css = response.text()
    assert "font-display: optional" in css, "extra.css no longer declares its fonts optional"
    route.fulfill(response=response, body=css.replace("font-display: optional", "font-display: block"))


def draw_one(page, folder: Path, key: str, source: str, where: str) -> list[str]:
    svgs = {}
    for palette, scheme in PALETTE_SCHEMES.items():
        svg_id = drawings.SVG_ID.format(key=key, palette=palette)
        result = page.evaluate(DRAW, {"source": source, "scheme": scheme, "id": svg_id})
        if "error" in result:
            return [f"{where or 'a diagram'}: Mermaid cannot draw this diagram: {html.unescape(result['error'])}"]
        svgs[palette] = drawings.for_html(drawings.unique_ids(result["svg"], svg_id))
    for palette, svg in svgs.items():
        drawings.path_for(folder, key, palette).write_text(svg + "\n", encoding="utf-8")
    print(f"drew {where or key} -> diagrams/{key}.{{light,dark}}.svg")
    return []


if __name__ == "__main__":
    sys.exit(main())
