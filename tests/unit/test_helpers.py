"""Unit tests of the hook's plain helpers (hooks/handbook/), no build involved."""

from __future__ import annotations

import datetime as dt
import sys

import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "hooks"))

from handbook import catalog, crosslinks, diagrams, frontmatter, highlight, links, source, tables  # noqa: E402
from handbook.findings import Finding, closest  # noqa: E402

TAGS = {"spark": "Spark", "performance": "Perf", "kafka": "Kafka"}
SITE = frontmatter.PageRef(frozenset({"big-data/a.md", "big-data/b.md", "big-data/c.md"}))
GOOD = {"title": "A", "description": "x" * 60, "number": 1, "difficulty": "advanced",
        "tags": ["spark", "kafka"], "related": ["big-data/b.md", "big-data/c.md"],
        "checked": dt.date(2026, 1, 1)}


def messages(findings):
    return [str(finding) for finding in findings]


# -- findings ------------------------------------------------------------------------------------

def test_finding_formats_as_one_line_with_suggestion():
    assert str(Finding("docs/a.md", 3, "broken", "fix it")) == "docs/a.md:3: broken — fix it"
    assert str(Finding("docs/a.md", 3, "broken")) == "docs/a.md:3: broken"


def test_closest_suggests_only_near_matches():
    assert closest("perfomance", ["performance", "spark"]) == "did you mean 'performance'?"
    assert closest("zzz", ["performance"]) == ""


# -- source lines --------------------------------------------------------------------------------

def test_front_matter_block_and_offsets():
    text = "---\ntitle: A\n---\n\nBody line\n"
    assert source.front_matter_block(text) == ("title: A\n", 3)
    assert source.body_offset(text, "Body line\n") == 4
    assert source.front_matter_block("No front matter") is None


def test_line_of_skips_front_matter_and_tries_needles_in_order():
    text = "---\nrelated: [x.md]\n---\n\nsee [x](x.md#part)\n"
    assert source.line_of(text, "x.md") == 5
    assert source.line_of(text, "missing", "#part") == 5
    assert source.line_of(text, "missing") == 1
    assert source.key_line(text, "related") == 2


# -- front matter --------------------------------------------------------------------------------

def test_a_good_question_front_matter_passes():
    assert frontmatter.check_question(GOOD, "", "docs/big-data/a.md", "big-data/a.md", TAGS, SITE) == []


@pytest.mark.parametrize("change, expected", [
    ({"difficulty": "easy"}, "'difficulty' is 'easy'"),
    ({"tags": ["spark", "sparkk"]}, "tag 'sparkk' is not in tags.yml — did you mean 'spark'?"),
    ({"tags": ["spark"]}, "'tags' has 1 tags; use 2-6"),
    ({"tags": "spark"}, "'tags' must be a list"),
    ({"related": ["big-data/b.md"]}, "list at least 2"),
    ({"related": ["big-data/a.md", "big-data/b.md"]}, "lists the page itself"),
    ({"related": ["big-data/b.md", "big-data/d.md"]}, "'big-data/d.md' is not a question page"),
    ({"related": ["big-data/b.md", "big-data/b.md"]}, "lists a page twice"),
    ({"number": True}, "'number' must be a positive whole number"),
    ({"number": 0}, "'number' must be a positive whole number"),
    ({"description": "short"}, "'description' is 5 characters"),
    ({"checked": "2026-01-01"}, "YYYY-MM-DD"),
    ({"checked": dt.date.today() + dt.timedelta(days=2)}, "a date in the future"),
    ({"autor": "me"}, "unknown front-matter key 'autor'"),
    ({"title": ""}, "'title' must be a non-empty string"),
])
def test_bad_question_front_matter_is_reported(change, expected):
    meta = {**GOOD, **change}
    found = messages(frontmatter.check_question(meta, "", "p.md", "big-data/a.md", TAGS, SITE))
    assert any(expected in line for line in found), found


def test_missing_keys_are_each_reported():
    found = messages(frontmatter.check_question({"title": "A"}, "", "p.md", "big-data/a.md", TAGS, SITE))
    for key in ("description", "number", "difficulty", "tags", "related", "checked"):
        assert any(f"required key '{key}'" in line for line in found)


def test_other_pages_take_title_and_description_only():
    assert frontmatter.check_other({"title": "T", "description": "D", "hide": ["toc"]}, "", "p.md") == []
    found = messages(frontmatter.check_other({"title": "T", "tags": ["x"]}, "", "p.md"))
    assert any("unknown front-matter key 'tags'" in line for line in found)
    assert any("'description'" in line for line in found)


def test_yaml_errors_are_located():
    error = frontmatter.yaml_error("---\ntitle: a: b\n---\n", "p.md")
    assert error is not None and error.line == 2 and "not valid YAML" in error.message
    assert frontmatter.yaml_error("---\n- a list\n---\n", "p.md").message.startswith("front matter must be a mapping")
    assert frontmatter.yaml_error("---\ntitle: fine\n---\n", "p.md") is None


