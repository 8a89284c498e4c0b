"""The handbook's build hooks: checks MkDocs does not make, and the lists generated from front matter.

Checks (each finding is one warning `path:LINE: problem — suggestion`, so a strict build fails
while `mkdocs serve` keeps serving):

- front matter of every page (keys, types, tags from tags.yml, `related` pages);
- Mermaid diagrams (type, accTitle/accDescr, no HTML, no own colours) and their `click` targets;
  with a diagrams/ folder, that each diagram has its stored drawing and each drawing a diagram;
- every link and image in the rendered HTML, raw HTML included: relative, resolving to a built
  page or file, anchors that exist on the target (case mistakes named), no remote resources;
- no script elements or inline event handlers in content;
- orphans: pages in no nav entry, question pages nothing links to.

Generated: each diagram's stored drawings in place of its source (handbook/drawings.py; held in slots
while the page is built, filled in on_post_page), the printable handbook (`<!-- handbook:print -->`), the flashcards (downloads/handbook-flashcards.apkg and .csv), the question lists (`<!-- handbook:questions [all] -->`), the glossary
(`<!-- handbook:glossary -->`), and the related / referenced-from lists of each question page.

The logic lives in the plain modules of hooks/handbook/; this file only connects it to MkDocs.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from handbook import catalog, crosslinks, diagrams, drawings, flashcards, frontmatter, highlight, links, printbook, tables
from handbook.findings import Finding
from handbook.source import body_offset, front_matter_block, line_of

log = get_plugin_logger("handbook")

TAGS_FILE = "tags.yml"
GLOSSARY_FILE = "includes/abbreviations.md"
FLASHCARDS = "downloads/handbook-flashcards"  # .apkg and .csv
# Diagrams drawn ahead of time (scripts/render-diagrams). Without this folder (the test fixture
# sites) every diagram is drawn in the browser.
DRAWINGS_FOLDER = "diagrams"
MERMAID_MANIFEST = "assets/vendor/MANIFEST.json"  # in docs/: the self-hosted Mermaid's version
PALETTE_STYLESHEET = "assets/stylesheets/extra.css"  # in docs/: the diagram colours
DIAGRAM_TEMPLATE = "partials/handbook/diagram.html"
# A diagram as mermaid2's fence writes it: the source sits unescaped inside <pre class="diagram"><code>.
DIAGRAM_BLOCK = re.compile(r'(<pre[^>]*class="diagram"[^>]*><code>)(.*?)(</code></pre>)', re.DOTALL)


class BuildState:
    """Everything one build collects. Reset in on_pre_build: `mkdocs serve` keeps this module."""

    def __init__(self) -> None:
        self.root = Path(".")
        self.tags: dict[str, str] = {}
        self.glossary: list[tuple[str, str, str]] = []
        self.questions: frozenset[str] = frozenset()
        self.dests: dict[str, bool] = {}
        self.in_nav: set[str] = set()
        self.records: dict[str, crosslinks.PageRecord] = {}
        self.contents: dict[str, str] = {}  # rendered content of question pages, for the print page
        self.catalog: dict[str, catalog.Question] = {}
        self.section_titles: dict[str, str] = {}
        self.related: dict[str, list[str]] = {}
        self.inbound: dict[str, set[str]] = {}
        self.env: Environment | None = None
        self.reported: set[Finding] = set()
        self.drawings: Path | None = None  # the drawings folder, when the site uses one
        self.drawing_fingerprint = ""
        self.drawings_used: set[str] = set()
        self.held_svgs: list[str] = []  # drawn SVGs waiting in their slots until on_post_page
        self.theme_env: Environment | None = None


state = BuildState()


# -- setup -------------------------------------------------------------------------------------

def on_pre_build(config: MkDocsConfig) -> None:
    global state
    state = BuildState()
    state.root = Path(config.config_file_path).resolve().parent
    state.tags = load_tags(state.root / TAGS_FILE)
    glossary_file = state.root / GLOSSARY_FILE
    if not glossary_file.is_file():
        raise PluginError(f"handbook: the glossary file {GLOSSARY_FILE} is missing")
    state.glossary = catalog.glossary(glossary_file.read_text(encoding="utf-8"))
    if (state.root / DRAWINGS_FOLDER).is_dir():
        state.drawings = state.root / DRAWINGS_FOLDER
        state.drawing_fingerprint = drawing_fingerprint(config)
        state.theme_env = config.theme.get_env()


def drawing_fingerprint(config: MkDocsConfig) -> str:
    """What stored drawings depend on besides their sources (see handbook/drawings.py)."""
    docs = Path(config.docs_dir)
    try:
        manifest = json.loads((docs / MERMAID_MANIFEST).read_text(encoding="utf-8"))
        version = manifest["packages"]["mermaid"]["version"]
        css = (docs / PALETTE_STYLESHEET).read_text(encoding="utf-8")
    except (OSError, ValueError, KeyError) as error:
        raise PluginError(f"handbook: cannot read what diagram drawings depend on: {error}") from error
    plugin = config.plugins.get("mermaid2")
    arguments = plugin.config.get("arguments") if plugin is not None else None
    return drawings.fingerprint(version, arguments, drawings.palette_colours(css))


def load_tags(path: Path) -> dict[str, str]:
    """The controlled tag list: a YAML mapping of tag name to its one-line meaning."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise PluginError(f"handbook: cannot read the tag list {path.name}: {error}") from error
    except yaml.YAMLError as error:
        raise PluginError(f"handbook: {path.name} is not valid YAML: {error}") from error
    if not isinstance(data, dict) or not data or not all(isinstance(k, str) for k in data):
        raise PluginError(f"handbook: {path.name} must map each tag name to its meaning")
    return {str(key): str(value) for key, value in data.items()}


