// Progressive enhancement of the demo comment form: post it to the moderation API with
// fetch and show the decision message without reloading. Without JavaScript the form
// posts to the site route instead. Text is only ever inserted with textContent.
"use strict";

(function () {
  const form = document.getElementById("comment-form");
  if (!form || !window.fetch) {
    return;
  }
  const status = document.getElementById("comment-status");
  const list = document.getElementById("comment-list");
  const count = document.getElementById("comment-count");
  const button = form.querySelector("button[type=submit]");
  let idempotencyKey = newKey();

  function newKey() {
    return window.crypto && crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random();
  }

  function readerId() {
    // A pseudonymous id per browser, so the service can rate-limit per author.
    try {
      let id = localStorage.getItem("moderation-demo-reader");
      if (!id) {
        id = "reader-" + newKey();
        localStorage.setItem("moderation-demo-reader", id);
      }
      return id;
    } catch (error) {
      return null;
    }
  }

  function show(kind, message) {
    const line = document.createElement("p");
    line.className = "message " + kind;
    line.textContent = message;
    status.replaceChildren(line);
  }

  function append(name, text) {
    const empty = list.querySelector(".empty");
    if (empty) {
      empty.remove();
    }
    const item = document.createElement("li");
    item.className = "comment";
    const author = document.createElement("p");
    author.className = "comment-author";
    author.dir = "auto";
    author.textContent = name;
    const body = document.createElement("p");
    body.className = "comment-text";
    body.dir = "auto";
    body.textContent = text;
    item.append(author, body);
    list.append(item);
    count.textContent = String(Number(count.textContent) + 1);
  }

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    const name = form.elements.author_name.value.trim() || "Reader";
    const text = form.elements.text.value;
    const author = { name: name };
    const id = readerId();
    if (id) {
      author.id = id;
    }
    button.disabled = true;
    try {
      const response = await fetch(form.dataset.api, {
        method: "POST",
        headers: { "Content-Type": "application/json", "Idempotency-Key": idempotencyKey },
        body: JSON.stringify({ article_id: form.dataset.article, author: author, text: text }),
      });
      const data = await response.json();
      if (response.ok) {
        show(data.status, data.message);
        idempotencyKey = newKey();
        if (data.status === "approved") {
          append(name, text);
        }
        if (data.status !== "rejected") {
          form.elements.text.value = "";
        }
      } else {
        show("error", data.error ? data.error.message : "Your comment could not be sent.");
      }
    } catch (error) {
      show("error", "Your comment could not be sent. Please try again.");
    } finally {
      button.disabled = false;
    }
  });
})();
