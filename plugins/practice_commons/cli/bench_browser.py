"""The browser half of ``commons bench``: a first query on a level page, in headless Chromium.

Serves the built site on 127.0.0.1, opens a pyramid-level page, records every
response from navigation until the faceted search answers a two-word query with two
facets applied, and sizes each response as gzip (what a server with compression
sends). Runs Debian's Chromium through Playwright; never downloads a browser.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import re
import statistics
import threading
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
# The faceted search widget of the indexes plugin (partials/search-widget.html).
WIDGET = "[data-pc-search]"
LEVEL_SHARD = re.compile(r"(?:^|/)level-([1-5])\.json$")
# Facets tried in this order (their query-string names in search.js): the two an
# educator is most likely to pick first.
FACETS = ("topic", "grade", "state", "kind", "approach", "sector", "tier")
MATERIAL_INDEX = "search/search_index.json"


def first_query(site: Path, shard_list: list[dict[str, Any]],
                browser: Any = None) -> dict[str, Any]:
    """``first_query_gz_bytes``, ``query_ms``, ``fetched`` (per response) and a note if null.

    ``browser`` is a Playwright browser to use; without it Debian's Chromium is launched.
    """
    empty: dict[str, Any] = {"first_query_gz_bytes": None, "query_ms": None, "fetched": []}
    found = _level_page(site)
    if found is None:
        why = ("no search shards in the built site" if not shard_list else
               f"no page holds the search widget ({WIDGET}) over a level shard")
        return {**empty, "query_note": f"{why}, so no faceted search to measure"}
    level_url, shard = found
    plan = _plan(shard)
    if plan is None:
        return {**empty, "query_note": f"{shard.name} has no document with two facet values"}
    server, base = _serve(site)
    try:
        if browser is not None:
            return _measure(browser, base, level_url, site, plan)
        if not Path(CHROMIUM).exists():
            return {**empty, "query_note": f"{CHROMIUM} is missing (apt-get install chromium)"}
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            return {**empty, "query_note": "playwright is not installed (pip install playwright)"}
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                         args=CHROMIUM_ARGS)
            try:
                return _measure(browser, base, level_url, site, plan)
            finally:
                browser.close()
    finally:
        server.shutdown()


def _level_page(site: Path) -> tuple[str, Path] | None:
    """A level page's URL and its shard: the page whose widget searches level 3 if any."""
    best: tuple[int, str, Path] | None = None
    for html in sorted(site.rglob("index.html")):
        text = html.read_text(encoding="utf-8", errors="replace")
        if "data-pc-search" not in text:
            continue
        config = re.search(r'class="pc-search__config">(.*?)</script>', text, re.DOTALL)
        shard = json.loads(config.group(1)).get("shard", "") if config else ""
        level = LEVEL_SHARD.search(shard)
        if level is None:
            continue
        rel = html.parent.relative_to(site).as_posix()
        url = "" if rel == "." else rel + "/"
        shard_path = (html.parent / urlsplit(shard).path).resolve()
        rank = abs(int(level.group(1)) - 3)
        if shard_path.is_file() and (best is None or rank < best[0]):
            best = (rank, url, shard_path)
    return (best[1], best[2]) if best else None


def _plan(shard: Path) -> dict[str, Any] | None:
    """Two facets with the most documents, and two words from a document that has both.

    Chosen from the shard itself so the query finds something whatever the corpus.
    """
    docs = json.loads(shard.read_bytes())["docs"]
    facets = [f for f in FACETS if any(f in d for d in docs)][:2]
    if len(facets) < 2:
        return None
    # The commonest pair of values that occur together: the commonest value of each facet
    # taken apart may never meet in one document (a small corpus, or "not stated" grades).
    pairs: dict[tuple[str, str], int] = {}
    for d in docs:
        for a in d.get(facets[0], ()):
            for b in d.get(facets[1], ()):
                pairs[(a, b)] = pairs.get((a, b), 0) + 1
    if not pairs:
        return None
    best = max(sorted(pairs), key=lambda k: pairs[k])
    chosen = dict(zip(facets, best))
    for d in docs:
        if all(chosen[f] in d.get(f, ()) for f in facets):
            words = sorted({w for w in re.findall(r"[A-Za-z]{4,}", d["t"])}, key=len)[-2:]
            if len(words) == 2:
                return {"facets": chosen, "query": " ".join(words)}
    return None


