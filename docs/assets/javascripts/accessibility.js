/*
 * Accessibility fixes to markup Material creates at run time (templates cannot reach it).
 *
 * - Material wraps wide tables in `.md-typeset__scrollwrap`. A region that scrolls must be reachable
 *   by keyboard (WCAG 2.1.1; axe: scrollable-region-focusable), so each one that overflows becomes a
 *   focusable, named region; one that fits is left alone.
 * - Each code block's copy button sits in a `<nav class="md-code__nav">`: dozens of unnamed
 *   navigation landmarks per page (axe: landmark-unique). They are not site navigation: their
 *   landmark role is removed (the buttons inside keep their names).
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

  function unlandmarkCodeToolbars() {
    for (const nav of document.querySelectorAll("nav.md-code__nav:not([role])")) {
      nav.setAttribute("role", "none");
    }
  }

  let pending = 0;
  const schedule = () => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(labelScrollRegions);
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
