/* Practice Commons: the profile file writer, for the browser.
 *
 * A port of core/contributing/scaffold.py's render_profile, so the "Submit a profile" form
 * writes byte for byte the file `commons new` and `commons import` would.
 * Needs submit-pycompat.js and submit-validate.js (for resolve).
 */
(function (global) {
  "use strict";
  var NS = global.PracticeCommonsProfile = global.PracticeCommonsProfile || {};
  var strip = NS.strip, len = NS.len, typeOf = NS.typeOf, resolve = NS.resolve;

  // -- the writer: core/contributing/scaffold.py's render_profile --------------------------------
  var PLAIN = /^[A-Za-z][A-Za-z0-9 .;'()/&+_@-]*$/;
  var RESERVED = ["yes", "no", "true", "false", "on", "off", "null", "y", "n"];

  function scalar(v) {
    if (v === null || v === undefined) return "";
    if (typeof v === "boolean") return v ? "true" : "false";
    if (typeof v === "number") return JSON.stringify(v);
    var text = String(v);
    if (PLAIN.test(text) && text === strip(text) && RESERVED.indexOf(text.toLowerCase()) < 0) return text;
    return JSON.stringify(text);
  }

  function isEmpty(v) {
    return v === null || v === undefined || v === "" || (Array.isArray(v) && !v.length) ||
      (typeOf(v) === "object" && !Object.keys(v).length);
  }

  function prune(v) {
    if (Array.isArray(v)) return v.map(prune).filter(function (x) { return !isEmpty(x); });
    if (typeOf(v) === "object") {
      var out = {};
      Object.keys(v).forEach(function (k) { var p = prune(v[k]); if (!isEmpty(p)) out[k] = p; });
      return out;
    }
    return typeof v === "string" ? strip(v) : v;
  }

  function Writer(schema, flowMax) { this.root = schema; this.flowMax = flowMax; }

  Writer.prototype.sub = function (schema, key) {
    var node = key === null ? schema.items : (schema.properties || {})[key];
    node = node || {};
    return node.$ref ? resolve(this.root, node.$ref) : node;
  };

  Writer.prototype.lines = function (data, schema, indent) {
    var self = this, pad = " ".repeat(indent), out = [];
    var props = Object.keys(schema.properties || {});
    var keys = props.filter(function (k) { return k in data; })
      .concat(Object.keys(data).filter(function (k) { return props.indexOf(k) < 0; }));
    keys.forEach(function (key) {
      var value = data[key], sub = self.sub(schema, key);
      if (typeOf(value) === "object") {
        out.push(pad + key + ":");
        out.push.apply(out, self.lines(value, sub, indent + 2));
      } else if (Array.isArray(value)) {
        out.push.apply(out, self.list(key, value, sub, indent));
      } else out.push((pad + key + ": " + scalar(value)).replace(/ +$/, ""));
    });
    return out;
  };

  Writer.prototype.list = function (key, items, schema, indent) {
    var self = this, pad = " ".repeat(indent);
    if (!items.length) return [pad + key + ": []"];
    var flow = items.every(function (i) {
      return typeOf(i) !== "object" && !Array.isArray(i) && len(String(i)) <= self.flowMax;
    });
    if (flow) return [pad + key + ": [" + items.map(scalar).join(", ") + "]"];
    var out = [pad + key + ":"], itemSchema = this.sub(schema, null);
    items.forEach(function (item) {
      if (typeOf(item) === "object") {
        var lines = self.lines(item, itemSchema, indent + 4);
        if (!lines.length) { out.push(pad + "  - {}"); return; }
        out.push(pad + "  - " + lines[0].replace(/^ +/, ""));
        out.push.apply(out, lines.slice(1));
      } else out.push((pad + "  - " + scalar(item)).replace(/ +$/, ""));
    });
    return out;
  };

  Writer.prototype.render = function (data, body, sections) {
    var lines = ["---"].concat(this.lines(prune(data), this.root, 0), ["---", ""]);
    sections.forEach(function (heading) {
      var text = strip(String((body || {})[heading] || "").replace(/\r\n/g, "\n"));
      if (text) lines.push("## " + heading, "", text, "");
    });
    return lines.join("\n").replace(/\n+$/, "") + "\n";
  };

  // core/content/slug.py's slugify (python-slugify's pipeline with text-unidecode), step by step.
  // The transliteration table is the one Python reads, published by the submit plugin
  // and fetched only when a title has a character outside ASCII (loadSlugTable).
  var APOSTROPHES = ["'", "\u2019", "\u02bc"];
  var slugChars = null;

  function loadSlugTable(url) {
    if (slugChars || !url || !global.fetch) return Promise.resolve(!!slugChars);
    return global.fetch(url).then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (text) { slugChars = text.split("\u0000"); return true; })
      .catch(function () { return false; });  // offline: accents folded, other letters dropped
  }

  function transliterate(text) {
    var out = "";
    for (var ch of text) {
      var cp = ch.codePointAt(0);
      if (cp < 128) out += ch;
      else if (slugChars && cp - 1 < slugChars.length) out += slugChars[cp - 1];
    }
    return out;
  }

  function slugify(text) {
    var t = String(text);
    APOSTROPHES.forEach(function (a) { t = t.split(a).join(""); });
    t = transliterate(t.replace(/'+/g, "-").normalize("NFKD")).normalize("NFKD").toLowerCase();
    t = t.replace(/'+/g, "").replace(/(\d),(?=\d)/g, "$1").replace(/[^-a-zA-Z0-9]+/g, "-");
    return t.replace(/-{2,}/g, "-").replace(/^-+|-+$/g, "") || "untitled";
  }

  Object.assign(NS, { Writer: Writer, prune: prune, slugify: slugify, loadSlugTable: loadSlugTable, scalar: scalar });
})(window);
