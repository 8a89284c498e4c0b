"""Cross-page checks on the rendered site: every link and anchor resolves, no page is orphaned."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from . import links
from .findings import Finding, closest
from .source import line_of


@dataclass
class PageRecord:
    src: str  # docs-relative source path, e.g. "cloud/docker-kubernetes.md"
    path: str  # path for messages, e.g. "docs/cloud/docker-kubernetes.md"
    url: str  # site path, e.g. "cloud/docker-kubernetes/"
    source: str  # the Markdown file as written
    parsed: links.ParsedPage = field(default_factory=links.ParsedPage)
    # Links that are not in the HTML as <a>/<img>: Mermaid click targets, with their line.
    extra_links: list[tuple[int, str]] = field(default_factory=list)
    # Source line of each Mermaid diagram, in page order (for messages from the renderer).
    diagram_lines: list[int] = field(default_factory=list)


@dataclass
class SiteIndex:
    pages: dict[str, PageRecord]  # by docs-relative source path
    dests: dict[str, bool]  # every output file of the site -> whether it is excluded from the build
    questions: frozenset[str]  # docs-relative paths of question pages

    def __post_init__(self) -> None:
        self.by_dest = {dest_of(record.url): src for src, record in self.pages.items()}


def dest_of(url: str) -> str:
    return url + "index.html" if url == "" or url.endswith("/") else url


def _locate(record: PageRecord, href: str) -> int:
    """Best guess of the source line a rendered link came from."""
    target = href.split("#", 1)
    fragment = "#" + target[1] if len(target) == 2 and target[1] else ""
    stem = posixpath.basename(target[0].rstrip("/")).removesuffix(".html")
    return line_of(record.source, href, fragment, stem + ".md" if stem else "", stem)


def check_page(record: PageRecord, site: SiteIndex) -> tuple[list[Finding], set[str]]:
    """Findings for one page's links, and the question pages it links to (for backlinks)."""
    found: list[Finding] = []
    linked: set[str] = set()
    parsed = record.parsed

    def report(line: int, message: str, suggestion: str = "") -> None:
        found.append(Finding(record.path, line, message, suggestion))

    for tag in parsed.scripts:
        report(line_of(record.source, "<script"), f"page contains a script element ({tag[:40]})",
               "content must not run code; propose a site feature instead")
    for tag, attribute in parsed.handlers:
        report(line_of(record.source, f"{attribute}="), f"<{tag}> has an inline event handler ({attribute})",
               "content must not run code; remove the attribute")

    if parsed.empty_headers:
        report(line_of(record.source, "| |", "|  |", "<th></th>"),
               f"a table has {parsed.empty_headers} empty header cell(s)",
               "name every column: screen readers announce the header with each cell")

    candidates = [(None, link) for link in parsed.links] + [(line, links.Link("click", "href", href))
                                                            for line, href in record.extra_links]
    for known_line, link in candidates:
        href = link.value
        line = known_line or _locate(record, href)
        if not href or href.startswith("data:"):
            continue
        if href.lower().startswith("javascript:"):
            report(line, f"link runs script ({href[:40]})", "link to a page instead")
            continue
        if links.is_external(href):
            if link.fetches:
                report(line, f"<{link.tag} {link.attribute}> loads '{href}' from another site",
                       "the site makes no third-party requests: add the file under docs/assets/")
            continue
        if href.startswith("/"):
            report(line, f"absolute link '{href}' breaks under the GitHub Pages sub-path /REPO/",
                   "use a relative link to the .md file")
            continue
        if href.split("#", 1)[0].endswith(".md"):
            report(line, f"link '{href}' points to a .md file from raw HTML, which MkDocs does not convert",
                   "write it as a Markdown link [text](page.md) or with attr_list")
            continue
        target = links.resolve(record.url, href)
        if target.escapes:
            report(line, f"link '{href}' points outside the site", "link only to pages and files in docs/")
            continue
        dest = next((d for d in links.dest_candidates(target.path) if d in site.dests), None)
        if dest is None:
            page_urls = {r.url for r in site.pages.values()}
            report(line, f"link '{href}' does not resolve: nothing is built at '{target.path or '/'}'",
                   closest(target.path, page_urls))
            continue
        if site.dests[dest]:
            report(line, f"link '{href}' points to a file excluded from the build ('{dest}')",
                   "include the page or remove the link")
            continue
        target_src = site.by_dest.get(dest)
        if target_src is None:
            continue  # a static file: nothing more to check
        if target_src != record.src and target_src in site.questions:
            linked.add(target_src)
        if target.fragment:
            ids = site.pages[target_src].parsed.ids
            if target.fragment not in ids:
                same_case = {i.lower(): i for i in ids}.get(target.fragment.lower())
                nearest = closest(target.fragment, ids, "")
                hint = (f"the anchor is spelled '#{same_case}'" if same_case
                        else f"did you mean '#{nearest[1:-2]}'?" if nearest else "link an existing heading")
                where = "this page" if target_src == record.src else f"'{target_src}'"
                report(line, f"anchor '#{target.fragment}' does not exist on {where}"
                       + (" (it differs only in case)" if same_case else ""), hint)
    return found, linked


def orphans(site: SiteIndex, in_nav: set[str], inbound: dict[str, set[str]]) -> list[Finding]:
    """Pages in no nav entry, and question pages nothing else links to."""
    found = []
    for src, record in sorted(site.pages.items()):
        if src not in in_nav:
            found.append(Finding(record.path, 1, "page is in no nav entry",
                                 "add it to nav in mkdocs.yml, or exclude it with exclude_docs"))
        if src in site.questions and not inbound.get(src):
            found.append(Finding(record.path, 1, "no other page links to this question",
                                 "link it from a related question's body or 'related' list"))
    return found
