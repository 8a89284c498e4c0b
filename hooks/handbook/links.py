"""Links and anchors in rendered pages, and whether each one resolves on the built site."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from html import unescape
from urllib.parse import unquote, urlsplit

# Attributes that make the browser fetch something (as opposed to a link a reader follows).
FETCHING = {("img", "src"), ("img", "srcset"), ("script", "src"), ("iframe", "src"),
            ("source", "src"), ("source", "srcset"), ("video", "src"), ("video", "poster"),
            ("audio", "src"), ("link", "href"), ("embed", "src"), ("object", "data"),
            ("track", "src"), ("input", "src")}
FOLLOWED = {("a", "href"), ("area", "href")}
# <link rel> values that make the browser download the linked file.
FETCHING_REL = {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest", "apple-touch-icon",
                "mask-icon", "shortcut"}


@dataclass(frozen=True)
class Link:
    tag: str
    attribute: str
    value: str

    @property
    def fetches(self) -> bool:
        return (self.tag, self.attribute) in FETCHING


@dataclass
class ParsedPage:
    links: list[Link] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    scripts: list[str] = field(default_factory=list)  # opening tags of <script> elements
    handlers: list[tuple[str, str]] = field(default_factory=list)  # (tag, on* attribute)
    empty_headers: int = 0  # table header cells with no text
    text_words: int = 0


# Rendered Markdown is well-formed HTML with quoted attributes, so a tokenizer is enough (and several
# times faster than html.parser, which matters on a 1,000-page site).
TAG = re.compile(r"<([a-zA-Z][\w:-]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*)\s*/?>")
ATTRIBUTE = re.compile(r"([^\s=/>]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+)))?")
RAW_TEXT = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
EMPTY_HEADER = re.compile(r"<th\b[^>]*>\s*</th>")


def parse(html: str) -> ParsedPage:
    """Links, ids, script elements, event handlers and the word count of a rendered page."""
    page = ParsedPage()
    html = COMMENT.sub(" ", html)
    for match in TAG.finditer(html):
        tag = match.group(1).lower()
        if tag == "script":
            page.scripts.append(match.group(0))
        attributes = [(a.group(1).lower(), next((g for g in a.groups()[1:] if g is not None), None))
                      for a in ATTRIBUTE.finditer(match.group(2) or "")]
        if tag == "link" and not FETCHING_REL & set((dict(attributes).get("rel") or "").lower().split()):
            # <link rel="canonical">, "alternate", "author" … name a page; the browser fetches nothing.
            attributes = [(name, value) for name, value in attributes if name != "href"]
        for name, value in attributes:
            if name == "id" and value:
                page.ids.add(unescape(value))
            elif name.startswith("on"):
                page.handlers.append((tag, name))
            elif value is not None and ((tag, name) in FETCHING or (tag, name) in FOLLOWED):
                value = unescape(value).strip()
                if name == "srcset":
                    page.links += [Link(tag, name, c.strip().split(" ")[0]) for c in value.split(",") if c.strip()]
                else:
                    page.links.append(Link(tag, name, value))
    page.empty_headers = len(EMPTY_HEADER.findall(html))
    text = TAG.sub(" ", RAW_TEXT.sub(" ", html))
    page.text_words = len(unescape(text).split())
    return page


def is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme) or url.startswith("//")


@dataclass(frozen=True)
class Target:
    """Where a relative link lands on the built site."""

    path: str  # site path without the fragment, e.g. "big-data/spark-tuning/" ('' is the home page)
    fragment: str
    escapes: bool  # climbs above the site root


def resolve(page_url: str, href: str) -> Target:
    """Resolve a relative `href` found on the page served at `page_url` (e.g. 'cloud/x/')."""
    parts = urlsplit(href)
    fragment = unquote(parts.fragment)
    if not parts.path:
        return Target(page_url, fragment, False)
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
    joined = posixpath.join(base, unquote(parts.path))
    normal = posixpath.normpath(joined)
    escapes = normal == ".." or normal.startswith("../")
    if normal == ".":
        normal = ""
    elif parts.path.endswith("/") and normal:
        normal += "/"
    return Target(normal, fragment, escapes)


def dest_candidates(path: str) -> list[str]:
    """Files a server would answer a site path with, most specific first."""
    if path == "" or path.endswith("/"):
        return [path + "index.html"]
    return [path, path + "/index.html"]


MERMAID_CLICK = re.compile(
    r'^(?P<lead>\s*click\s+\S+\s+(?:href\s+)?)"(?P<target>[^"]+)"', re.MULTILINE)
MERMAID_CALLBACK = re.compile(r"^\s*click\s+\S+\s+(?:call\s+|[A-Za-z_]\w*\s*$)", re.MULTILINE)
