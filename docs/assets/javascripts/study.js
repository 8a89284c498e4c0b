/*
 * Study tools: self-test mode, per-question marks, and the progress panels.
 *
 * Everything stays in this browser's localStorage; nothing is sent anywhere.
 *
 * - Self-test mode (a switch at the top of each question page, remembered across pages and visits)
 *   hides the answer sections behind a "Reveal the answer" button.
 * - Each question page has "Knew it / Partly / Didn't know" marks, stored with the time of marking.
 * - Progress panels (home and section pages) count reviewed questions and list what to review next.
 *   The rule, a simple spaced repetition: a question is due when it was never reviewed, or when its
 *   interval since the last mark has passed (Didn't know: 1 day, Partly: 3 days, Knew it: 7 days).
 *   Due questions come first, weakest first (Didn't know, Partly, never reviewed, Knew it), and
 *   within a group the longest-unseen first.
 * - Export and import the marks as a JSON file (to move devices); reset them. An import that is
 *   not a valid export is rejected with a message and changes nothing.
 */
(() => {
  "use strict";

  const PROGRESS_KEY = "handbook.progress";
  const SELF_TEST_KEY = "handbook.selfTest";
  const FORMAT = "data-engineering-interview-handbook/progress";
  const MARKS = { missed: "Didn't know", partly: "Partly", knew: "Knew it" };
  const WEAKNESS = { missed: 0, partly: 1, unseen: 2, knew: 3 };
  const INTERVAL_DAYS = { missed: 1, partly: 3, knew: 7 };
  const DAY = 24 * 60 * 60 * 1000;
  const REVIEW_NEXT_LENGTH = 5;

  // -- storage -----------------------------------------------------------------------------------

  /** Why `data` is not a valid progress record, or null when it is. */
  function problemWith(data) {
    if (typeof data !== "object" || data === null || Array.isArray(data)) return "it is not a JSON object";
    if (data.format !== FORMAT) return "it is not a progress file exported from this handbook";
    if (data.version !== 1) return `its version (${JSON.stringify(data.version)}) is not one this page reads`;
    if (typeof data.marks !== "object" || data.marks === null || Array.isArray(data.marks)) {
      return "it has no \"marks\" object";
    }
    for (const [question, entry] of Object.entries(data.marks)) {
      if (!/^[\w-]+\/[\w-]+\.md$/.test(question)) return `"${question}" is not a question page`;
      if (typeof entry !== "object" || entry === null) return `the mark of "${question}" is not an object`;
      if (!(entry.mark in MARKS)) return `the mark of "${question}" is "${entry.mark}", not knew, partly or missed`;
      if (typeof entry.at !== "string" || Number.isNaN(Date.parse(entry.at))) {
        return `the date of "${question}" is not a date`;
      }
    }
    return null;
  }

  function empty() {
    return { format: FORMAT, version: 1, marks: {} };
  }

  function load() {
    try {
      const data = JSON.parse(localStorage.getItem(PROGRESS_KEY) ?? "null");
      return data && problemWith(data) === null ? data : empty();
    } catch {
      return empty();
    }
  }

  function save(data) {
    try {
      localStorage.setItem(PROGRESS_KEY, JSON.stringify(data));
      return true;
    } catch {
      return false; // storage disabled (private mode, quota): the page still works, nothing is kept
    }
  }

  function selfTestOn() {
    try {
      return localStorage.getItem(SELF_TEST_KEY) === "on";
    } catch {
      return false;
    }
  }

  function formatDate(iso) {
    return new Date(iso).toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" });
  }

  // -- ordering ----------------------------------------------------------------------------------

  /** The questions due for review, in the order to review them (see the rule at the top). */
  function reviewOrder(questions, marks, now = Date.now()) {
    const entries = questions.map((question) => {
      const entry = marks[question.src];
      const group = entry ? entry.mark : "unseen";
      const seen = entry ? Date.parse(entry.at) : -Infinity;
      const due = !entry || now - seen >= INTERVAL_DAYS[entry.mark] * DAY;
      return { question, group, seen, due };
    });
    return entries
      .filter((entry) => entry.due)
      .sort((a, b) => WEAKNESS[a.group] - WEAKNESS[b.group] || a.seen - b.seen
        || a.question.number - b.question.number);
  }

  // -- question pages ----------------------------------------------------------------------------

  function applySelfTest(root) {
    const on = selfTestOn();
    document.body.toggleAttribute("data-self-test", on);
    const switchButton = root.querySelector("[data-self-test-switch]");
    switchButton?.setAttribute("aria-checked", String(on));
    const answer = root.querySelector("[data-answer]");
    const gate = root.querySelector("[data-answer-gate]");
    if (!answer || !gate) return;
    const revealed = answer.classList.contains("answer--revealed");
    answer.hidden = on && !revealed;
    gate.hidden = !on || revealed;
    gate.querySelector("[data-reveal]")?.setAttribute("aria-expanded", String(!answer.hidden));
  }

  function setUpQuestionPage(root) {
    const bar = root.querySelector("[data-study-bar]");
    const review = root.querySelector("[data-review]");
    if (!bar || !review) return;
    const question = review.getAttribute("data-review");
    bar.hidden = false;
    review.hidden = false;

    bar.querySelector("[data-self-test-switch]").addEventListener("click", () => {
      try {
        localStorage.setItem(SELF_TEST_KEY, selfTestOn() ? "off" : "on");
      } catch {
        /* storage disabled: the switch cannot be remembered */
      }
      root.querySelector("[data-answer]")?.classList.remove("answer--revealed");
      applySelfTest(root);
    });
    root.querySelector("[data-reveal]")?.addEventListener("click", () => {
      const answer = root.querySelector("[data-answer]");
      answer.classList.add("answer--revealed");
      applySelfTest(root);
      const heading = answer.querySelector("h2");
      heading?.setAttribute("tabindex", "-1");
      heading?.focus();
    });

    const showMark = () => {
      const entry = load().marks[question];
      for (const button of review.querySelectorAll("[data-mark]")) {
        button.setAttribute("aria-pressed", String(entry?.mark === button.dataset.mark));
      }
      const text = entry ? `Last reviewed ${formatDate(entry.at)}: ${MARKS[entry.mark]}.` : "Not reviewed yet.";
      review.querySelector("[data-review-last]").textContent = text;
      bar.querySelector("[data-review-status]").textContent = text;
    };
    for (const button of review.querySelectorAll("[data-mark]")) {
      button.addEventListener("click", () => {
        const data = load();
        data.marks[question] = { mark: button.dataset.mark, at: new Date().toISOString() };
        save(data);
        showMark();
      });
    }
    showMark();
    applySelfTest(root);
  }

  // -- progress panels ---------------------------------------------------------------------------

  function renderPanel(panel) {
    const questions = JSON.parse(panel.querySelector("[data-progress-questions]").textContent);
    const marks = load().marks;
    const reviewed = questions.filter((question) => question.src in marks).length;
    panel.querySelector("[data-progress-count]").textContent =
      `${reviewed} of ${questions.length} questions reviewed`;
    const bar = panel.querySelector("[data-progress-bar]");
    bar.setAttribute("aria-valuenow", String(reviewed));
    bar.querySelector(".progress-panel__fill").style.width =
      `${questions.length ? (100 * reviewed) / questions.length : 0}%`;
    const list = panel.querySelector("[data-review-next]");
    list.replaceChildren();
    const next = reviewOrder(questions, marks).slice(0, REVIEW_NEXT_LENGTH);
    for (const { question, group } of next) {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = new URL(question.url, document.baseURI).href;
      link.textContent = `Q${question.number}. ${question.title}`;
      const note = document.createElement("span");
      note.className = "progress-panel__note";
      note.textContent = group === "unseen" ? " (not reviewed yet)" : ` (last: ${MARKS[group]})`;
      item.append(link, note);
      list.append(item);
    }
    if (next.length === 0) {
      const item = document.createElement("li");
      item.textContent = "Nothing is due: every question was reviewed recently.";
      list.append(item);
    }
  }

  function setUpPanel(panel) {
    panel.hidden = false;
    const message = panel.querySelector("[data-progress-message]");
    const say = (text) => { message.textContent = text; };

    panel.querySelector("[data-progress-export]").addEventListener("click", () => {
      const blob = new Blob([JSON.stringify(load(), null, 2)], { type: "application/json" });
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = "handbook-progress.json";
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 1000);
      say("Your progress was saved as handbook-progress.json.");
    });

    const input = panel.querySelector("[data-progress-import]");
    input.addEventListener("change", async () => {
      const file = input.files?.[0];
      input.value = "";
      if (!file) return;
      let data;
      try {
        data = JSON.parse(await file.text());
      } catch {
        say(`Import failed: ${file.name} is not valid JSON. Your progress is unchanged.`);
        return;
      }
      const problem = problemWith(data);
      if (problem) {
        say(`Import failed: ${problem}. Your progress is unchanged.`);
        return;
      }
      save({ format: FORMAT, version: 1, marks: data.marks });
      say(`Imported ${Object.keys(data.marks).length} marks from ${file.name}.`);
      refreshPanels();
    });

    panel.querySelector("[data-progress-reset]").addEventListener("click", () => {
      if (!window.confirm("Delete all your marks in this browser? Export them first to keep a copy.")) return;
      save(empty());
      say("Your progress was reset.");
      refreshPanels();
    });
    renderPanel(panel);
  }

  function refreshPanels() {
    for (const panel of document.querySelectorAll("[data-progress]")) renderPanel(panel);
  }

  // -- printable handbook ------------------------------------------------------------------------

  /** On the print page: label each tab's content, open collapsed blocks, draw every diagram. */
  function setUpPrintPage() {
    const book = document.querySelector("[data-print-handbook]");
    if (!book) return;
    for (const set of book.querySelectorAll(".tabbed-set")) {
      const labels = set.querySelectorAll(":scope > .tabbed-labels > label");
      set.querySelectorAll(":scope > .tabbed-content > .tabbed-block").forEach((block, index) => {
        const label = document.createElement("p");
        label.className = "print-tab-label";
        label.textContent = labels[index]?.textContent.trim() ?? "";
        block.prepend(label);
      });
    }
    for (const details of book.querySelectorAll("details")) details.open = true;
    window.handbookDiagrams?.renderAll();
  }

  // -- wiring ------------------------------------------------------------------------------------

  function init() {
    const root = document.querySelector("article") ?? document;
    setUpPrintPage();
    setUpQuestionPage(root);
    for (const panel of document.querySelectorAll("[data-progress]")) setUpPanel(panel);
  }

  // Material's document$ emits on the first load and after every instant navigation.
  if (typeof window.document$ !== "undefined") window.document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);

  window.handbookStudy = { reviewOrder, problemWith };
})();
