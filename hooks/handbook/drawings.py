"""Diagrams drawn ahead of time: SVGs, one per palette, kept in the repository's diagrams/ folder.

Drawing a diagram in the reader's browser means downloading and running Mermaid, which blocks
the main thread for about a second on a phone. So `bash scripts/render-diagrams` draws every
diagram of the built site in headless Chromium, with the site's own renderer
(assets/javascripts/diagrams.js), in both palettes, and stores the SVGs under a key. The build
puts the stored SVGs into the page; a diagram without them is drawn in the browser as before
(that is what `mkdocs serve` shows for a diagram being edited) and, on strict builds, is an error.

The key covers everything that changes a drawing: the diagram's source as the page holds it
(click targets already rewritten), Mermaid's version, mermaid2's `arguments:` and the palette
colours in extra.css. Change any of them and the build asks for fresh drawings.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from .findings import Finding

# Bump when diagrams.js changes how it configures Mermaid (themeVariables, naming), so that every
# stored drawing is redrawn.
DRAWING_FORMAT = "2"  # 2: Mermaid's dead CSS rules dropped (for_html)
PALETTES = ("light", "dark")
KEY_LENGTH = 20
SVG_ID = "dg-{key}-{palette}"  # the id render_diagrams.py gives each SVG; Mermaid scopes its CSS by it
# Every id inside a stored drawing contains its SVG's id (see unique_ids).
OWN_ID = re.compile(r"dg-[0-9a-f]{%d}-(?:%s)" % (KEY_LENGTH, "|".join(PALETTES)))
ID_ATTRIBUTE = re.compile(r'(\sid=")([^"]+)(")')
ID_LIST_ATTRIBUTE = re.compile(r'(\saria-(?:labelledby|describedby|controls|owns)=")([^"]+)(")')
DIAGRAM_VARIABLE = re.compile(r"(--diagram-[\w-]+)\s*:\s*([^;]+);")
SCHEME_BLOCK = re.compile(r'\[data-md-color-scheme="(?P<scheme>[\w-]+)"\]\s*\{(?P<body>[^}]*)\}')


# While a page is built, each SVG waits in a slot: a pair of comments, around the drawing's text
# for the light copy (so search still finds diagram labels) and around nothing for the dark one.
# The search plugin and the hook's own link checks then read a few words instead of thousands of
# SVG elements; the hook fills the slots in the finished page (on_post_page).
# (Not `<!-- handbook:… -->`: those are the markers the hook replaces with generated lists.)
SLOT = "<!--drawing-slot {index}-->{text}<!--/drawing-slot {index}-->"
FILLED_SLOT = re.compile(r"<!--drawing-slot (\d+)-->.*?<!--/drawing-slot \1-->", re.S)
SLOT_COMMENT = re.compile(r"<!--/?drawing-slot \d+-->")
TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Drawing:
    key: str
    svgs: dict[str, str]  # palette -> SVG markup


def palette_colours(css: str) -> dict[str, dict[str, str]]:
    """The `--diagram-*` custom properties of each colour scheme in a stylesheet."""
    palettes: dict[str, dict[str, str]] = {}
    for block in SCHEME_BLOCK.finditer(css):
        variables = dict(DIAGRAM_VARIABLE.findall(block.group("body")))
        if variables:
            palettes.setdefault(block.group("scheme"), {}).update(
                {name: value.strip() for name, value in variables.items()})
    return palettes


def fingerprint(mermaid_version: str, arguments: object, palettes: dict[str, dict[str, str]]) -> str:
    """What every drawing depends on besides its own source."""
    settings = {"format": DRAWING_FORMAT, "mermaid": mermaid_version, "arguments": arguments,
                "palettes": palettes}
    return hashlib.sha256(json.dumps(settings, sort_keys=True, default=str).encode()).hexdigest()


def key(source: str, site_fingerprint: str) -> str:
    """The name a diagram's drawings are stored under."""
    digest = hashlib.sha256(f"{site_fingerprint}\n{source.strip()}".encode()).hexdigest()
    return digest[:KEY_LENGTH]


def path_for(folder: Path, drawing_key: str, palette: str) -> Path:
    return folder / f"{drawing_key}.{palette}.svg"


def load(folder: Path, drawing_key: str) -> Drawing | None:
    """The stored drawings of one diagram, or None unless every palette has one."""
    svgs = {}
    for palette in PALETTES:
        path = path_for(folder, drawing_key, palette)
        if not path.is_file():
            return None
        svgs[palette] = path.read_text(encoding="utf-8")
    return Drawing(drawing_key, svgs)


