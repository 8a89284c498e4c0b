/*
 * The handbook's Mermaid renderer.
 *
 * Why not Material's own: Material renders every `pre.mermaid` at once (blocking the main thread),
 * fetches Mermaid from a CDN when no global `mermaid` exists (which is the case after an
 * instant-navigation click), and draws into a closed shadow root that tests and the full-screen
 * viewer cannot reach. So diagrams use mermaid2's fence under the class `diagram`, and this file:
 *
 * - runs on every page (it is tiny), and on every page change of instant navigation (document$);
 * - leaves diagrams drawn at build time alone (hooks/handbook/drawings.py: the published site has
 *   only those), except for adding their full-screen button;
 * - for a diagram without a stored drawing (one being edited under `mkdocs serve`), imports the
 *   self-hosted Mermaid ES module;
 * - renders a diagram when it comes near the viewport, so hidden tabs and closed <details> render
 *   when they are opened, and long pages do not block the main thread on load;
 * - colours diagrams from the active palette and redraws them when the reader switches palette;
 * - renders everything before printing;
 * - shows a readable error box (and logs a console error) for a diagram that does not parse;
 * - opens any drawn diagram full-screen, with zoom and pan by mouse, touch and keyboard.
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

  /**
   * Theme variables for the active palette, read from CSS custom properties in extra.css.
   * Stored drawings depend on these settings: when you change them, bump DRAWING_FORMAT in
   * hooks/handbook/drawings.py so that the build asks for fresh drawings.
   */
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

  /**
   * Mermaid's SVG for `source`, named for screen readers, in the active palette. Renders run one
   * at a time (Mermaid keeps global settings). Rejects with Mermaid's message if it cannot parse.
   */
  function svgFor(source, id) {
    const drawn = queue.then(async () => {
      const mermaid = await loadMermaid();
      mermaid.initialize(settings());
      try {
        const { svg, bindFunctions } = await mermaid.render(id, source);
        const holder = document.createElement("div");
        holder.innerHTML = svg;
        nameDiagram(holder.querySelector("svg"), source);
        return { svg: holder.innerHTML, bindFunctions };
      } finally {
        // Mermaid leaves its scratch element behind when a diagram does not parse.
        document.getElementById(`d${id}`)?.remove();
      }
    });
    queue = drawn.catch(() => {});
    return drawn;
  }

  /** Draw one diagram into `target`, replacing what is there. */
  async function draw(target, source, where = target.dataset.source) {
    try {
      const { svg, bindFunctions } = await svgFor(source, `diagram-${++renderCount}`);
      const rendered = document.createElement("div");
      rendered.className = "diagram diagram--rendered";
      if (where) rendered.dataset.source = where;
      rendered.innerHTML = svg;
      bindFunctions?.(rendered);
      rendered.append(zoomButton());
      sources.set(rendered, source);
      target.replaceWith(rendered);
      rendered.dispatchEvent(new CustomEvent("diagram:rendered", { bubbles: true }));
    } catch (error) {
      const message = String(error?.message ?? error).split("\n").slice(0, 4).join("\n");
      const failed = document.createElement("div");
      failed.className = "diagram diagram--error";
      failed.setAttribute("role", "alert");
      const title = document.createElement("p");
      title.textContent = `This diagram${where ? ` (${where})` : ""} could not be drawn:`;
      const detail = document.createElement("pre");
      detail.textContent = message;
      failed.append(title, detail);
      target.replaceWith(failed);
      console.error(`diagrams: ${where ?? "a diagram"}: the diagram could not be drawn: ${message}`);
    }
  }

  /**
   * Some diagram types (timeline, for one) ignore accTitle/accDescr; name their SVG from the
   * source so that every diagram has an accessible name and description.
   */
  function nameDiagram(svg, source) {
    if (!svg || svg.hasAttribute("aria-labelledby") || svg.hasAttribute("aria-label")) return;
    const title = source.match(/^\s*accTitle\s*:\s*(.+)$/m)?.[1].trim();
    const description = source.match(/^\s*accDescr\s*:\s*(.+)$/m)?.[1].trim();
    svg.setAttribute("role", "img");
    if (title) svg.setAttribute("aria-label", title);
    if (description && !svg.querySelector(":scope > desc")) {
      const desc = document.createElementNS("http://www.w3.org/2000/svg", "desc");
      desc.textContent = description;
      svg.prepend(desc);
    }
  }

  // -- full-screen viewer ------------------------------------------------------------------------

  function zoomButton() {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "diagram__open";
    button.title = "Open full screen";
    button.setAttribute("aria-label", "Open the diagram full screen");
    button.innerHTML = '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M5 5h5v2H7v3H5zm9 0h5v5h-2V7h-3zm3 9h2v5h-5v-2h3zM5 14h2v3h3v2H5z"/></svg>';
    button.addEventListener("click", () => openViewer(button.closest(".diagram--rendered"), button));
    return button;
  }

  let viewerCount = 0;

  /** A copy of a drawn diagram's SVG with its own id (Mermaid scopes its styles by id). */
  function copyOf(svg) {
    const copy = svg.cloneNode(true);
    const id = `${svg.id}-viewer-${++viewerCount}`;
    for (const style of copy.querySelectorAll("style")) {
      style.textContent = style.textContent.split(`#${svg.id}`).join(`#${id}`);
    }
    copy.id = id;
    copy.removeAttribute("style");
    copy.removeAttribute("width");
    copy.removeAttribute("height");
    return copy;
  }

  function openViewer(rendered, opener) {
    const svg = rendered.querySelector("svg");
    const title = svg.querySelector("title")?.textContent || "Diagram";
    const dialog = document.createElement("dialog");
    dialog.className = "diagram-viewer";
    dialog.setAttribute("aria-label", `${title}, full screen`);
    dialog.innerHTML = `
      <div class="diagram-viewer__bar">
        <span class="diagram-viewer__title"></span>
        <span class="diagram-viewer__hint">Drag or arrow keys to move; wheel, pinch or + / − to zoom; 0 resets</span>
        <button type="button" data-zoom="in" aria-label="Zoom in">+</button>
        <button type="button" data-zoom="out" aria-label="Zoom out">−</button>
        <button type="button" data-zoom="reset" aria-label="Reset zoom">1:1</button>
        <button type="button" data-close aria-label="Close full screen">✕</button>
      </div>
      <div class="diagram-viewer__stage" tabindex="0" role="img"></div>`;
    dialog.querySelector(".diagram-viewer__title").textContent = title;
    const stage = dialog.querySelector(".diagram-viewer__stage");
    stage.setAttribute("aria-label", `${title}. Use the arrow keys to move and plus or minus to zoom.`);
    const canvas = document.createElement("div");
    canvas.className = "diagram-viewer__canvas";
    canvas.append(copyOf(svg));
    stage.append(canvas);
    document.body.append(dialog);

    const view = { scale: 1, x: 0, y: 0 };
    const apply = () => {
      canvas.style.transform = `translate(${view.x}px, ${view.y}px) scale(${view.scale})`;
      canvas.dataset.scale = view.scale.toFixed(3);
    };
    const zoom = (factor, originX = stage.clientWidth / 2, originY = stage.clientHeight / 2) => {
      const scale = Math.min(8, Math.max(0.25, view.scale * factor));
      const ratio = scale / view.scale;
      view.x = originX - (originX - view.x) * ratio;
      view.y = originY - (originY - view.y) * ratio;
      view.scale = scale;
      apply();
    };
    const reset = () => {
      Object.assign(view, { scale: 1, x: 0, y: 0 });
      apply();
    };

    dialog.querySelector("[data-zoom=in]").addEventListener("click", () => zoom(1.25));
    dialog.querySelector("[data-zoom=out]").addEventListener("click", () => zoom(0.8));
    dialog.querySelector("[data-zoom=reset]").addEventListener("click", reset);
    dialog.querySelector("[data-close]").addEventListener("click", () => dialog.close());
    dialog.addEventListener("close", () => {
      dialog.remove();
      opener.focus();
    });

    stage.addEventListener("keydown", (event) => {
      const step = 40;
      const actions = {
        "+": () => zoom(1.25), "=": () => zoom(1.25), "-": () => zoom(0.8), "0": reset,
        ArrowLeft: () => { view.x += step; apply(); }, ArrowRight: () => { view.x -= step; apply(); },
        ArrowUp: () => { view.y += step; apply(); }, ArrowDown: () => { view.y -= step; apply(); },
      };
      if (actions[event.key]) {
        event.preventDefault();
        actions[event.key]();
      }
    });
    stage.addEventListener("wheel", (event) => {
      event.preventDefault();
      const box = stage.getBoundingClientRect();
      zoom(event.deltaY < 0 ? 1.15 : 1 / 1.15, event.clientX - box.left, event.clientY - box.top);
    }, { passive: false });

    // Pointer events cover mouse, pen and touch: one pointer pans, two pinch.
    const pointers = new Map();
    let pinch = null;
    stage.addEventListener("pointerdown", (event) => {
      try {
        stage.setPointerCapture(event.pointerId); // keep receiving moves outside the stage
      } catch {
        /* a pointer the browser no longer tracks: panning still works inside the stage */
      }
      pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    });
    stage.addEventListener("pointermove", (event) => {
      const last = pointers.get(event.pointerId);
      if (!last) return;
      const current = { x: event.clientX, y: event.clientY };
      pointers.set(event.pointerId, current);
      if (pointers.size === 1) {
        view.x += current.x - last.x;
        view.y += current.y - last.y;
        apply();
      } else if (pointers.size === 2) {
        const [a, b] = [...pointers.values()];
        const distance = Math.hypot(a.x - b.x, a.y - b.y);
        const box = stage.getBoundingClientRect();
        if (pinch) zoom(distance / pinch, (a.x + b.x) / 2 - box.left, (a.y + b.y) / 2 - box.top);
        pinch = distance;
      }
    });
    const release = (event) => {
      pointers.delete(event.pointerId);
      if (pointers.size < 2) pinch = null;
    };
    stage.addEventListener("pointerup", release);
    stage.addEventListener("pointercancel", release);

    dialog.showModal();
    apply();
    stage.focus();
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
    // Drawn at build time: only the full-screen button is missing.
    for (const drawn of document.querySelectorAll(".diagram--drawn > .diagram--rendered")) {
      if (!drawn.querySelector(":scope > .diagram__open")) drawn.append(zoomButton());
    }
    // Mermaid is imported when the first diagram comes near the viewport, not before: a page
    // whose diagrams are further down loads and evaluates none of it until the reader scrolls.
    for (const block of document.querySelectorAll(SELECTOR)) observer.observe(block);
  }

  /** Render every diagram still waiting, e.g. before printing. Resolves when all are drawn. */
  function renderAll() {
    return Promise.all([...document.querySelectorAll(SELECTOR)].map((block) => {
      observer.unobserve(block);
      return draw(block, block.textContent);
    }));
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

  /**
   * The named SVG markup of `source` in the active palette, with the SVG id `id`: what
   * scripts/render_diagrams.py stores as a diagram's drawing.
   */
  async function drawing(source, id) {
    return (await svgFor(source, id)).svg;
  }

  window.handbookDiagrams = { renderAll, drawing };
})();
