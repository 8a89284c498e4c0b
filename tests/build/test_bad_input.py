"""Each kind of bad input fails the strict build with one line naming the file, the line and the target."""

from __future__ import annotations

import pytest

from tests.conftest import mkdocs_build, write_fixture_site
from tests.fixtures.pages import FLOW, machinery_site, other, question

RELATED = ["big-data/second.md", "big-data/third.md"]


def site_with(page: str, path: str = "big-data/diagrams.md") -> dict[str, str]:
    """The machinery site with one page replaced (other pages' links to #tabs kept valid)."""
    pages = machinery_site()
    pages[path] = page + "\n### Tabs\n\nKept for the other pages' links.\n"
    return pages


def at(page: str, needle: str, path: str = "docs/big-data/diagrams.md") -> str:
    """'path:LINE:' for the first body line of `page` that contains `needle`."""
    lines = page.split("\n")
    body_start = lines.index("---", 1) + 1
    for number, line in enumerate(lines[body_start:], start=body_start + 1):
        if needle in line:
            return f"{path}:{number}:"
    raise AssertionError(f"{needle!r} is not in the page")


def assert_fails_with(result, *fragments: str) -> None:
    assert result.returncode != 0, "the strict build should have failed:\n" + result.output
    lines = [line for line in result.warnings if all(fragment in line for fragment in fragments)]
    assert lines, f"no warning contains {fragments}:\n" + "\n".join(result.warnings)


def test_the_machinery_site_itself_builds_cleanly(fixture_site):
    result = fixture_site(machinery_site())
    assert result.returncode == 0, result.output
    assert not result.warnings


@pytest.mark.parametrize("body, needle, fragments", [
    # 1. Links in raw HTML, in admonitions, tabs, tables and footnotes.
    ('<a href="nowhere/">x</a>', "nowhere/", ("'nowhere/' does not resolve",)),
    ('!!! note\n\n    <a href="../missing/">x</a>', "missing", ("'../missing/' does not resolve", "'big-data/second/'")),
    ('=== "Tab"\n\n    <img src="../img/none.png" alt="x">', "none.png", ("'../img/none.png'",)),
    ("| a |\n|---|\n| <a href='../nope/'>x</a> |", "nope", ("'../nope/'",)),
    ('Text.[^1]\n\n[^1]: <a href="../gone/">gone</a>', "gone", ("'../gone/'",)),
    ('<a href="second.md">raw</a>', "second.md", ("MkDocs does not convert",)),
    # 3. Anchors, including a case mistake with the right spelling suggested.
    ("[x](second.md#The-Full-Answer)", "#The-Full-Answer",
     ("'#The-Full-Answer'", "differs only in case", "spelled '#the-full-answer'")),
    ("[x](#referencez)", "#referencez", ("'#referencez' does not exist on this page", "'#references'")),
    ('<a href="../third/#nope">x</a>', "#nope", ("'#nope' does not exist on 'big-data/third.md'",)),
    # 4. Links that escape the site, absolute links.
    ('<a href="/big-data/second/">abs</a>', "/big-data/second/", ("absolute link", "/REPO/")),
    ('<a href="../../../../etc/passwd">out</a>', "passwd", ("points outside the site",)),
    # 7. Code in content.
    ("<script>alert(1)</script>", "<script", ("script element",)),
    ('<button onclick="alert(1)">x</button>', "onclick", ("inline event handler (onclick)",)),
    # Tables need a header in every column.
    ("| | A |\n|---|---|\n| x | 1 |", "| | A |", ("empty header cell",)),
    # Third-party requests.
    ('<img src="https://example.com/x.png" alt="x">', "example.com", ("from another site",)),
])
def test_bad_links_and_code_fail_the_build(fixture_site, body, needle, fragments):
    page = question(1, "Diagrams everywhere", RELATED, body)
    assert_fails_with(fixture_site(site_with(page)), at(page, needle), *fragments)


def test_a_link_to_an_excluded_page_fails(fixture_site):
    pages = machinery_site()
    pages["big-data/second.md"] = pages["big-data/second.md"].replace(
        "See [the diagrams]", 'See <a href="../draft/">the draft</a> and [the diagrams]')
    pages["big-data/draft.md"] = other("Draft")
    nav = "".join(f"  - {path}\n" for path in pages if path != "big-data/draft.md")
    result = fixture_site(pages, nav=nav, config_replace=("exclude_docs: |\n", "exclude_docs: |\n  big-data/draft.md\n"))
    assert_fails_with(result, at(pages["big-data/second.md"], "draft", "docs/big-data/second.md"),
                      "excluded from the build")


# 2. Mermaid click targets.
def test_diagram_click_to_a_missing_page_fails(fixture_site):
    body = FLOW.replace("B --> C[Transform]", 'B --> C[Transform]\n    click C "nowhere.md" "Go"')
    assert_fails_with(fixture_site(site_with(question(1, "D", RELATED, body))),
                      "docs/big-data/diagrams.md:", "click target 'nowhere.md' is not a page")


def test_diagram_click_to_a_missing_anchor_fails(fixture_site):
    body = FLOW.replace("B --> C[Transform]", 'B --> C[Transform]\n    click C "second.md#no-such" "Go"')
    page = question(1, "D", RELATED, body)
    assert_fails_with(fixture_site(site_with(page)), at(page, "click C"), "'#no-such' does not exist")


def test_diagram_click_callback_fails(fixture_site):
    body = FLOW.replace("B --> C[Transform]", "B --> C[Transform]\n    click C call doSomething()")
    page = question(1, "D", RELATED, body)
    assert_fails_with(fixture_site(site_with(page)), at(page, "click C"), "JavaScript callback")


