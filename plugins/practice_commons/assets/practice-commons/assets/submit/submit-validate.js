/* Practice Commons: the profile validator, for the browser.
 *
 * It interprets what the build hands it and nothing of its own: the profile schema in
 * the site's language, the validator's message catalogue (i18n/<lang>.messages.yaml)
 * and the value formats' table (core/rules/schema/formats.yaml), walked as core/rules/validate.py
 * walks them, so the "Submit a profile" form gives exactly the messages
 * `commons validate` gives. Needs submit-pycompat.js.
 * tests/browser/test_submit_parity.py runs both on the same inputs and compares.
 */
(function (global) {
  "use strict";
  var NS = global.PracticeCommonsProfile = global.PracticeCommonsProfile || {};
  var strip = NS.strip, len = NS.len, chars = NS.chars, typeOf = NS.typeOf, isType = NS.isType;
  var repr = NS.repr, reprStr = NS.repr;
  var str = NS.str, eq = NS.eq, contains = NS.contains;
  var closeMatches = NS.closeMatches, suggest = NS.suggest;

  // core/rules/messages.py fill(): {name} replaced in one pass.
  function fill(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (m, k) {
      return Object.prototype.hasOwnProperty.call(values, k) ? String(values[k]) : m;
    });
  }

  // _shown(): repr() cut to 80 characters, so a message stays one line.
  function shown(v) {
    var t = chars(repr(v));
    return t.length <= 80 ? t.join("") : t.slice(0, 79).join("") + "\u2026";
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

  /** Every problem in `data`, as {field, code, message, hint}, like Validator(kind).validate.
   * `messages`: the catalogue; `formats`: the formats' table (core/rules/formats.py browser_table). */
  function Validator(schema, vocabulary, today, messages, formats) {
    this.root = schema;
    this.vocab = vocabulary;
    this.today = today;
    this.t = messages;
    this.formats = {
      email: new RegExp(formats.email, "u"), date: new RegExp(formats.date, "u"),
      phone: new RegExp(formats.phone, "u"),
      fileName: new RegExp(formats.file_name, "u"), schemes: formats.uri_schemes
    };
  }

  Validator.prototype.say = function (key, values) { return fill(this.t[key], values || {}); };

  Validator.prototype.describe = function (v) {
    var kind = typeOf(v);
    if (kind === "boolean") return this.say("describe.boolean", { value: String(v) });
    if (kind === "string" || kind === "integer" || kind === "number") {
      var text = kind === "string" ? reprStr(v) : String(v).toLowerCase();
      return this.say("describe.scalar", { type: this.t["type." + kind], value: chars(text).slice(0, 60).join("") });
    }
    return this.t["type." + kind];
  };

  Validator.prototype.issue = function (path, key, hint, values) {
    return { field: dotted(path) || null, code: key, message: this.say(key, values),
      hint: hint === undefined ? null : hint, args: values || {} };
  };

  Validator.prototype.fieldHelp = function (schema) {
    var d = schema.description;
    return d ? d[0].toLowerCase() + d.slice(1).replace(/\.+$/, "") : this.t["missing.help.default"];
  };

  Validator.prototype.validate = function (data) {
    var out = [];
    this.check(this.root, data, [], out);
    return out.concat(this.notStatedAlone(data));
  };

  Validator.prototype.check = function (schema, value, path, out) {
    var self = this;
    if (schema.$ref) schema = resolve(this.root, schema.$ref);
    if (schema.oneOf) { this.oneOf(schema, value, path, out); return; }
    function report(key, hint, values) { out.push(self.issue(path, key, hint, values)); }
    if ("const" in schema && !eq(value, schema["const"])) {
      report("const", null, { expected: repr(schema["const"]), actual: this.describe(value) });
      return;
    }
    var types = schema.type;
    if (types !== undefined) {
      types = typeof types === "string" ? [types] : types;
      if (!types.some(function (t) { return isType(value, t); })) {
        if (value === null || value === undefined || value === "") {
          report("empty", this.say("empty.hint"));
        } else {
          var hint = this.t["wrong_type.hint." + types[0]];
          report("wrong_type", hint === undefined ? null : hint, {
            wanted: types.map(function (t) { return self.t["type." + t]; }).join(this.t["type.or"]),
            actual: this.describe(value), wanted_type: types[0]
          });
        }
        return;
      }
    }
    if (schema["enum"] && !contains(schema["enum"], value)) {
      var em = this.enumMessage(schema, value);
      report(em[0], em[1], em[2]);
      return;
    }
    var kind = typeOf(value);
    if (kind === "string") this.string(schema, value, report);
    else if (kind === "integer" || kind === "number") {
      if ("minimum" in schema && value < schema.minimum) {
        report("below_minimum", null, { value: value, minimum: schema.minimum });
      }
      if ("maximum" in schema && value > schema.maximum) {
        report("above_maximum", null, { value: value, maximum: schema.maximum });
      }
    } else if (kind === "array") this.array(schema, value, path, out, report);
    else if (kind === "object") this.object(schema, value, path, out);
  };

  Validator.prototype.string = function (schema, value, report) {
    var stripped = strip(value);
    if ("minLength" in schema && len(stripped) < schema.minLength) {
      if (!stripped) report("empty", this.say("empty.hint"));
      else report("too_short", this.say("too_short.hint"), { n: len(stripped), min: schema.minLength });
      return;
    }
    if ("maxLength" in schema && len(value) > schema.maxLength) {
      report("too_long", this.say("too_long.hint", { over: len(value) - schema.maxLength }),
        { n: len(value), max: schema.maxLength });
    }
    if (schema.pattern && !new RegExp(schema.pattern, "u").test(value)) {
      var ex = schema.examples ? this.say("pattern.example", { example: repr(schema.examples[0]) }) : "";
      var desc = String(schema.description || this.t["pattern.hint.default"]).replace(/\.+$/, "");
      report("pattern", this.say("pattern.hint", { description: desc, example: ex }), { value: shown(value) });
    }
    var problem = this.format(schema.format, value);
    if (problem) {
      var values = { value: shown(value) };
      Object.keys(problem[2]).forEach(function (k) { values[k] = problem[2][k]; });
      report(problem[0], this.say(problem[1]), values);
    }
  };

  // core/rules/formats.py check(): [message key, hint key, values] or null.
  Validator.prototype.format = function (fmt, value) {
    var F = this.formats;
    if (fmt === "date") {
      if (!F.date.test(value)) return ["not_date", "not_date.hint", {}];
      if (!realDate(value)) return ["not_real_date", "not_real_date.hint", {}];
      if (value > this.today) return ["future_date", "future_date.hint", { plain: value }];
    } else if (fmt === "email") {
      if (!F.email.test(strip(value))) return ["not_email", "not_email.hint", {}];
    } else if (fmt === "phone") {
      if (!F.phone.test(strip(value))) return ["not_phone", "not_phone.hint", {}];
    } else if (fmt === "uri") {
      var v = strip(value), parts = urlsplit(v);
      // Python's urlsplit refuses an unbalanced IPv6 bracket: "not a web address".
      if ((parts.netloc.indexOf("[") >= 0) !== (parts.netloc.indexOf("]") >= 0)) return ["not_uri", "not_uri.hint", {}];
      var known = F.schemes.indexOf(parts.scheme) >= 0;
      if (known && parts.netloc && !/\s/.test(v)) return null;
      if (parts.scheme && !known) return ["bad_scheme", "bad_scheme.hint", { scheme: parts.scheme }];
      return ["not_uri", "not_uri.hint", {}];
    } else if (fmt === "attachment") {
      var a = value.replace(/\\/g, "/");
      if (a.startsWith("/") || /^[A-Za-z]:/.test(a) || a.split("/").indexOf("..") >= 0 || a.indexOf("://") >= 0) {
        return ["outside_folder", "outside_folder.hint", {}];
      }
      if (!a.split("/").every(function (part) { return F.fileName.test(part); })) {
        return ["not_plain_file", "not_plain_file.hint", {}];
      }
    }
    return null;
  };

  Validator.prototype.array = function (schema, value, path, out, report) {
    var self = this;
    if ("minItems" in schema && value.length < schema.minItems) {
      if (!value.length) report("empty", this.say("list_empty.hint", { min: schema.minItems }));
      else report("too_few_items", null, { n: value.length, min: schema.minItems });
    }
    if ("maxItems" in schema && value.length > schema.maxItems) {
      report("too_many_items", this.say("too_many_items.hint"), { n: value.length, max: schema.maxItems });
    }
    if (schema.items) {
      value.forEach(function (item, i) { self.check(schema.items, item, path.concat([i]), out); });
    }
    if (schema.uniqueItems) {
      var seen = [];
      value.forEach(function (item, i) {
        if (contains(seen, item)) {
          out.push(self.issue(path.concat([i]), "listed_twice", self.say("listed_twice.hint"),
            { value: self.describe(item) }));
        } else seen.push(item);
      });
    }
  };

  Validator.prototype.object = function (schema, value, path, out) {
    var self = this, props = schema.properties || {}, required = schema.required || [];
    required.forEach(function (name) {
      if (!Object.prototype.hasOwnProperty.call(value, name)) {
        var where = path.length ? self.say("missing.where", { parent: dotted(path) }) : "";
        out.push(self.issue(path.concat([name]), "missing",
          self.say("missing.hint", { name: name, help: self.fieldHelp(props[name] || {}) }), { where: where }));
      }
    });
    Object.keys(value).forEach(function (name) {
      var sub = props[name], item = value[name];
      if (sub === undefined) {
        if (schema.additionalProperties === false) {
          var close = closeMatches(name, Object.keys(props), 1, 0.6);
          out.push(self.issue(path.concat([name]), "unknown_field", close.length
            ? self.say("unknown_field.hint.near", { near: close[0] })
            : self.say("unknown_field.hint.allowed", { allowed: Object.keys(props).join(", ") })));
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
      out.push(this.issue(path, "not_object", this.t["wrong_type.hint.object"], { actual: this.describe(value) }));
      return;
    }
    var kind = value.type;
    if (!Object.prototype.hasOwnProperty.call(variants, str(kind)) || typeof kind !== "string") {
      var close = closeMatches(str(kind === undefined ? null : kind), Object.keys(variants), 1, 0.5);
      var near = close.length ? this.say("unknown_type.hint.near", { near: close[0] }) : "";
      var hint = this.say("unknown_type.hint", { near: near, allowed: Object.keys(variants).join(", ") });
      if (kind === undefined || kind === null) out.push(this.issue(path.concat(["type"]), "type_missing", hint));
      else out.push(this.issue(path.concat(["type"]), "unknown_type", hint, { value: shown(kind) }));
      return;
    }
    this.check(variants[kind], value, path, out);
  };

  function listed(a) { return typeof a === "string" ? repr(a) : String(a); }

  Validator.prototype.enumMessage = function (schema, value) {
    var name = schema["x-vocabulary"], allowed = schema["enum"], near, key, values;
    if (name) {
      near = suggest(str(value), this.vocab[name], 3);
      key = "unknown_term";
      values = { noun: this.t["noun." + name] || this.t["noun.value"], value: shown(value) };
    } else {
      near = closeMatches(str(value), allowed.map(str), 3, 0.5);
      key = "not_allowed";
      values = { value: shown(value) };
    }
    if (near.length) return [key, this.say("did_you_mean", { options: near.map(listed).join(this.t["options.or"]) }), values];
    var labels = schema["x-enum-labels"] || {};
    var listing = allowed.map(function (a) {
      var l = labels[str(a)];
      return listed(a) + (l !== undefined && !eq(l, a) && allowed.length <= 8 ? " (" + l + ")" : "");
    }).join(", ");
    if (allowed.length > 12) listing = allowed.slice(0, 12).map(listed).join(", ") + ", …";
    return [key, this.say("use_one_of", { listing: listing }), values];
  };

  // core/rules/validate.py _not_stated_alone: "not-stated" is the absence of a grade band.
  Validator.prototype.notStatedAlone = function (data) {
    var bands = typeOf(data) === "object" ? data.grade_bands : null;
    if (!Array.isArray(bands) || bands.length < 2 || !contains(bands, "not-stated")) return [];
    var i = bands.indexOf("not-stated");
    return [this.issue(["grade_bands", i], "not_stated_alone", this.say("not_stated_alone.hint"))];
  };

  Object.assign(NS, { Validator: Validator, resolve: resolve, fill: fill });
})(window);
