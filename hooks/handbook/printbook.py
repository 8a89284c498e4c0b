"""The printable handbook: every question page's content on one page, with ids and links moved.

Each question's ids get a prefix (`q7-`), so that ids stay unique on the combined page (the ids
inside diagrams drawn at build time are unique already, and are left alone); links
between question pages become links inside the print page; other relative links are re-based on
the print page's address.
"""

from __future__ import annotations

import posixpath
import re

from . import links
from .drawings import OWN_ID

ATTRIBUTE = re.compile(r'\b(id|for|name|href|src|aria-controls|aria-labelledby|aria-describedby)="([^"]*)"')


def prefix_for(number: int) -> str:
    return f"q{number}-"


def relocate(html: str, page_url: str, print_url: str, prefix: str, anchors: dict[str, str]) -> str:
    """`html` of the page at `page_url`, rewritten to sit on the page at `print_url`.

    `anchors` maps the site path of every question page to its prefix on the print page.
    """

    def rewrite(match: re.Match[str]) -> str:
        name, value = match.group(1), match.group(2)
        if OWN_ID.search(value):
            return match.group(0)  # inside a stored drawing, whose ids are unique already
        if name in ("id", "for", "name", "aria-controls", "aria-labelledby", "aria-describedby"):
            return f'{name}="{" ".join(prefix + token for token in value.split())}"' if value else match.group(0)
        if not value or links.is_external(value) or value.startswith(("data:", "/")):
            return match.group(0)
        if value.startswith("#"):
            return f'{name}="#{prefix}{value[1:]}"'
        target = links.resolve(page_url, value)
        if target.path in anchors:
            fragment = target.fragment or "question"
            return f'{name}="#{anchors[target.path]}{fragment}"'
        base = print_url if print_url.endswith("/") else posixpath.dirname(print_url) + "/"
        relative = posixpath.relpath(target.path or ".", base or ".")
        if target.path.endswith("/") and not relative.endswith("/"):
            relative += "/"
        return f'{name}="{relative}{"#" + target.fragment if target.fragment else ""}"'

    return demote(ATTRIBUTE.sub(rewrite, html))


def demote(html: str) -> str:
    """One heading level down (h2 -> h3 …), under the question's own h2 on the print page."""
    return re.sub(r"<(/?)h([2-5])\b", lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}", html)
