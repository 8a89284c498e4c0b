"""Contributor quality gates: Markdown lint, spelling, YAML lint and valid HTML output."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

BIN = Path(sys.executable).parent
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
MARKDOWN = sorted([*ROOT.glob("docs/*.md"), *ROOT.glob("docs/*/*.md"), ROOT / "CONTRIBUTING.md",
                   ROOT / "README.md", ROOT / "benchmarks" / "README.md"])

# The Nu HTML checker's findings that come from markup the handbook does not write, each with why.
HTML_EXCEPTIONS = [
    # Material's hidden checkbox toggles (drawer, search) carry autocomplete="off" so that browsers
    # do not restore their state on back navigation; the attribute is not valid on checkboxes.
    (re.compile(r"Attribute “autocomplete” is only allowed when the input type is"),
     re.compile(r'class="md-toggle"')),
    # Python-Markdown writes void elements XHTML-style (<br />, <hr />, <img … />): info only.
    (re.compile(r"Trailing slash on void elements has no effect"), re.compile(r"")),
]


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT)


def test_markdown_lint():
    done = run(str(BIN / "pymarkdown"), "--config", ".pymarkdown.json", "scan", *map(str, MARKDOWN))
    assert done.returncode == 0, done.stdout + done.stderr


def test_markdown_lint_catches_a_problem(tmp_path):
    page = tmp_path / "bad.md"
    page.write_text("---\ntitle: T\n---\n\nText\n## Heading right after text\n")
    done = run(str(BIN / "pymarkdown"), "--config", ".pymarkdown.json", "scan", str(page))
    assert done.returncode != 0 and "MD022" in done.stdout


def test_spelling():
    done = run(str(BIN / "codespell"))
    assert done.returncode == 0, done.stdout + done.stderr


def test_spelling_catches_a_typo(tmp_path):
    page = tmp_path / "typo.md"
    page.write_text("Consumers recieve each event once.\n")
    done = run(str(BIN / "codespell"), str(page))
    assert done.returncode != 0 and "recieve" in done.stdout


def test_yaml_lint():
    done = run(str(BIN / "yamllint"), "-c", ".yamllint.yml", "--strict", ".")
    assert done.returncode == 0, done.stdout + done.stderr


def test_published_html_is_valid(built_site):
    if shutil.which("java") is None:
        pytest.fail("the Nu HTML checker needs Java: run scripts/test, which installs it")
    done = run("java", "-jar", str(VNU), "--format", "json", "--skip-non-html", str(built_site.site))
    messages = json.loads(done.stderr)["messages"]
    unexplained = [
        f"{m.get('url', '').split('/site/')[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] in ("error", "info") and m.get("subType") != "fatal"
        and not any(rule.search(m["message"]) and where.search(m.get("extract", ""))
                    for rule, where in HTML_EXCEPTIONS)
    ]
    assert unexplained == [], "\n".join(unexplained[:40])