# -- links ---------------------------------------------------------------------------------------

def test_parse_collects_links_ids_scripts_and_handlers():
    page = links.parse('<h2 id="a">A</h2><a href="x/">x</a><img src="i.png" srcset="i2.png 2x">'
                       '<script src="s.js"></script><p onclick="f()">text words here</p>')
    assert {link.value for link in page.links} == {"x/", "i.png", "i2.png", "s.js"}
    assert page.ids == {"a"}
    assert page.scripts and page.handlers == [("p", "onclick")]
    assert page.text_words == 5
    assert next(link for link in page.links if link.value == "i.png").fetches
    head = links.parse('<link rel="canonical" href="https://x.org/a/"><link rel="stylesheet" href="https://cdn/x.css">')
    assert [link.value for link in head.links] == ["https://cdn/x.css"]


@pytest.mark.parametrize("page_url, href, path, fragment, escapes", [
    ("big-data/a/", "../b/", "big-data/b/", "", False),
    ("big-data/a/", "../../", "", "", False),
    ("big-data/a/", "#x", "big-data/a/", "x", False),
    ("big-data/a/", "../../../x/", "../x/", "", True),
    ("", "big-data/", "big-data/", "", False),
    ("big-data/a/", "../../assets/i.png", "assets/i.png", "", False),
    ("big-data/a/", "../b/#Sp%20ace", "big-data/b/", "Sp ace", False),
])
def test_resolve(page_url, href, path, fragment, escapes):
    assert links.resolve(page_url, href) == links.Target(path, fragment, escapes)


def test_external_detection():
    assert links.is_external("https://x.org") and links.is_external("//cdn.x") and links.is_external("mailto:a@b")
    assert not links.is_external("../x/") and not links.is_external("#a")


# -- cross-page checks ---------------------------------------------------------------------------

def make_site(html_a: str, html_b: str = '<h2 id="part">P</h2>') -> crosslinks.SiteIndex:
    pages = {
        "big-data/a.md": crosslinks.PageRecord("big-data/a.md", "docs/big-data/a.md", "big-data/a/",
                                               "---\nt: 1\n---\n\nbody\n", links.parse(html_a)),
        "big-data/b.md": crosslinks.PageRecord("big-data/b.md", "docs/big-data/b.md", "big-data/b/",
                                               "body", links.parse(html_b)),
    }
    dests = {"big-data/a/index.html": False, "big-data/b/index.html": False, "assets/x.png": False,
             "draft/index.html": True}
    return crosslinks.SiteIndex(pages, dests, frozenset(pages))


@pytest.mark.parametrize("html, expected", [
    ('<a href="../b/#part">ok</a>', None),
    ('<img src="../../assets/x.png" alt="">', None),
    ('<a href="../b/#Part">x</a>', "(it differs only in case) — the anchor is spelled '#part'"),
    ('<a href="../b/#prt">x</a>', "did you mean '#part'?"),
    ('<a href="../c/">x</a>', "does not resolve"),
    ('<a href="../../draft/">x</a>', "excluded from the build"),
    ('<a href="/big-data/b/">x</a>', "absolute link"),
    ('<img src="http://x.org/i.png" alt="">', "from another site"),
    ('<a href="javascript:alert(1)">x</a>', "link runs script"),
])
def test_check_page(html, expected):
    site = make_site(html)
    found, linked = crosslinks.check_page(site.pages["big-data/a.md"], site)
    if expected is None:
        assert found == []
    else:
        assert any(expected in str(finding) for finding in found), messages(found)


def test_backlinks_and_orphans():
    site = make_site('<a href="../b/">b</a>')
    _, linked = crosslinks.check_page(site.pages["big-data/a.md"], site)
    assert linked == {"big-data/b.md"}
    found = messages(crosslinks.orphans(site, {"big-data/a.md"}, {"big-data/b.md": {"big-data/a.md"}}))
    assert found == ["docs/big-data/a.md:1: no other page links to this question — link it from a related "
                     "question's body or 'related' list",
                     "docs/big-data/b.md:1: page is in no nav entry — add it to nav in mkdocs.yml, or "
                     "exclude it with exclude_docs"]


# -- diagrams ------------------------------------------------------------------------------------

def test_find_diagrams_in_nested_containers_but_not_inside_longer_fences():
    markdown = ("```mermaid\nflowchart TD\n```\n\n=== \"T\"\n\n    ```mermaid\n    gantt\n    ```\n\n"
                "````markdown\n```mermaid\npie\n```\n````\n")
    found = diagrams.find(markdown)
    assert [(d.line, d.source.strip()) for d in found] == [(1, "flowchart TD"), (7, "gantt")]


