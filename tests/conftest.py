"""Shared fixtures: real `mkdocs build --strict` runs, of the handbook and of small fixture sites
(the helpers themselves are in scripts/lib/site_build.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from scripts.lib.site_build import (  # noqa: F401  (re-exported for the test modules)
    ROOT,
    SUB_PATH,
    BuildResult,
    free_port,
    mkdocs_build,
    write_fixture_site,
)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The real handbook, built strictly under the /handbook/ sub-path (once per test run)."""
    result = mkdocs_build(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("site") / "site",
                          site_url=f"http://127.0.0.1:{free_port()}{SUB_PATH}")
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.output}"
    return result


@pytest.fixture
def fixture_site(tmp_path: Path) -> Callable[..., BuildResult]:
    """Build a fixture site (see write_fixture_site) strictly; returns the build result."""

    def build(pages: dict[str, str], nav: str | None = None, strict: bool | None = True,
              extra_files: dict[str, str] | None = None,
              config_replace: tuple[str, str] | None = None) -> BuildResult:
        config = write_fixture_site(tmp_path / "project", pages, nav, extra_files, config_replace)
        return mkdocs_build(config, tmp_path / "site", strict=strict)

    return build
