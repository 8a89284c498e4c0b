"""Lighthouse scores and first-visit bytes of the built handbook.

Builds the site under /handbook/, serves it on 127.0.0.1 and runs Lighthouse 12.2.3 (npm, with the
system Chromium, mobile preset: simulated slow 4G and a 4x slower CPU) on the home page, the page
with the most diagrams and two more; then reports, for every page, what a first visit downloads
(requests and gzip bytes) and the size of the search index.

Each page gets several Lighthouse runs (--runs, 5 by default) and is reported by its median run,
chosen as Lighthouse's own `computeMedianRun` chooses it (the run closest to the median first
contentful paint and time to interactive), with the range of performance scores over all runs:
one run moves by up to 10 points here, and Lighthouse's variability guide finds the median of five
about twice as stable as a single run.

    npm ci --prefix benchmarks        # once: installs Lighthouse for this script only
    .venv/bin/python benchmarks/site_benchmark.py [--runs N] [PAGE ...]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from scripts.lib.chromium import CHROMIUM_FLAGS, chromium_executable  # noqa: E402
from scripts.lib.site_build import SUB_PATH, free_port, mkdocs_build  # noqa: E402
from scripts.lib.site_server import serve  # noqa: E402

LIGHTHOUSE = ROOT / "benchmarks" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = chromium_executable() or "/usr/bin/chromium"
FLAGS = " ".join(["--headless=new", *CHROMIUM_FLAGS])  # for Lighthouse, which launches its own


# A diagram drawn at build time (its light copy; the dark copy is the same size), or one waiting to
# be drawn in the browser.
DIAGRAM = re.compile(r'<div class="diagram--rendered diagram--light">.*?</svg>|<pre\b[^>]*\bclass="diagram".*?</pre>', re.S)


def heaviest_diagram_page(site: Path) -> str:
    """The page with the most diagram markup: several pages have the most diagrams (three), and
    the number says little about what a page costs to draw."""
    pages = {html: sum(len(match) for match in DIAGRAM.findall(html.read_text(encoding="utf-8")))
             for html in site.rglob("index.html") if "print" not in html.parts}
    html = max(pages, key=pages.get)
    return html.parent.relative_to(site).as_posix() + "/"


def lighthouse(url: str) -> dict:
    """One Lighthouse run: its JSON report."""
    with tempfile.TemporaryDirectory() as profile, tempfile.NamedTemporaryFile(suffix=".json") as report:
        done = subprocess.run(
            [str(LIGHTHOUSE), url, "--output=json", f"--output-path={report.name}", "--quiet",
             f"--chrome-flags={FLAGS} --user-data-dir={profile}"],
            capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=600)
        if done.returncode:
            sys.exit(f"lighthouse failed for {url}:\n{done.stderr[-2000:]}")
        return json.loads(Path(report.name).read_text())


def median_run(reports: list[dict]) -> dict:
    """The run nearest to the median first contentful paint and time to interactive (the rule of
    Lighthouse's computeMedianRun: those two bound the load; the score alone has outliers)."""
    def value(report: dict, audit: str) -> float:
        return report["audits"][audit]["numericValue"]

    fcp = statistics.median(value(report, "first-contentful-paint") for report in reports)
    tti = statistics.median(value(report, "interactive") for report in reports)
    return min(reports, key=lambda report: ((value(report, "first-contentful-paint") - fcp) ** 2
                                            + (value(report, "interactive") - tti) ** 2,
                                            value(report, "interactive")))


def summary(reports: list[dict]) -> dict:
    median = median_run(reports)
    audits = median["audits"]
    performance = sorted(round(report["categories"]["performance"]["score"] * 100) for report in reports)
    return {**{name: round(category["score"] * 100) for name, category in median["categories"].items()},
            "TBT ms": round(audits["total-blocking-time"]["numericValue"]),
            "LCP ms": round(audits["largest-contentful-paint"]["numericValue"]),
            "performance over runs": f"{performance[0]}-{performance[-1]}" if len(reports) > 1 else performance[0]}


def first_visit(site: Path, base: str, path: str, browser) -> tuple[int, int]:
    context = browser.new_context()
    page = context.new_page()
    urls: list[str] = []
    page.on("requestfinished", lambda request: urls.append(request.url))
    page.goto(base + path)
    page.wait_for_load_state("networkidle")
    context.close()
    total = 0
    for url in set(urls):
        file = site / unquote(urlsplit(url).path).split("/", 2)[-1]
        file = file / "index.html" if file.is_dir() else file
        if file.is_file():
            total += len(gzip.compress(file.read_bytes(), 6))
    return len(urls), total


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="*", help="site paths, e.g. core-concepts/ (default: four pages)")
    parser.add_argument("--runs", type=int, default=5, help="Lighthouse runs per page (default 5)")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is missing: run `npm ci --prefix benchmarks` first")
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        built = mkdocs_build(ROOT / "mkdocs.yml", Path(tmp) / "site", site_url=f"http://127.0.0.1:{port}{SUB_PATH}")
        if built.returncode:
            sys.exit(built.output)
        site = built.site
        samples = args.pages or ["", heaviest_diagram_page(site), "core-concepts/", "questions/"]
        with serve(site, SUB_PATH, port) as base:
            print(f"Lighthouse (mobile), median of {args.runs} runs")
            for path in samples:
                print(f"  /{path:45s} {summary([lighthouse(base + path) for _ in range(args.runs)])}", flush=True)
            print("First visit (gzip)")
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
                for html in sorted(site.rglob("index.html")):
                    path = html.parent.relative_to(site).as_posix() + "/"
                    path = "" if path == "./" else path
                    if path.startswith(("search/", "assets/")):
                        continue
                    count, size = first_visit(site, base, path, browser)
                    print(f"  /{path:45s} {count:3d} requests {size / 1024:8.1f} KiB")
                browser.close()
        index = site / "search" / "search_index.json"
        print(f"Search index: {index.stat().st_size / 1024:.0f} KiB, "
              f"{len(gzip.compress(index.read_bytes(), 6)) / 1024:.0f} KiB gzip")


if __name__ == "__main__":
    main()
