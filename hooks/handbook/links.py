"""Links and anchors in rendered pages, and whether each one resolves on the built site."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

# Attributes that make the browser fetch something (as opposed to a link a reader follows).
FETCHING = {("img", "src"), ("img", "srcset"), ("script", "src"), ("iframe", "src"),
            ("source", "src"), ("source", "srcset"), ("video", "src"), ("video", "poster"),
            ("audio", "src"), ("link", "href"), ("embed", "src"), ("object", "data"),
            ("track", "src"), ("input", "src")}
FOLLOWED = {("a", "href"), ("area", "href")}


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
    text_words: int = 0


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        if tag == "script":
            self.page.scripts.append(self.get_starttag_text() or "<script>")
        for name, value in attrs:
            if name == "id" and value:
                self.page.ids.add(value)
            elif name.startswith("on"):
                self.page.handlers.append((tag, name))
            elif value is not None and ((tag, name) in FETCHING or (tag, name) in FOLLOWED):
                if name == "srcset":
                    for candidate in value.split(","):
                        url = candidate.strip().split(" ")[0]
                        if url:
                            self.page.links.append(Link(tag, name, url))
                else:
                    self.page.links.append(Link(tag, name, value.strip()))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.page.text_words += len(data.split())


def parse(html: str) -> ParsedPage:
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.page


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
