"""The test suite itself: a plain `pytest` (what scripts/test and CI run) collects every folder."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_every_test_folder_is_collected():
    """pytest skips some folder names by default (build, dist, venv and others): every folder of
    tests/ with test files must still be collected by a plain `pytest` (see pytest.ini)."""
    done = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    collected = {line.split("/")[1] for line in done.stdout.splitlines() if line.startswith("tests/")}
    folders = {path.relative_to(ROOT / "tests").parts[0] for path in (ROOT / "tests").rglob("test_*.py")}
    assert {"build", "browser", "unit"} <= folders
    assert folders - collected == set()
