/*
 * Accessibility fixes to markup Material creates at run time (templates cannot reach it).
 *
 * - Material wraps wide tables in `.md-typeset__scrollwrap`. A region that scrolls must be reachable
 *   by keyboard (WCAG 2.1.1; axe: scrollable-region-focusable), so each one that overflows becomes a
 *   focusable, named region; one that fits is left alone.
 * - Material starts each code block only when it first comes into view (`content.lazy` in
 *   mkdocs.yml) and only then makes it focusable if it scrolls sideways (when the device can hover,
 *   as Material does). Until then the same rule is applied here, so that every code block that
 *   scrolls can be reached by keyboard, seen or not.
 * - Each code block's copy button sits in a `<nav class="md-code__nav">`: dozens of unnamed
 *   navigation landmarks per page (axe: landmark-unique). They are not site navigation: their
 *   landmark role is removed (the buttons inside keep their names), also for the code blocks
 *   Material starts later, as the reader scrolls.
 */
(() => {
  "use strict";

  // Material marks a code block it has started by giving its <pre> an id (`__code_N`).
  const CODE_NOT_STARTED = ".md-typeset pre:not([id^='__code_']) > code";
  const canHover = matchMedia("(hover)").matches;
  const overflows = (element, slack = 0) => element.scrollWidth > element.clientWidth + slack;

  function labelScrollables() {
    // Every size is read before any attribute is written, so the page is laid out once.
    const tables = [...document.querySelectorAll(".md-typeset__scrollwrap")]
      .map((wrap) => [wrap, overflows(wrap, 1)]);
    const code = canHover ? [...document.querySelectorAll(CODE_NOT_STARTED)]
      .map((block) => [block, overflows(block)]) : [];
    for (const [wrap, wide] of tables) {
      if (wide && !wrap.hasAttribute("tabindex")) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", "Table (scrolls sideways)");
      } else if (!wide && wrap.getAttribute("role") === "region") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    }
    for (const [block, wide] of code) {
      if (wide) block.setAttribute("tabindex", "0");
      else block.removeAttribute("tabindex");
    }
  }

  // Created before Material starts its components, so it sees every code toolbar: those of the
  // first screen, those of blocks started as the reader scrolls, and after instant navigation.
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node instanceof HTMLElement && node.matches("nav.md-code__nav:not([role])")) {
          node.setAttribute("role", "none");
        }
      }
    }
  }).observe(document.body, { childList: true, subtree: true });

  let pending = 0;
  const schedule = () => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(labelScrollables);
  };
  window.addEventListener("resize", schedule);
  // Content tabs and <details> change what is visible, and so what overflows.
  document.addEventListener("toggle", schedule, true);
  document.addEventListener("change", schedule, true);
  // After Material has mounted its components for the page (it does so on the same emission).
  const afterMount = () => setTimeout(schedule);
  if (typeof window.document$ !== "undefined") window.document$.subscribe(afterMount);
  else document.addEventListener("DOMContentLoaded", afterMount);
})();
