/* Practice Commons: Python's semantics that the profile validator's messages rely on.
 *
 * repr(), str() and == as Python applies them to front-matter values, and
 * difflib's SequenceMatcher.ratio / get_close_matches with core/rules/vocabulary.py's
 * suggest(), so "did you mean" picks the same words as `commons validate`.
 * Used by submit-validate.js and submit-writer.js; tests/browser/test_submit_parity.py
 * compares them with Python.
 */
(function (global) {
  "use strict";
  var NS = global.PracticeCommonsProfile = global.PracticeCommonsProfile || {};

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

  // core/rules/vocabulary.py's suggest(): exact label or alias, then prefix, then close matches.
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

  Object.assign(NS, {
    chars: chars, len: len, strip: strip, typeOf: typeOf, isType: isType, repr: repr, str: str,
    eq: eq, contains: contains, ratio: ratio, closeMatches: closeMatches,
    suggest: suggest
  });
})(window);
