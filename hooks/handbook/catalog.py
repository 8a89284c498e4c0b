"""The catalogue of questions and glossary terms that generated lists are rendered from."""

from __future__ import annotations

import math
import posixpath
import re
from dataclasses import dataclass

WORDS_PER_MINUTE = 220
ABBREVIATION = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<text>.+)$")
MARKER = re.compile(r"<!--\s*handbook:(?P<name>[\w-]+)(?:\s+(?P<arg>[\w-]+))?\s*-->")


@dataclass(frozen=True)
class Question:
    src: str  # docs-relative source path
    url: str  # site path
    number: int
    title: str
    description: str
    difficulty: str
    tags: tuple[str, ...]
    section: str  # folder, e.g. "big-data"
    minutes: int

    @property
    def sort_key(self) -> tuple[int, str]:
        return (self.number, self.src)


def is_question_path(src: str) -> bool:
    """Question pages are the pages in a section folder, other than the section's index."""
    folder, name = posixpath.split(src)
    return bool(folder) and "/" not in folder and name.endswith(".md") and name != "index.md" \
        and folder not in ("assets",)


def section_of(src: str) -> str:
    return src.split("/", 1)[0]


def reading_minutes(words: int) -> int:
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def glossary(text: str) -> list[tuple[str, str, str]]:
    """(term, expansion, meaning) for each `*[TERM]: Expansion: meaning.` line."""
    terms = []
    for line in text.splitlines():
        match = ABBREVIATION.match(line.strip())
        if match:
            expansion, _, meaning = match.group("text").partition(": ")
            terms.append((match.group("term"), expansion.strip(), meaning.strip()))
    return sorted(terms, key=lambda item: item[0].lower())


def markers(html: str) -> list[tuple[str, str, str | None]]:
    """(marker text, name, argument) of each `<!-- handbook:NAME [ARG] -->` in rendered HTML."""
    return [(m.group(0), m.group("name"), m.group("arg")) for m in MARKER.finditer(html)]


INCLUDE = re.compile(r"^<!--\s*handbook:include\s+(?P<file>[\w./-]+)\s*-->\s*$", re.MULTILINE)
SNIPPET_LINE = re.compile(r"^(\s*)(-{1,}8<-{1,}\s)", re.MULTILINE)


def include_target(markdown: str) -> str | None:
    """The repository file a page includes whole (`<!-- handbook:include FILE -->`), if any."""
    match = INCLUDE.search(markdown)
    return match.group("file") if match else None


def with_included(markdown: str, text: str) -> str:
    """Put `text` in place of the include marker. Snippet lines in it are shown, not executed."""
    escaped = SNIPPET_LINE.sub(r"\1;\2", text)
    return INCLUDE.sub(lambda _: escaped, markdown, count=1)
