"""The real handbook, built strictly under /handbook/: what actually gets published."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "hooks"))
from handbook import links  # noqa: E402

# Links Material writes into every page that point at things a browser resolves without a file.
IGNORED_FRAGMENTS = {"", "__consent", "__search", "__drawer", "__palette_0", "__palette_1", "__palette_2"}


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def site_path(site: Path, html: Path) -> str:
    relative = html.relative_to(site).as_posix()
    return relative.removesuffix("index.html") if relative.endswith("index.html") else relative


def test_the_strict_build_has_no_warnings(built_site):
    assert built_site.warnings == [], "\n".join(built_site.warnings)


def test_every_internal_link_and_anchor_resolves_in_the_output(built_site):
    site = built_site.site
    parsed = {site_path(site, html): links.parse(html.read_text(encoding="utf-8"))
              for html in html_files(site) if html.name != "404.html"}
    files = {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}
    problems = []
    for page_url, page in parsed.items():
        for link in page.links:
            href = link.value
            if not href or links.is_external(href) or href.startswith("data:"):
                continue
            target = links.resolve(page_url, href)
            dest = next((d for d in links.dest_candidates(target.path) if d in files), None)
            if target.escapes or dest is None:
                problems.append(f"/{page_url}: {href} -> nothing at /{target.path}")
                continue
            if target.fragment and target.fragment not in IGNORED_FRAGMENTS and dest.endswith(".html"):
                target_page = parsed.get(target.path) or parsed.get(target.path + "/")
                if target_page is not None and target.fragment not in target_page.ids:
                    problems.append(f"/{page_url}: {href} -> no #{target.fragment} on /{target.path}")
    assert problems == [], "\n".join(problems)


def test_no_page_or_stylesheet_fetches_from_another_site(built_site):
    site = built_site.site
    problems = []
    for html in html_files(site):
        for link in links.parse(html.read_text(encoding="utf-8")).links:
            if link.fetches and links.is_external(link.value):
                problems.append(f"{html.relative_to(site)}: <{link.tag} {link.attribute}={link.value}>")
    for css in site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?(https?:|//)", css.read_text(encoding="utf-8")):
            problems.append(f"{css.relative_to(site)}: url({url}…)")
    for script in ("assets/javascripts/diagrams.js",):
        text = (site / script).read_text(encoding="utf-8")
        # XML namespace names (the SVG namespace) are identifiers, never fetched.
        code = text.split("*/", 1)[-1].replace("http://www.w3.org/2000/svg", "")
        assert not re.search(r"https?://", code), f"{script} names a remote address"
    assert problems == [], "\n".join(problems)


def test_404_page_uses_the_sub_path(built_site):
    text = (built_site.site / "404.html").read_text(encoding="utf-8")
    assert 'href="/handbook/assets/stylesheets/' in text
    assert 'src="/handbook/assets/javascripts/diagrams.js"' in text


def test_mermaid_settings_from_mkdocs_yml_reach_the_page(built_site):
    text = (built_site.site / "index.html").read_text(encoding="utf-8")
    config = re.search(r'<script id="__diagram-config" type="application/json">(.*?)</script>', text).group(1)
    assert '"securityLevel": "antiscript"' in config


def test_mermaid2_injects_no_script_of_its_own(built_site):
    """The handbook's renderer draws diagrams; mermaid2 must not add a second loader or a CDN tag."""
    for html in html_files(built_site.site):
        text = html.read_text(encoding="utf-8")
        assert "window.mermaidConfig" not in text and "mermaid.initialize(" not in text, html
        assert not re.search(r"<script[^>]+mermaid[^>]*\.m?js", text), html


def test_repository_link_does_not_call_the_github_api(built_site):
    text = (built_site.site / "index.html").read_text(encoding="utf-8")
    assert 'class="md-source"' in text and 'data-md-component="source"' not in text


def test_generated_lists_cover_every_question(built_site):
    site = built_site.site
    questions = sorted(p for p in (ROOT / "docs").glob("*/*.md") if p.name != "index.md" and p.parent.name != "assets")
    table = (site / "questions" / "index.html").read_text(encoding="utf-8")
    for source in questions:
        slug = f"{source.parent.name}/{source.stem}/"
        assert f'href="../{slug}"' in table, f"{slug} missing from the all-questions table"
        section = (site / source.parent.name / "index.html").read_text(encoding="utf-8")
        assert f'href="{source.stem}/"' in section, f"{slug} missing from its section page"
    glossary = (site / "glossary" / "index.html").read_text(encoding="utf-8")
    assert '<dt id="sql">SQL</dt>' in glossary and '<dt id="acid">ACID</dt>' in glossary


def test_highlighted_code_has_no_whitespace_token_elements(built_site):
    page = (built_site.site / "core-concepts" / "kimball-vs-inmon" / "index.html").read_text(encoding="utf-8")
    assert page.count(' highlight"') >= 3
    assert '<span class="w">' not in page
    # The spaces themselves are still there, between the tokens.
    assert re.search(r'<span class="k">[A-Z]+</span> <span class="', page)


def test_pages_with_drawn_diagrams_do_not_say_mermaid(built_site):
    """mkdocs-mermaid2 parses and rewrites with BeautifulSoup every page whose HTML contains the
    word; for pages holding drawn diagrams that doubled the build (drawings.without_mermaid_rules)."""
    drawn = [html for html in html_files(built_site.site) if 'class="diagram diagram--drawn"' in html.read_text(encoding="utf-8")]
    assert len(drawn) >= 15  # the question pages and the print page
    assert [site_path(built_site.site, html) for html in drawn if "mermaid" in html.read_text(encoding="utf-8")] == []


def test_every_table_material_wraps_is_held_alone(built_site):
    """Material moves each table without a class into a scrolling wrapper at start-up; held alone
    in a `div.table-holder`, the move restyles the holder, not the page (hooks/handbook/tables.py)."""
    held = unheld = 0
    for html in html_files(built_site.site):
        text = html.read_text(encoding="utf-8")
        held += len(re.findall(r'<div class="table-holder"><table[ >]', text))
        unheld += len(re.findall(r'(?<!<div class="table-holder">)<table(?![^>]*\sclass=)[ >]', text))
    assert held >= 20 and unheld == 0


def test_drawings_fill_every_slot_and_stay_searchable(built_site):
    """Drawn SVGs wait in slots while pages are built (drawings.SLOT) and fill them in the
    finished page; the search index holds each drawing's words once, from the light copy."""
    pages = [html.read_text(encoding="utf-8") for html in html_files(built_site.site)]
    assert [page for page in pages if "<!--drawing-slot " in page or "<!--/drawing-slot " in page] == []
    drawn = [page for page in pages if 'class="diagram diagram--drawn"' in page]
    assert drawn and all(page.count("<svg id=\"dg-") >= 2 * page.count('class="diagram diagram--drawn"') for page in drawn)
    index = (built_site.site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert index.count("A fraud ring linked by shared identifiers") == 1  # a title from graph-vs-relational
