"""Mermaid diagrams in a page's Markdown: where they are and what the handbook requires of them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .findings import Finding

FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})\s*(?P<lang>[\w-]*)(?P<rest>.*)$")
# Diagram types of Mermaid 12; a "-beta" suffix is accepted on any of them.
TYPES = {
    "architecture", "block", "c4component", "c4container", "c4context", "c4deployment",
    "c4dynamic", "classdiagram", "classdiagram-v2", "erdiagram", "flowchart", "flowchart-elk",
    "gantt", "gitgraph", "graph", "journey", "kanban", "mindmap", "packet", "pie", "quadrantchart",
    "radar", "requirementdiagram", "sankey", "sequencediagram", "statediagram",
    "statediagram-v2", "timeline", "treemap", "xychart", "zenuml",
}
HTML_TAG = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>")
STYLING = re.compile(r"^\s*(style|classDef|linkStyle)\s", re.MULTILINE)


@dataclass(frozen=True)
class Diagram:
    line: int  # 1-based line of the opening fence in the Markdown it was found in
    source: str


def find(markdown: str) -> list[Diagram]:
    """Every ```mermaid fence, with the line of its opening fence."""
    diagrams: list[Diagram] = []
    lines = markdown.split("\n")
    index = 0
    while index < len(lines):
        match = FENCE_OPEN.match(lines[index])
        if not match:
            index += 1
            continue
        fence, indent = match.group("fence"), match.group("indent")
        start = index
        body: list[str] = []
        index += 1
        while index < len(lines):
            stripped = lines[index].strip()
            if stripped.startswith(fence[0] * len(fence)) and set(stripped) <= {fence[0]}:
                break
            body.append(lines[index][len(indent):] if lines[index].startswith(indent) else lines[index])
            index += 1
        index += 1
        if match.group("lang") == "mermaid":
            diagrams.append(Diagram(start + 1, "\n".join(body)))
    return diagrams


def check(diagram: Diagram, path: str, line_offset: int) -> list[Finding]:
    """The handbook's rules for one diagram; `line_offset` maps its lines to the source file."""
    found: list[Finding] = []
    line = diagram.line + line_offset
    meaningful = [text.strip() for text in diagram.source.split("\n")
                  if text.strip() and not text.strip().startswith("%%")]
    if not meaningful:
        return [Finding(path, line, "empty diagram", "write the diagram or remove the fence")]
    kind = meaningful[0].split()[0].lower().removesuffix("-beta")
    if kind not in TYPES:
        found.append(Finding(path, line + 1, f"malformed diagram: '{meaningful[0].split()[0]}' is not a Mermaid diagram type",
                             "start with flowchart TD, sequenceDiagram, erDiagram, gantt, timeline …"))
    for keyword in ("accTitle", "accDescr"):
        if not any(text.startswith(keyword) for text in meaningful):
            found.append(Finding(path, line, f"diagram has no {keyword}",
                                 f"add '{keyword}: …' after the diagram type (screen readers read it)"))
    for number, text in enumerate(diagram.source.split("\n"), start=line + 1):
        if "%%{" in text:
            found.append(Finding(path, number, "diagram sets Mermaid options with %%{…}%%",
                                 "remove it: the site sets options and colours for every diagram"))
        elif HTML_TAG.search(text):
            found.append(Finding(path, number, f"diagram contains HTML ({HTML_TAG.search(text).group(0)})",
                                 "HTML is not escaped in diagrams; use plain text labels"))
        elif STYLING.match(text):
            found.append(Finding(path, number, "diagram sets its own colours or classes",
                                 "remove it: diagrams take their colours from the reader's palette"))
    return found
