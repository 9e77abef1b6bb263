// The judging screen with JavaScript: decisions by key or button are posted in the
// background, and the next pair (fetched and its pages decoded beforehand) is swapped in at
// once. The time from decision to the next pair on screen is kept in
// document.body.dataset.lastSwapMs, and each swap is announced to screen readers.
(function () {
  "use strict";
  var form = document.getElementById("judge-form");
  if (!form) { return; }
  var queueUrl = form.dataset.queueUrl;
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var current = null; // the pair on screen, as JSON
  var next = null; // the following pair, pages preloaded
  var shownAt = performance.now();
  var busy = false;
  // A key pressed while the last decision is still saving: kept for the pair it was made
  // on, and decided once the save is back (a fast judge on a slow line is not ignored).
  var waiting = null;

  function preload(pair) {
    if (!pair) { return Promise.resolve(); }
    var images = [];
    ["left", "right"].forEach(function (side) {
      pair[side].pages.forEach(function (page) {
        if (page.url) {
          var image = new Image();
          image.src = page.url;
          images.push(image.decode().catch(function () {}));
          page.element = image;
        }
      });
    });
    return Promise.all(images);
  }

  function showSide(side, script) {
    var section = document.getElementById("judge-" + side);
    section.querySelector(".judge-code").textContent = script.code;
    var holder = section.querySelector(".judge-pages");
    var pages = document.createElement("div");
    pages.className = "script-pages";
    script.pages.forEach(function (page) {
      if (page.element) {
        page.element.className = "script-page";
        page.element.alt = "Page " + page.number + " of script " + script.code;
        pages.appendChild(page.element);
      } else {
        var note = document.createElement("p");
        note.className = "alert alert-info";
        note.textContent = "Page " + page.number + " is being prepared.";
        pages.appendChild(note);
      }
    });
    if (script.text) {
      var text = document.createElement("div");
      text.className = "script-text";
      script.text.split(/\n{2,}/).forEach(function (para) {
        var p = document.createElement("p");
        p.textContent = para;
        text.appendChild(p);
      });
      pages.appendChild(text);
    }
    holder.replaceChildren(pages);
  }

  function progress(data) {
    var bar = document.getElementById("judge-progress-bar");
    bar.max = Math.max(data.total, 1);
    bar.value = data.done;
    document.getElementById("judge-progress-label").textContent =
      data.done + " of " + data.total + " done";
  }

  function load() {
    return fetch(queueUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        current = data.pairs[0] || null;
        next = data.pairs[1] || null;
        progress(data.progress);
        return preload(next);
      });
  }

  function finish() {
    form.replaceChildren();
    var done = document.createElement("p");
    done.className = "alert alert-success mt-3";
    done.id = "judge-done";
    done.setAttribute("role", "status");
    done.textContent = "No comparisons are waiting for you. Thank you.";
    form.appendChild(done);
  }

  function decide(chosen) {
    if (!current) { return; }
    if (busy) { waiting = { chosen: chosen, id: current.id }; return; }
    busy = true;
    var started = performance.now();
    var body = new FormData();
    body.append("comparison", current.id);
    body.append("chosen", chosen);
    body.append("seconds", ((started - shownAt) / 1000).toFixed(2));
    body.append("format", "json");
    var posted = fetch(form.action || window.location.href, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-CSRFToken": csrf, Accept: "application/json" },
    }).then(function (response) {
      if (!response.ok) { throw new Error("not saved"); }
      return response.json();
    });
    if (next) {
      // Swap to the preloaded pair straight away; the decision is saving meanwhile.
      showSide("left", next.left);
      showSide("right", next.right);
      document.getElementById("judge-comparison").value = next.id;
      current = next;
      next = null;
      document.body.dataset.lastSwapMs = (performance.now() - started).toFixed(1);
      shownAt = performance.now();
      document.getElementById("judge-announce").textContent =
        "Next pair: " + current.left.code + " and " + current.right.code;
    }
    posted.then(function (data) {
      var shown = current;
      current = data.pairs[0] || null;
      next = data.pairs[1] || null;
      progress(data.progress);
      if (!current) { finish(); busy = false; return; }
      if (!shown || shown.id !== current.id) {
        // The preloaded pair was not the next (or there was none): show the server's.
        return preload(current).then(function () {
          showSide("left", current.left);
          showSide("right", current.right);
          document.getElementById("judge-comparison").value = current.id;
          document.body.dataset.lastSwapMs = (performance.now() - started).toFixed(1);
          shownAt = performance.now();
          return preload(next);
        });
      }
      return preload(next);
    }).catch(function () {
      window.location.reload(); // the plain page shows where things stand
    }).finally(function () {
      busy = false;
      var then = waiting;
      waiting = null;
      // Only for the pair it was made on: the server may have shown another since.
      if (then && current && current.id === then.id) { decide(then.chosen); }
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var chosen = event.submitter && event.submitter.value;
    if (chosen) { decide(chosen); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var target = event.target;
    if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA")) { return; }
    if (event.key === "ArrowLeft" || event.key === "a" || event.key === "A") {
      event.preventDefault(); decide("left");
    } else if (event.key === "ArrowRight" || event.key === "l" || event.key === "L") {
      event.preventDefault(); decide("right");
    }
  });
  load().then(function () { document.body.dataset.judgingReady = "1"; });
})();