def unique_ids(svg: str, svg_id: str) -> str:
    """Mermaid names some elements the same in every diagram (edges `L_A_B_0`, for one); prefix
    every id that does not contain the SVG's own id with it, and every reference to it (url(#…),
    href="#…", aria-labelledby and the like, CSS selectors), so that ids stay unique on a page
    that shows several diagrams, each in two palettes."""
    renamed = {name: f"{svg_id}-{name}" for name in dict.fromkeys(m.group(2) for m in ID_ATTRIBUTE.finditer(svg))
               if svg_id not in name}
    if not renamed:
        return svg
    names = "|".join(re.escape(name) for name in sorted(renamed, key=len, reverse=True))
    svg = ID_ATTRIBUTE.sub(lambda m: m.group(1) + renamed.get(m.group(2), m.group(2)) + m.group(3), svg)
    svg = ID_LIST_ATTRIBUTE.sub(lambda m: m.group(1) + " ".join(
        renamed.get(token, token) for token in m.group(2).split()) + m.group(3), svg)
    # url(#name), href="#name", and #name in CSS: a "#" then the whole name.
    return re.sub(r"#(%s)(?![\w-])" % names, lambda m: "#" + renamed[m.group(1)], svg)


def for_html(svg: str) -> str:
    """Mermaid's SVG as it is stored and published: valid HTML content (the Nu HTML checker runs
    on every published page), with one role token instead of "graphics-document document" and
    `name` (which Mermaid sets on sequence-diagram shapes for its own scripts, and which SVG does
    not have) as data-name; and without Mermaid's dead CSS rules (without_mermaid_rules)."""
    svg = svg.replace('role="graphics-document document"', 'role="graphics-document"')
    svg = re.sub(r'(<(?:rect|line|g|text|path)\b[^>]*?\s)name="', r'\1data-name="', svg)
    return without_mermaid_rules(svg)


CSS_RULE = re.compile(r"[^{}<>]*\{[^{}]*\}")
STYLE_BLOCK = re.compile(r"(<style[^>]*>)(.*?)(</style>)", re.S)


def without_mermaid_rules(svg: str) -> str:
    """`svg` without the CSS rules Mermaid adds for things that never exist inside a drawing: the
    `:root` font variable, the tooltip `div.mermaidTooltip` (Mermaid's script creates it in the
    page body, outside the drawing's id scope) and `.mermaid-main-font`, a class no drawing uses.

    They are dead, and they are the only places a drawing says "mermaid": mkdocs-mermaid2 parses
    and rewrites, with BeautifulSoup, every page whose HTML contains that word, which doubled the
    build time once diagrams were drawn into the pages.
    """

    def clean(block: re.Match[str]) -> str:
        css = CSS_RULE.sub(lambda rule: "" if "mermaid" in rule.group(0) else rule.group(0), block.group(2))
        return block.group(1) + css + block.group(3)

    return STYLE_BLOCK.sub(clean, svg)


def with_unique_ids(drawing: Drawing, occurrence: int) -> Drawing:
    """The same diagram twice on a page: give the second copy's SVG ids (and the CSS and markers
    that refer to them) a suffix, so that ids stay unique."""
    if occurrence == 1:
        return drawing
    svgs = {}
    for palette, svg in drawing.svgs.items():
        old = SVG_ID.format(key=drawing.key, palette=palette)
        svgs[palette] = svg.replace(old, f"{old}-{occurrence}")
    return Drawing(drawing.key, svgs)


def text_of(svg: str) -> str:
    """The words a drawing shows (its labels, title and description), without its CSS."""
    return " ".join(TAG.sub(" ", STYLE_BLOCK.sub(" ", svg)).split())


def slot(index: int, text: str = "") -> str:
    """A slot for the `index`th SVG held back during the build, around `text` (see SLOT)."""
    return SLOT.format(index=index, text=text)


def fill_slots(html: str, svgs: list[str]) -> str:
    """`html` with each slot replaced by the SVG it holds a place for."""
    if "<!--drawing-slot " not in html:
        return html
    return FILLED_SLOT.sub(lambda match: svgs[int(match.group(1))], html)


def has_slots(html: str) -> bool:
    """Whether `html` still holds a slot comment (after fill_slots: one that lost its pair)."""
    return SLOT_COMMENT.search(html) is not None


def stored_keys(folder: Path) -> set[str]:
    """Keys of every drawing file in the folder."""
    return {path.name.split(".", 1)[0] for path in folder.glob("*.svg")}


def unused(folder: Path, folder_name: str, used: set[str]) -> list[Finding]:
    """Stored drawings no diagram uses any more: old versions of edited diagrams."""
    return [Finding(f"{folder_name}/{drawing_key}.{PALETTES[0]}.svg", 1,
                    "stored drawing of a diagram that no page has any more",
                    "run `bash scripts/render-diagrams`, which removes it")
            for drawing_key in sorted(stored_keys(folder) - used)]
