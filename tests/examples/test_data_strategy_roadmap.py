"""Runs the examples of docs/leadership/data-strategy-roadmap.md (examples/data-strategy-roadmap/).

rice.py scores the roadmap's outcomes with RICE and gives each enabler the score of the
best outcome it unlocks. The tests run the script as a reader would, check that its output
is exactly the ranking the page shows (ranking.md, included into the page), check the
arithmetic, and check that bad input (off-scale impact or confidence, unknown or circular
dependencies) is rejected rather than silently scored.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from conftest import EXAMPLES, ROOT, import_example, read_example

SLUG = "data-strategy-roadmap"
FOLDER = EXAMPLES / SLUG


@pytest.fixture(scope="module")
def rice() -> ModuleType:
    module = import_example(FOLDER / "rice.py", "data_strategy_rice")
    return module


@pytest.fixture(scope="module")
def items(rice: ModuleType) -> dict:
    return rice.load(FOLDER / "initiatives.csv")


def test_the_script_prints_exactly_the_ranking_on_the_page() -> None:
    result = subprocess.run(
        [sys.executable, str(FOLDER / "rice.py")], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout == read_example(f"{SLUG}/ranking.md")
    page = (ROOT / "docs" / "leadership" / f"{SLUG}.md").read_text(encoding="utf-8")
    assert f'--8<-- "{SLUG}/ranking.md"' in page


def test_outcomes_rank_by_reach_times_impact_times_confidence_over_effort(rice: ModuleType, items: dict) -> None:
    ranking = rice.ranked_outcomes(items)
    assert [item.id for item in ranking] == [
        "fraud-scoring",  # 20,000 x 2 x 0.5 / 8
        "customer-360",  # 9,000 x 1 x 0.8 / 4
        "recommendations",  # 40,000 x 0.5 x 0.5 / 6
        "churn-alerts",  # 6,000 x 1 x 0.8 / 3
        "delivery-eta",  # 15,000 x 0.5 x 0.8 / 5
    ]
    assert [round(item.rice, 2) for item in ranking] == [2500.0, 1800.0, 1666.67, 1600.0, 1200.0]


def test_the_top_outcome_cannot_start_first(rice: ModuleType, items: dict) -> None:
    assert rice.prerequisites(items, "fraud-scoring") == {"core-pipelines", "data-quality", "streaming-platform"}
    # Recommendations wait for governance through Customer 360.
    assert "governance" in rice.prerequisites(items, "recommendations")
    assert "governance" not in items["recommendations"].needs


def test_enablers_inherit_the_score_of_what_they_unlock_in_dependency_order(rice: ModuleType, items: dict) -> None:
    rows = rice.enabler_priorities(items)
    assert [(enabler.id, round(score), len(unlocks)) for enabler, score, unlocks in rows] == [
        ("core-pipelines", 2500, 5),
        ("data-quality", 2500, 3),
        ("streaming-platform", 2500, 1),
        ("governance", 1800, 2),
    ]
    placed: set[str] = set()
    for enabler, _, _ in rows:
        assert rice.prerequisites(items, enabler.id) <= placed
        placed.add(enabler.id)


HEADER = "id,initiative,kind,reach,impact,confidence,effort,needs\n"


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("a,A,outcome,100,5,0.8,2,\n", "impact 5.0 is not on the scale"),
        ("a,A,outcome,100,1,0.9,2,\n", "confidence 0.9 is not one of"),
        ("a,A,outcome,100,1,0.8,0,\n", "effort must be positive"),
        ("a,A,outcome,100,1,0.8,2,b\n", "needs unknown initiative 'b'"),
        ("a,A,outcome,100,1,0.8,2,b\nb,B,enabler,,,,1,a\n", "dependency cycle"),
        ("a,A,project,100,1,0.8,2,\n", "kind must be outcome or enabler"),
    ],
)
def test_bad_input_is_rejected(rice: ModuleType, tmp_path: Path, rows: str, message: str) -> None:
    path = tmp_path / "initiatives.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        rice.load(path)


def test_a_spike_that_raises_confidence_can_change_the_order(rice: ModuleType, tmp_path: Path) -> None:
    """A two-week spike that lifts recommendation confidence to 80% moves it to the top."""
    source = read_example(f"{SLUG}/initiatives.csv")
    row = "recommendations,Personalised product recommendations,outcome,40000,0.5,0.5,6,"
    assert row in source
    path = tmp_path / "initiatives.csv"
    path.write_text(source.replace(row, row.replace(",0.5,0.5,6,", ",0.5,0.8,6,")), encoding="utf-8")
    ranking = rice.ranked_outcomes(rice.load(path))
    assert [item.id for item in ranking][:2] == ["recommendations", "fraud-scoring"]
    assert round(ranking[0].rice, 2) == 2666.67
