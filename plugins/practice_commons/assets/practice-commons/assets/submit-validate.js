/* Practice Commons: the profile validator and file writer, for the browser.
 *
 * A line-by-line port of core/validate.py (and the parts of difflib and
 * core/vocabulary.py it uses for "did you mean") and of core/scaffold.py's
 * writer, so the "Submit a profile" form gives exactly the messages that
 * `commons validate` gives and writes exactly the file `commons new` would.
 * tests/browser/test_submit_parity.py runs both on the same inputs and
 * compares; change the two together.
 */
(function (global) {
  "use strict";

  var TYPE_NAMES = {
    string: "text", integer: "a whole number", number: "a number", boolean: "true or false",
    array: "a list", object: "a group of fields", "null": "empty"
  };
  var TYPE_HINTS = {
    array: "write it as a list, one '- value' per line under the field",
    object: "write the sub-fields on the lines below, indented by two spaces",
    string: "put the value in double quotes",
    integer: "write a number such as 3, without quotes"
  };
  var NOUNS = {
    levels: "pyramid level", stages: "collaboration stage", dimensions: "collaboration dimension",
    topics: "topic", grade_bands: "grade band", sectors: "sector", approaches: "approach",
    formats: "resource format", essa_tiers: "ESSA tier", statuses: "status",
    equity_purposes: "equity purpose", states: "state code"
  };
  var EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;
  var DATE = /^\d{4}-\d{2}-\d{2}$/;
  // Python's str.strip() whitespace, which is wider than String.prototype.trim's.
  var WS = "\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  var STRIP = new RegExp("^[" + WS + "]+|[" + WS + "]+$", "g");

  function chars(s) { return Array.from(s); }
  function len(s) { return chars(s).length; }
  function strip(s) { return s.replace(STRIP, ""); }

  function typeOf(v) {
    if (v === null || v === undefined) return "null";
    if (typeof v === "boolean") return "boolean";
    if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
    if (typeof v === "string") return "string";
    if (Array.isArray(v)) return "array";
    return "object";
  }

  function isType(v, wanted) {
    var actual = typeOf(v);
    return actual === wanted || (wanted === "number" && actual === "integer");
  }

  // -- Python's repr(), str() and == for the values front matter can hold ----------
  function reprStr(s) {
    var q = s.indexOf("'") >= 0 && s.indexOf('"') < 0 ? '"' : "'";
    var out = q;
    chars(s).forEach(function (ch) {
      var c = ch.codePointAt(0);
      if (ch === q || ch === "\\") out += "\\" + ch;
      else if (ch === "\t") out += "\\t";
      else if (ch === "\n") out += "\\n";
      else if (ch === "\r") out += "\\r";
      else if (c < 0x20 || c === 0x7f || (ch !== " " && /[\p{C}\p{Z}]/u.test(ch))) {
        if (c <= 0xff) out += "\\x" + c.toString(16).padStart(2, "0");
        else if (c <= 0xffff) out += "\\u" + c.toString(16).padStart(4, "0");
        else out += "\\U" + c.toString(16).padStart(8, "0");
      } else out += ch;
    });
    return out + q;
  }

  function repr(v) {
    var t = typeOf(v);
    if (t === "string") return reprStr(v);
    if (t === "null") return "None";
    if (t === "boolean") return v ? "True" : "False";
    if (t === "array") return "[" + v.map(repr).join(", ") + "]";
    if (t === "object") {
      return "{" + Object.keys(v).map(function (k) { return reprStr(k) + ": " + repr(v[k]); })
        .join(", ") + "}";
    }
    return String(v);
  }

  function str(v) { return typeof v === "string" ? v : repr(v); }

  function eq(a, b) {
    var ta = typeOf(a), tb = typeOf(b);
    var num = { integer: 1, number: 1, boolean: 1 };
    if (num[ta] && num[tb]) return Number(a) === Number(b);
    if (ta !== tb) return false;
    if (ta === "array") {
      return a.length === b.length && a.every(function (x, i) { return eq(x, b[i]); });
    }
    if (ta === "object") {
      var ka = Object.keys(a), kb = Object.keys(b);
      return ka.length === kb.length && ka.every(function (k) {
        return Object.prototype.hasOwnProperty.call(b, k) && eq(a[k], b[k]);
      });
    }
    return a === b;
  }

  function contains(list, v) { return list.some(function (x) { return eq(x, v); }); }

  function describe(v) {
    var kind = typeOf(v);
    if (kind === "string" || kind === "integer" || kind === "number" || kind === "boolean") {
      var shown = kind === "string" ? reprStr(v) : String(v).toLowerCase();
      return TYPE_NAMES[kind] + " " + chars(shown).slice(0, 60).join("");
    }
    return TYPE_NAMES[kind];
  }

  // -- difflib.SequenceMatcher.ratio and get_close_matches ------------------------
  function ratio(aStr, bStr) {
    var a = chars(aStr), b = chars(bStr), la = a.length, lb = b.length;
    var b2j = new Map();
    b.forEach(function (ch, j) {
      if (!b2j.has(ch)) b2j.set(ch, []);
      b2j.get(ch).push(j);
    });
    if (lb >= 200) { // difflib's autojunk: drop very common elements of b
      var ntest = Math.floor(lb / 100) + 1;
      Array.from(b2j.keys()).forEach(function (ch) { if (b2j.get(ch).length > ntest) b2j.delete(ch); });
    }
    function longest(alo, ahi, blo, bhi) {
      var besti = alo, bestj = blo, bestsize = 0, j2len = new Map();
      for (var i = alo; i < ahi; i++) {
        var newj2len = new Map(), js = b2j.get(a[i]) || [];
        for (var n = 0; n < js.length; n++) {
          var j = js[n];
          if (j < blo) continue;
          if (j >= bhi) break;
          var k = (j2len.get(j - 1) || 0) + 1;
          newj2len.set(j, k);
          if (k > bestsize) { besti = i - k + 1; bestj = j - k + 1; bestsize = k; }
        }
        j2len = newj2len;
      }
      while (besti > alo && bestj > blo && a[besti - 1] === b[bestj - 1]) {
        besti--; bestj--; bestsize++;
      }
      while (besti + bestsize < ahi && bestj + bestsize < bhi &&
             a[besti + bestsize] === b[bestj + bestsize]) bestsize++;
      return [besti, bestj, bestsize];
    }
    var matches = 0, queue = [[0, la, 0, lb]];
    while (queue.length) {
      var q = queue.pop(), m = longest(q[0], q[1], q[2], q[3]), i0 = m[0], j0 = m[1], k0 = m[2];
      if (k0) {
        matches += k0;
        if (q[0] < i0 && q[2] < j0) queue.push([q[0], i0, q[2], j0]);
        if (i0 + k0 < q[1] && j0 + k0 < q[3]) queue.push([i0 + k0, q[1], j0 + k0, q[3]]);
      }
    }
    return la + lb ? 2 * matches / (la + lb) : 1;
  }

  function closeMatches(word, possibilities, n, cutoff) {
    var result = [];
    possibilities.forEach(function (x) {
      var r = ratio(x, word);
      if (r >= cutoff) result.push([r, x]);
    });
    result.sort(function (p, q) { return q[0] - p[0] || (q[1] > p[1] ? 1 : q[1] < p[1] ? -1 : 0); });
    return result.slice(0, n).map(function (p) { return p[1]; });
  }

  // core/vocabulary.py's suggest(): exact label or alias, then prefix, then close matches.
  function suggest(value, terms, limit) {
    limit = limit || 3;
    var wanted = strip(value).toLowerCase();
    for (var t = 0; t < terms.length; t++) {
      var term = terms[t];
      var names = [String(term.slug).toLowerCase(), term.label.toLowerCase()]
        .concat(term.aliases.map(function (a) { return a.toLowerCase(); }));
      if (names.indexOf(wanted) >= 0) return [term.slug];
    }
    if (len(wanted) >= 3) {
      var starts = terms.filter(function (x) {
        return x.label.toLowerCase().startsWith(wanted) || String(x.slug).toLowerCase().startsWith(wanted);
      }).map(function (x) { return x.slug; });
      if (starts.length) return starts.slice(0, limit);
    }
    var keys = new Map();
    terms.forEach(function (x) {
      [String(x.slug), x.label].concat(x.aliases).forEach(function (k) {
        if (!keys.has(k.toLowerCase())) keys.set(k.toLowerCase(), x.slug);
      });
    });
    var out = [];
    closeMatches(wanted, Array.from(keys.keys()), limit * 2, 0.6).forEach(function (k) {
      if (!contains(out, keys.get(k))) out.push(keys.get(k));
    });
    return out.slice(0, limit);
  }

  // -- urllib.parse.urlsplit, as far as _check_uri needs it -----------------------
  function urlsplit(url) {
    url = url.replace(/^[\x00-\x20]+/, "").replace(/[\t\r\n]/g, "");
    var scheme = "", i = url.indexOf(":");
    if (i > 0 && /^[A-Za-z]/.test(url) && /^[A-Za-z0-9+\-.]+$/.test(url.slice(0, i))) {
      scheme = url.slice(0, i).toLowerCase();
      url = url.slice(i + 1);
    }
    var netloc = "";
    if (url.slice(0, 2) === "//") {
      var rest = url.slice(2), cut = rest.search(/[/?#]/);
      netloc = cut < 0 ? rest : rest.slice(0, cut);
    }
    return { scheme: scheme, netloc: netloc };
  }

  function realDate(s) {
    var y = +s.slice(0, 4), m = +s.slice(5, 7), d = +s.slice(8, 10);
    if (y < 1 || m < 1 || m > 12 || d < 1) return false;
    var days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30,
      31, 31, 30, 31, 30, 31];
    return d <= days[m - 1];
  }

  function dotted(path) {
    var out = "";
    path.forEach(function (p) {
      out += typeof p === "number" ? "[" + p + "]" : (out ? "." + p : p);
    });
    return out;
  }

  function resolve(root, ref) {
    var node = root;
    ref.split("#")[1].replace(/^\/+|\/+$/g, "").split("/").forEach(function (p) { if (p) node = node[p]; });
    return node;
  }

  function fieldHelp(schema) {
    var d = schema.description;
    return d ? d[0].toLowerCase() + d.slice(1).replace(/\.+$/, "") : "a value";
  }

  /** Every problem in `data`, as {field, message, hint}, like Validator(kind).validate. */
  function Validator(schema, vocabulary, today) {
    this.root = schema;
    this.vocab = vocabulary;
    this.today = today;
  }

  Validator.prototype.validate = function (data) {
    var out = [];
    this.check(this.root, data, [], out);
    return out;
  };

  Validator.prototype.check = function (schema, value, path, out) {
    var self = this;
    if (schema.$ref) schema = resolve(this.root, schema.$ref);
    if (schema.oneOf) { this.oneOf(schema, value, path, out); return; }
    function report(message, hint) {
      out.push({ field: dotted(path) || null, message: message, hint: hint === undefined ? null : hint });
    }
    if ("const" in schema && !eq(value, schema["const"])) {
      report("must be " + repr(schema["const"]) + ", not " + describe(value));
      return;
    }
    var types = schema.type;
    if (types !== undefined) {
      types = typeof types === "string" ? [types] : types;
      if (!types.some(function (t) { return isType(value, t); })) {
        if (value === null || value === undefined || value === "") {
          report("is empty", "fill it in, or remove the line if the field is optional");
        } else {
          report("should be " + types.map(function (t) { return TYPE_NAMES[t]; }).join(" or ") +
            ", not " + describe(value), TYPE_HINTS[types[0]] || null);
        }
        return;
      }
    }
    if (schema["enum"] && !contains(schema["enum"], value)) {
      var em = this.enumMessage(schema, value);
      report(em[0], em[1]);
      return;
    }
    var kind = typeOf(value);
    if (kind === "string") this.string(schema, value, report);
    else if (kind === "integer" || kind === "number") {
      if ("minimum" in schema && value < schema.minimum) {
        report(value + " is less than the minimum " + schema.minimum);
      }
      if ("maximum" in schema && value > schema.maximum) {
        report(value + " is more than the maximum " + schema.maximum);
      }
    } else if (kind === "array") this.array(schema, value, path, out, report);
    else if (kind === "object") this.object(schema, value, path, out);
    return self;
  };

  Validator.prototype.string = function (schema, value, report) {
    var stripped = strip(value);
    if ("minLength" in schema && len(stripped) < schema.minLength) {
      if (!stripped) report("is empty", "fill it in, or remove the line if the field is optional");
      else {
        report("is too short (" + len(stripped) + " characters; at least " + schema.minLength + ")",
          "say a little more");
      }
      return;
    }
    if ("maxLength" in schema && len(value) > schema.maxLength) {
      report("is too long (" + len(value) + " characters; at most " + schema.maxLength + ")",
        "shorten it by " + (len(value) - schema.maxLength) + " characters");
    }
    if (schema.pattern && !new RegExp(schema.pattern, "u").test(value)) {
      var ex = schema.examples ? ", e.g. " + repr(schema.examples[0]) : "";
      report(repr(value) + " is not in the expected form",
        (schema.description || "check the format").replace(/\.+$/, "") + ex);
    }
    var problem = null;
    if (schema.format === "date") problem = this.date(value);
    else if (schema.format === "email") {
      if (!EMAIL.test(strip(value))) problem = [repr(value) + " is not an email address", "write it as name@example.org"];
    } else if (schema.format === "uri") problem = checkUri(value);
    else if (schema.format === "attachment") problem = checkAttachment(value);
    if (problem) report(problem[0], problem[1]);
  };

  Validator.prototype.date = function (value) {
    if (!DATE.test(value)) return [repr(value) + " is not a date", "write dates as YYYY-MM-DD, e.g. 2025-03-01"];
    if (!realDate(value)) return [repr(value) + " is not a real date", "check the month (01–12) and day"];
    if (value > this.today) return [value + " is in the future", "use the date it actually happened"];
    return null;
  };

  function checkUri(value) {
    var v = strip(value), parts = urlsplit(v);
    if ((parts.scheme === "http" || parts.scheme === "https") && parts.netloc && v.indexOf(" ") < 0) return null;
    if (parts.scheme && parts.scheme !== "http" && parts.scheme !== "https") {
      return ["links must start with https:// or http://, not " + parts.scheme + ":", "use the page's full web address"];
    }
    return [repr(value) + " is not a web address", "write the full address, starting with https://"];
  }

  function checkAttachment(value) {
    var v = value.replace(/\\/g, "/");
    if (v.startsWith("/") || /^[A-Za-z]:/.test(v) || v.split("/").indexOf("..") >= 0 || v.indexOf("://") >= 0) {
      return [repr(value) + " points outside the profile's folder",
        "put the file in the profile's own folder and give its name, e.g. handbook.pdf"];
    }
    return null;
  }

  Validator.prototype.array = function (schema, value, path, out, report) {
    var self = this;
    if ("minItems" in schema && value.length < schema.minItems) {
      if (!value.length) report("is empty", "list at least " + schema.minItems + " value(s)");
      else report("has " + value.length + " item(s); at least " + schema.minItems + " needed");
    }
    if ("maxItems" in schema && value.length > schema.maxItems) {
      report("has " + value.length + " items; at most " + schema.maxItems + " allowed", "keep the most important ones");
    }
    if (schema.items) {
      value.forEach(function (item, i) { self.check(schema.items, item, path.concat([i]), out); });
    }
    if (schema.uniqueItems) {
      var seen = [];
      value.forEach(function (item, i) {
        if (contains(seen, item)) {
          out.push({ field: dotted(path.concat([i])), message: describe(item) + " is listed twice",
            hint: "remove the repeated line" });
        } else seen.push(item);
      });
    }
  };

  Validator.prototype.object = function (schema, value, path, out) {
    var self = this, props = schema.properties || {}, required = schema.required || [];
    required.forEach(function (name) {
      if (!Object.prototype.hasOwnProperty.call(value, name)) {
        var where = path.length ? " under '" + dotted(path) + "'" : "";
        out.push({ field: dotted(path.concat([name])), message: "required field is missing" + where,
          hint: "add '" + name + ":' with " + fieldHelp(props[name] || {}) });
      }
    });
    Object.keys(value).forEach(function (name) {
      var sub = props[name], item = value[name];
      if (sub === undefined) {
        if (schema.additionalProperties === false) {
          var close = closeMatches(name, Object.keys(props), 1, 0.6);
          out.push({ field: dotted(path.concat([name])), message: "unknown field",
            hint: close.length ? "did you mean '" + close[0] + "'?" : "allowed fields here: " + Object.keys(props).join(", ") });
        }
        return;
      }
      if ((item === null || item === undefined) && required.indexOf(name) < 0) return;
      self.check(sub, item, path.concat([name]), out);
    });
  };

  Validator.prototype.oneOf = function (schema, value, path, out) {
    var self = this, variants = {};
    schema.oneOf.forEach(function (o) {
      var t = o.$ref ? resolve(self.root, o.$ref) : o;
      variants[t.properties.type["const"]] = t;
    });
    if (typeOf(value) !== "object") {
      out.push({ field: dotted(path), message: "should be a group of fields, not " + describe(value), hint: TYPE_HINTS.object });
      return;
    }
    var kind = value.type;
    if (!Object.prototype.hasOwnProperty.call(variants, str(kind)) || typeof kind !== "string") {
      var close = closeMatches(str(kind === undefined ? null : kind), Object.keys(variants), 1, 0.5);
      var hint = (close.length ? "did you mean '" + close[0] + "'? " : "") + "allowed: " + Object.keys(variants).join(", ");
      out.push({ field: dotted(path.concat(["type"])),
        message: kind === undefined || kind === null ? "is missing" : "unknown type " + repr(kind), hint: hint });
      return;
    }
    this.check(variants[kind], value, path, out);
  };

  Validator.prototype.enumMessage = function (schema, value) {
    var name = schema["x-vocabulary"], allowed = schema["enum"], near, message;
    if (name) {
      near = suggest(str(value), this.vocab[name], 3);
      message = "unknown " + (NOUNS[name] || "value") + " " + repr(value);
    } else {
      near = closeMatches(str(value), allowed.map(str), 3, 0.5);
      message = repr(value) + " is not an allowed value";
    }
    var labels = schema["x-enum-labels"] || {};
    function shown(a) { return typeof a === "string" ? repr(a) : String(a); }
    var listing = allowed.map(function (a) {
      var l = labels[str(a)];
      return shown(a) + (l !== undefined && !eq(l, a) && allowed.length <= 8 ? " (" + l + ")" : "");
    }).join(", ");
    if (allowed.length > 12) listing = allowed.slice(0, 12).map(shown).join(", ") + ", …";
    if (near.length) return [message, "did you mean " + near.map(shown).join(" or ") + "?"];
    return [message, "use one of: " + listing];
  };

  // -- the writer: core/scaffold.py's render_profile --------------------------------
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

  function slugify(text) {
    var ascii = text.normalize("NFKD").replace(/[^\x00-\x7f]/g, "");
    return ascii.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "untitled";
  }

  global.PracticeCommonsProfile = {
    Validator: Validator, Writer: Writer, prune: prune, slugify: slugify, scalar: scalar,
    ratio: ratio, closeMatches: closeMatches, suggest: suggest, repr: repr
  };
})(window);