def test_diagram_click_to_a_page_becomes_its_address(fixture_site):
    body = FLOW.replace("B --> C[Transform]", 'B --> C[Transform]\n    click C "second.md#the-full-answer" "Go"')
    result = fixture_site(site_with(question(1, "D", RELATED, body)))
    assert result.returncode == 0, result.output
    html = (result.site / "big-data" / "diagrams" / "index.html").read_text()
    assert 'click C "../second/#the-full-answer"' in html


# Malformed diagrams.
@pytest.mark.parametrize("diagram, needle, fragments", [
    ("```mermaid\nflowchart TD\n    A --> B\n```", "```mermaid", ("no accTitle",)),
    ("```mermaid\nflowchrt TD\n    accTitle: t\n    accDescr: d\n    A --> B\n```", "flowchrt",
     ("'flowchrt' is not a Mermaid diagram type",)),
    ("```mermaid\nflowchart TD\n    accTitle: t\n    accDescr: d\n    A[one<br>two] --> B\n```", "<br>",
     ("contains HTML (<br>)",)),
    ("```mermaid\n%%{init: {'theme': 'forest'}}%%\nflowchart TD\n    accTitle: t\n    accDescr: d\n    A --> B\n```",
     "%%{", ("%%{",)),
    ("```mermaid\nflowchart TD\n    accTitle: t\n    accDescr: d\n    A --> B\n    style A fill:#f00\n```",
     "style A", ("own colours",)),
    ("=== \"Tab\"\n\n    ```mermaid\n    flowchart TD\n        A --> B\n    ```", "```mermaid", ("no accDescr",)),
])
def test_malformed_diagrams_fail_the_build(fixture_site, diagram, needle, fragments):
    page = question(1, "D", RELATED, diagram)
    assert_fails_with(fixture_site(site_with(page)), at(page, needle), *fragments)


# 5. Front matter.
@pytest.mark.parametrize("change, fragments", [
    (("difficulty: intermediate", "difficulty: hard"), ("diagrams.md:5:", "'hard'", "foundational")),
    (("tags: [spark, performance]", "tags: [spark, perfomance]"), ("diagrams.md:6:", "'perfomance'", "'performance'")),
    (("tags: [spark, performance]", "tags: spark"), ("diagrams.md:6:", "must be a list")),
    (("  - big-data/third.md\n", "  - big-data/thrid.md\n"), ("diagrams.md:7:", "'big-data/thrid.md'", "big-data/third.md")),
    (("  - big-data/third.md\n", ""), ("diagrams.md:7:", "list at least 2")),
    (("number: 1\n", "number: one\n"), ("diagrams.md:4:", "'number' must be a positive whole number")),
    (("checked: 2026-11-01\n", "checked: soon\n"), ("diagrams.md:10:", "YYYY-MM-DD")),
    (("checked: 2026-11-01\n", "checked: 2026-11-01\nauthor: me\n"), ("diagrams.md:11:", "unknown front-matter key 'author'")),
    (("number: 1\n", ""), ("diagrams.md:1:", "lacks the required key 'number'")),
    (("description: A fixture", "description: Short.\nx: A fixture"), ("diagrams.md:3:", "'description' is 6 characters")),
    (("title: Diagrams everywhere\n", "title: Diagrams: everywhere\n"), ("diagrams.md:2:", "not valid YAML")),
])
def test_bad_front_matter_fails_the_build(fixture_site, change, fragments):
    page = question(1, "Diagrams everywhere", RELATED, "Body.")
    old, new = change
    assert old in page
    assert_fails_with(fixture_site(site_with(page.replace(old, new, 1))), *fragments)


def test_related_must_be_question_pages(fixture_site):
    page = question(1, "D", ["big-data/second.md", "plain.md"], "Body.")
    assert_fails_with(fixture_site(site_with(page)), "diagrams.md:7:", "'plain.md' is not a question page")


# 6. Orphans.
def test_a_page_missing_from_nav_fails(fixture_site):
    pages = machinery_site()
    nav = "".join(f"  - {p}\n" for p in pages if p != "plain.md")
    pages["index.md"] = other("Home", "# Home\n\n[Diagrams](big-data/diagrams.md)\n")
    assert_fails_with(fixture_site(pages, nav=nav), "docs/plain.md:1:", "in no nav entry")


def test_a_question_nothing_links_to_fails(fixture_site):
    pages = machinery_site()
    pages["big-data/lonely.md"] = question(4, "Lonely", RELATED, "Nobody links here.")
    assert_fails_with(fixture_site(pages), "docs/big-data/lonely.md:1:", "no other page links to this question")


# Setup errors.
def test_a_missing_tag_list_is_a_setup_error(tmp_path):
    config = write_fixture_site(tmp_path / "project", machinery_site())
    (config.parent / "tags.yml").unlink()
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode != 0
    assert "cannot read the tag list tags.yml" in result.output


def test_a_malformed_tag_list_is_a_setup_error(tmp_path):
    config = write_fixture_site(tmp_path / "project", machinery_site())
    (config.parent / "tags.yml").write_text("- just\n- a list\n")
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode != 0
    assert "tags.yml must map each tag name to its meaning" in result.output


def test_a_plain_build_is_strict_by_configuration(fixture_site):
    page = question(1, "D", RELATED, '<a href="nowhere/">x</a>')
    result = fixture_site(site_with(page), strict=None)
    assert_fails_with(result, at(page, "nowhere"), "'nowhere/' does not resolve")


def test_serve_mode_keeps_going_with_warnings(fixture_site):
    """With --no-strict (how scripts/preview serves) the site builds and the findings are printed."""
    page = question(1, "D", RELATED, '<a href="nowhere/">x</a>')
    result = fixture_site(site_with(page), strict=False)
    assert result.returncode == 0, result.output
    assert any("'nowhere/' does not resolve" in line for line in result.warnings)
