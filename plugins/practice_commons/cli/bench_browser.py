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
import re
import statistics
import threading
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
# The faceted search widget of the indexes plugin: a form with a text box, facet
# checkboxes and a live region for results. Material's own search box sits in the header.
WIDGET = "[data-pc-search]"
QUERY = "family coaching"
LEVEL_SHARD = re.compile(r"(?:^|/)level-?([1-5])\.json$")
MATERIAL_INDEX = "search/search_index.json"


def first_query(site: Path, shard_list: list[dict[str, Any]]) -> dict[str, Any]:
    """``first_query_gz_bytes``, ``query_ms``, ``fetched`` (per response) and a note if null."""
    empty: dict[str, Any] = {"first_query_gz_bytes": None, "query_ms": None, "fetched": []}
    level_shards = [s for s in shard_list if LEVEL_SHARD.search(s["path"])]
    if not level_shards:
        return {**empty, "query_note": "no per-level search shard in the built site, so no "
                "faceted search to measure (is the search/indexes plugin in mkdocs.yml?)"}
    page = _level_page(site, level_shards)
    if page is None:
        return {**empty, "query_note": f"no page embeds the search widget ({WIDGET})"}
    if not Path(CHROMIUM).exists():
        return {**empty, "query_note": f"{CHROMIUM} is missing (apt-get install chromium)"}
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {**empty, "query_note": "playwright is not installed (pip install playwright)"}
    server, base = _serve(site)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                         args=CHROMIUM_ARGS)
            try:
                return _measure(browser, base, page, site)
            finally:
                browser.close()
    finally:
        server.shutdown()


def _level_page(site: Path, level_shards: list[dict[str, Any]]) -> str | None:
    """A level page's site-relative URL: one whose HTML holds the widget, at level 3 if any."""
    best: tuple[int, str] | None = None
    for html in sorted(site.rglob("index.html")):
        text = html.read_text(encoding="utf-8", errors="replace")
        if "data-pc-search" not in text:
            continue
        level = re.search(r'data-pc-level="([1-5])"', text)
        if level is None:
            continue
        rank = abs(int(level.group(1)) - 3)
        rel = html.parent.relative_to(site).as_posix()
        url = "" if rel == "." else rel + "/"
        if best is None or rank < best[0]:
            best = (rank, url)
    return best[1] if best else None


def _serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def _measure(browser: Any, base: str, level_url: str, site: Path) -> dict[str, Any]:
    context = browser.new_context()
    page = context.new_page()
    fetched: list[str] = []
    page.on("response", lambda r: fetched.append(r.url))
    page.goto(base + level_url, wait_until="networkidle")
    widget = page.locator(WIDGET).first
    box = widget.locator("input[type=search], input[type=text]").first
    facets = widget.locator("input[type=checkbox]:not([disabled])")
    if box.count() == 0 or facets.count() < 2:
        context.close()
        return {"first_query_gz_bytes": None, "query_ms": None, "fetched": [],
                "query_note": f"the widget on {level_url} has no text box or fewer than two facets"}
    # Two facets from different groups when the widget groups them (fieldsets).
    groups = widget.locator("fieldset")
    picks = []
    for i in range(groups.count()):
        first = groups.nth(i).locator("input[type=checkbox]:not([disabled])").first
        if first.count():
            picks.append(first)
        if len(picks) == 2:
            break
    if len(picks) < 2:
        picks = [facets.nth(0), facets.nth(1)]
    for pick in picks:
        pick.check()
    timings = []
    for words in (QUERY, "school leadership", "reading partnership", QUERY):
        timings.append(_timed_query(page, widget, box, words))
    page.wait_for_load_state("networkidle")
    context.close()
    sizes = []
    for url in dict.fromkeys(fetched):
        path = _local(site, base, url)
        if path is None:
            continue
        sizes.append({"url": url.removeprefix(base),
                      "gz_bytes": len(gzip.compress(path.read_bytes(), 6))})
    ours = [s for s in sizes if s["url"] != MATERIAL_INDEX]
    note = None
    if len(ours) != len(sizes):
        note = ("Material's own search index (search/search_index.json) is fetched by every page "
                "and is not counted in first_query_gz_bytes; see material_search_index_gz_bytes")
    return {"first_query_gz_bytes": sum(s["gz_bytes"] for s in ours),
            # The first query pays for loading the shard; later ones show steady state.
            "query_ms": round(statistics.median(timings[1:]), 1),
            "first_query_ms": round(timings[0], 1),
            "level_page": level_url, "fetched": sizes, "query_note": note}


def _timed_query(page: Any, widget: Any, box: Any, words: str) -> float:
    """Milliseconds from typing ``words`` to the widget's result count changing for them."""
    box.fill("")
    page.wait_for_timeout(50)
    return page.evaluate(
        """async ([sel, words]) => {
            const w = document.querySelector(sel);
            const box = w.querySelector('input[type=search], input[type=text]');
            const live = w.querySelector('[aria-live]') || w;
            const start = performance.now();
            const done = new Promise(resolve => {
              const obs = new MutationObserver(() => { obs.disconnect(); resolve(); });
              obs.observe(live, {childList: true, subtree: true, characterData: true});
            });
            box.value = words;
            box.dispatchEvent(new Event('input', {bubbles: true}));
            await done;
            return performance.now() - start;
        }""", [WIDGET, words])


def _local(site: Path, base: str, url: str) -> Path | None:
    if not url.startswith(base):
        return None
    rel = unquote(urlsplit(url).path).lstrip("/")
    path = site / rel
    if path.is_dir() or rel == "" or rel.endswith("/"):
        path = path / "index.html"
    return path if path.is_file() else None
