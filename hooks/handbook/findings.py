"""A problem the build reports, always with the file and line a contributor must change."""

from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Finding:
    path: str  # relative to the project root, e.g. "docs/cloud/docker-kubernetes.md"
    line: int  # 1-based
    message: str
    suggestion: str = ""

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}: {self.message}"
        return f"{text} — {self.suggestion}" if self.suggestion else text


def closest(word: str, candidates: list[str] | set[str], prefix: str = "did you mean ") -> str:
    """A 'did you mean …' suggestion naming the closest candidate, or an empty string."""
    matches = difflib.get_close_matches(word, sorted(candidates), n=1, cutoff=0.5)
    return f"{prefix}'{matches[0]}'?" if matches else ""
