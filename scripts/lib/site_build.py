"""Build the handbook, or a small fixture site with its real configuration, with `mkdocs build`.

Shared by the tests, scripts/render_diagrams.py and the benchmarks.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The sub-path the tests publish under, as GitHub Pages does for https://OWNER.github.io/REPO/.
SUB_PATH = "/handbook/"
# Copied into every fixture site so that it builds with the handbook's real configuration.
PROJECT_PARTS = ("mkdocs.yml", "hooks", "overrides", "includes", "examples", "tags.yml",
                 "CONTRIBUTING.md")


@dataclass
class BuildResult:
    returncode: int
    output: str
    site: Path
    site_url: str = ""

    @property
    def warnings(self) -> list[str]:
        return [line for line in self.output.splitlines() if line.startswith(("WARNING", "ERROR"))]


def mkdocs_build(config: Path, site: Path, site_url: str = f"http://127.0.0.1{SUB_PATH}",
                 strict: bool | None = True) -> BuildResult:
    """Run `mkdocs build`: with --strict, --no-strict (as `mkdocs serve` in scripts/preview), or
    with no flag at all (None), which takes `strict: true` from mkdocs.yml."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url}
    env.pop("REPO_URL", None)
    command = [sys.executable, "-m", "mkdocs", "build", "--clean", "-f", str(config), "-d", str(site)]
    if strict is not None:
        command.append("--strict" if strict else "--no-strict")
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=config.parent)
    return BuildResult(done.returncode, done.stdout + done.stderr, site, site_url)


def free_port() -> int:
    """A free loopback port. The site is built for it: Material's instant navigation only follows
    links whose address (port included) matches the sitemap, which is written from site_url."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def write_fixture_site(target: Path, pages: dict[str, str], nav: str | None = None,
                       extra_files: dict[str, str] | None = None,
                       config_replace: tuple[str, str] | None = None) -> Path:
    """A copy of the handbook's configuration with `pages` (docs-relative path -> Markdown) as docs.

    `nav` replaces the nav section (YAML text, without the `nav:` line); by default every page is
    listed in the order given. Returns the path of the fixture's mkdocs.yml.
    """
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    shutil.copytree(ROOT / "docs" / "assets", target / "docs" / "assets")
    for relative, text in pages.items():
        path = target / "docs" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for relative, text in (extra_files or {}).items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    if nav is None:
        nav = "".join(f"  - {relative}\n" for relative in pages)
    config = target / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = re.sub(r"^nav:\n.*\Z", "nav:\n" + nav, text, flags=re.MULTILINE | re.DOTALL)
    if config_replace is not None:
        assert config_replace[0] in text, config_replace
        text = text.replace(*config_replace)
    config.write_text(text, encoding="utf-8")
    return config
