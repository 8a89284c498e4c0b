"""Keyboard alone: every tab stop of a page is on screen, not hidden under the sticky header, and
visibly marked when it has the focus; the page's controls work from the keyboard.

"Visibly marked" is measured, not assumed from CSS: a screenshot of the focused control (or, for
a visually hidden radio or checkbox, of its label) must differ from one taken after the focus
left it.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, PHONE, open_page

PAGES = ["", "core-concepts/slowly-changing-dimensions/", "questions/"]
MAX_STOPS = 400

# What the focused element is, where its focus should be seen, and whether anything covers it.
FOCUSED = """() => {
    const element = document.activeElement;
    if (!element || element === document.body) return null;
    window.__lastFocused = element;
    // A visually hidden radio or checkbox shows its focus on a label: the one after it (Material's
    // palette toggle), or one of its own.
    const size = (node) => node.getBoundingClientRect().width * node.getBoundingClientRect().height;
    const labels = [element.nextElementSibling, ...(element.labels || [])]
        .filter((node) => node && node.tagName === 'LABEL' && size(node) > 0);
    const shown = size(element) < 4 && labels.length ? labels[0] : element;
    shown.scrollIntoView({block: 'nearest', inline: 'nearest'});
    window.__lastShown = shown;
    const box = shown.getBoundingClientRect();
    const name = (element.getAttribute('aria-label') || element.textContent || element.value || '')
        .trim().replace(/\\s+/g, ' ').slice(0, 40);
    return {
        name: `${element.tagName.toLowerCase()}${element.className && typeof element.className === 'string'
            ? '.' + element.className.trim().split(/\\s+/)[0] : ''} "${name}"`,
        box: {x: box.left, y: box.top, width: box.width, height: box.height},
    };
}"""
# What is drawn at the centre of the focused control, when it is not the control: the sticky
# header over a link, say. Asked once transitions are over.
COVERED_BY = """() => {
    const element = window.__lastFocused, shown = window.__lastShown;
    const box = shown.getBoundingClientRect();
    const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
    const y = Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1);
    const top = document.elementFromPoint(x, y);
    if (!top || shown.contains(top) || top.contains(shown) || element.contains(top)) return null;
    return `${top.tagName.toLowerCase()}.${String(top.className.baseVal ?? top.className).split(' ')[0]}`;
}"""


def clip(box: dict, viewport: dict) -> dict:
    """The control's box plus a margin for an outline, inside the viewport."""
    x, y = max(box["x"] - 6, 0), max(box["y"] - 6, 0)
    return {"x": x, "y": y,
            "width": max(min(box["width"] + 12, viewport["width"] - x), 1),
            "height": max(min(box["height"] + 12, viewport["height"] - y), 1)}


def keyboard_problems(page, viewport: dict) -> tuple[list[str], int]:
    """Tab through the page; returns the problems found and the number of tab stops."""
    problems, seen = [], 0
    page.mouse.move(0, 0)
    for _ in range(MAX_STOPS):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUSED)
        if state is None:
            break  # past the last tab stop
        seen += 1
        box = state["box"]
        if box["width"] < 1 or box["height"] < 1:
            problems.append(f"{state['name']}: takes the focus but is not shown")
            continue
        if box["y"] + box["height"] <= 0 or box["y"] >= viewport["height"]:
            problems.append(f"{state['name']}: takes the focus off screen")
            continue
        area = clip(box, viewport)
        focused = page.screenshot(clip=area, animations="disabled", caret="initial")
        cover = page.evaluate(COVERED_BY)
        if cover:
            problems.append(f"{state['name']}: covered by {cover} when focused")
        page.evaluate("() => document.activeElement.blur()")
        page.wait_for_timeout(60)  # let a focus transition settle
        if page.screenshot(clip=area, animations="disabled", caret="initial") == focused:
            problems.append(f"{state['name']}: no visible focus")
        page.evaluate("() => window.__lastFocused.focus()")  # the next Tab continues from here
    return problems, seen


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("viewport_name", ["desktop", "phone"])
def test_every_tab_stop_is_visible_with_a_visible_focus(browser, site_url, path, viewport_name):
    viewport = DESKTOP if viewport_name == "desktop" else PHONE
    context = browser.new_context(viewport=viewport, color_scheme="light")
    page, visit = open_page(context, site_url + path)
    problems, stops = keyboard_problems(page, viewport)
    assert stops > 10, "the page has almost no tab stops: is the test tabbing at all?"
    assert stops < MAX_STOPS, "Tab never left the page: a keyboard trap?"
    assert problems == []
    assert visit.problems() == []
    context.close()


def test_tabs_diagrams_and_self_test_work_from_the_keyboard(context, site_url):
    page, visit = open_page(context, site_url + "core-concepts/slowly-changing-dimensions/")
    # Content tabs are radio buttons: the arrow keys move between them.
    tabs = page.locator(".tabbed-set").first
    tabs.locator("input").first.focus()
    page.keyboard.press("ArrowRight")
    assert tabs.locator("input").nth(1).is_checked()
    assert tabs.locator(".tabbed-block").nth(1).is_visible()
    # A diagram drawn at build time opens full screen with Enter and closes with Escape.
    opener = page.locator(".diagram--drawn").first.get_by_role("button", name="Open the diagram full screen")
    opener.focus()
    page.keyboard.press("Enter")
    dialog = page.locator("dialog.diagram-viewer")
    dialog.wait_for()
    assert dialog.locator("svg").count() >= 1
    page.keyboard.press("+")
    assert float(dialog.locator(".diagram-viewer__canvas").get_attribute("data-scale")) > 1
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.querySelector('dialog.diagram-viewer')")
    assert page.evaluate("document.activeElement.classList.contains('diagram__open')")
    # Self-test mode hides the answer; the reveal button shows it again.
    page.get_by_role("switch", name="Self-test mode").focus()
    page.keyboard.press("Enter")
    assert not page.locator("#answer").is_visible()
    page.get_by_role("button", name="Reveal the answer").focus()
    page.keyboard.press("Enter")
    assert page.locator("#answer").is_visible()
    assert page.locator("[data-reveal]").get_attribute("aria-expanded") == "true"
    assert visit.problems() == []


def test_drawn_diagrams_follow_the_palette_toggle(context, site_url):
    page, visit = open_page(context, site_url + "core-concepts/slowly-changing-dimensions/")
    diagram = page.locator(".diagram--drawn").first
    assert diagram.locator(".diagram--light > svg").is_visible()
    assert not diagram.locator(".diagram--dark > svg").is_visible()
    for _ in range(3):  # the toggle cycles system preference -> light -> dark
        if page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate":
            break
        page.locator("form[data-md-component=palette] label:visible").first.click()
    assert diagram.locator(".diagram--dark > svg").is_visible()
    assert not diagram.locator(".diagram--light > svg").is_visible()
    assert not any("/vendor/mermaid/" in url for url in visit.requests)
    assert visit.problems() == []