def _serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


# Ticks the chosen facets, types the words and submits (search.js runs at once on submit;
# typing waits for a 200 ms pause first), then times until the status line gives the answer.
_QUERY_JS = """async ([sel, plan]) => {
    const w = document.querySelector(sel);
    const status = w.querySelector('[role=status]');
    const loading = JSON.parse(w.querySelector('.pc-search__config').textContent).t.loading;
    for (const [name, value] of Object.entries(plan.facets)) {
      w.querySelector(`input[type=checkbox][name="${name}"][value="${value}"]`).checked = true;
    }
    w.querySelector('input[type=search]').value = plan.query;
    const start = performance.now();
    const done = new Promise(resolve => {
      const obs = new MutationObserver(() => {
        if (status.textContent && status.textContent !== loading) { obs.disconnect(); resolve(); }
      });
      obs.observe(status, {childList: true, subtree: true, characterData: true});
    });
    w.querySelector('form').dispatchEvent(new Event('submit', {cancelable: true}));
    await done;
    return [performance.now() - start, status.textContent,
            w.querySelectorAll('.pc-search__results > li').length];
}"""


def _measure(browser: Any, base: str, level_url: str, site: Path,
             plan: dict[str, Any]) -> dict[str, Any]:
    context = browser.new_context()
    page = context.new_page()
    fetched: list[str] = []
    page.on("response", lambda r: fetched.append(r.url))
    page.goto(base + level_url, wait_until="networkidle")
    page.wait_for_selector(WIDGET + ":not([hidden])")
    first_ms, answer, shown = page.evaluate(_QUERY_JS, [WIDGET, plan])
    page.wait_for_load_state("networkidle")
    first_fetch = list(dict.fromkeys(fetched))
    # Later queries: the shard and lunr.js are loaded; this is the time a visitor waits.
    timings = []
    for _ in range(7):
        page.evaluate("() => { const w = document.querySelector('[data-pc-search] form');"
                      " w.querySelector('input[type=search]').value = ''; }")
        timings.append(page.evaluate(_QUERY_JS, [WIDGET, plan])[0])
    context.close()
    sizes = []
    for url in first_fetch:
        path = _local(site, base, url)
        if path is not None:
            sizes.append({"url": url.removeprefix(base),
                          "gz_bytes": len(gzip.compress(path.read_bytes(), 6))})
    ours = [s for s in sizes if s["url"] != MATERIAL_INDEX]
    note = None
    if len(ours) != len(sizes):
        note = ("Material's own search index (search/search_index.json) is fetched by every page "
                "and is not counted in first_query_gz_bytes; see material_search_index_gz_bytes")
    # The search itself, as the issue counts it: the shard, lunr.js and our script.
    search_only = [s for s in ours if s["url"].endswith((".json", "/lunr.js", "/search.js"))]
    return {"first_query_gz_bytes": sum(s["gz_bytes"] for s in ours),
            "search_fetch_gz_bytes": sum(s["gz_bytes"] for s in search_only),
            "query_ms": round(statistics.median(timings), 1),
            "first_query_ms": round(first_ms, 1),
            "query": {**plan, "answer": answer, "shown": shown},
            "level_page": level_url, "fetched": sizes, "query_note": note}


def _local(site: Path, base: str, url: str) -> Path | None:
    if not url.startswith(base):
        return None
    rel = unquote(urlsplit(url).path).lstrip("/")
    path = site / rel
    if path.is_dir() or rel == "" or rel.endswith("/"):
        path = path / "index.html"
    return path if path.is_file() else None
