/* Practice Commons: the profile validator, for the browser.
 *
 * A line-by-line port of core/validate.py, so the "Submit a profile" form gives
 * exactly the messages `commons validate` gives. Needs submit-pycompat.js.
 * tests/browser/test_submit_parity.py runs both on the same inputs and compares;
 * change the two together.
 */
(function (global) {
  "use strict";
  var NS = global.PracticeCommonsProfile = global.PracticeCommonsProfile || {};
  var strip = NS.strip, len = NS.len, chars = NS.chars, typeOf = NS.typeOf, isType = NS.isType;
  var repr = NS.repr, reprStr = NS.repr;
  var str = NS.str, eq = NS.eq, contains = NS.contains;
  var closeMatches = NS.closeMatches, suggest = NS.suggest;

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
    topics: "topic", grade_bands: "grade band", sectors: "sector",
    formats: "kind of support", essa_tiers: "ESSA tier", statuses: "status",
    equity_purposes: "equity purpose", states: "state code"
  };
  var EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;
  var DATE = /^\d{4}-\d{2}-\d{2}$/;
  var PHONE = /^\+?[0-9(][0-9 ().-]{5,28}[0-9]( ?(x|ext\.?) ?[0-9]{1,6})?$/;
  // Python's \w is Unicode letters, digits and "_".
  var FILE_NAME = /^[\p{L}\p{N}_][\p{L}\p{N}_ .()+,=~-]*$/u;

  // _shown(): repr() cut to 80 characters, so a message stays one line.
  function shown(v) {
    var t = chars(repr(v));
    return t.length <= 80 ? t.join("") : t.slice(0, 79).join("") + "\u2026";
  }

  function describe(v) {
    var kind = typeOf(v);
    // As core/validate.py's describe(): not "true or false false" (issue 14).
    if (kind === "boolean") return "the yes/no value " + String(v);
    if (kind === "string" || kind === "integer" || kind === "number") {
      var shown = kind === "string" ? reprStr(v) : String(v).toLowerCase();
      return TYPE_NAMES[kind] + " " + chars(shown).slice(0, 60).join("");
    }
    return TYPE_NAMES[kind];
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
      report(shown(value) + " is not in the expected form",
        (schema.description || "check the format").replace(/\.+$/, "") + ex);
    }
    var problem = null;
    if (schema.format === "date") problem = this.date(value);
    else if (schema.format === "email") {
      if (!EMAIL.test(strip(value))) problem = [shown(value) + " is not an email address", "write it as name@example.org"];
    } else if (schema.format === "phone") {
      if (!PHONE.test(strip(value))) {
        problem = [shown(value) + " is not a phone number", "write the number with its area code, " +
          "using digits, spaces, hyphens, dots, parentheses and a leading + only, e.g. +1 202-555-0100"];
      }
    } else if (schema.format === "uri") problem = checkUri(value);
    else if (schema.format === "attachment") problem = checkAttachment(value);
    if (problem) report(problem[0], problem[1]);
  };

  Validator.prototype.date = function (value) {
    if (!DATE.test(value)) return [shown(value) + " is not a date", "write dates as YYYY-MM-DD, e.g. 2025-03-01"];
    if (!realDate(value)) return [shown(value) + " is not a real date", "check the month (01–12) and day"];
    if (value > this.today) return [value + " is in the future", "use the date it actually happened"];
    return null;
  };

  function checkUri(value) {
    var v = strip(value), parts = urlsplit(v);
    // Python's urlsplit refuses an unbalanced IPv6 bracket; _check_uri reports it as below.
    if ((parts.netloc.indexOf("[") >= 0) !== (parts.netloc.indexOf("]") >= 0)) {
      return [shown(value) + " is not a web address", "write the full address, starting with https://"];
    }
    if ((parts.scheme === "http" || parts.scheme === "https") && parts.netloc && !/\s/.test(v)) return null;
    if (parts.scheme && parts.scheme !== "http" && parts.scheme !== "https") {
      return ["links must start with https:// or http://, not " + parts.scheme + ":", "use the page's full web address"];
    }
    return [shown(value) + " is not a web address", "write the full address, starting with https://"];
  }

  function checkAttachment(value) {
    var v = value.replace(/\\/g, "/");
    if (v.startsWith("/") || /^[A-Za-z]:/.test(v) || v.split("/").indexOf("..") >= 0 || v.indexOf("://") >= 0) {
      return [shown(value) + " points outside the profile's folder",
        "put the file in the profile's own folder and give its name, e.g. handbook.pdf"];
    }
    if (!v.split("/").every(function (part) { return FILE_NAME.test(part); })) {
      return [shown(value) + " is not a plain file name",
        "use letters, digits, spaces, '.', '-' and '_' (no ':', '%', '#', '?' or a leading '.'), e.g. handbook.pdf"];
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
        message: kind === undefined || kind === null ? "is missing" : "unknown type " + shown(kind), hint: hint });
      return;
    }
    this.check(variants[kind], value, path, out);
  };

  Validator.prototype.enumMessage = function (schema, value) {
    var name = schema["x-vocabulary"], allowed = schema["enum"], near, message;
    if (name) {
      near = suggest(str(value), this.vocab[name], 3);
      message = "unknown " + (NOUNS[name] || "value") + " " + shown(value);
    } else {
      near = closeMatches(str(value), allowed.map(str), 3, 0.5);
      message = shown(value) + " is not an allowed value";
    }
    var labels = schema["x-enum-labels"] || {};
    function listed(a) { return typeof a === "string" ? repr(a) : String(a); }
    var listing = allowed.map(function (a) {
      var l = labels[str(a)];
      return listed(a) + (l !== undefined && !eq(l, a) && allowed.length <= 8 ? " (" + l + ")" : "");
    }).join(", ");
    if (allowed.length > 12) listing = allowed.slice(0, 12).map(listed).join(", ") + ", …";
    if (near.length) return [message, "did you mean " + near.map(listed).join(" or ") + "?"];
    return [message, "use one of: " + listing];
  };

  Object.assign(NS, { Validator: Validator, resolve: resolve });
})(window);
