/* Practice Commons: the site's one search, over the static files core/search builds.
 *
 * Nothing is fetched when a page loads. When someone searches, this fetches the small
 * manifest (index.json: chunk boundaries, concepts, labels) and facets.json, then only
 * the term chunks holding the query's words, and one card file per result on screen.
 * lunr.js (the copy inside MkDocs) runs its own pipeline over the query, so words are
 * cut, trimmed, filtered and stemmed exactly as the build indexed them; the scores
 * come precomputed from the build (lunr's BM25 weights, summed over fields).
 *
 * How a query is read, on submit or when the page opens with ?query=:
 *  1. phrases the site knows ("ELL", "middle school", "level 4", "NYC") become filters,
 *     shown as chips the visitor can remove, and leave the text;
 *  2. the remaining words are searched in the full text: an item matching more of them
 *     ranks higher, all of them higher still, a title phrase higher again; an item that
 *     matches only some words is still shown, so a real query is never "no results"
 *     while something matches most of it;
 *  3. if the filters together leave nothing, items matching most of them are shown,
 *     and the page says so.
 * While someone types, results follow the words as typed (the last word as a prefix).
 * State lives in the URL (?query=…&topic=…), so a search can be shared; text from the
 * search files is only ever set with textContent.
 */
(function () {
  "use strict";

  var PAGE = 10;
  var DEBOUNCE_MS = 180;
  var PREFIX_TERMS = 40;  // words a prefix may stand for
  var SNIPPET_WORDS = 28;
  var cache = {};

  function getJSON(url) {
    if (!cache[url]) {
      cache[url] = fetch(url, { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) { throw new Error(url + ": HTTP " + r.status); }
        return r.json();
      });
    }
    return cache[url];
  }

  function getScript(url) {
    if (window.lunr) { return Promise.resolve(window.lunr); }
    if (!cache[url]) {
      cache[url] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = url;
        s.onload = function () { resolve(window.lunr); };
        s.onerror = function () { reject(new Error(url + " did not load")); };
        document.head.appendChild(s);
      });
    }
    return cache[url];
  }

  function fmt(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (m, k) {
      return k in values ? String(values[k]) : m;
    });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  /* Normalised words, as core/outputs/search/text.py `words`: lowercase, accents and dots
     dropped, split on anything but letters and digits. */
  function plainWords(text) {
    return String(text).toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[.'\u2019]/g, "").split(/[^0-9a-z]+/).filter(Boolean);
  }

  /* ---------------------------------------------------------------- the engine */

  function Engine(base, lunrUrl) {
    this.base = base;
    this.lunrUrl = lunrUrl;
  }

  Engine.prototype.ready = function () {
    var self = this;
    if (!this.loading) {
      this.loading = Promise.all([getJSON(this.base + "/index.json"),
        getJSON(this.base + "/facets.json"), getScript(this.lunrUrl)]).then(function (all) {
        self.manifest = all[0];
        self.lunr = all[2];
        self.decodeFacets(all[1]);
        return self;
      });
    }
    return this.loading;
  };

  Engine.prototype.decodeFacets = function (raw) {
    var n = this.manifest.n;
    this.has = {};  // param -> value -> Uint8Array over documents
    this.docValues = {};  // param -> array per document of its values
    for (var param in raw) {
      this.has[param] = {};
      var perDoc = this.docValues[param] = new Array(n);
      for (var value in raw[param]) {
        var bits = new Uint8Array(n);
        var gaps = raw[param][value];
        var d = 0;
        for (var i = 0; i < gaps.length; i++) {
          d += gaps[i];
          bits[d] = 1;
          (perDoc[d] = perDoc[d] || []).push(value);
        }
        this.has[param][value] = bits;
      }
    }
  };

  Engine.prototype.stem = function (word) {
    // Remembered: snippets stem every word of ten cards, and pages repeat their words.
    var memo = this.stems || (this.stems = new Map());
    var found = memo.get(word);
    if (found === undefined) {
      found = this.lunr.stemmer(new this.lunr.Token(word, {})).toString();
      if (memo.size < 50000) { memo.set(word, found); }
    }
    return found;
  };

  /* The words of `text` as lunr indexes them (tokenizer, trimmer, stop words, stemmer). */
  Engine.prototype.terms = function (text) {
    var lunr = this.lunr;
    var english = this.manifest.english;
    var out = [];
    lunr.tokenizer(text).forEach(function (token) {
      var raw = lunr.trimmer(token);
      if (english) { raw = lunr.stopWordFilter(raw); }
      if (!raw || !raw.toString()) { return; }
      var stemmed = english ? lunr.stemmer(raw) : raw;
      out.push({ raw: raw.toString(), term: stemmed.toString() });
    });
    return out;
  };

  /* Split a query into known concepts (filters) and the words left for the text. */
  Engine.prototype.understand = function (text) {
    var c = this.manifest.concepts;
    var words = [];
    String(text).split(/\s+/).forEach(function (token) {
      var capital = /^[A-Z]{2}$/.test(token.replace(/[.,;:!?]+$/, ""));
      plainWords(token).forEach(function (w) { words.push({ w: w, capital: capital }); });
    });
    var stems = words.map(function (x) { return this.stem(x.w); }, this);
    var found = [];
    var rest = [];
    var consumed = [];
    for (var i = 0; i < words.length;) {
      var hit = -1;
      var len = 0;
      for (len = Math.min(c.n, words.length - i); len > 0; len--) {
        var key = stems.slice(i, i + len).join(" ");
        if (len === 1 && words[i].capital && words[i].w in c.u) { hit = c.u[words[i].w]; break; }
        if (Object.prototype.hasOwnProperty.call(c.p, key)) { hit = c.p[key]; break; }
      }
      if (hit >= 0) {
        if (found.indexOf(hit) < 0) { found.push(hit); }
        for (var k = i; k < i + len; k++) { consumed.push(words[k].w); }
        i += len;
      } else {
        rest.push(words[i].w);
        i += 1;
      }
    }
    return {
      concepts: found.map(function (n) { return c.c[n]; }),
      text: rest.join(" "),
      consumed: consumed.join(" ")
    };
  };

  Engine.prototype.chunkOf = function (term) {
    var firsts = this.manifest.chunks;
    var lo = 0;
    var hi = firsts.length - 1;
    while (lo < hi) {  // the last chunk whose first term is <= term
      var mid = (lo + hi + 1) >> 1;
      if (firsts[mid] <= term) { lo = mid; } else { hi = mid - 1; }
    }
    return lo;
  };

  Engine.prototype.chunk = function (i) {
    return getJSON(this.base + "/t/" + i + ".json");
  };

  /* doc -> weight for `term`; with `prefix`, the best weight of any term it begins. */
  Engine.prototype.postings = function (term, prefix) {
    var self = this;
    var first = this.chunkOf(term);
    var wanted = [first];
    if (prefix && first + 1 < this.manifest.chunks.length &&
        this.manifest.chunks[first + 1].indexOf(term) === 0) {
      wanted.push(first + 1);  // the prefix runs on into the next chunk
    }
    return Promise.all(wanted.map(function (i) { return self.chunk(i); })).then(function (parts) {
      var out = {};
      var used = 0;
      parts.forEach(function (chunk) {
        var keys = prefix ? Object.keys(chunk).filter(function (t) {
          return t.indexOf(term) === 0 && t.indexOf(" ") < 0;
        }).sort() : (Object.prototype.hasOwnProperty.call(chunk, term) ? [term] : []);
        keys.forEach(function (t) {
          if (used++ >= PREFIX_TERMS) { return; }
          var flat = chunk[t];
          var d = 0;
          for (var i = 0; i < flat.length; i += 2) {
            d += flat[i];
            if (!(d in out) || out[d] < flat[i + 1]) { out[d] = flat[i + 1]; }
          }
        });
      });
      return out;
    });
  };

  /* Score every document for the words of `text` (and, as optional extras, `soft`). */
  Engine.prototype.score = function (text, soft, typing) {
    var self = this;
    var words = this.terms(text);
    var extras = soft ? this.terms(soft) : [];
    if (!words.length && !extras.length) { return Promise.resolve(null); }
    var jobs = [];
    words.forEach(function (w, i) {
      var last = typing && i === words.length - 1;
      jobs.push(self.postings(w.term, false).then(function (exact) {
        // A word the index lacks is read as the start of one ("engl", "colocat").
        if (!last && Object.keys(exact).length) { return { need: i, p: exact, f: 1 }; }
        return self.postings(w.raw.toLowerCase(), true).then(function (pre) {
          for (var d in exact) { if (!(d in pre) || pre[d] < exact[d]) { pre[d] = exact[d]; } }
          return { need: i, p: pre, f: 1 };
        });
      }));
    });
    for (var i = 0; i + 1 < words.length; i++) {
      // A title phrase, and two words written as one ("co location" -> "colocation").
      jobs.push(this.postings(words[i].term + " " + words[i + 1].term, false)
        .then(function (p) { return { p: p, f: 1 }; }));
      var joined = this.terms(words[i].raw + words[i + 1].raw);
      if (joined.length === 1) {
        jobs.push(this.postings(joined[0].term, false).then(function (p) {
          return { p: p, f: 0.5 };
        }));
      }
    }
    extras.forEach(function (w) {
      jobs.push(self.postings(w.term, false).then(function (p) { return { p: p, f: 0.5 }; }));
    });
    return Promise.all(jobs).then(function (parts) {
      var total = {};
      var matched = {};
      parts.forEach(function (part) {
        for (var d in part.p) {
          total[d] = (total[d] || 0) + part.p[d] * part.f;
          if (part.need !== undefined) { matched[d] = (matched[d] || 0) + 1; }
        }
      });
      var n = words.length;
      var out = {};
      for (var d in total) {
        var m = matched[d] || 0;
        if (n && !m) { continue; }  // extras rank, they do not find
        var share = n ? m / n : 1;
        out[d] = total[d] * share * share * (n && m === n ? 2 : 1);
      }
      return { scores: out, words: words.map(function (w) { return w.term; }),
               extras: extras.map(function (w) { return w.term; }) };
    });
  };

  Engine.prototype.passes = function (d, filters, skip) {
    for (var param in filters) {
      if (param === skip) { continue; }
      var values = filters[param];
      var bits = this.has[param] || {};
      var ok = false;
      for (var i = 0; i < values.length && !ok; i++) { ok = !!(bits[values[i]] && bits[values[i]][d]); }
      if (!ok) { return false; }
    }
    return true;
  };

  function pick(obj, key) { var o = {}; o[key] = obj[key]; return o; }

  /* The ranked results of a query: {hits, note, counts, terms}. */
  Engine.prototype.search = function (text, filters, soft, typing) {
    var self = this;
    return this.score(text, soft, typing).then(function (scored) {
      var n = self.manifest.n;
      var scores = scored ? scored.scores : null;
      var hasWords = scored && scored.words.length > 0;
      var params = Object.keys(filters);
      var pool = [];
      for (var d = 0; d < n; d++) {
        if (!hasWords || d in scores) { pool.push(d); }
      }
      var hits = pool.filter(function (d) { return self.passes(d, filters, null); });
      var note = "";
      if (!hits.length && hasWords && params.length) {
        // The words match nothing within the filters: keep the filters, drop the words.
        var all = [];
        for (var e = 0; e < n; e++) { if (self.passes(e, filters, null)) { all.push(e); } }
        if (all.length) { hits = all; note = "words"; }
      }
      var byScore = function (a, b) {
        return ((scores && scores[b] || 0) - (scores && scores[a] || 0)) || (a - b);
      };
      if (scores) { hits.sort(byScore); }
      var partial = [];
      if (params.length > 1) {
        // After the items that have every filter, those that have some, most first.
        var met = {};
        var full = {};
        hits.forEach(function (d) { full[d] = true; });
        pool.forEach(function (d) {
          if (full[d]) { return; }
          var k = 0;
          params.forEach(function (p) { if (self.passes(d, pick(filters, p), null)) { k++; } });
          if (k > 0) { met[d] = k; partial.push(d); }
        });
        partial.sort(function (a, b) { return (met[b] - met[a]) || byScore(a, b); });
        if (!hits.length && partial.length) { note = "partial"; }
      }
      // Marked in cards: the words typed, else the words that became filters; not
      // numbers or one-letter words, which would mark every "3" and "a".
      var marks = scored ? (scored.words.length ? scored.words : scored.extras) : [];
      return { hits: hits.concat(partial), full: hits.length, partial: partial.length,
               note: note, counts: self.counts(pool, filters),
               terms: marks.filter(function (w) { return w.length > 1 && !/^\d+$/.test(w); }) };
    });
  };

  /* For each filter value: how many results choosing it would give (other filters kept).
     One pass: a document that fails no filter counts for every facet, one that fails
     exactly one counts for that facet only (choosing another value there could admit it). */
  Engine.prototype.counts = function (pool, filters) {
    var self = this;
    var params = Object.keys(filters);
    var sets = params.map(function (p) {
      return filters[p].map(function (v) { return (self.has[p] || {})[v]; })
        .filter(Boolean);
    });
    var facetNames = Object.keys(this.docValues);
    var out = {};
    facetNames.forEach(function (name) { out[name] = {}; });
    var add = function (name, d) {
      var values = self.docValues[name][d];
      if (!values) { return; }
      var counts = out[name];
      for (var k = 0; k < values.length; k++) { counts[values[k]] = (counts[values[k]] || 0) + 1; }
    };
    for (var i = 0; i < pool.length; i++) {
      var d = pool[i];
      var failed = -1;
      var fails = 0;
      for (var j = 0; j < sets.length && fails < 2; j++) {
        var ok = false;
        for (var k = 0; k < sets[j].length && !ok; k++) { ok = sets[j][k][d] === 1; }
        if (!ok) { fails++; failed = j; }
      }
      if (fails === 0) {
        for (var f = 0; f < facetNames.length; f++) { add(facetNames[f], d); }
      } else if (fails === 1 && params[failed] in out) {
        add(params[failed], d);
      }
    }
    return out;
  };

  Engine.prototype.card = function (d) {
    return getJSON(this.base + "/d/" + d + ".json");
  };

  /* ---------------------------------------------------------------- the page */

  function Finder(root) {
    this.root = root;
    this.cfg = JSON.parse(root.querySelector(".pc-search__config").textContent);
    this.t = this.cfg.t;
    this.engine = new Engine(this.cfg.base + this.cfg.root, this.cfg.lunr);
    this.form = root.querySelector(".pc-finder__form");
    this.input = root.querySelector("#pc-search-q");
    this.status = root.querySelector(".pc-search__status");
    this.list = root.querySelector("[data-search-results]");
    this.staticList = this.list.innerHTML;
    this.pager = root.querySelector(".pc-finder__pager");
    this.more = root.querySelector(".pc-search__more");
    this.chips = root.querySelector(".pc-chips__list");
    this.chipBar = root.querySelector(".pc-chips");
    this.toggle = root.querySelector(".pc-finder__toggle");
    this.panel = root.querySelector(".pc-finder__filters");
    this.boxes = Array.prototype.slice.call(root.querySelectorAll(".pc-facet input[type=checkbox]"));
    this.extra = {};  // filters without a checkbox (a city from the words)
    this.extraLabels = {};
    this.seq = 0;
    this.results = [];
    this.shown = 0;
  }

  Finder.prototype.start = function () {
    var self = this;
    var params = new URLSearchParams(window.location.search);
    this.restore(params);
    this.form.addEventListener("submit", function (e) {
      e.preventDefault();
      self.run({ understand: true, push: true });
    });
    this.input.addEventListener("input", function () {
      window.clearTimeout(self.timer);
      self.timer = window.setTimeout(function () { self.run({ typing: true }); }, DEBOUNCE_MS);
    });
    this.input.addEventListener("focus", function () { self.engine.ready(); }, { once: true });
    this.boxes.forEach(function (box) {
      box.addEventListener("change", function () { self.run({}); });
    });
    this.more.addEventListener("click", function () { self.render(true); });
    var reset = this.root.querySelector(".pc-search__reset");
    if (reset) {
      reset.addEventListener("click", function () {
        self.input.value = "";
        self.boxes.forEach(function (b) { b.checked = false; });
        self.extra = {};
        self.run({});
        self.input.focus();
      });
    }
    if (this.toggle) {
      this.toggle.hidden = false;
      this.toggle.addEventListener("click", function () {
        var open = self.toggle.getAttribute("aria-expanded") !== "true";
        self.toggle.setAttribute("aria-expanded", String(open));
        self.panel.classList.toggle("pc-finder__filters--open", open);
      });
    }
    window.addEventListener("popstate", function () {
      self.restore(new URLSearchParams(window.location.search));
      self.run({ understand: true, replay: true });
    });
    if (this.active()) {
      this.run({ understand: true });
    } else {
      this.idle();
    }
  };

  Finder.prototype.restore = function (params) {
    var self = this;
    this.input.value = params.get("query") || "";
    var names = {};
    this.boxes.forEach(function (box) {
      names[box.name] = true;
      box.checked = params.getAll(box.name).indexOf(box.value) >= 0;
    });
    this.extra = {};
    params.forEach(function (value, key) {
      if (key !== "query" && key !== "page" && !names[key]) {
        (self.extra[key] = self.extra[key] || []).push(value);
      }
    });
  };

  Finder.prototype.filters = function () {
    var out = {};
    this.boxes.forEach(function (box) {
      if (box.checked) { (out[box.name] = out[box.name] || []).push(box.value); }
    });
    for (var k in this.extra) { out[k] = (out[k] || []).concat(this.extra[k]); }
    return out;
  };

  Finder.prototype.active = function () {
    return this.input.value.trim() !== "" || Object.keys(this.filters()).length > 0;
  };

  Finder.prototype.setFilter = function (param, value, label) {
    var box = this.boxes.filter(function (b) { return b.name === param && b.value === value; })[0];
    if (box) { box.checked = true; return; }
    var list = this.extra[param] = this.extra[param] || [];
    if (list.indexOf(value) < 0) { list.push(value); }
    this.extraLabels[param + "=" + value] = label;
  };

  Finder.prototype.writeURL = function (push) {
    var params = new URLSearchParams();
    var q = this.input.value.trim();
    if (q) { params.set("query", q); }
    var f = this.filters();
    Object.keys(f).sort().forEach(function (k) {
      f[k].forEach(function (v) { params.append(k, v); });
    });
    var qs = params.toString();
    var url = window.location.pathname + (qs ? "?" + qs : "");
    if (url === window.location.pathname + window.location.search) { return; }
    window.history[push ? "pushState" : "replaceState"](null, "", url);
  };

  Finder.prototype.idle = function () {
    this.root.classList.remove("pc-finder--searching");
    document.documentElement.classList.remove("pc-searching");
    this.list.innerHTML = this.staticList;  // our own build-time HTML, not search data
    this.list.dataset.state = "static";
    if (this.pager) { this.pager.hidden = false; }
    this.more.hidden = true;
    this.status.textContent = fmt(this.t.idle, { n: this.cfg.total });
    this.drawChips();
  };

  Finder.prototype.run = function (how) {
    var self = this;
    var seq = ++this.seq;
    if (!this.active()) {
      this.writeURL(how.push);
      this.idle();
      return Promise.resolve();
    }
    this.root.classList.add("pc-finder--searching");
    if (this.pager) { this.pager.hidden = true; }
    if (!this.engine.manifest) { this.status.textContent = this.t.loading; }
    return this.engine.ready().then(function (engine) {
      if (seq !== self.seq) { return null; }
      var soft = "";
      var typed = self.input.value;
      var before = JSON.stringify(self.filters());
      var undo = null;
      if (how.understand) {
        var read = engine.understand(typed);
        var saved = { boxes: self.boxes.map(function (b) { return b.checked; }),
                      extra: JSON.stringify(self.extra) };
        read.concepts.forEach(function (c) {
          c[1].forEach(function (v) { self.setFilter(c[0], v, c[2]); });
        });
        if (read.concepts.length) {
          self.input.value = read.text;
          undo = function () {
            self.boxes.forEach(function (b, i) { b.checked = saved.boxes[i]; });
            self.extra = JSON.parse(saved.extra);
            self.input.value = typed;
          };
        }
        soft = read.consumed;
        self.soft = soft;
      } else if (!how.typing) {
        soft = self.soft || "";
      } else {
        self.soft = "";
      }
      return engine.search(self.input.value, self.filters(), soft, how.typing).then(function (r) {
        if (!undo || r.full || JSON.stringify(self.filters()) === before) { return r; }
        // The words named filters that together leave nothing: read them as words.
        undo();
        self.soft = "";
        return engine.search(self.input.value, self.filters(), "", false);
      });
    }).then(function (result) {
      if (result && seq === self.seq && !how.replay) { self.writeURL(how.push); }
      if (!result || seq !== self.seq) { return; }
      self.results = result.hits;
      self.terms = result.terms;
      self.drawCounts(result.counts);
      self.drawChips();
      var n = result.full || result.hits.length;
      var status = n === 0 ? self.t.none : fmt(n === 1 ? self.t.count_one : self.t.count, { n: n });
      if (result.note === "partial") { status += " " + self.t.partial; }
      if (result.full && result.partial) {
        status += " " + fmt(self.t.also_partial, { n: result.partial });
      }
      if (result.note === "words") {
        status += " " + fmt(self.t.words_unmatched, { words: self.input.value.trim() });
      }
      self.status.textContent = status;
      return self.render(false);
    }).catch(function (err) {
      if (window.console) { window.console.error(err); }
      self.status.textContent = self.t.error;
    });
  };

  Finder.prototype.drawCounts = function (counts) {
    this.boxes.forEach(function (box) {
      var n = (counts[box.name] || {})[box.value] || 0;
      box.parentNode.querySelector(".pc-facet__count").textContent = "(" + n + ")";
      box.parentNode.classList.toggle("pc-facet__option--empty", n === 0);
    });
  };

  Finder.prototype.label = function (param, value) {
    var box = this.boxes.filter(function (b) { return b.name === param && b.value === value; })[0];
    if (box) { return box.parentNode.querySelector(".pc-facet__label").textContent; }
    var labels = (this.engine.manifest && this.engine.manifest.labels[param]) || {};
    return this.extraLabels[param + "=" + value] || labels[value] || value;
  };

  Finder.prototype.drawChips = function () {
    var self = this;
    var f = this.filters();
    this.chips.replaceChildren();
    Object.keys(f).forEach(function (param) {
      f[param].forEach(function (value) {
        var name = (self.cfg.facets[param] || param) + ": " + self.label(param, value);
        var li = el("li", "pc-chip");
        var b = el("button", "pc-chip__button");
        b.type = "button";
        b.setAttribute("aria-label", fmt(self.t.remove, { label: name }));
        b.appendChild(el("span", "pc-chip__text", name));
        b.appendChild(el("span", "pc-chip__x", "\u00d7"));
        b.addEventListener("click", function () { self.removeFilter(param, value); });
        li.appendChild(b);
        self.chips.appendChild(li);
      });
    });
    this.chipBar.classList.toggle("pc-chips--empty", !this.chips.children.length);
  };

  Finder.prototype.removeFilter = function (param, value) {
    this.boxes.forEach(function (b) {
      if (b.name === param && b.value === value) { b.checked = false; }
    });
    if (this.extra[param]) {
      this.extra[param] = this.extra[param].filter(function (v) { return v !== value; });
      if (!this.extra[param].length) { delete this.extra[param]; }
    }
    this.run({ push: true });
    this.input.focus();
  };

  Finder.prototype.render = function (append) {
    var self = this;
    var start = append ? this.shown : 0;
    var end = Math.min(this.results.length, start + PAGE);
    var ids = this.results.slice(start, end);
    var seq = this.seq;
    return Promise.all(ids.map(function (d) { return self.engine.card(d); })).then(function (cards) {
      if (seq !== self.seq) { return; }
      if (!append) { self.list.replaceChildren(); }
      self.list.dataset.state = "results";  // a hook for tests: these are search results
      var first = null;
      cards.forEach(function (card) {
        var item = self.card(card);
        first = first || item;
        self.list.appendChild(item);
      });
      self.shown = end;
      self.more.hidden = end >= self.results.length;
      if (append && first) { first.querySelector("a").focus(); }
    });
  };

  Finder.prototype.card = function (doc) {
    var labels = this.engine.manifest.labels;
    var t = this.t;
    var li = el("li", "pc-result pc-result--" + doc.k);
    var kind = el("span", "pc-result__kind", (labels.kind || {})[doc.k] || doc.k);
    li.appendChild(kind);
    var h = el("h3", "pc-result__title");
    var a = el("a", "", doc.t);
    a.href = this.cfg.base + doc.u;
    h.appendChild(a);
    li.appendChild(h);
    var meta = [];
    if (doc.s) { meta.push(doc.s); }
    var states = (doc.st || []).map(function (s) { return (labels.state || {})[s] || s; });
    var where = [doc.c].concat(states).filter(Boolean).join(", ");
    if (where) { meta.push(where); }
    if (doc.a) { meta.push(t.archived); }
    if (meta.length) { li.appendChild(el("p", "pc-result__meta", meta.join(" · "))); }
    if (doc.lv && doc.lv.length) {
      var badges = el("ul", "pc-lvls");
      badges.setAttribute("aria-label", t.levels);
      doc.lv.forEach(function (lv) {
        var b = el("li", "pc-lvl pc-lvl--level-" + lv, (labels.level || {})[lv] ?
          lv + " " + labels.level[lv] : lv);
        badges.appendChild(b);
      });
      li.appendChild(badges);
    }
    var snippet = this.snippet(doc);
    if (doc.m) { li.appendChild(this.marked("p", "pc-result__summary", doc.m)); }
    if (snippet) { li.appendChild(snippet); }
    var f = this.filters();
    if (doc.r && (f.format || f.level)) {
      var offers = doc.r.filter(function (r) {
        return (!f.format || f.format.indexOf(r[2]) >= 0) &&
               (!f.level || f.level.indexOf(String(r[0])) >= 0);
      });
      if (offers.length) {
        var p = el("p", "pc-result__offers");
        p.appendChild(el("strong", "", t.offers + ": "));
        p.appendChild(document.createTextNode(offers.map(function (r) {
          return r[1] + " (" + ((labels.format || {})[r[2]] || r[2]) + ", " + t.level + " " + r[0] + ")";
        }).join("; ")));
        li.appendChild(p);
      }
    }
    if (doc.tp && doc.tp.length) {
      li.appendChild(el("p", "pc-result__topics", doc.tp.map(function (s) {
        return (labels.topic || {})[s] || s;
      }).join(" · ")));
    }
    return li;
  };

  /* Is `word` (as written in a page) one of the query's terms? */
  Finder.prototype.hit = function (word) {
    if (!this.terms || !this.terms.length) { return false; }
    if (this.hitTerms !== this.terms) { this.hitTerms = this.terms; this.hits = new Map(); }
    var known = this.hits.get(word);
    if (known === undefined) {
      known = this.isHit(word);
      if (this.hits.size < 50000) { this.hits.set(word, known); }
    }
    return known;
  };

  Finder.prototype.isHit = function (word) {
    var w = word.toLowerCase().replace(/^\W+|\W+$/g, "");
    if (w.length < 2) { return false; }
    if (!w) { return false; }
    var stem = this.engine.stem(w);
    return this.terms.indexOf(stem) >= 0 || this.terms.some(function (t) {
      return t.length > 2 && w.indexOf(t) === 0;
    });
  };

  /* `text` with the query's words marked. */
  Finder.prototype.marked = function (tag, className, text) {
    var node = el(tag, className);
    var self = this;
    String(text).split(/(\s+)/).forEach(function (part) {
      if (part && !/^\s+$/.test(part) && self.hit(part)) {
        node.appendChild(el("mark", "", part));
      } else {
        node.appendChild(document.createTextNode(part));
      }
    });
    return node;
  };

  /* The stretch of the page's text with most of the query's words, marked. */
  Finder.prototype.snippet = function (doc) {
    if (!doc.x || !this.terms || !this.terms.length) { return null; }
    if (doc.m && this.terms.every(function (t) { return doc.m.toLowerCase().indexOf(t) >= 0; })) {
      return null;  // the summary already shows why
    }
    var words = doc.x.split(/\s+/).slice(0, 2500);
    var self = this;
    var hits = words.map(function (w) { return self.hit(w) ? 1 : 0; });
    var best = -1;
    var at = 0;
    var sum = 0;
    for (var i = 0; i < words.length; i++) {
      sum += hits[i] - (i >= SNIPPET_WORDS ? hits[i - SNIPPET_WORDS] : 0);
      if (sum > best) { best = sum; at = Math.max(0, i - SNIPPET_WORDS + 1); }
    }
    if (best <= 0) { return null; }
    var start = Math.max(0, at - 4);
    var text = (start > 0 ? "… " : "") + words.slice(start, start + SNIPPET_WORDS).join(" ") +
      (start + SNIPPET_WORDS < words.length ? " …" : "");
    return this.marked("p", "pc-result__snippet", text);
  };

  function startAll() {
    document.querySelectorAll("[data-pc-search]").forEach(function (root) {
      if (root.dataset.pcStarted) { return; }
      root.dataset.pcStarted = "1";
      try { new Finder(root).start(); } catch (e) {
        document.documentElement.classList.remove("pc-searching");
        if (window.console) { window.console.error(e); }
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", startAll);
  } else {
    startAll();
  }
})();
