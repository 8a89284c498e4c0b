"""Study tools in Chromium: self-test mode, marks, progress, export, import and reset."""

from __future__ import annotations

import json

from tests.browser.conftest import RENDERED, open_page, screenshot

QUESTION = "big-data/diagrams/"


def progress_count(page) -> str:
    return page.locator("[data-progress-count]").text_content()


def test_self_test_mode_hides_answers_until_revealed_and_is_remembered(context, machinery_url):
    page, visit = open_page(context, machinery_url + QUESTION)
    answer, switch = page.locator("[data-answer]"), page.get_by_role("switch", name="Self-test mode")
    assert answer.is_visible() and switch.get_attribute("aria-checked") == "false"
    switch.click()
    assert switch.get_attribute("aria-checked") == "true"
    assert not answer.is_visible()
    assert page.locator(RENDERED).count() == 0  # the diagram is inside the hidden answer
    # Remembered on another page and after a reload.
    page.goto(machinery_url + "big-data/second/")
    assert not page.locator("[data-answer]").is_visible()
    page.goto(machinery_url + QUESTION)
    assert not page.locator("[data-answer]").is_visible()
    reveal = page.get_by_role("button", name="Reveal the answer")
    reveal.focus()
    page.keyboard.press("Enter")  # by keyboard
    assert answer.is_visible()
    assert page.evaluate("document.activeElement.id") == "the-answer-in-60-seconds"
    page.locator(RENDERED).first.wait_for()  # diagrams in the revealed answer are drawn
    screenshot(page, "machinery-self-test-revealed")
    page.get_by_role("switch", name="Self-test mode").click()
    assert page.get_by_role("switch", name="Self-test mode").get_attribute("aria-checked") == "false"
    assert visit.problems() == []


def test_marks_update_progress_and_review_order_after_reload(context, machinery_url):
    page, visit = open_page(context, machinery_url)
    assert progress_count(page) == "0 of 3 questions reviewed"
    page.goto(machinery_url + QUESTION)
    page.get_by_role("button", name="Didn't know").click()
    assert page.get_by_role("button", name="Didn't know").get_attribute("aria-pressed") == "true"
    assert "Didn't know" in page.locator("[data-review-last]").text_content()
    page.goto(machinery_url + "big-data/third/")
    page.get_by_role("button", name="Knew it").click()
    page.goto(machinery_url)
    page.reload()
    assert progress_count(page) == "2 of 3 questions reviewed"
    assert page.locator("[data-progress-bar]").get_attribute("aria-valuenow") == "2"
    # Marked today, Q1 and Q3 are not due yet (Didn't know: tomorrow; Knew it: in a week).
    items = page.locator("[data-review-next] li").all_text_contents()
    assert items == ["Q2. Second question (not reviewed yet)"]
    # A day and a half later, the missed question comes first.
    page.evaluate("""() => {
        const data = JSON.parse(localStorage.getItem('handbook.progress'));
        for (const entry of Object.values(data.marks)) entry.at = new Date(Date.now() - 1.5 * 86400000).toISOString();
        localStorage.setItem('handbook.progress', JSON.stringify(data));
    }""")
    page.reload()
    items = page.locator("[data-review-next] li").all_text_contents()
    assert items == ["Q1. Diagrams everywhere (last: Didn't know)", "Q2. Second question (not reviewed yet)"]
    assert visit.problems() == []


def test_export_reset_import_and_a_broken_import(context, machinery_url, tmp_path):
    page, visit = open_page(context, machinery_url + QUESTION)
    page.get_by_role("button", name="Partly").click()
    page.goto(machinery_url)
    assert progress_count(page) == "1 of 3 questions reviewed"

    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress").click()
    exported = tmp_path / "progress.json"
    download.value.save_as(exported)
    data = json.loads(exported.read_text())
    assert data["marks"]["big-data/diagrams.md"]["mark"] == "partly"

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Reset progress").click()
    assert progress_count(page) == "0 of 3 questions reviewed"

    page.locator("[data-progress-import]").set_input_files(str(exported))
    page.wait_for_function("() => document.querySelector('[data-progress-count]').textContent.startsWith('1 of 3')")
    assert "Imported 1 marks" in page.locator("[data-progress-message]").text_content()

    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({**data, "marks": {"big-data/diagrams.md": {"mark": "great", "at": "x"}}}))
    page.locator("[data-progress-import]").set_input_files(str(broken))
    message = page.locator("[data-progress-message]")
    page.wait_for_function("() => document.querySelector('[data-progress-message]').textContent.includes('failed')")
    assert "not knew, partly or missed" in message.text_content() and "unchanged" in message.text_content()
    not_json = tmp_path / "notes.txt"
    not_json.write_text("{ nope")
    page.locator("[data-progress-import]").set_input_files(str(not_json))
    page.wait_for_function("() => document.querySelector('[data-progress-message]').textContent.includes('not valid JSON')")
    page.reload()
    assert progress_count(page) == "1 of 3 questions reviewed"  # the failed imports changed nothing
    assert visit.problems() == []


def test_review_order_rule(context, machinery_url):
    """The documented spaced-repetition rule, on fixed dates."""
    page, _ = open_page(context, machinery_url)
    order = page.evaluate("""() => {
        const day = 86400000, now = Date.parse('2026-11-29T12:00:00Z');
        const q = (n) => ({src: `s/q${n}.md`, number: n, title: `Q${n}`, url: ''});
        const at = (days) => new Date(now - days * day).toISOString();
        const marks = {
            's/q1.md': {mark: 'knew', at: at(8)},     // due (interval 7 days), strongest
            's/q2.md': {mark: 'knew', at: at(2)},     // not due
            's/q3.md': {mark: 'partly', at: at(4)},   // due (3 days)
            's/q4.md': {mark: 'partly', at: at(1)},   // not due
            's/q5.md': {mark: 'missed', at: at(1)},   // due (1 day)
            's/q6.md': {mark: 'missed', at: at(3)},   // due, seen longer ago than q5
        };
        return window.handbookStudy.reviewOrder([1,2,3,4,5,6,7].map(q), marks, now)
            .map(e => e.question.number);
    }""")
    assert order == [6, 5, 3, 7, 1]
