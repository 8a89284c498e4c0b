"""The start-up work the handbook takes off Material's hands (overrides/partials/handbook/startup/).

Each of those scripts does early, or once, something Material would otherwise do in a way that makes
Chromium restyle the whole page again. These tests check that the reader gets exactly what Material
itself would give: the same palette, the same browser colour hints, the same marks on the root
element, stylesheets loaded once, tables wrapped as Material wraps them, copy buttons on code blocks
(added as each block comes into view), and scripts that still run in order. The last tests check
what the reader sees while all this happens: the first screen neither jumps nor changes font.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import BrowserContext, Page

from tests.browser.conftest import CODE_BLOCKS_STATE, DESKTOP, open_page, visit_code_blocks, watch

PAGE = "core-concepts/slowly-changing-dimensions/"  # code blocks, tables, tabs and diagrams
# The phone Lighthouse emulates (mobile preset), for what the reader sees while a page starts.
LIGHTHOUSE_PHONE = {"viewport": {"width": 412, "height": 823}, "is_mobile": True, "has_touch": True}
OTHER_PAGE = "core-concepts/kimball-vs-inmon/"


def startup_script(name: str) -> re.Pattern[str]:
    return re.compile(rf'<script data-handbook-startup="{name}">.*?</script>', re.S)

# What the page shows of the palette once Material has started.
PALETTE_STATE = """() => {
  const header = getComputedStyle(document.querySelector('[data-md-component="header"]'));
  const body = document.body;
  return {
    body: ['media', 'scheme', 'primary', 'accent'].map((key) => body.getAttribute(`data-md-color-${key}`)),
    switching: body.hasAttribute('data-md-color-switching'),
    themeColor: [...document.head.querySelectorAll('meta[name="theme-color"]')].map((meta) => meta.content),
    colorScheme: [...document.head.querySelectorAll('meta[name="color-scheme"]')].map((meta) => meta.content),
    header: {
      colorScheme: header.colorScheme,
      background: '#' + header.backgroundColor.match(/\\d+/g).slice(0, 3)
        .map((c) => (+c).toString(16).padStart(2, '0')).join(''),
    },
    label: [...document.querySelectorAll('[data-md-component="palette"] label')].map((label) => label.hidden),
  };
}"""

# Records every time the "switching" mark (transitions off) is put on the body.
RECORD_SWITCHING = """
window.__switching = [];
new MutationObserver((changes) => {
  for (const change of changes) {
    if (change.target.hasAttribute('data-md-color-switching')) window.__switching.push(performance.now());
  }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-md-color-switching'] });
"""


# Records every change to a stylesheet link's address, and whether the page body had been parsed.
RECORD_STYLESHEET_CHANGES = """
window.__stylesheetChanges = [];
new MutationObserver((changes) => {
  for (const change of changes) {
    if (change.target.matches('link[rel=stylesheet]')) {
      window.__stylesheetChanges.push({ href: change.target.getAttribute('href'), late: !!document.querySelector('.md-container') });
    }
  }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ['href'] });
"""


def material_only(context: BrowserContext, name: str = "palette") -> None:
    """Serve every page without the start-up script `name`, so Material does that on its own."""
    script = startup_script(name)

    def strip(route):
        response = route.fetch()
        body = response.text()
        assert script.search(body), f"the start-up script {name} is missing from the page"
        route.fulfill(response=response, body=script.sub("", body))

    context.route(re.compile(r".*/$"), strip)


def store_palette(page: Page, index: int | None) -> None:
    """Store the palette choice as Material's toggle does (or clear it), then reload."""
    page.evaluate("""(index) => {
      if (index === null) { localStorage.clear(); return; }
      const input = document.querySelectorAll('[data-md-component="palette"] input')[index];
      const color = Object.fromEntries(['media', 'scheme', 'primary', 'accent']
        .map((key) => [key, input.getAttribute(`data-md-color-${key}`)]));
      __md_set('__palette', { index, color });
    }""", index)
    page.reload()
    page.wait_for_function("() => window.handbookStudy !== undefined")


def settled_palette(browser, site_url: str, system: str, stored: int | None, early: bool) -> dict:
    context = browser.new_context(viewport=DESKTOP, color_scheme=system)
    try:
        if not early:
            material_only(context)
        page, _ = open_page(context, site_url + PAGE)
        store_palette(page, stored)
        page.wait_for_timeout(100)  # Material takes the "switching" mark off on the next frame
        return page.evaluate(PALETTE_STATE)
    finally:
        context.close()


@pytest.mark.parametrize("system", ["light", "dark"])
@pytest.mark.parametrize("stored", [None, 0, 1, 2], ids=["first-visit", "system", "light", "dark"])
def test_early_palette_matches_materials_own(browser, site_url, system, stored):
    ours = settled_palette(browser, site_url, system, stored, early=True)
    materials = settled_palette(browser, site_url, system, stored, early=False)
    # Same body colours and the same visible toggle label as Material on its own.
    assert ours["body"] == materials["body"]
    assert ours["label"] == materials["label"]
    expected = "slate" if stored == 2 or (stored in (None, 0) and system == "dark") else "default"
    assert ours["body"][1] == expected
    # One of each browser colour hint, saying what Material's own would say, and matching the header.
    assert ours["themeColor"] == materials["themeColor"] == [ours["header"]["background"]]
    assert ours["colorScheme"] == materials["colorScheme"] == [ours["header"]["colorScheme"]]
    assert not ours["switching"]


def test_palette_toggle_still_updates_colours_hints_and_turns_transitions_off(context, site_url):
    context.add_init_script(RECORD_SWITCHING)
    page, visit = open_page(context, site_url + PAGE)
    page.wait_for_timeout(100)
    assert page.evaluate("window.__switching") == [], "the page marked itself as switching palettes at start-up"
    before = page.evaluate(PALETTE_STATE)
    assert before["body"][1] == "default"
    page.locator("form[data-md-component=palette] label:visible").first.click()  # system -> light
    page.locator("form[data-md-component=palette] label:visible").first.click()  # light -> dark
    page.wait_for_function("() => !document.body.hasAttribute('data-md-color-switching')")
    after = page.evaluate(PALETTE_STATE)
    assert after["body"][1] == "slate"
    assert after["colorScheme"] == ["dark"] == [after["header"]["colorScheme"]]
    assert after["themeColor"] == [after["header"]["background"]]
    assert before["colorScheme"] == ["light"]
    # Material turned transitions off for each switch, and back on.
    assert len(page.evaluate("window.__switching")) == 2
    assert visit.problems() == []


def test_stylesheets_load_once_and_head_urls_are_absolute(context, site_url):
    context.add_init_script(RECORD_STYLESHEET_CHANGES)
    page, visit = open_page(context, site_url + PAGE)
    page.wait_for_load_state("networkidle")
    head = page.evaluate("""() => [...document.head.querySelectorAll('[href], [src]')]
        .map((element) => element.getAttribute('href') ?? element.getAttribute('src'))""")
    assert head and all(re.match(r"^(?:[a-z]+:)?//", url) for url in head), head
    # Their addresses were made absolute while the body was still empty, and never again: a
    # stylesheet whose address changes is applied anew, and the whole page restyled.
    changes = page.evaluate("window.__stylesheetChanges")
    assert changes and not [change for change in changes if change["late"]], changes
    stylesheets = [url for url in visit.requests if url.endswith(".css")]
    assert len(stylesheets) == 3 and len(set(stylesheets)) == 3, stylesheets
    # An instant navigation keeps them: no stylesheet is requested again.
    page.evaluate("window.__sameDocument = true")
    page.locator(f'article a[href$="{OTHER_PAGE.split("/")[-2]}/"]').first.click()
    page.wait_for_url(f"**/{OTHER_PAGE}")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__sameDocument") is True
    assert [url for url in visit.requests if url.endswith(".css")] == stylesheets
    assert page.evaluate("document.querySelectorAll('link[rel=stylesheet]').length") == 3
    assert visit.problems() == []


def test_code_blocks_start_as_they_come_into_view_with_copy_buttons(context, site_url):
    """Material starts a code block (copy button, keyboard access if it scrolls sideways) when it
    first comes into view (`content.lazy`); until then accessibility.js gives a block that scrolls
    the keyboard access Material would give it."""
    page = context.new_page()
    visit = watch(page)
    page.goto(site_url + PAGE)
    page.wait_for_function("() => window.handbookStudy !== undefined && window.component$ !== undefined")
    page.wait_for_timeout(100)  # accessibility.js works on the next frame
    opened = page.evaluate(CODE_BLOCKS_STATE)
    assert opened["started"] < opened["shown"], "code blocks out of view were started at once"
    waiting = page.evaluate("""() => [...document.querySelectorAll('.md-content pre:not([id]) > code')]
        .filter((code) => code.checkVisibility())
        .map((code) => ({ wide: code.scrollWidth > code.clientWidth, focusable: code.tabIndex === 0 }))""")
    assert waiting and all(block["wide"] == block["focusable"] for block in waiting), waiting
    assert any(block["wide"] for block in waiting), "no wide code block out of view: pick another page"
    code = visit_code_blocks(page)
    assert code["started"] == code["shown"] == opened["shown"]
    state = page.evaluate("""() => ({
      blocks: [...document.querySelectorAll('.md-content pre > code')].filter((code) => code.checkVisibility()).length,
      buttons: document.querySelectorAll('.md-content pre > nav [data-md-type="copy"]').length,
      landmarks: document.querySelectorAll('.md-content nav.md-code__nav:not([role="none"])').length,
      wideWithoutFocus: [...document.querySelectorAll('.md-content pre > code')]
        .filter((code) => code.checkVisibility() && code.scrollWidth > code.clientWidth && code.tabIndex !== 0).length,
      copy: document.queryCommandSupported('copy'),
      scripts: [...document.querySelectorAll('script[src]')].map((script) => script.defer),
    })""")
    assert state["blocks"] >= 5 and state["buttons"] >= state["blocks"]
    assert state["landmarks"] == 0, "a code toolbar is still a navigation landmark"
    assert state["wideWithoutFocus"] == 0
    assert state["copy"] is True
    assert state["scripts"] and all(state["scripts"])
    assert visit.problems() == []


# Every change to the root element's attributes, with the value before it and whether the body
# had started: a change to the root element restyles the whole page.
RECORD_ROOT_CHANGES = """
window.__rootChanges = [];
new MutationObserver((changes) => {
  for (const change of changes) {
    if (change.target !== document.documentElement) continue;
    window.__rootChanges.push({ name: change.attributeName, old: change.oldValue, late: !!document.body });
  }
}).observe(document, { subtree: true, attributes: true, attributeOldValue: true,
                       attributeFilter: ['class', 'data-js-focus-visible'] });
"""

ROOT_STATE = """() => ({
  classes: [...document.documentElement.classList].sort(),
  focusVisible: document.documentElement.hasAttribute('data-js-focus-visible'),
})"""


def test_root_element_is_marked_before_the_body_starts_as_material_marks_it(browser, site_url):
    states = {}
    for early in (True, False):
        context = browser.new_context(viewport=DESKTOP, color_scheme="light")
        try:
            context.add_init_script(RECORD_ROOT_CHANGES)
            if not early:
                material_only(context, "document-classes")
            page, visit = open_page(context, site_url + PAGE)
            page.wait_for_timeout(100)
            states[early] = page.evaluate(ROOT_STATE)
            changes = page.evaluate("window.__rootChanges")
            final = page.evaluate("(name) => document.documentElement.getAttribute(name)", "class")
            assert visit.problems() == []
        finally:
            context.close()
        late = [change for change in changes if change["late"]]
        if early:
            # Material still writes the same marks, but once the body exists nothing changes.
            assert [change for change in late if change["name"] == "class" and change["old"] != final] == []
            assert [change for change in late if change["name"] == "data-js-focus-visible" and change["old"] is None] == []
        else:
            # Without the early script, Material's bundle changes them after the body has started.
            assert any(change["name"] == "class" and "no-js" in (change["old"] or "") for change in late), changes
    assert states[True] == states[False]
    assert "js" in states[True]["classes"] and "no-js" not in states[True]["classes"]


# Every table Material takes out of its parent, with that parent's class.
RECORD_TABLE_MOVES = """
window.__tableMoves = [];
new MutationObserver((changes) => {
  for (const change of changes) {
    for (const node of change.removedNodes) {
      if (node.nodeName === 'TABLE') window.__tableMoves.push(change.target.className);
    }
  }
}).observe(document, { childList: true, subtree: true });
"""


def test_tables_are_wrapped_by_material_inside_their_own_holders(context, site_url):
    context.add_init_script(RECORD_TABLE_MOVES)
    page, visit = open_page(context, site_url + PAGE)
    page.wait_for_timeout(100)
    tables = page.evaluate("""() => [...document.querySelectorAll('.md-content table')].map((table) => ({
      wrapper: table.parentElement.parentElement.className,
      holder: table.closest('.table-holder')?.childElementCount ?? 0,
    }))""")
    assert len(tables) >= 3
    # Material wrapped each one (to scroll sideways), inside a holder with nothing else in it.
    assert all(table == {"wrapper": "md-typeset__scrollwrap", "holder": 1} for table in tables), tables
    moves = page.evaluate("window.__tableMoves")
    assert len(moves) >= len(tables) and set(moves) == {"table-holder"}, moves
    assert visit.problems() == []


# Every layout shift the page makes, with what moved.
RECORD_SHIFTS = """
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    window.__shifts.push({ value: entry.value, moved: entry.sources.map((source) =>
      (source.node?.textContent ?? '').trim().slice(0, 60)) });
  }
}).observe({ type: 'layout-shift', buffered: true });
"""


@pytest.mark.parametrize("path", ["core-concepts/kimball-vs-inmon/", PAGE, "big-data/spark-tuning/"])
def test_question_pages_do_not_jump_while_starting_on_a_slow_phone(browser, site_url, path):
    """Scripts now run after the first paint, so whatever they (or a late font) change in the first
    screen moves what the reader already sees. Layout shift must stay far below 0.1 ("good")."""
    context = browser.new_context(**LIGHTHOUSE_PHONE, device_scale_factor=1.75)
    try:
        page = context.new_page()
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
        page.add_init_script(RECORD_SHIFTS)
        page.goto(site_url + path)
        page.wait_for_function("() => window.handbookStudy !== undefined && window.component$ !== undefined")
        page.wait_for_timeout(1500)  # fonts and Material's first adjustments
        shifts = page.evaluate("window.__shifts")
        assert sum(shift["value"] for shift in shifts) < 0.02, shifts
    finally:
        context.close()


# The faces (family, weight, style) the first screen asks for, the handbook's @font-face rules with
# their font-display, and the fonts the page preloads.
FIRST_SCREEN_FONTS = """() => {
  const faces = [];
  for (const sheet of document.styleSheets) {
    for (const rule of sheet.cssRules) {
      if (rule instanceof CSSFontFaceRule) faces.push({
        family: rule.style.getPropertyValue('font-family').replace(/["']/g, ''),
        weight: +rule.style.getPropertyValue('font-weight'),
        style: rule.style.getPropertyValue('font-style'),
        display: rule.style.getPropertyValue('font-display'),
        url: new URL(rule.style.getPropertyValue('src').match(/url\\("?([^")]+)/)[1], sheet.href).href,
      });
    }
  }
  const wanted = new Map();
  for (const element of document.body.querySelectorAll('*')) {
    const box = element.getBoundingClientRect();
    if (!box.width || box.bottom < 0 || box.top > innerHeight) continue;
    if (![...element.childNodes].some((node) => node.nodeType === 3 && node.textContent.trim())) continue;
    const style = getComputedStyle(element);
    const family = style.fontFamily.split(',')[0].replace(/["']/g, '').trim();
    wanted.set(`${family}|${style.fontWeight}|${style.fontStyle}`, { family, weight: +style.fontWeight, style: style.fontStyle });
    element.setAttribute('data-first-screen', '');
  }
  return {
    faces,
    wanted: [...wanted.values()],
    preloaded: [...document.querySelectorAll('link[rel=preload][as=font]')].map((link) => link.href),
  };
}"""


def matching_face(faces: list[dict], family: str, weight: int, style: str) -> dict:
    """The face CSS font matching picks for a weight (closest, lighter first below 400, heavier above 500)."""
    candidates = [face for face in faces if face["family"] == family and face["style"] == style]
    assert candidates, f"no {style} face of {family}"

    def distance(face: dict) -> tuple[int, int]:
        lighter = face["weight"] <= weight
        preferred = lighter if weight <= 500 else not lighter
        return (0 if face["weight"] == weight else 1 if preferred else 2, abs(face["weight"] - weight))

    return min(candidates, key=distance)


@pytest.mark.parametrize("path", ["", OTHER_PAGE, PAGE, "big-data/spark-tuning/"])
def test_first_screen_needs_only_preloaded_fonts_that_never_swap(browser, site_url, path):
    """No font replaces another once the first screen is drawn: every face is font-display:
    optional, and the faces the first screen needs are preloaded, which makes Chromium hold the first
    paint for them (briefly: a face that misses it leaves its fallback in place for the visit).
    Whether one misses it is a matter of timing, so the fonts drawn are checked in the next test."""
    context = browser.new_context(**LIGHTHOUSE_PHONE)
    try:
        page, visit = open_page(context, site_url + path)
        fonts = page.evaluate(FIRST_SCREEN_FONTS)
        assert len(fonts["faces"]) >= 8 and {face["display"] for face in fonts["faces"]} == {"optional"}, fonts["faces"]
        needed = {matching_face(fonts["faces"], **want)["url"] for want in fonts["wanted"]
                  if want["family"].startswith("Roboto")}
        assert needed and needed <= set(fonts["preloaded"]), (needed, fonts["preloaded"])
        assert set(fonts["preloaded"]) <= set(visit.finished), "a preloaded font was not downloaded"
        assert visit.problems() == []
    finally:
        context.close()


# Loads each of the page's own @font-face files again as a blocking face of its own and draws the
# first screen's text with it, so what is drawn no longer depends on when the files arrive.
DRAW_WITH_OWN_FONT_FILES = """async (faces) => {
  for (const face of faces) {
    const copy = new FontFace(`Check ${face.family}`, `url("${face.url}")`,
                              { weight: String(face.weight), style: face.style, display: 'block' });
    document.fonts.add(await copy.load());
  }
  for (const element of document.querySelectorAll('[data-first-screen]')) {
    const family = getComputedStyle(element).fontFamily.split(',')[0].replace(/["']/g, '').trim();
    if (family.startsWith('Roboto')) element.style.fontFamily = `"Check ${family}"`;
  }
}"""


@pytest.mark.parametrize("path", ["", OTHER_PAGE])
def test_self_hosted_fonts_load_under_the_sub_path_and_cover_the_first_screen(context, site_url, path):
    """Every character of the first screen is in the self-hosted Roboto files the stylesheet names.
    (Which face the reader's first paint uses depends on timing, by design: see the test above.)"""
    page, visit = open_page(context, site_url + path)
    fonts = page.evaluate(FIRST_SCREEN_FONTS)  # also marks the first screen's text elements
    page.evaluate(DRAW_WITH_OWN_FONT_FILES, fonts["faces"])
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    document = session.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    drawn: dict[str, int] = {}
    for node in session.send("DOM.querySelectorAll", {"nodeId": document, "selector": "[data-first-screen]"})["nodeIds"]:
        for font in session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]:
            name = font["familyName"] + (" (web font)" if font["isCustomFont"] else "")
            drawn[name] = drawn.get(name, 0) + font["glyphCount"]
    assert sum(drawn.values()) > 500 and all(name.startswith("Roboto") and name.endswith("(web font)") for name in drawn), drawn
    assert visit.problems() == []
