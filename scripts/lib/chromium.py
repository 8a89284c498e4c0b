"""The Chromium the tests, scripts/render_diagrams.py and the benchmarks drive, and its flags."""

from __future__ import annotations

import os
import shutil

CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run", "--disable-sync",
                  "--disable-quic",
                  # Containers (CI) often have a tiny /dev/shm; Chromium then uses /tmp instead.
                  "--disable-dev-shm-usage"]


def chromium_executable() -> str | None:
    """$CHROMIUM, else Debian's `chromium` (scripts/lib/setup.sh installs it)."""
    return os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
