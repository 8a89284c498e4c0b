"""The printable handbook, printed to PDF by headless Chromium."""

from __future__ import annotations

import io
import re

import yaml
from pypdf import PdfReader

from tests.browser.conftest import watch
from tests.conftest import ROOT


def question_titles() -> list[str]:
    titles = []
    for path in sorted((ROOT / "docs").glob("*/*.md")):
        if path.name != "index.md" and path.parent.name != "assets":
            meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
            titles.append((meta["number"], meta["title"]))
    return [title for _, title in sorted(titles)]


def print_to_pdf(context, url) -> tuple[str, int, object]:
    page = context.new_page()
    visit = watch(page)
    page.goto(url)
    # study.js draws every diagram on the print page; wait until none is left waiting.
    page.wait_for_function("() => document.querySelectorAll('pre.diagram').length === 0", timeout=120_000)
    assert page.locator(".diagram--error").count() == 0
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True)
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(p.extract_text() for p in reader.pages)
    return re.sub(r"\s+", " ", text), len(reader.pages), (page, visit)


def test_print_page_holds_every_question_with_tabs_as_sections(context, machinery_url):
    text, pages, (page, visit) = print_to_pdf(context, machinery_url + "print/")
    for title in ("Q1. Diagrams everywhere", "Q2. Second question", "Q3. Third question"):
        assert title in text
    # Each question starts on a new page; tabs print one after the other under their labels.
    assert pages >= 4
    assert "First tab" in text and "Diagram tab" in text and "Plain text in the first tab" in text
    assert "Producer" in text  # the diagram in the second tab was drawn
    assert "A hint." in text  # collapsed follow-ups are open
    # Links between questions point inside the print page; ids stay unique.
    assert page.locator('a[href$="print/#q1-tabs"]').count() >= 1
    ids = page.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)")
    assert len(ids) == len(set(ids))
    assert visit.problems() == []


def test_the_real_handbook_prints_every_question(context, site_url):
    text, pages, (page, visit) = print_to_pdf(context, site_url + "print/")
    titles = question_titles()
    assert len(titles) == 15
    for number, title in enumerate(titles, start=1):
        assert f"Q{number}. {title}" in text, f"'{title}' is missing from the printed handbook"
    assert pages > len(titles)
    assert visit.problems() == []
