"""The README's preview command serves with live reload and keeps serving despite warnings."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import urllib.request

from tests.conftest import ROOT, free_port, write_fixture_site
from tests.fixtures.pages import machinery_site, question


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


def test_preview_serves_reloads_and_reports_warnings(tmp_path):
    pages = machinery_site()
    # A broken link: a strict build would fail; the preview must keep serving and say why.
    pages["big-data/third.md"] = question(3, "Third question", ["big-data/diagrams.md", "big-data/second.md"],
                                          'See [the second](second.md) and <a href="gone/">this</a>.')
    config = write_fixture_site(tmp_path / "project", pages)
    port = free_port()
    log = tmp_path / "preview.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            ["bash", str(ROOT / "scripts" / "preview"), "-f", str(config), "-a", f"127.0.0.1:{port}"],
            stdout=output, stderr=subprocess.STDOUT, start_new_session=True,
            env={**os.environ, "SITE_URL": f"http://127.0.0.1:{port}/"})
    try:
        url = f"http://127.0.0.1:{port}/big-data/second/"
        assert wait_for(lambda: fetch(url) is not None, 120), log.read_text()
        first = fetch(url)
        assert "Second question" in first and "livereload" in first
        assert "'gone/' does not resolve" in log.read_text()

        source = config.parent / "docs" / "big-data" / "second.md"
        source.write_text(source.read_text().replace("Second question", "Second question, edited"))
        assert wait_for(lambda: "Second question, edited" in (fetch(url) or ""), 60), log.read_text()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
