"""Unit tests of the stored-drawing helpers (hooks/handbook/drawings.py) and how the print page
leaves drawings alone (hooks/handbook/printbook.py)."""

from __future__ import annotations

import re
import sys

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "hooks"))

from handbook import drawings, printbook  # noqa: E402

CSS = """
[data-md-color-scheme="default"] { --diagram-node: #e8eaf6; --diagram-text: #1b1d2a; --md-other: red; }
[data-md-color-scheme="slate"] { --diagram-node: #2c3352; }
.unrelated { --diagram-node: #000; }
"""
SVG = ('<svg id="dg-{k}-light" role="graphics-document document" aria-labelledby="chart-title-dg-{k}-light">'
       '<style>#dg-{k}-light .edge{{stroke:red}} #L_A_B_0{{fill:blue}}</style>'
       '<title id="chart-title-dg-{k}-light">T</title><marker id="arrow"/>'
       '<path id="L_A_B_0" marker-end="url(#arrow)"/><use href="#arrow"/>'
       '<rect name="Alice" x="1"/><a xlink:href="../other/">link</a></svg>')
KEY = "0123456789abcdef0123"


def test_palette_colours_reads_only_diagram_variables_per_scheme():
    assert drawings.palette_colours(CSS) == {
        "default": {"--diagram-node": "#e8eaf6", "--diagram-text": "#1b1d2a"},
        "slate": {"--diagram-node": "#2c3352"},
    }


def test_key_depends_on_source_and_settings_but_not_surrounding_blank_lines():
    settings = drawings.fingerprint("12.3.0", {"securityLevel": "antiscript"}, {"default": {"a": "b"}})
    same = drawings.key("\nflowchart TD\n  A --> B\n", settings)
    assert same == drawings.key("flowchart TD\n  A --> B", settings)
    assert len(same) == drawings.KEY_LENGTH and re.fullmatch(r"[0-9a-f]+", same)
    assert same != drawings.key("flowchart TD\n  A --> C", settings)
    for other in (drawings.fingerprint("12.4.0", {"securityLevel": "antiscript"}, {"default": {"a": "b"}}),
                  drawings.fingerprint("12.3.0", {"securityLevel": "strict"}, {"default": {"a": "b"}}),
                  drawings.fingerprint("12.3.0", {"securityLevel": "antiscript"}, {"default": {"a": "c"}})):
        assert drawings.key("flowchart TD\n  A --> B", other) != same


def test_unique_ids_prefixes_every_foreign_id_and_its_references():
    svg = drawings.unique_ids(SVG.format(k=KEY), f"dg-{KEY}-light")
    ids = re.findall(r'\sid="([^"]+)"', svg)
    assert ids == [f"dg-{KEY}-light", f"chart-title-dg-{KEY}-light", f"dg-{KEY}-light-arrow",
                   f"dg-{KEY}-light-L_A_B_0"]
    assert f"url(#dg-{KEY}-light-arrow)" in svg and f'href="#dg-{KEY}-light-arrow"' in svg
    assert f"#dg-{KEY}-light-L_A_B_0{{fill:blue}}" in svg
    assert f"#dg-{KEY}-light .edge" in svg  # the SVG's own id is left as it is
    assert 'xlink:href="../other/"' in svg  # links to pages are not ids


def test_for_html_keeps_one_role_and_moves_name_to_data_name():
    svg = drawings.for_html(SVG.format(k=KEY))
    assert 'role="graphics-document"' in svg and '<rect data-name="Alice"' in svg
    assert " name=" not in svg


def test_stored_drawings_load_only_when_every_palette_is_there(tmp_path):
    drawings.path_for(tmp_path, KEY, "light").write_text("<svg/>")
    assert drawings.load(tmp_path, KEY) is None
    drawings.path_for(tmp_path, KEY, "dark").write_text("<svg id='x'/>")
    loaded = drawings.load(tmp_path, KEY)
    assert loaded is not None and loaded.svgs == {"light": "<svg/>", "dark": "<svg id='x'/>"}
    assert drawings.stored_keys(tmp_path) == {KEY}


def test_a_second_copy_on_a_page_gets_its_own_ids():
    drawing = drawings.Drawing(KEY, {"light": SVG.format(k=KEY), "dark": ""})
    assert drawings.with_unique_ids(drawing, 1) is drawing
    second = drawings.with_unique_ids(drawing, 2).svgs["light"]
    assert f'id="dg-{KEY}-light-2"' in second and f"#dg-{KEY}-light-2 .edge" in second
    assert f'id="dg-{KEY}-light"' not in second


def test_print_page_keeps_drawing_ids_and_moves_their_links():
    svg = drawings.unique_ids(SVG.format(k=KEY), f"dg-{KEY}-light")
    html = f'<h2 id="intro">Intro</h2>{svg}'
    moved = printbook.relocate(html, "big-data/a/", "print/", "q3-", {})
    assert 'id="q3-intro"' in moved
    assert f'id="dg-{KEY}-light-arrow"' in moved and f'href="#dg-{KEY}-light-arrow"' in moved
    assert 'xlink:href="../big-data/other/"' in moved


def test_mermaids_dead_rules_are_dropped_and_the_rest_kept():
    svg = ('<svg id="dg-x-light"><style>#dg-x-light{font-size:16px;}#dg-x-light :root{--mermaid-font-family:"a";}'
           '#dg-x-light div.mermaidTooltip{position:absolute;}@keyframes dash{to{stroke-dashoffset:0;}}'
           '#dg-x-light .mermaid-main-font{font-family:b;}#dg-x-light .node rect{fill:#fff;}</style>'
           '<g class="node"><rect/></g></svg>')
    cleaned = drawings.without_mermaid_rules(svg)
    assert "mermaid" not in cleaned
    assert cleaned == ('<svg id="dg-x-light"><style>#dg-x-light{font-size:16px;}@keyframes dash{to{stroke-dashoffset:0;}}'
                       '#dg-x-light .node rect{fill:#fff;}</style><g class="node"><rect/></g></svg>')


def test_text_of_keeps_the_words_a_drawing_shows_without_its_css():
    svg = ('<svg id="dg-x-light"><title id="t">Order flow</title><desc>From cart to payment</desc>'
           '<style>#dg-x-light .label{fill:#111}</style><g><text>Cart</text><foreignObject><span>'
           '<p>Pay &amp; ship</p></span></foreignObject></g></svg>')
    assert drawings.text_of(svg) == "Order flow From cart to payment Cart Pay &amp; ship"


def test_slots_hold_places_for_svgs_until_the_page_is_finished():
    svgs = ['<svg id="a"><text>A</text></svg>', '<svg id="b"></svg>']
    page = (f'<div class="light">{drawings.slot(0, "A")}</div><div class="dark">{drawings.slot(1)}</div>'
            '<!-- handbook:print -->')
    assert drawings.fill_slots(page, svgs) == (
        '<div class="light"><svg id="a"><text>A</text></svg></div><div class="dark"><svg id="b"></svg></div>'
        '<!-- handbook:print -->')
    assert drawings.fill_slots("<p>no diagrams</p>", svgs) == "<p>no diagrams</p>"
    assert not drawings.has_slots(drawings.fill_slots(page, svgs))
    # A slot that lost its opening comment stays, and is found; text about slots is not a slot.
    assert drawings.has_slots(drawings.fill_slots("<p>words</p><!--/drawing-slot 0-->", svgs))
    assert not drawings.has_slots("<code>&lt;!--drawing-slot N--&gt;</code>")
