"""Flashcards from the question pages: an Anki deck (.apkg) and a CSV of the same cards.

One card per question (the question on the front, the 60-second answer on the back) and one per
glossary term. Note ids (guids) derive from the page path or the term, so importing a newer deck
into Anki updates the cards instead of duplicating them.
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import genanki
import markdown

# Fixed ids: Anki recognises the deck and the note type across releases of the deck.
DECK_ID = 1_931_408_261
MODEL_ID = 1_607_392_319
DECK_NAME = "Data Engineering Interview Handbook"

QUESTION_BLOCK = re.compile(r'^!!! question "The question"\n((?:    .*\n|\n)+)', re.MULTILINE)
PROBING = re.compile(r"\*\*What the interviewer is probing:\*\*.*", re.DOTALL)
SIXTY_SECONDS = re.compile(r"^## The answer in 60 seconds\n(.*?)(?=^## )", re.MULTILINE | re.DOTALL)


@dataclass(frozen=True)
class Card:
    key: str  # stable identity: the page path, or "term:<TERM>"
    kind: str  # "question" or "term"
    front: str  # HTML
    back: str  # HTML
    tags: tuple[str, ...]


def _html(text: str) -> str:
    return markdown.markdown(text.strip(), extensions=["sane_lists"])


def question_card(src: str, title: str, tags: list[str], body: str, url: str) -> Card | None:
    """A card from a question page's body (Markdown without front matter), or None if the page
    lacks the question block or the 60-second answer."""
    asked, answer = QUESTION_BLOCK.search(body), SIXTY_SECONDS.search(body)
    if not asked or not answer:
        return None
    question = re.sub(r"^    ", "", asked.group(1).strip("\n"), flags=re.MULTILINE)
    question = PROBING.sub("", question)
    front = f"<h3>{title}</h3>{_html(question)}"
    back = f"{_html(answer.group(1))}<p><a href=\"{url}\">Read the full answer</a></p>"
    return Card(src, "question", front, back, tuple(tags))


def term_card(term: str, expansion: str, meaning: str) -> Card:
    front = f"<h3>{term}</h3><p>What does it stand for, and what is it?</p>"
    back = f"<p><strong>{expansion}</strong></p>" + (f"<p>{meaning}</p>" if meaning else "")
    return Card(f"term:{term}", "term", front, back, ("glossary",))


def _model() -> genanki.Model:
    return genanki.Model(
        MODEL_ID, "Handbook card",
        fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Key"}],
        templates=[{"name": "Card", "qfmt": "{{Front}}",
                    "afmt": "{{FrontSide}}<hr id=\"answer\">{{Back}}"}],
        css=".card { font-family: Roboto, Arial, sans-serif; font-size: 18px; text-align: left; }",
        sort_field_index=2,
    )


def apkg_bytes(cards: list[Card]) -> bytes:
    model = _model()
    deck = genanki.Deck(DECK_ID, DECK_NAME)
    for card in cards:
        tags = [re.sub(r"\s+", "_", tag) for tag in card.tags] + [card.kind]
        deck.add_note(genanki.Note(model=model, fields=[card.front, card.back, card.key],
                                   tags=tags, guid=genanki.guid_for(card.key)))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "deck.apkg"
        genanki.Package(deck).write_to_file(str(path))
        return path.read_bytes()


def csv_text(cards: list[Card]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["key", "kind", "front", "back", "tags"])
    for card in cards:
        writer.writerow([card.key, card.kind, card.front, card.back, " ".join(card.tags)])
    return buffer.getvalue()
