/* Practice Commons: the "Submit a profile" form.
 *
 * Reads the form (generated from the profile schema, in steps), checks each step
 * with the validator in submit-validate.js (a port of core/rules/validate.py) and the
 * text sections as core/rules/completeness.py does, says each problem in plain words
 * (submit-steps.js) at the top and beside its field, keeps the answers in this
 * browser between visits, and at the last step shows the profile as it will look
 * and offers the file: GitHub's "create new file" page filled in, a download, a copy.
 */
(function () {
  "use strict";
  var dataEl = document.getElementById("pc-submit-data");
  var form = document.getElementById("pc-submit-form");
  if (!dataEl || !form || !window.PracticeCommonsProfile || !window.PracticeCommonsSteps ||
      !window.PracticeCommonsStore) return;
  var CFG = JSON.parse(dataEl.textContent);
  var P = window.PracticeCommonsProfile;
  var W = window.PracticeCommonsSteps;
  var S = CFG.strings;
  var result = document.getElementById("pc-submit-result");
  var steps = Array.prototype.slice.call(form.querySelectorAll(".pc-step")).concat([result]);
  var current = 1;
  var KEY = "practice-commons:submit:" + location.pathname;
  var writer = new P.Writer(CFG.schema, CFG.flowMax);
  // Longer links than this are refused by some browsers and servers: offer copy instead.
  var MAX_URL = 8000;

  var fmt = W.fmt;

  // A title beyond ASCII needs the transliteration table for its file name (core/content/slug.py).
  function wantSlugTable(value) {
    if (/[^\x00-\x7f]/.test(value)) P.loadSlugTable(CFG.slugTable);
  }
  form.addEventListener("input", function (e) {
    if (e.target && e.target.id === "pc-f-title") wantSlugTable(e.target.value);
  });
  var titleEl = document.getElementById("pc-f-title");
  if (titleEl) wantSlugTable(titleEl.value);  // answers restored from an earlier visit


  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" +
      String(d.getDate()).padStart(2, "0");
  }

  function parsePath(path) {
    var out = [];
    path.replace(/([^.[\]]+)|\[(\d+)\]/g, function (m, name, i) { out.push(i !== undefined ? +i : name); });
    return out;
  }

  function put(obj, path, value) {
    var node = obj;
    for (var n = 0; n < path.length - 1; n++) {
      var here = path[n], next = path[n + 1];
      if (node[here] === undefined) node[here] = typeof next === "number" ? [] : {};
      node = node[here];
    }
    node[path[path.length - 1]] = value;
  }

  // Text typed into a number-like field becomes a number, as YAML would read it.
  function convert(el, raw) {
    var types = (el.dataset.types || "").split(" ");
    if (/^-?\d+$/.test(raw.trim()) && (types.indexOf("integer") >= 0 || types.indexOf("number") >= 0)) {
      return parseInt(raw.trim(), 10);
    }
    if (/^-?\d+\.\d+$/.test(raw.trim()) && types.indexOf("number") >= 0) return parseFloat(raw.trim());
    return raw;
  }

  /** The profile data and body sections the form holds now. */
  function collect() {
    var data = {}, lists = {};
    form.querySelectorAll("[data-path]").forEach(function (el) {
      var path = el.dataset.path;
      if (path.indexOf("__i__") >= 0) return; // inside a <template>
      if (el.type === "checkbox") {
        if (!lists[path]) { lists[path] = []; put(data, parsePath(path), lists[path]); }
        if (el.checked) lists[path].push(JSON.parse(el.value));
      } else if (el.tagName === "SELECT") {
        if (el.value !== "") put(data, parsePath(path), JSON.parse(el.value));
      } else if (el.value.trim() !== "") {
        put(data, parsePath(path), convert(el, el.value));
      }
    });
    var body = {};
    form.querySelectorAll("[data-body]").forEach(function (el) { body[el.dataset.body] = el.value; });
    data = P.prune(data);
    // Not asked (core/contributing/formspec.py SKIPPED): a submission is for review, made today.
    data.status = "published";
    data.submitted = today();
    return { data: data, body: body };
  }

  function fileName(data) {
    return CFG.profilesDir + "/" + (data.slug || P.slugify(String(data.title || ""))) + ".md";
  }

  function markdown() {
    var c = collect();
    return { path: fileName(c.data), text: writer.render(c.data, c.body, CFG.sections), data: c.data };
  }

  function validate(data, day) {
    var vocab = {};
    Object.keys(CFG.vocabulary).forEach(function (k) { vocab[k] = CFG.vocabulary[k]; });
    return new P.Validator(CFG.schema, vocab, day || today(), CFG.messages, CFG.formats).validate(data);
  }

  /** Every problem of the form: the validator's, with required groups present so it names
   *  the missing answer inside them (the contact's role, not "the contact"), and the text
   *  sections'. */
  function problems(c) {
    var data = JSON.parse(JSON.stringify(c.data));
    (CFG.schema.required || []).forEach(function (key) {
      var node = CFG.schema.properties[key] || {};
      if (node.type === "object" && data[key] === undefined) data[key] = {};
    });
    return validate(data).concat(W.sectionIssues(c.body, CFG.sections, CFG.guides));
  }

  function label(list, slug) {
    var found = (CFG.vocabulary[list] || []).filter(function (t) { return t.slug === slug; })[0];
    return found ? found.label : String(slug);
  }

  function fieldLabel(path) {
    var box = form.querySelector('[data-field="' + CSS.escape(path) + '"]');
    return box ? box.dataset.label : path;
  }

  function plainMessage(issue, box) {
    var kind = box.matches("[data-body]") || box.querySelector("[data-body]") ? "section" :
      box.matches(".pc-checks") ? "checkboxes" : box.matches("[data-repeat]") ? "repeat" :
      box.querySelector("select") && !box.querySelector("input, textarea") ? "select" : "text";
    var help = box.querySelector(".pc-help");
    var n = /^body\[(\d+)\]$/.exec(issue.field || "");
    return W.plain(issue, { S: S, label: box.dataset.label || "", kind: kind,
      help: help ? help.textContent : "", guide: n ? CFG.guides[+n[1]] : "" });
  }

  // -- showing problems ---------------------------------------------------------------
  function containerFor(field) {
    var parts = parsePath(field || "");
    while (parts.length) {
      var name = parts.reduce(function (acc, p) {
        return typeof p === "number" ? acc + "[" + p + "]" : (acc ? acc + "." + p : p);
      }, "");
      var el = form.querySelector('[data-field="' + CSS.escape(name) + '"]');
      if (el) return el;
      parts.pop();
    }
    return form.querySelector("[data-field]");
  }

  function labelOf(box) {
    var own = box.dataset.label || "";
    var item = box.parentElement && box.parentElement.closest(".pc-item");
    return item ? item.querySelector("legend").textContent.trim() + " › " + own : own;
  }

  function clearErrors() {
    form.querySelectorAll(".pc-field-error").forEach(function (p) { p.hidden = true; p.textContent = ""; });
    form.querySelectorAll("[aria-invalid]").forEach(function (el) {
      el.removeAttribute("aria-invalid");
      var ids = (el.getAttribute("aria-describedby") || "").split(" ").filter(function (id) {
        return !/-error$/.test(id);
      });
      el.setAttribute("aria-describedby", ids.join(" "));
    });
    form.querySelectorAll(".pc-field--error").forEach(function (b) { b.classList.remove("pc-field--error"); });
  }

  function showErrors(issues) {
    var summary = document.getElementById("pc-submit-summary");
    var list = summary.querySelector("ul");
    list.textContent = "";
    clearErrors();
    // List problems in the order of the form, not the order the checks ran.
    issues = issues.map(function (issue, n) { return { issue: issue, box: containerFor(issue.field), n: n }; })
      .sort(function (a, b) {
        if (a.box === b.box) return a.n - b.n;
        return a.box.compareDocumentPosition(b.box) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
      }).map(function (x) { return x.issue; });
    issues.forEach(function (issue) {
      var box = containerFor(issue.field);
      var control = box.matches("input, select, textarea") ? box :
        box.querySelector("input, select, textarea") || box.querySelector("[data-add]");
      var err = document.getElementById(box.dataset.error);
      var words = plainMessage(issue, box);
      var line = document.createElement("span");
      line.textContent = words;
      if (err.textContent) err.appendChild(document.createElement("br"));
      err.appendChild(line);
      err.hidden = false;
      box.classList.add("pc-field--error");
      if (control && control.tagName !== "BUTTON") {
        control.setAttribute("aria-invalid", "true");
        var ids = (control.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
        if (ids.indexOf(err.id) < 0) ids.push(err.id);
        control.setAttribute("aria-describedby", ids.join(" "));
      }
      var li = document.createElement("li");
      li.dataset.field = issue.field || "";
      var a = document.createElement("a");
      a.href = "#" + (control ? control.id : box.id);
      var label = document.createElement("span");
      label.className = "pc-err-label";
      label.textContent = labelOf(box);
      var where = box.closest(".pc-step");
      if (where && +where.dataset.step !== current) show(+where.dataset.step, false);
      var msg = document.createElement("span");
      msg.className = "pc-err-msg";
      msg.textContent = words;
      a.append(label, ": ", msg);
      a.addEventListener("click", function (ev) {
        if (control) { ev.preventDefault(); control.focus(); control.scrollIntoView({ block: "center" }); }
      });
      li.appendChild(a);
      list.appendChild(li);
    });
    summary.querySelector("h2").textContent = fmt(S.submit_errors_title, { n: issues.length });
    summary.hidden = false;
    summary.focus();
  }

  // -- the result -----------------------------------------------------------------------
  var lastFile = null;

  function showResult(file) {
    lastFile = file;
    var c = collect();
    W.preview(document.getElementById("pc-preview"), c.data, c.body, CFG.sections, label, fieldLabel);
    var download = document.getElementById("pc-download");
    download.href = "data:text/markdown;charset=utf-8," + encodeURIComponent(file.text);
    download.setAttribute("download", file.path.split("/").pop());
    var gh = document.getElementById("pc-open-github");
    if (CFG.repository && gh) {
      var base = "https://github.com/" + CFG.repository + "/new/" + encodeURIComponent(CFG.branch) +
        "?filename=" + encodeURIComponent(file.path).replace(/%2F/g, "/");
      var full = base + "&value=" + encodeURIComponent(file.text);
      gh.href = full.length <= MAX_URL ? full : base;
      document.getElementById("pc-github-long").hidden = full.length <= MAX_URL;
    }
    result.querySelectorAll('a[data-pc-contact="email"]').forEach(function (a) {
      a.href = "mailto:" + CFG.contactEmail + "?subject=" +
        encodeURIComponent(fmt(S.submit_email_subject, { title: c.data.title || "" }));
    });
    show(steps.length, true);
  }

  function copy() {
    var status = document.getElementById("pc-copy-status");
    var text = lastFile ? lastFile.text : markdown().text;
    function done(ok) { status.textContent = ok ? S.submit_copied : S.submit_copy_failed; }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(false); });
      return;
    }
    var box = document.createElement("textarea");  // execCommand copies a selection only
    box.value = text;
    box.setAttribute("readonly", "");
    box.style.position = "fixed";
    box.style.opacity = "0";
    document.body.appendChild(box);
    box.select();
    try { done(document.execCommand("copy")); } catch (e) { done(false); } finally { box.remove(); }
  }

  // -- steps ----------------------------------------------------------------------------
  function show(n, focus) {
    current = n;
    steps.forEach(function (step, i) { step.hidden = i + 1 !== n; });
    document.querySelectorAll("[data-step-mark]").forEach(function (li) {
      if (+li.dataset.stepMark === n) li.setAttribute("aria-current", "step");
      else li.removeAttribute("aria-current");
    });
    if (focus) {
      var h = steps[n - 1].querySelector("h2");
      h.focus();
      h.scrollIntoView({ block: "start" });
    }
    save();
  }

  function inStep(issue, n) {
    var box = containerFor(issue.field);
    var step = box && box.closest(".pc-step");
    return step && +step.dataset.step === n;
  }

  function next() {
    var file = markdown(), c = collect();
    var all = problems(c);
    var here = all.filter(function (i) { return inStep(i, current); });
    if (here.length) { showErrors(here); return; }
    document.getElementById("pc-submit-summary").hidden = true;
    clearErrors();
    if (current < steps.length - 1) { show(current + 1, true); return; }
    if (all.length) {  // an earlier step was changed since: back to the first with problems
      var first = all.map(function (i) { return +containerFor(i.field).closest(".pc-step").dataset.step; })
        .sort()[0];
      show(first, false);
      showErrors(all.filter(function (i) { return inStep(i, first); }));
      return;
    }
    showResult(file);
  }

  // -- answers kept in this browser (submit-store.js) --------------------------------------
  var store = new window.PracticeCommonsStore(form, KEY, function (r, f) { addItem(r, f); });
  function save() { store.save(current); }

  function startAgain() {
    store.clear();
    document.getElementById("pc-submit-summary").hidden = true;
    clearErrors();
    lastFile = null;
    show(1, true);
    document.getElementById("pc-submit-status").textContent = S.submit_start_again_done;
  }

  // -- repeatable groups ----------------------------------------------------------------
  function renumber(item, index) {
    var tpl = item.parentElement.closest("[data-repeat]").querySelector("template");
    var fresh = itemFrom(tpl, index);
    var old = item.querySelectorAll("[data-path]"), now = fresh.querySelectorAll("[data-path]");
    old.forEach(function (el, n) {
      if (el.type === "checkbox") now[n].checked = el.checked; else now[n].value = el.value;
    });
    item.replaceWith(fresh);
    return fresh;
  }

  function itemFrom(tpl, index) {
    var html = tpl.innerHTML.replace(/__i__/g, String(index)).replace(/__n__/g, String(index + 1));
    var holder = document.createElement("div");
    holder.innerHTML = html;
    return holder.firstElementChild;
  }

  function addItem(repeat, focus) {
    var items = repeat.querySelector(".pc-items");
    var item = itemFrom(repeat.querySelector("template"), items.children.length);
    items.appendChild(item);
    if (focus) item.querySelector("input, select, textarea").focus();
  }

  function removeItem(item) {
    var items = item.parentElement, repeat = items.closest("[data-repeat]");
    var index = Array.prototype.indexOf.call(items.children, item);
    item.remove();
    Array.prototype.slice.call(items.children, index).forEach(function (el, n) { renumber(el, index + n); });
    var next = items.children[index] || items.children[index - 1];
    (next ? next.querySelector("input, select, textarea") : repeat.querySelector("[data-add]")).focus();
  }

  form.addEventListener("click", function (ev) {
    var add = ev.target.closest("[data-add]");
    if (add) { addItem(add.closest("[data-repeat]"), true); save(); return; }
    var rm = ev.target.closest("[data-remove]");
    if (rm) { removeItem(rm.closest(".pc-item")); save(); return; }
    if (ev.target.closest("[data-next]")) next();
  });
  document.getElementById("pc-submit-js").addEventListener("click", function (ev) {
    if (ev.target.closest("[data-back]")) show(Math.max(1, current - 1), true);
  });
  form.addEventListener("submit", function (ev) { ev.preventDefault(); next(); });
  form.addEventListener("input", save);
  form.addEventListener("change", save);

  document.getElementById("pc-copy").addEventListener("click", copy);
  document.getElementById("pc-start-again").addEventListener("click", startAgain);
  var kept = store.restore();
  if (kept) {
    show(Math.min(kept, steps.length - 1), false);
    document.getElementById("pc-submit-status").textContent = S.submit_restored;
  } else {
    form.querySelectorAll("[data-repeat]").forEach(function (repeat) {
      for (var n = 0; n < +repeat.dataset.start; n++) addItem(repeat, false);
    });
    show(1, false);
  }
  document.getElementById("pc-submit-js").hidden = false;
  form.hidden = false;

  window.PracticeCommonsSubmit = { collect: collect, markdown: markdown, validate: validate,
    problems: problems, today: today, show: show };
})();