def report(findings: list[Finding]) -> None:
    """Log each finding once, as a warning: strict builds fail, `mkdocs serve` keeps serving."""
    for finding in sorted(set(findings) - state.reported):
        state.reported.add(finding)
        log.warning(str(finding))


def on_files(files: Files, config: MkDocsConfig) -> Files:
    state.questions = frozenset(
        file.src_uri for file in files
        if file.is_documentation_page() and catalog.is_question_path(file.src_uri)
        and not file.inclusion.is_excluded())
    add_flashcards(files, config)
    state.dests = {file.dest_uri: file.inclusion.is_excluded() for file in files}
    return files


def add_flashcards(files: Files, config: MkDocsConfig) -> None:
    """The Anki deck and CSV (downloads/), from the question pages' sources and the glossary."""
    entries = []
    for src in state.questions:
        file = files.get_file_from_path(src)
        text = file.content_string
        block = front_matter_block(text)
        try:
            meta = yaml.safe_load(block[0]) if block else None
        except yaml.YAMLError:
            continue  # reported, with its line, by the front-matter check
        if not isinstance(meta, dict) or not isinstance(meta.get("number"), int):
            continue  # reported by the front-matter check
        body = "\n".join(text.split("\n")[block[1]:])
        url = (config.site_url or "") + file.url
        card = flashcards.question_card(src, str(meta.get("title", "")), list(meta.get("tags") or []), body, url)
        if card is not None:
            entries.append((meta["number"], card))
    cards = [card for _, card in sorted(entries, key=lambda entry: entry[0])]
    cards += [flashcards.term_card(*term) for term in state.glossary]
    files.append(File.generated(config, FLASHCARDS + ".apkg", content=flashcards.apkg_bytes(cards)))
    files.append(File.generated(config, FLASHCARDS + ".csv", content=flashcards.csv_text(cards)))


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    state.in_nav = {page.file.src_uri for page in nav.pages}
    return nav


# -- per page, first pass ----------------------------------------------------------------------

@event_priority(100)  # before the tags plugin, which stops the build on malformed tags
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    source = page.file.content_string
    record = crosslinks.PageRecord(page.file.src_uri, _display_path(page), page.url, source)
    included = included_file(markdown, page)
    if included is not None:
        # Report problems of the included text against the file a contributor edits.
        record.path, record.source = included[0], included[1]
        markdown = catalog.with_included(markdown, included[1])
    state.records[record.src] = record
    report(check_front_matter(page, source, record.path))
    offset = body_offset(source, markdown)
    for diagram in diagrams.find(markdown):
        record.diagram_lines.append(diagram.line + offset)
        report(diagrams.check(diagram, record.path, offset))
    return markdown


def included_file(markdown: str, page: Page) -> tuple[str, str] | None:
    """(name, text) of the repository file a page shows whole, such as CONTRIBUTING.md."""
    name = catalog.include_target(markdown)
    if name is None:
        return None
    path = (state.root / name).resolve()
    if state.root not in path.parents or not path.is_file():
        raise PluginError(f"handbook: {_display_path(page)} includes '{name}', which is not a file of the repository")
    return name, path.read_text(encoding="utf-8")


