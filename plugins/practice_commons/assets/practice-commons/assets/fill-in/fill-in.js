/* Practice Commons: "Fill it in here" on toolkit template pages.
 *
 * The form is rendered in the page (partials/fill-in.html) but hidden, so that
 * without JavaScript visitors keep the static worksheet and see no controls that
 * cannot work. This script shows the form in the worksheet's place, keeps the
 * answers in localStorage (never sent anywhere), computes each rating scale's
 * summary, and exports the answers as Markdown or JSON.
 *
 * The verdict rule matches RatingScale.verdict in core/downloads/sheet.py: points
 * in `ready` count as ready, points in `low` (those below the first ready point)
 * as needs work, anything else (e.g. "Not applicable") is not counted; "ready"
 * needs a strict majority of the counted ratings.
 */
(function () {
  "use strict";

  var PREFIX = "practice-commons:fill:";

  function fmt(text, values) {
    return text.replace(/\{(\w+)\}/g, function (m, k) {
      return Object.prototype.hasOwnProperty.call(values, k) ? String(values[k]) : m;
    });
  }

  // Template text in the Markdown export is escaped so that "***" or "<" stay text.
  function esc(text) {
    return String(text).replace(/\s+/g, " ").trim().replace(/([\\`*_[\]<>|~])/g, "\\$1");
  }

  // A visitor's own answer in a table cell: keep their text, but one line, no cell breaks.
  function cell(text) {
    var v = String(text || "").trim().replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
    return v || " ";
  }

  function openStorage() {
    try {
      var s = window.localStorage;
      s.setItem(PREFIX + "probe", "1");
      s.removeItem(PREFIX + "probe");
      return s;
    } catch (e) {
      return null; // private browsing, storage disabled, or a sandboxed frame
    }
  }

  function readForm(form) {
    var answers = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name) return;
      if (el.type === "radio") {
        if (el.checked) answers[el.name] = el.value;
      } else if (el.type === "checkbox") {
        if (el.checked) answers[el.name] = true;
      } else if (el.value.trim() !== "") {
        answers[el.name] = el.value;
      }
    });
    return answers;
  }

  function writeForm(form, answers) {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name) return;
      var v = answers[el.name];
      if (el.type === "radio") el.checked = v === el.value;
      else if (el.type === "checkbox") el.checked = v === true;
      else if ("value" in el) el.value = typeof v === "string" ? v : "";
    });
  }

  function tally(sec, answers) {
    var counts = sec.scale.map(function () { return 0; });
    var ready = 0, low = 0;
    sec.items.forEach(function (_, i) {
      var v = answers[sec.id + "." + i];
      var k = sec.scale.indexOf(v);
      if (k < 0) return;
      counts[k] += 1;
      // A risk item (agreeing means trouble) is shown in the counts but not in the verdict.
      if ((sec.risk || []).indexOf(i) >= 0) return;
      if (sec.ready.indexOf(v) >= 0) ready += 1;
      else if (sec.low.indexOf(v) >= 0) low += 1;
    });
    var verdict = null;
    if (sec.ready.length && ready + low > 0) verdict = ready > low ? "ready" : "needs-work";
    return { counts: counts, ready: ready, low: low, counted: ready + low, verdict: verdict };
  }

  function init() {
    var root = document.querySelector("[data-pc-fill]");
    var dataEl = document.getElementById("pc-fill--data");
    if (!root || !dataEl || root.getAttribute("data-pc-ready")) return;
    root.setAttribute("data-pc-ready", "1");
    var data = JSON.parse(dataEl.textContent);
    var t = data.t;
    var form = root.querySelector("[data-pc-fill-form]");
    // The path keeps two sites on one host (user.github.io/a/, /b/) apart.
    var key = PREFIX + location.pathname;
    var store = openStorage();
    var ratings = data.sections.filter(function (s) {
      return s.type === "rating_scale" && s.ready.length;
    });

    function setStatus(text) {
      root.querySelectorAll("[data-pc-status]").forEach(function (el) { el.textContent = text; });
    }

    function verdictText(sec, s) {
      if (!s.verdict) return t.fill_not_rated;
      var head = s.verdict === "ready" ? t.fill_ready : t.fill_needs_work;
      return head + ". " + fmt(t.fill_verdict_detail, {
        ready: s.ready, counted: s.counted, points: sec.ready.join(" " + t.fill_or + " ")
      });
    }

    function summarize(answers) {
      ratings.forEach(function (sec) {
        var s = tally(sec, answers);
        var box = form.querySelector('[data-pc-summary="' + sec.id + '"]');
        if (box) {
          box.querySelectorAll("[data-pc-count]").forEach(function (td) {
            td.textContent = String(s.counts[Number(td.getAttribute("data-pc-count"))]);
          });
          var p = box.querySelector("[data-pc-verdict]");
          var text = verdictText(sec, s);
          if (p.textContent !== text) p.textContent = text;
          p.setAttribute("data-verdict", s.verdict || "none");
        }
        var row = form.querySelector('[data-pc-overview="' + sec.id + '"]');
        if (row) row.textContent = verdictText(sec, s);
      });
    }

    // Textareas grow with their text on screen; on paper a copy of the text is printed
    // instead, because a textarea prints only what fits in its box.
    function fit(el) {
      el.style.height = "auto";
      el.style.height = el.scrollHeight + 2 + "px";
      var copy = el.nextElementSibling;
      if (!copy || !copy.classList.contains("pc-fill__print")) {
        copy = document.createElement("div");
        copy.className = "pc-fill__print";
        copy.setAttribute("aria-hidden", "true");
        copy.style.minHeight = (el.rows || 2) * 1.6 + "em";
        el.parentNode.insertBefore(copy, el.nextSibling);
      }
      copy.textContent = el.value;
    }

    function fitAll() {
      form.querySelectorAll("textarea").forEach(fit);
    }

    function save() {
      var answers = readForm(form);
      summarize(answers);
      if (!store) return;
      try {
        if (Object.keys(answers).length) {
          store.setItem(key, JSON.stringify({ version: 1, saved: new Date().toISOString(), answers: answers }));
        } else {
          store.removeItem(key);
        }
        setStatus(fmt(t.fill_saved, {
          time: new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })
        }));
      } catch (e) {
        setStatus(t.fill_no_storage); // e.g. the storage quota is full
      }
    }

    function load() {
      if (!store) return null;
      try {
        var parsed = JSON.parse(store.getItem(key) || "null");
        return parsed && typeof parsed.answers === "object" && parsed.answers ? parsed : null;
      } catch (e) {
        return null; // damaged entry: start afresh rather than fail
      }
    }

    function toJSON(answers) {
      return {
        template: { title: data.title, slug: data.slug, url: data.url || null },
        saved: new Date().toISOString(),
        sections: data.sections.map(function (sec) {
          var out = { id: sec.id, type: sec.type, label: sec.label };
          if (sec.type === "prompt") {
            out.answer = answers[sec.id] || null;
          } else if (sec.type === "table") {
            out.columns = sec.columns;
            out.rows = sec.rows.map(function (row, r) {
              return row.cells.map(function (text, c) {
                if (row.given || (sec.labelColumn && c === 0)) return text;
                return answers[sec.id + "." + r + "." + c] || "";
              });
            });
          } else if (sec.type === "rating_scale") {
            out.scale = sec.scale;
            out.items = sec.items.map(function (statement, i) {
              return { statement: statement, rating: answers[sec.id + "." + i] || null };
            });
            if (sec.ready.length) {
              var s = tally(sec, answers);
              var counts = {};
              sec.scale.forEach(function (p, k) { counts[p] = s.counts[k]; });
              out.summary = { counts: counts, ready: s.ready, needs_work: s.low, verdict: s.verdict };
              out.next_steps = sec.nextSteps || null;
            }
          } else if (sec.type === "checklist") {
            out.items = sec.items.map(function (item, i) {
              return { item: item, checked: answers[sec.id + "." + i] === true };
            });
          }
          return out;
        })
      };
    }

    function toMarkdown(answers) {
      var doc = toJSON(answers);
      var out = ["# " + esc(fmt(t.fill_answers_title, { title: data.title })), "",
        esc(fmt(t.fill_saved_on, { date: new Date().toLocaleString() })) +
        (data.url ? " · <" + data.url + ">" : ""), ""];
      doc.sections.forEach(function (sec, n) {
        var def = data.sections[n];
        out.push("## " + esc(sec.label), "");
        if (sec.type === "prompt") {
          out.push(sec.answer ? sec.answer.trim() : "*" + esc(t.fill_no_answer) + "*", "");
        } else if (sec.type === "table") {
          out.push("| " + sec.columns.map(function (c) { return cell(esc(c)); }).join(" | ") + " |");
          out.push("|" + sec.columns.map(function () { return "---|"; }).join(""));
          sec.rows.forEach(function (row, r) {
            out.push("| " + row.map(function (v, c) {
              var printed = def.rows[r].given || (def.labelColumn && c === 0);
              return printed ? cell(esc(v)) : cell(v);
            }).join(" | ") + " |");
          });
          out.push("");
        } else if (sec.type === "rating_scale") {
          out.push("| " + esc(t.statement) + " | " + esc(t.fill_rating) + " |", "|---|---|");
          sec.items.forEach(function (it) {
            out.push("| " + cell(esc(it.statement)) + " | " + cell(it.rating ? esc(it.rating) : "") + " |");
          });
          out.push("");
          if (sec.summary) {
            var parts = sec.scale.map(function (p) { return esc(p) + ": " + sec.summary.counts[p]; });
            var verdict = verdictText(def, tally(def, answers));
            out.push("**" + esc(t.fill_summary) + " (" + esc(t.fill_site_aid) + "):** " +
              parts.join(" · ") + ". " + esc(verdict), "");
            if (sec.next_steps) out.push("**" + esc(t.next_steps) + ":** " + esc(sec.next_steps), "");
          }
        } else if (sec.type === "checklist") {
          sec.items.forEach(function (it) {
            out.push("- [" + (it.checked ? "x" : " ") + "] " + esc(it.item));
          });
          out.push("");
        }
      });
      return out.join("\n");
    }

    function download(name, text, type) {
      var url = URL.createObjectURL(new Blob([text], { type: type }));
      var a = document.createElement("a");
      a.href = url;
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    }

    var actions = {
      "download-md": function () {
        download(data.slug + "-answers.md", toMarkdown(readForm(form)), "text/markdown;charset=utf-8");
      },
      "download-json": function () {
        download(data.slug + "-answers.json", JSON.stringify(toJSON(readForm(form)), null, 2) + "\n",
          "application/json;charset=utf-8");
      },
      print: function () { fitAll(); window.print(); },
      clear: function () {
        if (!window.confirm(t.fill_confirm_clear)) return;
        writeForm(form, {});
        if (store) {
          try { store.removeItem(key); } catch (e) { /* nothing to remove */ }
        }
        fitAll();
        summarize({});
        setStatus(t.fill_cleared);
      }
    };

    root.querySelectorAll("[data-pc-action]").forEach(function (button) {
      button.addEventListener("click", function () {
        actions[button.getAttribute("data-pc-action")]();
      });
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.addEventListener("input", function (e) {
      if (e.target.tagName === "TEXTAREA") fit(e.target);
      save();
    });
    form.addEventListener("change", save);
    window.addEventListener("beforeprint", fitAll);

    var stored = load();
    writeForm(form, stored ? stored.answers : {});
    var worksheet = document.querySelector(".pc-worksheet");
    if (worksheet) worksheet.hidden = true;
    root.hidden = false;
    fitAll();
    summarize(stored ? stored.answers : {});
    if (!store) setStatus(t.fill_no_storage);
    else if (stored) {
      setStatus(fmt(t.fill_saved, {
        time: new Date(stored.saved).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })
      }));
    } else setStatus(t.fill_not_saved_yet);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
  // Material's instant navigation (if a host turns it on) swaps pages without reloading
  // scripts and announces each new page on document$; init() skips a form it has set up.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { init(); });
  }
})();
