"""Tables in a holder of their own, so that Material's wrapping does not restyle the page.

At start-up Material moves every table without a class into a scrolling wrapper
(`.md-typeset__scrollwrap`). Taking an element out of its parent and putting another in its place
changes which of the parent's children is first, last or only, and Chromium then restyles the
parent's whole subtree; for a table in a question's answer that is most of the page (2,200 elements
on the longest one). Given a parent of its own, a `<div class="table-holder">` with the table as its
only child, the move restyles just the holder. The holder has no box style of its own
(`extra.css` keeps the table's margins where Material puts them).
"""

from __future__ import annotations

import re

# Material wraps `table:not([class])`: tables with no class attribute at all.
UNCLASSED_TABLE = re.compile(r"<table(?![^>]*\sclass=)(?:\s[^>]*)?>.*?</table>", re.DOTALL)


def hold_tables(html: str) -> str:
    """`html` with each table Material will wrap placed alone in a `div.table-holder`."""

    def hold(match: re.Match[str]) -> str:
        table = match.group(0)
        if "<table" in table[len("<table"):]:
            return table  # a nested table (raw HTML): left as it is rather than cut in two
        return f'<div class="table-holder">{table}</div>'

    return UNCLASSED_TABLE.sub(hold, html)
