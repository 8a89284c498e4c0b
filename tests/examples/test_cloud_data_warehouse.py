"""Runs the example of docs/cloud/cloud-data-warehouse.md (examples/cloud-data-warehouse/).

score.py ranks four warehouses with the weighted matrix in matrix.yaml and reports, per
criterion, the weight at which a rival would tie the leader. The tests run the script as a
reader would and compare its output with ranking.md (which the page includes), check the
weights and the arithmetic, check the ranking the page states, confirm each tie point by
re-ranking with the moved weight, and check that bad matrices and failed must-haves are
handled rather than silently scored.
"""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

import yaml

from conftest import EXAMPLES, ROOT, import_example, read_example

SLUG = "cloud-data-warehouse"
FOLDER = EXAMPLES / SLUG
PAGE = ROOT / "docs" / "cloud" / f"{SLUG}.md"


@pytest.fixture(scope="module")
def score() -> ModuleType:
    module = import_example(FOLDER / "score.py", "cloud_dw_score")
    return module


@pytest.fixture(scope="module")
def matrix(score: ModuleType):
    return score.load(FOLDER / "matrix.yaml")


def test_the_script_prints_exactly_the_tables_on_the_page() -> None:
    result = subprocess.run(
        [sys.executable, str(FOLDER / "score.py")], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout == read_example(f"{SLUG}/ranking.md")
    page = PAGE.read_text(encoding="utf-8")
    assert f'--8<-- "{SLUG}/ranking.md"' in page
    assert f'--8<-- "{SLUG}/matrix.yaml"' in page
    assert f'--8<-- "{SLUG}/score.py"' in page


def test_the_weights_sum_to_one_and_every_score_is_on_the_scale() -> None:
    raw = yaml.safe_load(read_example(f"{SLUG}/matrix.yaml"))
    weights = [c["weight"] for c in raw["criteria"].values()]
    assert math.isclose(sum(weights), 1.0, abs_tol=1e-9)
    assert all(0 < w < 1 for w in weights)
    for platform in raw["platforms"].values():
        assert set(platform["scores"]) == set(raw["criteria"])
        assert all(isinstance(s, int) and 1 <= s <= 5 for s in platform["scores"].values())


def test_the_ranking_is_the_one_the_page_states(score: ModuleType, matrix) -> None:
    ranked = score.ranking(matrix)
    assert [pid for pid, _ in ranked] == ["snowflake", "bigquery", "redshift", "fabric"]
    assert [round(total, 2) for _, total in ranked] == [4.00, 3.50, 3.45, 3.20]
    # Hand-checked: Snowflake = 0.20*4 + 0.25*4 + 0.15*4 + 0.15*4 + 0.10*4 + 0.05*4 + 0.10*4.
    assert math.isclose(score.total(matrix, "snowflake"), 4.0)
    page = PAGE.read_text(encoding="utf-8")
    for fragment in ("4.00", "3.50", "3.45", "3.20", "43%", "42%"):
        assert fragment in page, fragment


@pytest.mark.parametrize(
    ("criterion", "rival", "tie"),
    [("operations", "bigquery", 0.4333), ("ecosystem", "redshift", 0.4194)],
)
def test_each_tie_point_really_flips_the_order(score: ModuleType, matrix, criterion: str, rival: str,
                                               tie: float) -> None:
    assert score.nearest_tie(matrix, "snowflake", criterion) == (pytest.approx(tie, abs=1e-4), rival)
    below = score.reweighted(matrix, criterion, tie - 0.01)
    above = score.reweighted(matrix, criterion, tie + 0.01)
    assert math.isclose(sum(above.values()), 1.0)
    assert score.ranking(matrix, below)[0][0] == "snowflake"
    assert score.ranking(matrix, above)[0][0] == rival


def test_criteria_where_the_leader_is_never_caught(score: ModuleType, matrix) -> None:
    for criterion in ("performance", "cost", "security", "features", "portability"):
        assert score.nearest_tie(matrix, "snowflake", criterion) is None, criterion
        for weight in (0.0, 0.3, 0.6, 0.9):
            assert score.ranking(matrix, score.reweighted(matrix, criterion, weight))[0][0] == "snowflake"


def test_a_failed_must_have_removes_a_platform_whatever_its_score(score: ModuleType, tmp_path: Path) -> None:
    raw = yaml.safe_load(read_example(f"{SLUG}/matrix.yaml"))
    raw["platforms"]["snowflake"]["must_haves_met"] = False
    path = tmp_path / "matrix.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    m = score.load(path)
    assert [pid for pid, _ in score.ranking(m)] == ["bigquery", "redshift", "fabric"]
    assert "Excluded for missing a must-have: Snowflake (on AWS)." in score.report(m)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda raw: raw["criteria"]["cost"].update(weight=0.30), "weights sum to 1.0500, not 1"),
        (lambda raw: raw["platforms"]["redshift"]["scores"].update(cost=6), "not an integer from 1 to 5"),
        (lambda raw: raw["platforms"]["redshift"]["scores"].update(cost=3.5), "not an integer from 1 to 5"),
        (lambda raw: raw["platforms"]["fabric"]["scores"].pop("security"), r"missing \['security'\]"),
        (lambda raw: raw["criteria"]["features"].update(weight=0.0), "between 0 and 1"),
    ],
)
def test_bad_matrices_are_rejected(score: ModuleType, tmp_path: Path, change, message: str) -> None:
    raw = yaml.safe_load(read_example(f"{SLUG}/matrix.yaml"))
    change(raw)
    path = tmp_path / "matrix.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        score.load(path)