def _display_path(page: Page) -> str:
    docs = Path(page.file.abs_src_path or "").resolve()
    try:
        return docs.relative_to(state.root).as_posix()
    except ValueError:
        return f"docs/{page.file.src_uri}"


def check_front_matter(page: Page, source: str, path: str) -> list[Finding]:
    # MkDocs silently drops front matter it cannot parse; only then is it read again for the error.
    error = None if page.meta else frontmatter.yaml_error(source, path)
    if error:
        return [error]
    src = page.file.src_uri
    if src not in state.questions:
        return frontmatter.check_other(page.meta, source, path)
    return frontmatter.check_question(page.meta, source, path, src, state.tags,
                                      frontmatter.PageRef(state.questions))


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    record = state.records[page.file.src_uri]
    html = highlight.drop_whitespace_spans(html)
    html = tables.hold_tables(html)
    html = rewrite_diagram_links(html, record, files)
    record.parsed = links.parse(html)
    meta = page.meta
    if record.src in state.questions and isinstance(meta.get("number"), int):
        state.catalog[record.src] = catalog.Question(
            src=record.src, url=page.url, number=meta["number"], title=str(meta.get("title", "")),
            description=str(meta.get("description", "")), difficulty=str(meta.get("difficulty", "")),
            tags=tuple(meta.get("tags") or ()), section=catalog.section_of(record.src),
            minutes=catalog.reading_minutes(record.parsed.text_words))
        state.contents[record.src] = html
        related = meta.get("related")
        state.related[record.src] = [r for r in related if isinstance(r, str)] if isinstance(related, list) else []
    if page.file.src_uri.endswith("/index.md"):
        state.section_titles[catalog.section_of(record.src)] = page.title or ""
    return html


def rewrite_diagram_links(html: str, record: crosslinks.PageRecord, files: Files) -> str:
    """Turn Mermaid `click` targets written as .md links into the pages' addresses."""

    def replace(match: Any) -> str:
        lead, target = match.group("lead"), match.group("target")
        line = line_of(record.source, match.group(0).strip())
        if links.is_external(target) or not target.split("#", 1)[0].endswith(".md"):
            record.extra_links.append((line, target))
            return match.group(0)
        path, _, fragment = target.partition("#")
        src = posixpath.normpath(posixpath.join(posixpath.dirname(record.src), path))
        file = files.get_file_from_path(src)
        if file is None or not file.is_documentation_page():
            report([Finding(record.path, line, f"diagram click target '{target}' is not a page",
                            "write a relative link to an existing .md file")])
            return match.group(0)
        url = get_relative_url(file.url, record.url) + (f"#{fragment}" if fragment else "")
        record.extra_links.append((line, url))
        return f'{lead}"{url}"'

    positions = iter(record.diagram_lines)
    occurrences: dict[str, int] = {}

    def in_diagram(block: Any) -> str:
        code = block.group(2)
        # Where the diagram is written, so that a diagram Mermaid rejects is reported by file and line.
        line = next(positions, None)
        where = f"{record.path}:{line}" if line is not None else ""
        for callback in links.MERMAID_CALLBACK.finditer(code):
            report([Finding(record.path, line_of(record.source, callback.group(0).strip()),
                            "diagram click runs a JavaScript callback", 'link to a page: click NODE "page.md"')])
        code = links.MERMAID_CLICK.sub(replace, code)
        attributes = f' data-source="{where}"' if where else ""
        if state.drawings is not None:
            drawing_key = drawings.key(code, state.drawing_fingerprint)
            drawing = drawings.load(state.drawings, drawing_key)
            if drawing is not None:
                state.drawings_used.add(drawing_key)
                occurrences[drawing_key] = occurrences.get(drawing_key, 0) + 1
                return drawn_diagram(drawings.with_unique_ids(drawing, occurrences[drawing_key]), where)
            report([Finding(record.path, line or 1, "diagram has no stored drawing (it is new or changed)",
                            f"run `bash scripts/render-diagrams` and commit {DRAWINGS_FOLDER}/")])
            attributes += f' data-drawing="{drawing_key}"'  # the name render-diagrams stores it under
        return block.group(1).replace("<pre", "<pre" + attributes, 1) + code + block.group(3)

    return DIAGRAM_BLOCK.sub(in_diagram, html)


