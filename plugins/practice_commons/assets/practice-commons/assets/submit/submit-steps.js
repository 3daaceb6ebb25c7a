/* Practice Commons: the submission form's words and pictures for school staff.
 *
 * plain(): the validator's message (written for people editing the file, and kept
 * identical to `commons validate` by test_submit_parity.py) said against the label
 * the contributor sees. sectionIssues(): the text sections a published profile must
 * have, as core/rules/completeness.py checks them. preview(): the profile as its page will
 * show it, built with textContent only (contributors' text is never parsed as HTML).
 */
(function (global) {
  "use strict";

  function fmt(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (m, k) { return k in values ? values[k] : m; });
  }

  // "resources[0].title" -> "resources_title", as the i18n keys are named.
  function slot(field) {
    return String(field || "").replace(/\[\d+\]/g, "").replace(/[^A-Za-z0-9]+/g, "_").replace(/^_|_$/g, "");
  }

  /** One problem in plain words. ``c``: {S, label, kind, help, guide}. */
  // The validator's message keys (i18n/<lang>.messages.yaml) → the form's own words.
  var PLAIN = {
    too_short: "submit_msg_short", too_long: "submit_msg_long", too_many_items: "submit_msg_many",
    too_few_items: "submit_msg_add", bad_scheme: "submit_msg_url", not_uri: "submit_msg_url",
    not_email: "submit_msg_email", not_phone: "submit_msg_phone", future_date: "submit_msg_future", not_date: "submit_msg_date",
    not_real_date: "submit_msg_date", pattern: "submit_msg_form",
    unknown_term: "submit_msg_choose", not_allowed: "submit_msg_choose"
  };

  /** One problem in plain words. ``c``: {S, label, kind, help, guide}. */
  function plain(issue, c) {
    var S = c.S, a = issue.args || {};
    var v = { label: c.label, help: c.help || "", guide: c.guide || "", n: a.n, min: a.min, max: a.max };
    if (issue.code === "missing" || issue.code === "empty") {
      if (c.kind === "section") return fmt(S.submit_msg_section, v);
      var own = S["submit_need_" + slot(issue.field)];
      if (own) return own;
      if (c.kind === "select") return fmt(S.submit_msg_choose, v);
      if (c.kind === "checkboxes") return fmt(S.submit_msg_tick, v);
      if (c.kind === "repeat") return fmt(S.submit_msg_add, v);
      return fmt(S.submit_msg_need, v);
    }
    if (issue.code === "wrong_type" && /^(integer|number)$/.test(a.wanted_type || "")) {
      return fmt(S.submit_msg_number, v);
    }
    if (PLAIN[issue.code]) return fmt(S[PLAIN[issue.code]], v);
    v.message = issue.message + (issue.hint ? " — " + issue.hint : "");
    return fmt(S.submit_msg_other, v);
  }

  // core/rules/completeness.py: empty, a word meaning "later", or the guidance itself.
  var FILLERS = ["", "…", "...", "tbd", "todo", "tba", "to do", "to come", "coming soon", "n/a", "xxx"];
  function words(text) {
    return String(text).toLowerCase().replace(/[^\p{L}\p{N}_]+/gu, " ").trim().replace(/\s+/g, " ");
  }

  /** A problem for each text section left empty, as `commons validate` would refuse it. */
  function sectionIssues(body, sections, guides) {
    var out = [];
    sections.forEach(function (heading, i) {
      var text = String(body[heading] || "").replace(/<!--[\s\S]*?(-->|$)/g, "").trim();
      var w = words(text);
      if (FILLERS.indexOf(w) >= 0 || FILLERS.indexOf(text.toLowerCase()) >= 0 || w === words(guides[i])) {
        out.push({ field: "body[" + i + "]", code: "empty", message: "", hint: null });
      }
    });
    return out;
  }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  // Paragraphs split on empty lines; lines starting "- " or "* " become a list.
  function blocks(text) {
    var out = [];
    String(text).replace(/\r\n?/g, "\n").trim().split(/\n\s*\n/).forEach(function (chunk) {
      var lines = chunk.split("\n");
      if (lines.every(function (l) { return /^\s*[-*]\s+/.test(l); })) {
        var ul = el("ul");
        lines.forEach(function (l) { ul.appendChild(el("li", l.replace(/^\s*[-*]\s+/, ""))); });
        out.push(ul);
      } else if (chunk.trim()) {
        out.push(el("p", lines.join(" ")));
      }
    });
    return out;
  }

  /** The profile as its page will show it, into ``into``. ``label(list, slug)`` names terms;
   *  ``field(path)`` gives a field's label. */
  function preview(into, data, body, sections, label, field) {
    into.textContent = "";
    into.appendChild(el("h3", data.title || ""));
    if (data.summary) into.appendChild(el("p", data.summary, "pc-preview__summary"));
    var school = data.school || {};
    var where = [school.name, school.city, school.state ? label("states", school.state) : null]
      .filter(Boolean).join(", ");
    var facts = el("dl");
    function fact(name, value) {
      if (!value) return;
      facts.appendChild(el("dt", name));
      facts.appendChild(el("dd", value));
    }
    fact(field("school"), where + (school.grades ? " (" + school.grades + ")" : ""));
    fact(field("topics"), (data.topics || []).map(function (t) { return label("topics", t); }).join(", "));
    fact(field("grade_bands"), (data.grade_bands || []).map(function (t) { return label("grade_bands", t); }).join(", "));
    var contact = data.contact || {};
    fact(field("contact"), [contact.name, contact.role, contact.organization, contact.email]
      .filter(Boolean).join(", "));
    into.appendChild(facts);
    if ((data.resources || []).length) {
      into.appendChild(el("h4", field("resources")));
      var ul = el("ul");
      data.resources.forEach(function (r) {
        var li = el("li");
        li.appendChild(el("strong", label("levels", r.level)));
        li.appendChild(document.createTextNode(": " + (r.title || "") +
          (r.format ? " (" + label("formats", r.format) + ")" : "")));
        if (r.description) li.appendChild(el("p", r.description));
        ul.appendChild(li);
      });
      into.appendChild(ul);
    }
    sections.forEach(function (heading) {
      if (!String(body[heading] || "").trim()) return;
      into.appendChild(el("h4", heading));
      blocks(body[heading]).forEach(function (b) { into.appendChild(b); });
    });
  }

  global.PracticeCommonsSteps = { plain: plain, sectionIssues: sectionIssues, preview: preview, fmt: fmt };
})(window);
