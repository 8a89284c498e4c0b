/*
 * The handbook's Mermaid renderer.
 *
 * Why not Material's own: Material renders every `pre.mermaid` at once (blocking the main thread),
 * fetches Mermaid from a CDN when no global `mermaid` exists (which is the case after an
 * instant-navigation click), and draws into a closed shadow root that tests and the full-screen
 * viewer cannot reach. So diagrams use mermaid2's fence under the class `diagram`, and this file:
 *
 * - runs on every page (it is tiny), and on every page change of instant navigation (document$);
 * - imports the self-hosted Mermaid ES module only on pages that have a diagram;
 * - renders a diagram when it comes near the viewport, so hidden tabs and closed <details> render
 *   when they are opened, and long pages do not block the main thread on load;
 * - colours diagrams from the active palette and redraws them when the reader switches palette;
 * - renders everything before printing;
 * - shows a readable error box (and logs a console error) for a diagram that does not parse.
 *
 * Mermaid's settings come from mermaid2's `arguments:` in mkdocs.yml, written into the page by
 * overrides/main.html as JSON.
 */
(() => {
  "use strict";

  const script = document.currentScript;
  const MODULE_URL = new URL("../vendor/mermaid/mermaid.esm.min.mjs", script.src).href;
  const SELECTOR = "pre.diagram";

  /** Source text of each rendered diagram, for redrawing after a palette switch. */
  const sources = new WeakMap();
  let mermaidModule = null;
  let renderCount = 0;
  let queue = Promise.resolve();

  function loadMermaid() {
    mermaidModule ??= import(MODULE_URL).then((module) => module.default);
    return mermaidModule;
  }

  /** Settings from mkdocs.yml (mermaid2 `arguments:`). */
  function siteSettings() {
    const element = document.getElementById("__diagram-config");
    if (!element) return {};
    try {
      return JSON.parse(element.textContent);
    } catch (error) {
      console.error("diagrams: the diagram settings are not valid JSON", error);
      return {};
    }
  }

  /** Theme variables for the active palette, read from CSS custom properties in extra.css. */
  function themeVariables() {
    const style = getComputedStyle(document.body);
    const read = (name) => style.getPropertyValue(`--diagram-${name}`).trim();
    return {
      darkMode: document.body.getAttribute("data-md-color-scheme") === "slate",
      background: read("background"),
      fontFamily: read("font-family"),
      fontSize: "15px",
      primaryColor: read("node"),
      primaryBorderColor: read("border"),
      primaryTextColor: read("text"),
      secondaryColor: read("secondary"),
      secondaryBorderColor: read("border"),
      secondaryTextColor: read("text"),
      tertiaryColor: read("tertiary"),
      tertiaryBorderColor: read("border"),
      tertiaryTextColor: read("text"),
      lineColor: read("line"),
      textColor: read("text"),
      noteBkgColor: read("note"),
      noteTextColor: read("text"),
      noteBorderColor: read("border"),
    };
  }

  function settings() {
    return {
      ...siteSettings(),
      startOnLoad: false,
      theme: "base",
      themeVariables: themeVariables(),
    };
  }

  /** Draw one diagram into `target`, replacing what is there. Renders run one at a time. */
  function draw(target, source) {
    queue = queue.then(async () => {
      const mermaid = await loadMermaid();
      mermaid.initialize(settings());
      const id = `diagram-${++renderCount}`;
      try {
        const { svg, bindFunctions } = await mermaid.render(id, source);
        const rendered = document.createElement("div");
        rendered.className = "diagram diagram--rendered";
        rendered.innerHTML = svg;
        bindFunctions?.(rendered);
        sources.set(rendered, source);
        target.replaceWith(rendered);
        rendered.dispatchEvent(new CustomEvent("diagram:rendered", { bubbles: true }));
      } catch (error) {
        // Mermaid leaves its scratch element behind when a diagram does not parse.
        document.getElementById(`d${id}`)?.remove();
        const message = String(error?.message ?? error).split("\n").slice(0, 4).join("\n");
        const failed = document.createElement("div");
        failed.className = "diagram diagram--error";
        failed.setAttribute("role", "alert");
        const title = document.createElement("p");
        title.textContent = "This diagram could not be drawn:";
        const detail = document.createElement("pre");
        detail.textContent = message;
        failed.append(title, detail);
        target.replaceWith(failed);
        console.error(`diagrams: a diagram could not be drawn: ${message}`);
      }
    });
    return queue;
  }

  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        observer.unobserve(entry.target);
        draw(entry.target, entry.target.textContent);
      }
    },
    { rootMargin: "400px 0px" },
  );

  /** Watch the diagrams of the current page; called on load and after each instant navigation. */
  function scan() {
    const blocks = document.querySelectorAll(SELECTOR);
    if (blocks.length === 0) return;
    loadMermaid(); // start the download while the reader scrolls
    for (const block of blocks) observer.observe(block);
  }

  /** Render every diagram still waiting, e.g. before printing. Resolves when all are drawn. */
  function renderAll() {
    for (const block of document.querySelectorAll(SELECTOR)) {
      observer.unobserve(block);
      draw(block, block.textContent);
    }
    return queue;
  }

  /** Redraw the drawn diagrams in the palette the reader switched to. */
  function redraw() {
    for (const rendered of document.querySelectorAll(".diagram--rendered")) {
      const source = sources.get(rendered);
      if (source !== undefined) draw(rendered, source);
    }
  }

  new MutationObserver(redraw).observe(document.body, {
    attributes: true,
    attributeFilter: ["data-md-color-scheme"],
  });
  window.addEventListener("beforeprint", renderAll);

  // Material's document$ emits on the first load and after every instant navigation.
  if (typeof window.document$ !== "undefined") window.document$.subscribe(scan);
  else document.addEventListener("DOMContentLoaded", scan);

  window.handbookDiagrams = { renderAll };
})();
