"""Interactions a reader performs, driven in Chromium on the machinery fixture site."""

from __future__ import annotations

from tests.browser.conftest import PHONE, RENDERED, open_page, screenshot, watch

DIAGRAMS = "big-data/diagrams/"


def test_content_tab_switches_and_draws_its_diagram_when_opened(context, machinery_url):
    page, visit = open_page(context, machinery_url + DIAGRAMS)
    page.locator(RENDERED).first.wait_for()  # the top-level diagram, in view
    tabbed = page.locator(".tabbed-set").first
    diagram_tab = tabbed.locator(".tabbed-block").nth(1)
    assert diagram_tab.locator(RENDERED).count() == 0  # hidden, so not drawn yet
    tabbed.locator("label", has_text="Diagram tab").click()
    assert diagram_tab.is_visible()
    diagram_tab.locator(RENDERED).wait_for()
    assert diagram_tab.locator(RENDERED).bounding_box()["width"] > 50
    assert "Producer" in diagram_tab.locator(RENDERED).text_content()
    assert visit.problems() == []


def test_collapsed_block_draws_its_diagram_when_opened(context, machinery_url):
    page, visit = open_page(context, machinery_url + DIAGRAMS)
    details = page.locator("details.example")
    assert details.locator(RENDERED).count() == 0
    details.locator("summary").click()
    details.locator(RENDERED).wait_for()
    assert details.locator(RENDERED).bounding_box()["height"] > 20
    assert visit.problems() == []


def test_palette_toggle_switches_persists_and_recolours_diagrams(context, machinery_url):
    page, visit = open_page(context, machinery_url + DIAGRAMS)
    svg = page.locator(RENDERED).first
    svg.wait_for()
    assert "#e8eaf6" in svg.evaluate("e => e.outerHTML")  # light node colour
    # The toggle cycles system preference -> light -> dark; click until dark.
    for _ in range(3):
        if page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate":
            break
        page.locator("form[data-md-component=palette] label:visible").first.click()
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    page.wait_for_function("() => document.querySelector('.diagram--rendered > svg')?.outerHTML.includes('#2c3352')")
    page.reload()
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    page.locator(RENDERED).first.wait_for()
    assert "#2c3352" in page.locator(RENDERED).first.evaluate("e => e.outerHTML")
    assert visit.problems() == []


def test_instant_navigation_to_a_page_with_diagrams_draws_them(context, machinery_url):
    page, visit = open_page(context, machinery_url + "plain/")
    page.evaluate("window.__sameDocument = true")
    assert not any("/vendor/mermaid/" in url for url in visit.requests)
    page.locator("article a", has_text="the diagrams").click()
    page.wait_for_url("**/big-data/diagrams/")
    page.locator(RENDERED).first.wait_for()
    # Instant navigation swapped the content without loading a new document.
    assert page.evaluate("window.__sameDocument") is True
    assert any("/vendor/mermaid/" in url for url in visit.requests)
    assert visit.problems() == []


def test_search_finds_a_page(context, machinery_url):
    page, visit = open_page(context, machinery_url)
    page.locator("input.md-search__input").click()
    # Typed key by key: Material searches on key events, which fill() does not send.
    page.locator("input.md-search__input").press_sequentially("Diagrams everywhere", delay=20)
    result = page.locator(".md-search-result__item").first
    result.wait_for()
    assert "Diagrams everywhere" in result.text_content()
    assert visit.problems() == []


def test_mobile_navigation_drawer_opens(browser, machinery_url):
    context = browser.new_context(viewport=PHONE, color_scheme="dark", is_mobile=True, has_touch=True)
    page = context.new_page()
    visit = watch(page)
    page.goto(machinery_url + DIAGRAMS)
    drawer = page.locator(".md-sidebar--primary")
    page.locator("label.md-header__button[for=__drawer]").click()
    page.wait_for_function("() => document.getElementById('__drawer').checked")
    assert drawer.locator("a", has_text="Second question").is_visible()
    page.locator(RENDERED).first.wait_for()
    screenshot(page, "machinery-phone-dark-drawer")
    assert visit.problems() == []
    context.close()


