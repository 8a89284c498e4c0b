"""Lighter highlighted code: Pygments' whitespace tokens without their elements.

Pygments wraps every run of spaces between tokens in `<span class="w">`, which neither Material's
styles nor the handbook's colour; on a page with long code examples they are about a sixth of all
elements, and every element costs a phone time to style and lay out. The spaces stay; only the
empty wrapper goes.
"""

from __future__ import annotations

import re

WHITESPACE_TOKEN = re.compile(r'<span class="w">([ \t\r\n]*)</span>')


def drop_whitespace_spans(html: str) -> str:
    """`html` with each Pygments whitespace token replaced by the whitespace it holds."""
    return WHITESPACE_TOKEN.sub(r"\1", html)
