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

  function labelScrollRegions() {
    for (const wrap of document.querySelectorAll(".md-typeset__scrollwrap")) {
      const overflows = wrap.scrollWidth > wrap.clientWidth + 1;
      if (overflows && !wrap.hasAttribute("tabindex")) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", "Table (scrolls sideways)");
      } else if (!overflows && wrap.getAttribute("role") === "region") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    }
  }

  // Material marks a code block it has started by giving its <pre> an id (`__code_N`).
  const CODE_NOT_STARTED = ".md-typeset pre:not([id^='__code_']) > code";
  const canHover = matchMedia("(hover)").matches;

  function focusWideCode() {
    if (!canHover) return;
    // Every size is read before any attribute is written, so the page is laid out once.
    const blocks = [...document.querySelectorAll(CODE_NOT_STARTED)]
      .map((code) => [code, code.scrollWidth > code.clientWidth]);
    for (const [code, wide] of blocks) {
      if (wide) code.setAttribute("tabindex", "0");
      else code.removeAttribute("tabindex");
    }
  }

  function labelScrollables() {
    labelScrollRegions();
    focusWideCode();
  }

  function unlandmarkCodeToolbars() {
    for (const nav of document.querySelectorAll("nav.md-code__nav:not([role])")) {
      nav.setAttribute("role", "none");
    }
  }

  // Code blocks started later add their toolbars as the reader scrolls.
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
  const afterMount = () => setTimeout(() => {
    unlandmarkCodeToolbars();
    schedule();
  });
  if (typeof window.document$ !== "undefined") window.document$.subscribe(afterMount);
  else document.addEventListener("DOMContentLoaded", afterMount);
})();
