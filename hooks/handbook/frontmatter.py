"""Front-matter rules: which keys each kind of page takes, and of which type."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import yaml

from .findings import Finding, closest
from .source import front_matter_block, key_line

DIFFICULTIES = ("foundational", "intermediate", "advanced")
QUESTION_KEYS = ("title", "description", "number", "difficulty", "tags", "related", "checked")
# Keys Material itself reads, allowed on any page.
THEME_KEYS = ("hide", "search", "status", "template")
OTHER_PAGE_KEYS = ("title", "description")
DESCRIPTION_LENGTH = (50, 200)
TAG_COUNT = (2, 6)
MIN_RELATED = 2


@dataclass(frozen=True)
class PageRef:
    """What the front-matter check needs to know of the site: its question pages."""

    question_paths: frozenset[str]  # docs-relative source paths, e.g. "cloud/docker-kubernetes.md"


def yaml_error(source: str, path: str) -> Finding | None:
    """A finding for front matter that is not a YAML mapping (MkDocs would silently ignore it)."""
    block = front_matter_block(source)
    if block is None:
        return None
    text, _ = block
    try:
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        line = (mark.line + 2) if mark is not None else 1  # +1 for the opening ---, +1 for 1-based
        return Finding(path, line, f"front matter is not valid YAML: {error.problem}",
                       "check indentation and quote values that contain ':' or '#'")
    if data is not None and not isinstance(data, Mapping):
        return Finding(path, 2, "front matter must be a mapping of keys to values",
                       "write one 'key: value' per line")
    return None


def check_question(meta: Mapping, source: str, path: str, page: str, tags: Mapping[str, str],
                   site: PageRef) -> list[Finding]:
    """Check a question page's front matter; `page` is its docs-relative path."""
    found: list[Finding] = []

    def report(key: str, message: str, suggestion: str = "") -> None:
        found.append(Finding(path, key_line(source, key), message, suggestion))

    for key in meta:
        if key not in QUESTION_KEYS and key not in THEME_KEYS:
            report(key, f"unknown front-matter key '{key}'",
                   closest(key, QUESTION_KEYS) or f"question pages take {', '.join(QUESTION_KEYS)}")
    for key in QUESTION_KEYS:
        if key not in meta:
            found.append(Finding(path, 1, f"front matter lacks the required key '{key}'",
                                 "see 'Front matter' in CONTRIBUTING.md"))

    if "title" in meta and (not isinstance(meta["title"], str) or not meta["title"].strip()):
        report("title", "'title' must be a non-empty string")
    if "description" in meta:
        description = meta["description"]
        low, high = DESCRIPTION_LENGTH
        if not isinstance(description, str):
            report("description", "'description' must be a string (one sentence)")
        elif not low <= len(description.strip()) <= high:
            report("description",
                   f"'description' is {len(description.strip())} characters; write {low}-{high}",
                   "one sentence: it is the search result and the meta description")
    if "number" in meta and (not isinstance(meta["number"], int) or isinstance(meta["number"], bool)
                             or meta["number"] < 1):
        report("number", f"'number' must be a positive whole number, not {meta['number']!r}")
    if "difficulty" in meta and meta["difficulty"] not in DIFFICULTIES:
        report("difficulty", f"'difficulty' is {meta['difficulty']!r}; use one of {', '.join(DIFFICULTIES)}",
               closest(str(meta["difficulty"]), DIFFICULTIES))
    if "tags" in meta:
        found += _check_tags(meta["tags"], source, path, tags)
    if "related" in meta:
        found += _check_related(meta["related"], source, path, page, site)
    if "checked" in meta:
        checked = meta["checked"]
        if not isinstance(checked, dt.date) or isinstance(checked, dt.datetime):
            report("checked", f"'checked' must be a date written YYYY-MM-DD, not {checked!r}")
        elif checked > dt.date.today():
            report("checked", f"'checked' is {checked}, a date in the future")
    return found


def check_other(meta: Mapping, source: str, path: str) -> list[Finding]:
    """Home, section and reference pages: a title and a description, nothing else of ours."""
    found = []
    for key in meta:
        if key not in OTHER_PAGE_KEYS and key not in THEME_KEYS:
            found.append(Finding(path, key_line(source, key), f"unknown front-matter key '{key}'",
                                 f"this page takes {', '.join(OTHER_PAGE_KEYS + THEME_KEYS)}"))
    for key in OTHER_PAGE_KEYS:
        if not isinstance(meta.get(key), str) or not meta.get(key, "").strip():
            found.append(Finding(path, key_line(source, key) if key in meta else 1,
                                 f"front matter needs a non-empty string '{key}'"))
    return found


def _check_tags(value: object, source: str, path: str, tags: Mapping[str, str]) -> list[Finding]:
    line = key_line(source, "tags")
    if not isinstance(value, list) or not all(isinstance(tag, str) for tag in value):
        return [Finding(path, line, "'tags' must be a list of tag names", "e.g. tags: [spark, performance]")]
    found = []
    low, high = TAG_COUNT
    if not low <= len(value) <= high:
        found.append(Finding(path, line, f"'tags' has {len(value)} tags; use {low}-{high}"))
    for tag in value:
        if tag not in tags:
            found.append(Finding(path, line, f"tag '{tag}' is not in tags.yml",
                                 closest(tag, set(tags)) or "add it to tags.yml with its meaning"))
    if len(set(value)) != len(value):
        found.append(Finding(path, line, "'tags' lists a tag twice"))
    return found


def _check_related(value: object, source: str, path: str, page: str, site: PageRef) -> list[Finding]:
    line = key_line(source, "related")
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        return [Finding(path, line, "'related' must be a list of page paths",
                        "e.g. related: [big-data/spark-tuning.md, big-data/kafka-real-time-events.md]")]
    found = []
    if len(value) < MIN_RELATED:
        found.append(Finding(path, line, f"'related' lists {len(value)} page(s); list at least {MIN_RELATED}"))
    for item in value:
        if item == page:
            found.append(Finding(path, line, f"'related' lists the page itself ('{item}')"))
        elif item not in site.question_paths:
            found.append(Finding(path, line, f"'related' entry '{item}' is not a question page",
                                 closest(item, site.question_paths)
                                 or "write the path from docs/, e.g. cloud/docker-kubernetes.md"))
    if len(set(value)) != len(value):
        found.append(Finding(path, line, "'related' lists a page twice"))
    return found
