"""The flashcards the build publishes: an Anki deck (a zip holding an SQLite collection) and a CSV."""

from __future__ import annotations

import csv
import io
import re
import sqlite3
import sys
import zipfile

import yaml

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "hooks"))
import genanki  # noqa: E402

DOCS = ROOT / "docs"


def question_pages() -> dict[str, dict]:
    pages = {}
    for path in sorted(DOCS.glob("*/*.md")):
        if path.name == "index.md" or path.parent.name == "assets":
            continue
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        pages[path.relative_to(DOCS).as_posix()] = meta
    return pages


def glossary_terms() -> list[str]:
    text = (ROOT / "includes" / "abbreviations.md").read_text(encoding="utf-8")
    return re.findall(r"^\*\[([^\]]+)\]:", text, re.MULTILINE)


def read_notes(apkg: bytes) -> list[tuple[str, list[str], str]]:
    """(guid, fields, tags) of each note in an .apkg file."""
    with zipfile.ZipFile(io.BytesIO(apkg)) as archive:
        collection = archive.read("collection.anki2")
    db = sqlite3.connect(":memory:")
    db.deserialize(collection)
    return [(guid, fields.split("\x1f"), tags) for guid, fields, tags in db.execute("select guid, flds, tags from notes")]


def test_the_deck_holds_a_card_per_question_and_per_term(built_site):
    notes = read_notes((built_site.site / "downloads" / "handbook-flashcards.apkg").read_bytes())
    by_key = {fields[2]: (guid, fields, tags) for guid, fields, tags in notes}
    pages = question_pages()
    terms = glossary_terms()
    assert len(notes) == len(pages) + len(terms)
    for src, meta in pages.items():
        guid, (front, back, _), tags = by_key[src]
        # Stable identity: re-importing a newer deck updates these notes.
        assert guid == genanki.guid_for(src)
        assert meta["title"] in front and "<p>" in front
        assert "What the interviewer is probing" not in front
        assert "<ol>" in back and "Read the full answer" in back
        assert all(tag in tags.split() for tag in meta["tags"])
    for term in terms:
        guid, (front, back, _), tags = by_key[f"term:{term}"]
        assert guid == genanki.guid_for(f"term:{term}") and term in front and "glossary" in tags


def test_the_csv_holds_the_same_cards(built_site):
    deck = read_notes((built_site.site / "downloads" / "handbook-flashcards.apkg").read_bytes())
    text = (built_site.site / "downloads" / "handbook-flashcards.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["key"] for row in rows] == [fields[2] for _, fields, _ in deck]
    assert {row["kind"] for row in rows} == {"question", "term"}


def test_the_home_page_links_both_downloads(built_site):
    home = (built_site.site / "index.html").read_text(encoding="utf-8")
    assert 'href="downloads/handbook-flashcards.apkg"' in home
    assert 'href="downloads/handbook-flashcards.csv"' in home
