"""Ranks cloud data warehouses with a weighted scoring matrix and tests how robust the winner is.

1. Platforms that miss a must-have are excluded before any scoring.
2. Each remaining platform gets sum(weight x score) over the criteria (scores 1-5).
3. Robustness: for each criterion, the nearest weight at which some other platform
   would tie the leader, if that one weight moved and the other weights kept their
   proportions. A tie point far from today's weight means the choice does not hinge on it.

Usage: python score.py [matrix.yaml]  -> Markdown tables on standard output.
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

SCALE = range(1, 6)


@dataclass(frozen=True)
class Matrix:
    weights: dict[str, float]  # criterion -> weight
    labels: dict[str, str]  # criterion -> readable label
    names: dict[str, str]  # platform -> readable name
    scores: dict[str, dict[str, int]]  # platform -> criterion -> score
    eligible: dict[str, bool]  # platform -> all must-haves met


def load(path: Path) -> Matrix:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    weights = {c: float(v["weight"]) for c, v in data["criteria"].items()}
    if any(not 0 < w < 1 for w in weights.values()):
        raise ValueError("every weight must be between 0 and 1")
    if not math.isclose(sum(weights.values()), 1.0, abs_tol=1e-9):
        raise ValueError(f"weights sum to {sum(weights.values()):.4f}, not 1")
    scores: dict[str, dict[str, int]] = {}
    for pid, platform in data["platforms"].items():
        given = platform["scores"]
        if set(given) != set(weights):
            missing, extra = set(weights) - set(given), set(given) - set(weights)
            raise ValueError(f"{pid}: scores must cover exactly the criteria (missing {sorted(missing)}, "
                             f"unknown {sorted(extra)})")
        for criterion, value in given.items():
            if not isinstance(value, int) or value not in SCALE:
                raise ValueError(f"{pid}.{criterion}: score {value!r} is not an integer from 1 to 5")
        scores[pid] = given
    return Matrix(
        weights=weights,
        labels={c: v["label"] for c, v in data["criteria"].items()},
        names={pid: p["name"] for pid, p in data["platforms"].items()},
        scores=scores,
        eligible={pid: bool(p["must_haves_met"]) for pid, p in data["platforms"].items()},
    )


def total(m: Matrix, platform: str, weights: dict[str, float] | None = None) -> float:
    w = weights or m.weights
    return sum(w[c] * m.scores[platform][c] for c in w)


def ranking(m: Matrix, weights: dict[str, float] | None = None) -> list[tuple[str, float]]:
    """Eligible platforms, best first (ties broken by name so the order is stable)."""
    rows = [(pid, total(m, pid, weights)) for pid in m.scores if m.eligible[pid]]
    return sorted(rows, key=lambda row: (-round(row[1], 9), row[0]))


def reweighted(m: Matrix, criterion: str, new_weight: float) -> dict[str, float]:
    """Set one criterion's weight; scale the others so the weights still sum to 1."""
    rest = 1 - m.weights[criterion]
    return {c: new_weight if c == criterion else w * (1 - new_weight) / rest for c, w in m.weights.items()}


def tie_weight(m: Matrix, leader: str, rival: str, criterion: str) -> float | None:
    """The weight of `criterion` at which `rival` ties `leader`, or None if no weight in [0, 1) does it.

    With x the new weight, the gap is linear in x:
    gap(x) = x * d_c + (1 - x) * R,  R = sum over other criteria of d_i * w_i / (1 - w_c),
    where d_i = score(leader) - score(rival). It is zero at x = R / (R - d_c).
    (A criterion on which both score the same can only tie at x = 1, when it is the
    only criterion left: that is reported as no tie.)
    """
    d = {c: m.scores[leader][c] - m.scores[rival][c] for c in m.weights}
    r = sum(d[c] * w for c, w in m.weights.items() if c != criterion) / (1 - m.weights[criterion])
    if math.isclose(r, d[criterion]):
        return None
    x = r / (r - d[criterion])
    return x if 0 <= x < 1 and not math.isclose(x, 1) else None


def nearest_tie(m: Matrix, leader: str, criterion: str) -> tuple[float, str] | None:
    """Of all eligible rivals, the tie weight for `criterion` closest to today's weight."""
    ties = [(x, rival) for rival, _ in ranking(m)[1:]
            if (x := tie_weight(m, leader, rival, criterion)) is not None]
    return min(ties, key=lambda t: abs(t[0] - m.weights[criterion]), default=None)


def report(m: Matrix) -> str:
    ranked = ranking(m)
    leader, best = ranked[0]
    lines = ["| Rank | Platform | Weighted score | Behind the leader |", "| ---: | --- | ---: | ---: |"]
    for rank, (pid, score) in enumerate(ranked, start=1):
        gap = "" if pid == leader else f"{best - score:.2f}"
        lines.append(f"| {rank} | {m.names[pid]} | {score:.2f} | {gap} |")
    excluded = [m.names[pid] for pid in m.scores if not m.eligible[pid]]
    if excluded:
        lines += ["", "Excluded for missing a must-have: " + ", ".join(excluded) + "."]
    lines += ["", f"| Criterion | Weight today | Weight at which a rival ties {m.names[leader]} | Rival |",
              "| --- | ---: | ---: | --- |"]
    for c, w in m.weights.items():
        tie = nearest_tie(m, leader, c)
        if tie is None:
            lines.append(f"| {m.labels[c]} | {w:.0%} | none | |")
        else:
            lines.append(f"| {m.labels[c]} | {w:.0%} | {tie[0]:.0%} | {m.names[tie[1]]} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    here = Path(__file__).resolve().parent
    sys.stdout.write(report(load(Path(sys.argv[1]) if len(sys.argv) > 1 else here / "matrix.yaml")))
