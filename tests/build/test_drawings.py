"""Diagrams drawn ahead of time: scripts/render_diagrams.py on a fixture site, and the strict
build that refuses a diagram without its drawing (hooks/handbook/drawings.py).

The fixture site has a diagrams/ folder, as the handbook has; its diagrams sit in a tab, a
collapsed block and the page body, one of them with a click link.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, mkdocs_build, write_fixture_site
from tests.fixtures.pages import machinery_site

SCRIPT = ROOT / "scripts" / "render_diagrams.py"
PAGE = "big-data/diagrams.md"
DRAWN = re.compile(r'class="diagram diagram--drawn"')
WAITING = re.compile(r'<pre\b[^>]*\bclass="diagram"')


def render(config: Path, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), "--config", str(config), *options],
                          capture_output=True, text=True, timeout=300)


def stored(config: Path) -> set[str]:
    return {path.name for path in (config.parent / "diagrams").glob("*.svg")}


def test_drawings_are_made_used_replaced_and_required(tmp_path):
    pages = machinery_site()
    config = write_fixture_site(tmp_path / "project", pages,
                                extra_files={"diagrams/README.md": "Drawings of the diagrams.\n"})
    source = pages[PAGE]
    diagram_count = source.count("```mermaid")
    fence_line = source.split("\n").index("```mermaid") + 1

    # Without drawings, the strict build names each diagram that needs one.
    build = mkdocs_build(config, tmp_path / "site")
    assert build.returncode != 0
    assert any(f"docs/{PAGE}:{fence_line}: diagram has no stored drawing" in line
               and "scripts/render-diagrams" in line for line in build.warnings), build.output
    assert render(config, "--check").returncode == 1

    # The script draws each diagram in both palettes; the build then puts them into the page.
    done = render(config)
    assert done.returncode == 0, done.stdout + done.stderr
    first = stored(config)
    assert len(first) == 2 * diagram_count
    assert {name.split(".")[1] for name in first} == {"light", "dark"}
    assert render(config, "--check").returncode == 0
    build = mkdocs_build(config, tmp_path / "site")
    assert build.returncode == 0, build.output
    html = (build.site / "big-data" / "diagrams" / "index.html").read_text(encoding="utf-8")
    assert len(DRAWN.findall(html)) == diagram_count and not WAITING.search(html)
    assert len(re.findall(r'<svg\b[^>]*\bid="dg-[0-9a-f]+-(?:light|dark)"', html)) == 2 * diagram_count
    assert 'aria-label="Open' not in html  # the full-screen button is added by diagrams.js

    # An edited diagram needs a new drawing; the old one is reported, then removed.
    config.parent.joinpath("docs", PAGE).write_text(source.replace("B[Load]", "B[Load it]", 1), encoding="utf-8")
    build = mkdocs_build(config, tmp_path / "site")
    assert build.returncode != 0
    assert any("diagram has no stored drawing" in line for line in build.warnings)
    assert any(line.endswith("stored drawing of a diagram that no page has any more — "
                             "run `bash scripts/render-diagrams`, which removes it") for line in build.warnings)
    done = render(config)
    assert done.returncode == 0 and "removed diagrams/" in done.stdout, done.stdout + done.stderr
    assert len(stored(config)) == 2 * diagram_count and stored(config) != first
    assert mkdocs_build(config, tmp_path / "site").returncode == 0


def test_a_diagram_mermaid_rejects_is_reported_by_file_and_line(tmp_path):
    pages = {"broken.md": "# Broken\n\n```mermaid\nflowchart TD\n    accTitle: Broken\n"
                          "    accDescr: An arrow to nowhere.\n    A --> \n```\n"}
    config = write_fixture_site(tmp_path / "project", pages,
                                extra_files={"diagrams/README.md": "Drawings of the diagrams.\n"})
    done = render(config)
    assert done.returncode == 1
    assert "docs/broken.md:3: Mermaid cannot draw this diagram:" in done.stderr, done.stdout + done.stderr
    assert stored(config) == set()
