/* Moderation desk: keyboard-driven queue. Without this file every action still works
   as a plain form post; with it, decisions are sent with fetch (CSRF token in the
   X-CSRFToken header), the decided card leaves the queue and the next one gets focus. */
(function () {
  "use strict";

  const csrfToken = document.querySelector('meta[name="csrf-token"]').content;
  const list = document.getElementById("cards");
  if (!list) { return; }
  const queueName = list.dataset.queue;
  const picker = document.getElementById("picker");
  const help = document.getElementById("help");
  const selectedCount = document.getElementById("selected-count");
  const flashArea = document.getElementById("flash");
  let current = 0;
  let pending = null; // what the reason picker will reject: a list of comment ids

  function cards() { return Array.from(list.querySelectorAll(".card")); }
  function selectedIds() {
    return cards().filter((c) => c.classList.contains("selected")).map((c) => c.dataset.id);
  }

  function focusCard(index) {
    const all = cards();
    if (!all.length) { return; }
    current = Math.max(0, Math.min(index, all.length - 1));
    all.forEach((c, i) => c.classList.toggle("current", i === current));
    all[current].focus({ preventScroll: true });
    all[current].scrollIntoView({ block: "nearest", behavior: "instant" });
  }

  function currentCard() { return cards()[current] || null; }

  function say(message, kind) {
    const p = document.createElement("p");
    p.className = "flash flash-" + kind;
    p.textContent = message;
    flashArea.replaceChildren(p);
  }

  function updateCounts(counts) {
    document.querySelectorAll(".count[data-queue]").forEach((el) => {
      if (el.dataset.queue in counts) { el.textContent = String(counts[el.dataset.queue]); }
    });
    document.querySelectorAll("[data-queue-count]").forEach((el) => {
      if (el.dataset.queueCount in counts) { el.textContent = String(counts[el.dataset.queueCount]); }
    });
  }

  function updateSelection() {
    if (selectedCount) { selectedCount.textContent = selectedIds().length + " selected"; }
  }

  function toggleSelect(card) {
    const box = card.querySelector(".select-box");
    if (!box) { return; }
    box.checked = !box.checked;
    card.classList.toggle("selected", box.checked);
    updateSelection();
  }

  function applyDecided(decided) {
    const ids = new Set(decided.map((d) => d.id));
    const stays = queueName === "all" || queueName === "single";
    cards().forEach((card) => {
      if (!ids.has(card.dataset.id)) { return; }
      const d = decided.find((x) => x.id === card.dataset.id);
      if (stays) {
        card.dataset.status = d.status;
        card.className = card.className.replace(/status-\w+/, "status-" + d.status);
        const badge = card.querySelector(".badge");
        badge.className = "badge badge-" + d.status;
        badge.textContent = d.status;
      } else {
        card.remove();
      }
    });
    updateSelection();
    if (!cards().length) {
      const cleared = document.getElementById("cleared");
      if (cleared) { cleared.classList.remove("hidden"); }
      return;
    }
    focusCard(stays ? current + 1 : current);
  }

  async function decide(ids, status, reason, note) {
    const single = ids.length === 1;
    const url = single
      ? "/moderate/api/comments/" + encodeURIComponent(ids[0]) + "/decision"
      : "/moderate/api/bulk";
    const body = { status: status, reason: reason || null, note: note || null };
    if (!single) { body.ids = ids; }
    ids.forEach((id) => {
      const card = document.getElementById("c-" + id);
      if (card) { card.classList.add("leaving"); }
    });
    try {
      const response = await fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken },
        body: JSON.stringify(body),
      });
      const data = await response.json();
      if (!response.ok) { throw new Error((data.error && data.error.message) || response.statusText); }
      updateCounts(data.counts);
      applyDecided(data.decided);
      const n = data.decided.length;
      say(n === 1 ? "Comment " + status + "." : n + " comments " + status + ".", "success");
    } catch (error) {
      cards().forEach((c) => c.classList.remove("leaving"));
      say("Not saved: " + error.message, "error");
    }
  }

  function targets() {
    const chosen = selectedIds();
    if (chosen.length) { return chosen; }
    const card = currentCard();
    return card ? [card.dataset.id] : [];
  }

  function openPicker(ids) {
    if (!ids.length || !picker) { return; }
    pending = ids;
    picker.querySelector("#picker-title").textContent =
      ids.length === 1 ? "Reject: choose a reason" : "Reject " + ids.length + " comments: choose a reason";
    picker.querySelector("#picker-note").value = "";
    picker.returnValue = "";
    picker.showModal();
    const checked = picker.querySelector('input[name="picker-reason"]:checked');
    if (checked) { checked.focus(); }
  }

  if (picker) {
    picker.addEventListener("keydown", (event) => {
      const inNote = event.target.id === "picker-note";
      if (!inNote && /^[1-9]$/.test(event.key)) {
        const radios = picker.querySelectorAll('input[name="picker-reason"]');
        const radio = radios[Number(event.key) - 1];
        if (radio) { radio.checked = true; radio.focus(); }
        event.preventDefault();
      } else if (event.key === "Enter") {
        event.preventDefault();
        picker.close("confirm");
      }
    });
    picker.addEventListener("close", () => {
      const ids = pending;
      pending = null;
      if (picker.returnValue === "confirm" && ids) {
        const reason = picker.querySelector('input[name="picker-reason"]:checked').value;
        decide(ids, "rejected", reason, picker.querySelector("#picker-note").value);
      } else {
        focusCard(current);
      }
    });
  }

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (document.querySelector("dialog[open]")) { return; }
    const tag = event.target.tagName;
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") { return; }
    const card = currentCard();
    switch (event.key) {
      case "j": focusCard(current + 1); break;
      case "k": focusCard(current - 1); break;
      case "x": if (card) { toggleSelect(card); } break;
      case "a": decide(targets(), "approved"); break;
      case "p": decide(targets(), "pending"); break;
      case "r": openPicker(targets()); break;
      case "o":
        if (card) { window.location.href = "/moderate/comments/" + encodeURIComponent(card.dataset.id); }
        break;
      case "?": if (help) { help.showModal(); } break;
      default: return;
    }
    event.preventDefault();
  });

  // The same decisions from the mouse: intercept the cards' plain forms.
  list.addEventListener("submit", (event) => {
    const form = event.target;
    const card = form.closest(".card");
    if (!card || !form.elements.status) { return; }
    event.preventDefault();
    current = cards().indexOf(card);
    const data = new FormData(form);
    decide([card.dataset.id], data.get("status"), data.get("reason"), data.get("note"));
  });

  list.addEventListener("change", (event) => {
    if (event.target.classList.contains("select-box")) {
      event.target.closest(".card").classList.toggle("selected", event.target.checked);
      updateSelection();
    }
  });

  list.addEventListener("click", (event) => {
    const card = event.target.closest(".card");
    if (card) { current = cards().indexOf(card); cards().forEach((c) => c.classList.toggle("current", c === card)); }
  });

  const bulk = document.getElementById("bulk-form");
  if (bulk) {
    bulk.addEventListener("submit", (event) => {
      event.preventDefault();
      const ids = selectedIds();
      if (!ids.length) { say("Select comments first (x, or the checkboxes).", "error"); return; }
      const status = event.submitter ? event.submitter.value : "approved";
      const reason = bulk.elements.reason.value;
      if (status === "rejected" && !reason) { openPicker(ids); return; }
      decide(ids, status, reason, "");
    });
  }

  focusCard(0);
})();
