"""The pre-commit hooks: every quality gate is there, each runs, and each passes on the repository.

(Not in test_repository.py: one hook runs that file, and this file runs every hook.)
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import ROOT

PRE_COMMIT = Path(sys.executable).parent / "pre-commit"
GATES = {"strict-build", "unit-tests", "repository-checks", "markdown-lint", "spelling", "yaml-lint", "html-validation"}


def pre_commit(*arguments: str, home: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([str(PRE_COMMIT), *arguments], capture_output=True, text=True, cwd=ROOT, env=environment)


def test_pre_commit_config_has_every_gate():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"] for repo in config["repos"] for hook in repo["hooks"]}
    assert hooks == GATES


def test_every_pre_commit_hook_runs_and_passes_on_the_repository(tmp_path):
    done = pre_commit("run", "--all-files", "--color", "never", home=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    # Each hook really ran (a hook whose `files` pattern matched nothing would print "Skipped").
    ran = [line for line in done.stdout.splitlines() if line.endswith("Passed")]
    assert len(ran) == len(GATES), done.stdout


def test_a_pre_commit_hook_blocks_a_bad_file_naming_its_line(tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text("# Title\nText right under the heading.\n", encoding="utf-8")
    done = pre_commit("run", "markdown-lint", "--color", "never", "--files", str(bad), home=tmp_path / "home")
    assert done.returncode == 1
    assert f"{bad}:1:1: MD022" in done.stdout, done.stdout
