// crosswire: the only script. It shows the notes behind a highlight in the
// article page's side panel. Notes are rendered (escaped) by the server; this
// script only clones them, so no article text ever goes through innerHTML.
"use strict";

(function () {
  const text = document.getElementById("article-text");
  const details = document.getElementById("details");
  if (!text || !details) return;

  function showNotes(mark) {
    const ids = (mark.dataset.ann || "").split(" ").filter(Boolean);
    const cards = ids.map((id) => document.getElementById("note-" + id)).filter(Boolean);
    if (!cards.length) return;
    details.replaceChildren(...cards.map((card) => {
      const copy = card.cloneNode(true);
      copy.removeAttribute("id");
      return copy;
    }));
    text.querySelectorAll("mark.active").forEach((m) => m.classList.remove("active"));
    // Light up every piece of the same item (a claim's source, cue and content).
    text.querySelectorAll("mark").forEach((m) => {
      const other = (m.dataset.ann || "").split(" ");
      if (ids.some((id) => other.includes(id))) m.classList.add("active");
    });
  }

  function markOf(event) {
    return event.target instanceof Element ? event.target.closest("mark[data-ann]") : null;
  }

  text.addEventListener("click", (event) => { const m = markOf(event); if (m) showNotes(m); });
  text.addEventListener("mouseover", (event) => { const m = markOf(event); if (m) showNotes(m); });
  text.addEventListener("focusin", (event) => { const m = markOf(event); if (m) showNotes(m); });
  text.addEventListener("keydown", (event) => {
    const m = markOf(event);
    if (m && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); showNotes(m); }
  });
})();

// Actor boxes (data-suggest="actors"): as the user types a name ("Pakistan mil",
// "Sharif"), ask the API for matching actors and offer them in the box's datalist,
// the code as the value and the readable name as the label. Options are built with
// createElement and attributes, never innerHTML.
(function () {
  const boxes = document.querySelectorAll("input[data-suggest='actors'][list]");
  boxes.forEach((box) => {
    const list = document.getElementById(box.getAttribute("list"));
    if (!list) return;
    let timer = null;
    let asked = "";
    box.addEventListener("input", () => {
      clearTimeout(timer);
      const text = box.value.trim();
      if (text.length < 2 || text === asked) return;
      timer = setTimeout(async () => {
        asked = text;
        try {
          const response = await fetch("/api/actor-suggestions?limit=15&q=" + encodeURIComponent(text));
          if (!response.ok) return;
          const body = await response.json();
          if (!body.items.length) return;
          list.replaceChildren(...body.items.map((item) => {
            const option = document.createElement("option");
            option.value = item.code;
            option.label = item.label + (item.names.length ? " · " + item.names.slice(0, 2).join(", ") : "");
            return option;
          }));
        } catch (err) { /* offline or stopped: the box still takes a code */ }
      }, 150);
    });
  });
})();
