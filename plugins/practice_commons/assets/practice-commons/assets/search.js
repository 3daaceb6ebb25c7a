/* Practice Commons: search and filters over a prebuilt lunr shard.
 *
 * The page carries the form (hidden until this script runs), the filters with
 * their counts and a static list of everything in scope, so it works without
 * JavaScript. This script fetches the page's one shard on first use, loads
 * lunr.js only when a visitor types words, and keeps the state in the query
 * string (?query=…&topic=…&grade=…; not "q", which Material's own search
 * takes over on load) so a search can be shared, bookmarked and
 * restored on reload. Text from the shard is only ever set with textContent.
 *
 * Within one filter, values are alternatives (any of them); across filters,
 * all must hold. Each value's count is how many results choosing it would
 * give, given the words and the other filters.
 */
(function () {
  "use strict";

  var PAGE = 20;
  var DEBOUNCE_MS = 200;
  var loaded = {};  // URL -> Promise, shared by every widget on the page

  function loadJSON(url) {
    if (!loaded[url]) {
      loaded[url] = fetch(url, { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) { throw new Error(url + ": HTTP " + r.status); }
        return r.json();
      });
    }
    return loaded[url];
  }

  function loadScript(url) {
    if (window.lunr) { return Promise.resolve(window.lunr); }
    if (!loaded[url]) {
      loaded[url] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = url;
        s.async = true;
        s.onload = function () { resolve(window.lunr); };
        s.onerror = function () { reject(new Error(url + " did not load")); };
        document.head.appendChild(s);
      });
    }
    return loaded[url];
  }

  function fmt(template, n) { return String(template).split("{n}").join(String(n)); }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  /* The words of a query as core/search.py's query_words prepares them. */
  function queryWords(lunr, text, lang) {
    var english = String(lang || "en").split(/[-_]/)[0] === "en";
    var words = [];
    lunr.tokenizer(text).forEach(function (token) {
      token = lunr.trimmer(token);
      if (english) { token = lunr.stopWordFilter(token); }
      if (token && token.toString()) { words.push(token.toString()); }
    });
    return words;
  }

  /* ref -> score for documents matching every word (stemmed, or as a prefix). */
  function textMatches(lunr, index, words) {
    var totals = null;
    words.forEach(function (word) {
      var found = {};
      var results = [];
      try {
        results = index.query(function (q) {
          q.term(word, { usePipeline: true, boost: 10 });
          q.term(word, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING });
        });
      } catch (e) { results = []; }  // a word lunr cannot parse matches nothing
      results.forEach(function (r) { found[r.ref] = r.score; });
      if (totals === null) { totals = found; return; }
      var next = {};
      Object.keys(found).forEach(function (ref) {
        if (ref in totals) { next[ref] = totals[ref] + found[ref]; }
      });
      totals = next;
    });
    return totals;
  }

  function Widget(root) {
    this.root = root;
    this.cfg = JSON.parse(root.querySelector(".pc-search__config").textContent);
    this.form = root.querySelector("form");
    this.input = root.querySelector("input[type=search]");
    this.status = root.querySelector(".pc-search__status");
    this.list = root.querySelector(".pc-search__results");
    this.more = root.querySelector(".pc-search__more");
    this.boxes = Array.prototype.slice.call(root.querySelectorAll("input[type=checkbox]"));
    this.facets = [];
    var self = this;
    this.boxes.forEach(function (box) {
      if (self.facets.indexOf(box.name) < 0) { self.facets.push(box.name); }
    });
    this.data = null;
    this.index = null;
    this.results = [];
    this.shown = 0;
    this.seq = 0;
    this.timer = null;
  }

  Widget.prototype.start = function () {
    var self = this;
    this.restore(new URLSearchParams(window.location.search));
    this.root.hidden = false;
    this.form.addEventListener("submit", function (e) { e.preventDefault(); self.run(true); });
    this.form.addEventListener("reset", function () {
      window.setTimeout(function () { self.run(true); }, 0);
    });
    this.input.addEventListener("input", function () {
      window.clearTimeout(self.timer);
      self.timer = window.setTimeout(function () { self.run(true); }, DEBOUNCE_MS);
    });
    this.boxes.forEach(function (box) {
      box.addEventListener("change", function () { self.run(true); });
    });
    // Fetch the shard as soon as someone shows interest, so the first result is quick.
    this.form.addEventListener("focusin", function () { self.ensureData(); }, { once: true });
    this.more.addEventListener("click", function () { self.render(true); });
    window.addEventListener("popstate", function () {
      self.restore(new URLSearchParams(window.location.search));
      self.run(false);
    });
    if (this.active(this.state())) { this.run(false); } else { this.idle(); }
  };

  Widget.prototype.restore = function (params) {
    this.input.value = params.get("query") || "";
    this.boxes.forEach(function (box) {
      box.checked = params.getAll(box.name).indexOf(box.value) >= 0;
    });
    this.root.querySelectorAll("details.pc-facet").forEach(function (d) {
      if (d.querySelector("input:checked")) { d.open = true; }
    });
  };

  Widget.prototype.state = function () {
    var chosen = {};
    this.boxes.forEach(function (box) {
      if (box.checked) { (chosen[box.name] = chosen[box.name] || []).push(box.value); }
    });
    return { q: this.input.value.trim(), chosen: chosen };
  };

  Widget.prototype.active = function (state) {
    return state.q !== "" || Object.keys(state.chosen).length > 0;
  };

  Widget.prototype.writeURL = function (state) {
    var params = new URLSearchParams();
    if (state.q) { params.set("query", state.q); }
    this.facets.forEach(function (name) {
      (state.chosen[name] || []).forEach(function (v) { params.append(name, v); });
    });
    var qs = params.toString();
    var url = window.location.pathname + (qs ? "?" + qs : "") + window.location.hash;
    if (url !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.replaceState(window.history.state, "", url);
    }
  };

  Widget.prototype.ensureData = function () {
    var self = this;
    if (!this.dataPromise) {
      this.dataPromise = loadJSON(this.cfg.shard).then(function (data) {
        self.data = data;
        return data;
      });
    }
    return this.dataPromise;
  };

  Widget.prototype.ensureIndex = function () {
    var self = this;
    if (this.index) { return Promise.resolve(this.index); }
    return Promise.all([this.ensureData(), loadScript(this.cfg.lunr)]).then(function (both) {
      self.index = self.index || window.lunr.Index.load(both[0].index);
      return self.index;
    });
  };

  Widget.prototype.idle = function () {
    this.results = [];
    this.list.replaceChildren();
    this.more.hidden = true;
    this.status.textContent = fmt(this.cfg.t.idle, this.cfg.total);
  };

  Widget.prototype.run = function (fromUser) {
    var self = this;
    var state = this.state();
    var seq = ++this.seq;
    if (fromUser) { this.writeURL(state); }
    if (!this.active(state)) {
      this.idle();
      if (this.data) { this.count(this.data.docs, null, state.chosen); }
      return Promise.resolve();
    }
    if (!this.data) { this.status.textContent = this.cfg.t.loading; }
    var ready = state.q ? this.ensureIndex() : this.ensureData();
    return ready.then(function () {
      if (seq !== self.seq) { return; }  // a newer search has started
      var docs = self.data.docs;
      var scores = null;
      if (state.q) {
        var words = queryWords(window.lunr, state.q, self.data.lang);
        if (words.length) { scores = textMatches(window.lunr, self.index, words); }
      }
      self.count(docs, scores, state.chosen);
      var hits = [];
      docs.forEach(function (doc, i) {
        if ((scores === null || String(i) in scores) && self.matches(doc, state.chosen, null)) {
          hits.push(i);
        }
      });
      if (scores !== null) {
        hits.sort(function (a, b) { return (scores[b] - scores[a]) || (a - b); });
      }
      self.results = hits;
      self.render(false);
      self.status.textContent = hits.length === 0 ? self.cfg.t.none
        : fmt(hits.length === 1 ? self.cfg.t.count_one : self.cfg.t.count, hits.length);
    }).catch(function (err) {
      if (window.console) { window.console.error(err); }
      self.status.textContent = self.cfg.t.error;
    });
  };

  /* Does `doc` pass every chosen filter except `skip`? */
  Widget.prototype.matches = function (doc, chosen, skip) {
    for (var name in chosen) {
      if (name === skip) { continue; }
      var values = doc[name] || [];
      var wanted = chosen[name];
      var hit = false;
      for (var i = 0; i < wanted.length && !hit; i++) { hit = values.indexOf(wanted[i]) >= 0; }
      if (!hit) { return false; }
    }
    return true;
  };

  Widget.prototype.count = function (docs, scores, chosen) {
    var self = this;
    var counts = {};
    this.facets.forEach(function (name) { counts[name] = {}; });
    docs.forEach(function (doc, i) {
      if (scores !== null && !(String(i) in scores)) { return; }
      self.facets.forEach(function (name) {
        if (!self.matches(doc, chosen, name)) { return; }
        (doc[name] || []).forEach(function (v) { counts[name][v] = (counts[name][v] || 0) + 1; });
      });
    });
    this.boxes.forEach(function (box) {
      var n = counts[box.name][box.value] || 0;
      box.parentNode.querySelector(".pc-facet__count").textContent = "(" + n + ")";
      box.parentNode.classList.toggle("pc-facet__option--empty", n === 0);
    });
  };

  Widget.prototype.render = function (append) {
    var docs = this.data.docs;
    var start = append ? this.shown : 0;
    if (!append) { this.list.replaceChildren(); }
    var end = Math.min(this.results.length, start + PAGE);
    var first = null;
    for (var k = start; k < end; k++) {
      var item = this.card(docs[this.results[k]]);
      first = first || item;
      this.list.appendChild(item);
    }
    this.shown = end;
    this.more.hidden = end >= this.results.length;
    if (append && first) { first.querySelector("a").focus(); }
  };

  Widget.prototype.card = function (doc) {
    var labels = this.cfg.labels;
    var t = this.cfg.t;
    var li = el("li", "pc-entry");
    var a = el("a", "pc-entry__title", doc.t);
    a.href = this.cfg.base + doc.u;
    li.appendChild(a);
    var meta = [];
    (doc.kind || []).forEach(function (k) { meta.push(labels.kind[k] || k); });
    if (doc.s) { meta.push(doc.s); }
    var states = (doc.state || []).map(function (s) { return labels.state[s] || s; }).join(", ");
    var where = [doc.c, states].filter(Boolean).join(", ");
    if (where) { meta.push(where); }
    li.appendChild(el("span", "pc-entry__meta", meta.join(" · ")));
    if (doc.m) { li.appendChild(el("p", "pc-entry__summary", doc.m)); }
    if (doc.level && doc.level.length) {
      var lv = doc.level.map(function (l) { return labels.level[l] || l; }).join(", ");
      li.appendChild(el("p", "pc-entry__levels", t.levels + ": " + lv));
    }
    return li;
  };

  function startAll() {
    document.querySelectorAll("[data-pc-search]").forEach(function (root) {
      if (root.dataset.pcStarted) { return; }
      root.dataset.pcStarted = "1";
      try { new Widget(root).start(); } catch (e) {
        // The static list below is complete; a broken widget must not hide it.
        root.hidden = true;
        if (window.console) { window.console.error(e); }
      }
    });
  }

  // Material's instant navigation swaps pages without reloading scripts.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(startAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", startAll);
  } else {
    startAll();
  }
})();
