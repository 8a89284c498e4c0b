"""Line numbers in a page's Markdown source."""

from __future__ import annotations

import re

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*\n", re.DOTALL)


def front_matter_block(source: str) -> tuple[str, int] | None:
    """The YAML text of the front matter and the number of lines it takes (fences included)."""
    match = FRONT_MATTER.match(source)
    if not match:
        return None
    return match.group(1) or "", match.group(0).count("\n")


def body_offset(source: str, markdown: str) -> int:
    """How many source lines precede the first line of `markdown` (the body MkDocs kept)."""
    block = front_matter_block(source)
    if block is None:
        return 0
    offset = block[1]
    # MkDocs strips blank lines between the front matter and the body.
    rest = source.split("\n")[offset:]
    while rest and not rest[0].strip() and not markdown.startswith("\n"):
        rest.pop(0)
        offset += 1
    return offset


def line_of(source: str, *needles: str, default: int = 1, body_only: bool = True) -> int:
    """The 1-based line of the first needle found in the source (tried in order).

    With `body_only`, the front matter is not searched (a link's target also appears there).
    """
    block = front_matter_block(source) if body_only else None
    start = 0
    if block is not None:
        start = len("\n".join(source.split("\n")[:block[1]]))
    for needle in needles:
        if not needle:
            continue
        index = source.find(needle, start)
        if index >= 0:
            return source.count("\n", 0, index) + 1
    return default


def key_line(source: str, key: str) -> int:
    """The line of a top-level front-matter key, or 1."""
    match = re.search(rf"^{re.escape(key)}\s*:", source, re.MULTILINE)
    return source.count("\n", 0, match.start()) + 1 if match else 1