def test_diagram_rules():
    good = diagrams.Diagram(1, "flowchart TD\n    accTitle: T\n    accDescr: D\n    A --> B")
    assert diagrams.check(good, "p.md", 10) == []
    bad = diagrams.Diagram(1, "flowchart TD\n    A[x<b>y</b>] --> B\n    style A fill:#f00")
    found = messages(diagrams.check(bad, "p.md", 10))
    assert "p.md:11: diagram has no accTitle — add 'accTitle: …' after the diagram type (screen readers read it)" in found
    assert any(line.startswith("p.md:13: diagram contains HTML") for line in found)
    assert any(line.startswith("p.md:14: diagram sets its own colours") for line in found)
    class_diagram = diagrams.Diagram(1, "classDiagram\n    accTitle: T\n    accDescr: D\n    class Order")
    assert diagrams.check(class_diagram, "p.md", 0) == []


def test_click_patterns():
    code = 'flowchart TD\n  click A "x.md#y" "tip"\n  click B href "https://x.org"\n  click C call f()\n'
    assert [m.group("target") for m in links.MERMAID_CLICK.finditer(code)] == ["x.md#y", "https://x.org"]
    assert len(links.MERMAID_CALLBACK.findall(code)) == 1


# -- catalogue -----------------------------------------------------------------------------------

@pytest.mark.parametrize("src, expected", [
    ("big-data/spark-tuning.md", True), ("big-data/index.md", False), ("index.md", False),
    ("assets/x.md", False), ("a/b/c.md", False),
])
def test_question_paths(src, expected):
    assert catalog.is_question_path(src) is expected


def test_glossary_parsing_and_markers():
    text = "*[SQL]: Structured Query Language.\n*[ACID]: Atomicity …: the guarantees.\nnot a term\n"
    assert catalog.glossary(text) == [("ACID", "Atomicity …", "the guarantees."),
                                      ("SQL", "Structured Query Language.", "")]
    assert catalog.markers("<p>x</p>\n<!-- handbook:questions all -->") == [
        ("<!-- handbook:questions all -->", "questions", "all")]
    assert catalog.reading_minutes(10) == 1 and catalog.reading_minutes(441) == 3


def test_included_files_show_snippet_lines_instead_of_running_them():
    page = "---\ntitle: C\n---\n\n<!-- handbook:include CONTRIBUTING.md -->\n"
    assert catalog.include_target(page) == "CONTRIBUTING.md"
    merged = catalog.with_included(page, "Text\n  --8<-- \"x/y.sql\"\n")
    assert ';--8<-- "x/y.sql"' in merged and "handbook:include" not in merged


def test_the_real_tag_list_and_glossary_are_well_formed():
    import yaml
    tags = yaml.safe_load((ROOT / "tags.yml").read_text())
    assert all(isinstance(k, str) and isinstance(v, str) and v for k, v in tags.items())
    lines = [line for line in (ROOT / "includes" / "abbreviations.md").read_text().splitlines() if line]
    assert all(catalog.ABBREVIATION.match(line) for line in lines), "every line must be *[TERM]: …"
    terms = [catalog.ABBREVIATION.match(line).group("term") for line in lines]
    assert terms == sorted(terms, key=str.lower), "keep includes/abbreviations.md sorted"
    assert len(terms) == len(set(terms)), "a term is defined twice"


# -- highlight -----------------------------------------------------------------------------------

def test_whitespace_tokens_lose_their_elements_and_keep_their_spaces():
    html = ('<code><span class="k">SELECT</span><span class="w"> </span><span class="n">id</span>'
            '<span class="w">\n    </span><span class="k">FROM</span><span class="w">  </span>t</code>')
    assert highlight.drop_whitespace_spans(html) == (
        '<code><span class="k">SELECT</span> <span class="n">id</span>\n    <span class="k">FROM</span>  t</code>')


def test_only_whitespace_tokens_are_touched():
    html = '<span class="w">x</span><span class="wx"> </span><span class="w"><b> </b></span>'
    assert highlight.drop_whitespace_spans(html) == html


# -- tables --------------------------------------------------------------------------------------

def test_tables_material_wraps_are_each_held_alone():
    html = ('<p>x</p>\n<table>\n<thead><tr><th>a</th></tr></thead>\n</table>\n'
            '<table style="width: 100%"><tr><td>b</td></tr></table>')
    assert tables.hold_tables(html) == (
        '<p>x</p>\n<div class="table-holder"><table>\n<thead><tr><th>a</th></tr></thead>\n</table></div>\n'
        '<div class="table-holder"><table style="width: 100%"><tr><td>b</td></tr></table></div>')


@pytest.mark.parametrize("html", [
    '<table class="grid"><tr><td>a</td></tr></table>',  # Material leaves tables with a class alone
    '<table><tr><td><table><tr><td>a</td></tr></table></td></tr></table>',  # nested: not cut in two
    '<pre><code>&lt;table&gt;&lt;/table&gt;</code></pre>',  # a table in code is text
    '<tablex></tablex>',
])
def test_other_tables_and_table_like_text_are_left_alone(html):
    assert tables.hold_tables(html) == html