def drawn_diagram(drawing: drawings.Drawing, where: str) -> str:
    """The diagram's markup with each SVG held in a slot (drawings.SLOT), filled in on_post_page."""
    assert state.theme_env is not None
    slots = {}
    for palette, svg in drawing.svgs.items():
        state.held_svgs.append(svg)
        text = drawings.text_of(svg) if palette == "light" else ""  # the light copy is searched
        slots[palette] = drawings.slot(len(state.held_svgs) - 1, text)
    return state.theme_env.get_template(DIAGRAM_TEMPLATE).render(
        {"svgs": slots, "where": where, "key": drawing.key})


# -- whole site ----------------------------------------------------------------------------------

def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    state.env = env
    site = crosslinks.SiteIndex(state.records, state.dests, state.questions)
    for record in state.records.values():
        found, linked = crosslinks.check_page(record, site)
        report(found)
        for target in linked:
            state.inbound.setdefault(target, set()).add(record.src)
    for src, related in state.related.items():
        for target in related:
            if target in state.questions and target != src:
                state.inbound.setdefault(target, set()).add(src)
    report(crosslinks.orphans(site, state.in_nav, state.inbound))
    if state.drawings is not None:
        report(drawings.unused(state.drawings, DRAWINGS_FOLDER, state.drawings_used))
    return env


# -- per page, second pass -----------------------------------------------------------------------

@event_priority(50)  # before the search plugin indexes the page, so generated lists are searchable
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    src = page.file.src_uri
    for marker, name, argument in catalog.markers(page.content or ""):
        page.content = page.content.replace(marker, render_marker(name, argument, page, context), 1)
    if src in state.questions:
        context["question"] = state.catalog.get(src)
        context["related_pages"] = [state.catalog[r] for r in state.related.get(src, []) if r in state.catalog]
        context["referenced_from"] = sorted(
            (state.catalog[s] for s in state.inbound.get(src, set()) if s in state.catalog),
            key=lambda question: question.sort_key)
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    output = drawings.fill_slots(output, state.held_svgs)
    if drawings.has_slots(output):
        raise PluginError(f"handbook: {_display_path(page)}: a drawn diagram's slot comment was changed while the "
                          "page was built, so its SVG could not be put in (something rewrote <!--drawing-slot N--> comments)")
    return output


def render_marker(name: str, argument: str | None, page: Page, context: dict) -> str:
    assert state.env is not None
    questions = sorted(state.catalog.values(), key=lambda q: q.sort_key)
    if name == "questions":
        section = None if argument == "all" else catalog.section_of(page.file.src_uri)
        chosen = [q for q in questions if section is None or q.section == section]
        template = "partials/handbook/question-table.html" if section is None else "partials/handbook/question-list.html"
        return state.env.get_template(template).render(
            {**context, "questions": chosen, "section_titles": state.section_titles, "tags": state.tags})
    if name == "progress":
        section = None if page.file.src_uri == "index.md" else catalog.section_of(page.file.src_uri)
        chosen = [q for q in questions if section is None or q.section == section]
        entries = [{"src": q.src, "number": q.number, "title": q.title,
                    "url": get_relative_url(q.url, page.url)} for q in chosen]
        return state.env.get_template("partials/handbook/study-progress.html").render(
            {**context, "progress_questions": entries, "scope": section or "all"})
    if name == "print":
        anchors = {q.url: printbook.prefix_for(q.number) for q in questions}
        entries = [{"number": q.number, "title": q.title, "prefix": printbook.prefix_for(q.number),
                    "section": state.section_titles.get(q.section, q.section),
                    "content": printbook.relocate(state.contents[q.src], q.url, page.url,
                                                  printbook.prefix_for(q.number), anchors)}
                   for q in questions if q.src in state.contents]
        return state.env.get_template("partials/handbook/print.html").render({**context, "questions": entries})
    if name == "glossary":
        return state.env.get_template("partials/handbook/glossary.html").render({**context, "terms": state.glossary})
    log.warning(f"{_display_path(page)}:{line_of(page.file.content_string, 'handbook:' + name)}: "
                f"unknown marker 'handbook:{name}' — use handbook:questions, handbook:questions all, "
                "handbook:progress, handbook:print or handbook:glossary")
    return ""