def test_a_diagram_mermaid_rejects_shows_an_error_box_and_logs_it(context, machinery_url):
    page, visit = open_page(context, machinery_url + "broken/")
    error = page.locator(".diagram--error")
    error.wait_for()
    assert "could not be drawn" in error.text_content()
    # The message names the file and the line of the diagram's opening fence.
    assert "docs/broken.md:8" in error.text_content()
    assert any("docs/broken.md:8: the diagram could not be drawn" in m for m in visit.console_errors)
    # Mermaid's scratch element is cleaned up rather than left at the end of the page.
    assert page.locator("body > [id^=ddiagram-]").count() == 0


def test_a_diagram_opens_full_screen_with_zoom_and_pan(context, machinery_url):
    page, visit = open_page(context, machinery_url + DIAGRAMS)
    page.locator(RENDERED).first.wait_for()
    opener = page.get_by_role("button", name="Open the diagram full screen").first
    opener.click()
    dialog = page.locator("dialog.diagram-viewer")
    assert dialog.is_visible() and "Fixture flow" in dialog.get_attribute("aria-label")
    canvas = dialog.locator(".diagram-viewer__canvas")
    assert canvas.locator("svg text", has_text="Transform").count() >= 1 or "Transform" in canvas.text_content()
    scale = lambda: float(canvas.get_attribute("data-scale"))  # noqa: E731
    transform = lambda: canvas.evaluate("e => e.style.transform")  # noqa: E731
    # Keyboard: the stage has focus; + zooms, arrows pan, 0 resets.
    page.keyboard.press("+")
    assert scale() > 1
    before = transform()
    page.keyboard.press("ArrowRight")
    assert transform() != before
    page.keyboard.press("0")
    assert scale() == 1
    # Mouse: the wheel zooms, dragging pans.
    box = dialog.locator(".diagram-viewer__stage").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -300)
    page.wait_for_function("() => parseFloat(document.querySelector('.diagram-viewer__canvas').dataset.scale) > 1")
    before = transform()
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 + 80, box["y"] + box["height"] / 2 + 40, steps=4)
    page.mouse.up()
    assert transform() != before
    dialog.get_by_role("button", name="Zoom out").click()
    screenshot(page, "machinery-diagram-full-screen", full_page=False)
    # Escape closes, and focus returns to the button that opened it.
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.querySelector('dialog.diagram-viewer')")
    assert page.evaluate("document.activeElement.classList.contains('diagram__open')")
    assert visit.problems() == []


def test_full_screen_viewer_pans_by_touch(browser, machinery_url):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(machinery_url + DIAGRAMS)
    page.locator(RENDERED).first.wait_for()
    page.get_by_role("button", name="Open the diagram full screen").first.tap()
    stage = page.locator(".diagram-viewer__stage")
    canvas = page.locator(".diagram-viewer__canvas")
    before = canvas.evaluate("e => e.style.transform")
    # Real touch input through the DevTools protocol: a one-finger drag, then a two-finger pinch.
    touch = context.new_cdp_session(page)
    box = stage.bounding_box()
    x, y = box["x"] + 150, box["y"] + 250

    def send(kind, *points):
        touch.send("Input.dispatchTouchEvent",
                   {"type": kind, "touchPoints": [{"x": px, "y": py, "id": i} for i, (px, py) in enumerate(points)]})

    send("touchStart", (x, y))
    for dx in (20, 40, 60):
        send("touchMove", (x + dx, y))
    send("touchEnd")
    panned = canvas.evaluate("e => e.style.transform")
    assert panned != before and float(canvas.get_attribute("data-scale")) == 1
    send("touchStart", (x - 20, y), (x + 20, y))
    for spread in (40, 60, 80):
        send("touchMove", (x - spread, y), (x + spread, y))
    send("touchEnd")
    assert float(canvas.get_attribute("data-scale")) > 1.5
    context.close()
