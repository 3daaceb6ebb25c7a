/* Practice Commons: the "Submit a profile" form.
 *
 * Reads the form (generated from the profile schema), checks it with the
 * validator in submit-validate.js (a port of core/validate.py), lists problems at the top and beside each
 * field, and, once it is valid, offers the file: open GitHub's "create new file"
 * page with the name and content filled in, copy it, or download it.
 */
(function () {
  "use strict";
  var dataEl = document.getElementById("pc-submit-data");
  var form = document.getElementById("pc-submit-form");
  if (!dataEl || !form || !window.PracticeCommonsProfile) return;
  var CFG = JSON.parse(dataEl.textContent);
  var P = window.PracticeCommonsProfile;
  var S = CFG.strings;
  var writer = new P.Writer(CFG.schema, CFG.flowMax);
  // Longer links than this are refused by some browsers and servers: offer copy instead.
  var MAX_URL = 8000;

  function fmt(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, k) { return k in values ? values[k] : m; });
  }

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
    return { data: P.prune(data), body: body };
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
    return new P.Validator(CFG.schema, vocab, day || today()).validate(data);
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
      var line = document.createElement("span");
      line.textContent = issue.message + (issue.hint ? " — " + issue.hint : "");
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
      var msg = document.createElement("span");
      msg.className = "pc-err-msg";
      msg.textContent = issue.message;
      a.append(label, ": ", msg);
      if (issue.hint) {
        var hint = document.createElement("span");
        hint.className = "pc-err-hint";
        hint.textContent = issue.hint;
        a.append(" — ", hint);
      }
      a.addEventListener("click", function (ev) {
        if (control) { ev.preventDefault(); control.focus(); control.scrollIntoView({ block: "center" }); }
      });
      li.appendChild(a);
      list.appendChild(li);
    });
    summary.querySelector("h2").textContent = fmt(S.submit_errors_title, { n: issues.length });
    summary.hidden = false;
    document.getElementById("pc-submit-result").hidden = true;
    summary.focus();
  }

  // -- the result -----------------------------------------------------------------------
  function showResult(file) {
    document.getElementById("pc-submit-summary").hidden = true;
    clearErrors();
    var result = document.getElementById("pc-submit-result");
    document.getElementById("pc-result-path").textContent = file.path;
    document.getElementById("pc-result-text").value = file.text;
    var download = document.getElementById("pc-download");
    download.href = "data:text/markdown;charset=utf-8," + encodeURIComponent(file.text);
    download.setAttribute("download", file.path.split("/").pop());
    var gh = document.getElementById("pc-open-github");
    var note = document.getElementById("pc-github-long");
    if (CFG.repository) {
      var base = "https://github.com/" + CFG.repository + "/new/" + encodeURIComponent(CFG.branch) +
        "?filename=" + encodeURIComponent(file.path).replace(/%2F/g, "/");
      var full = base + "&value=" + encodeURIComponent(file.text);
      gh.href = full.length <= MAX_URL ? full : base;
      note.hidden = full.length <= MAX_URL;
      gh.hidden = false;
    }
    result.hidden = false;
    document.getElementById("pc-result-heading").focus();
  }

  function copy() {
    var text = document.getElementById("pc-result-text");
    var status = document.getElementById("pc-copy-status");
    function done(ok) { status.textContent = ok ? S.submit_copied : S.submit_copy_failed; }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text.value).then(function () { done(true); }, function () { done(false); });
    } else {
      text.select();
      try { done(document.execCommand("copy")); } catch (e) { done(false); }
    }
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
    if (add) { addItem(add.closest("[data-repeat]"), true); return; }
    var rm = ev.target.closest("[data-remove]");
    if (rm) removeItem(rm.closest(".pc-item"));
  });

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var file = markdown();
    var issues = validate(file.data);
    if (issues.length) showErrors(issues); else showResult(file);
  });

  document.getElementById("pc-copy").addEventListener("click", copy);
  form.querySelectorAll("[data-repeat]").forEach(function (repeat) {
    for (var n = 0; n < +repeat.dataset.start; n++) addItem(repeat, false);
  });
  var submitted = form.querySelector('[data-path="submitted"]');
  if (submitted && !submitted.value) submitted.value = today();
  document.getElementById("pc-submit-js").hidden = false;
  form.hidden = false;

  window.PracticeCommonsSubmit = { collect: collect, markdown: markdown, validate: validate, today: today };
})();
