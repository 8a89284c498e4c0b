"""Ranks the initiatives of a data roadmap with RICE and works out what each one waits for.

RICE (Intercom): score = reach x impact x confidence / effort, with
  reach       customers affected per quarter (one unit for every outcome),
  impact      3 massive, 2 high, 1 medium, 0.5 low, 0.25 minimal,
  confidence  1.0 high, 0.8 medium, 0.5 low,
  effort      person-months.

Only outcomes (what the business asked for) are scored. Enablers (pipelines, quality
checks, governance, platforms) get no score of their own: each inherits the highest score
among the outcomes that need it, directly or through another initiative.

Usage: python rice.py [initiatives.csv]  -> Markdown tables on standard output.
"""

from __future__ import annotations

import csv
import sys
from dataclasses import dataclass
from pathlib import Path

IMPACT = {3.0, 2.0, 1.0, 0.5, 0.25}
CONFIDENCE = {1.0, 0.8, 0.5}


@dataclass(frozen=True)
class Initiative:
    id: str
    name: str
    kind: str  # "outcome" or "enabler"
    effort: float
    needs: tuple[str, ...]
    reach: int = 0
    impact: float = 0.0
    confidence: float = 0.0

    @property
    def rice(self) -> float:
        return self.reach * self.impact * self.confidence / self.effort


def load(path: Path) -> dict[str, Initiative]:
    items: dict[str, Initiative] = {}
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            needs = tuple(n for n in row["needs"].split(";") if n)
            common = {"id": row["id"], "name": row["initiative"], "kind": row["kind"],
                      "effort": float(row["effort"]), "needs": needs}
            if row["kind"] == "outcome":
                item = Initiative(**common, reach=int(row["reach"]), impact=float(row["impact"]),
                                  confidence=float(row["confidence"]))
                if item.impact not in IMPACT:
                    raise ValueError(f"{item.id}: impact {item.impact} is not on the scale {sorted(IMPACT)}")
                if item.confidence not in CONFIDENCE:
                    raise ValueError(f"{item.id}: confidence {item.confidence} is not one of {sorted(CONFIDENCE)}")
            elif row["kind"] == "enabler":
                item = Initiative(**common)
            else:
                raise ValueError(f"{row['id']}: kind must be outcome or enabler, not {row['kind']!r}")
            if item.effort <= 0:
                raise ValueError(f"{item.id}: effort must be positive")
            items[item.id] = item
    for item in items.values():
        for need in item.needs:
            if need not in items:
                raise ValueError(f"{item.id} needs unknown initiative {need!r}")
    for item_id in items:
        prerequisites(items, item_id)  # raises on a cycle
    return items


def prerequisites(items: dict[str, Initiative], item_id: str, path: tuple[str, ...] = ()) -> set[str]:
    """Everything item_id waits for, directly or transitively."""
    if item_id in path:
        raise ValueError("dependency cycle: " + " -> ".join((*path, item_id)))
    found: set[str] = set()
    for need in items[item_id].needs:
        found |= {need} | prerequisites(items, need, (*path, item_id))
    return found


def ranked_outcomes(items: dict[str, Initiative]) -> list[Initiative]:
    outcomes = [item for item in items.values() if item.kind == "outcome"]
    return sorted(outcomes, key=lambda item: (-item.rice, item.effort, item.id))


def enabler_priorities(items: dict[str, Initiative]) -> list[tuple[Initiative, float, list[str]]]:
    """Each enabler with the score it inherits and the outcomes it unlocks.

    Highest inherited score first, then the one that unlocks more outcomes, then the
    smaller effort; an enabler never comes before an enabler it waits for.
    """
    ranking = ranked_outcomes(items)
    rows = []
    for enabler in (item for item in items.values() if item.kind == "enabler"):
        unlocks = [o for o in ranking if enabler.id in prerequisites(items, o.id)]
        rows.append((enabler, max((o.rice for o in unlocks), default=0.0), [o.id for o in unlocks]))
    pending = sorted(rows, key=lambda row: (-row[1], -len(row[2]), row[0].effort, row[0].id))
    ordered: list[tuple[Initiative, float, list[str]]] = []
    placed: set[str] = set()
    while pending:
        ready = next(row for row in pending if prerequisites(items, row[0].id) <= placed)
        pending.remove(ready)
        ordered.append(ready)
        placed.add(ready[0].id)
    return ordered


def render(items: dict[str, Initiative]) -> str:
    lines = [
        "| Rank | Outcome | Reach | Impact | Confidence | Effort | RICE | Waits for |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for rank, item in enumerate(ranked_outcomes(items), start=1):
        waits = ", ".join(sorted(prerequisites(items, item.id)))
        lines.append(
            f"| {rank} | {item.name} | {item.reach:,} | {item.impact:g} | {item.confidence:.0%} "
            f"| {item.effort:g} | {item.rice:,.0f} | {waits} |"
        )
    lines += [
        "",
        "| Order | Enabler | Effort | Inherited score | Unlocks | Waits for |",
        "| ---: | --- | ---: | ---: | --- | --- |",
    ]
    for order, (enabler, score, unlocks) in enumerate(enabler_priorities(items), start=1):
        waits = ", ".join(sorted(prerequisites(items, enabler.id)))
        lines.append(
            f"| {order} | {enabler.name} | {enabler.effort:g} | {score:,.0f} | {', '.join(unlocks)} | {waits} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("initiatives.csv")
    sys.stdout.write(render(load(source)))
