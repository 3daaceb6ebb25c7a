"""The browser half of ``commons bench``: a first search, ours and Pagefind's, in Chromium.

Serves the built site on 127.0.0.1 and, for each query, opens ``browse/?query=…`` as the
header box does, records every search file fetched until the results are on screen, and
sizes each as gzip (what a server with compression sends). Pagefind (the ``bench``
extra, ``pagefind[bin]``) indexes the same built site and answers the same query through
its JavaScript API, loading the fragments of as many results as we show; its files are
sized the same way. Both start from a cold cache. Runs Debian's Chromium through
Playwright; never downloads a browser.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import shutil
import statistics
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
SEARCH_DIR = "practice-commons/search/"
OUR_FILES = (SEARCH_DIR, "practice-commons/assets/search-ui/search.js")
PAGEFIND_DIR = "pagefind/"
SHOWN = 10  # results on screen after a first query (search.js PAGE)

_DONE_JS = "() => document.querySelector('[data-search-results][data-state=results]')"
_TIME_JS = """async (q) => {
    const input = document.querySelector('#pc-search-q');
    const list = document.querySelector('[data-search-results]');
    input.value = q;
    list.dataset.state = 'waiting';
    const start = performance.now();
    const done = new Promise(resolve => {
      const obs = new MutationObserver(() => {
        if (list.dataset.state === 'results') { obs.disconnect(); resolve(); }
      });
      obs.observe(list, {attributes: true});
    });
    input.form.dispatchEvent(new Event('submit', {cancelable: true}));
    await done;
    return performance.now() - start;
}"""
_PAGEFIND_JS = """async ([q, n]) => {
    const pf = await import('/pagefind/pagefind.js');
    await pf.options({});
    const found = await pf.search(q);
    const data = await Promise.all(found.results.slice(0, n).map(r => r.data()));
    return [found.results.length, data.map(d => d.url)];
}"""


def queries(site: Path) -> list[str]:
    """Two realistic queries for the built site: words from a title, and a topic and a
    state an educator would type ("english learners massachusetts")."""
    manifest = json.loads((site / SEARCH_DIR / "index.json").read_bytes())
    n = manifest["n"]
    card = json.loads((site / SEARCH_DIR / "d" / f"{n // 2}.json").read_bytes())
    words = [w for w in card["t"].split() if len(w) > 4 and w.isalpha()][:2]
    labels = manifest["labels"]
    topic = next(iter(labels.get("topic", {}).values()), "")
    state = next(iter(labels.get("state", {}).values()), "")
    return [q for q in (" ".join(words), f"{topic} {state}".strip()) if q]


def pagefind_index(site: Path) -> str | None:
    """Index ``site`` with Pagefind into site/pagefind/; a note if it cannot."""
    try:
        import pagefind  # noqa: F401  (the bench extra)
    except ImportError:
        return "pagefind is not installed (pip install -e '.[bench]')"
    shutil.rmtree(site / PAGEFIND_DIR, ignore_errors=True)
    proc = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site)],
                          capture_output=True, text=True)
    if proc.returncode != 0 or not (site / PAGEFIND_DIR / "pagefind.js").is_file():
        return f"pagefind failed: {(proc.stderr or proc.stdout).strip()[-300:]}"
    return None


def first_query(site: Path, browser: Any = None, pagefind: bool = True) -> dict[str, Any]:
    """Per query: our first-query gzip bytes and Pagefind's, our answer time, and the files.

    ``browser`` is a Playwright browser to use; without it Debian's Chromium is launched.
    """
    empty: dict[str, Any] = {"first_query_gz_bytes": None, "pagefind_gz_bytes": None,
                             "query_ms": None, "queries": []}
    if not (site / SEARCH_DIR / "index.json").is_file():
        return {**empty, "query_note": "the built site has no search (practice-commons/indexes)"}
    note = pagefind_index(site) if pagefind else "Pagefind skipped"
    server, base = _serve(site)
    try:
        if browser is not None:
            return _measure(browser, base, site, note)
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
                return _measure(browser, base, site, note)
            finally:
                browser.close()
    finally:
        server.shutdown()


def _measure(browser: Any, base: str, site: Path, note: str | None) -> dict[str, Any]:
    out = []
    for q in queries(site):
        row: dict[str, Any] = {"query": q}
        context = browser.new_context()
        page = context.new_page()
        fetched: list[str] = []
        page.on("response", lambda r: fetched.append(r.url))
        page.goto(base + "browse/?query=" + quote(q))
        page.wait_for_function(_DONE_JS, timeout=60_000)
        page.wait_for_load_state("networkidle")
        ours = _sizes(site, base, fetched, OUR_FILES)
        row.update(ours=sum(s["gz_bytes"] for s in ours), our_files=ours,
                   results=page.locator("[data-search-results] > li").count())
        # With every file cached: the time from submitting to the answer on screen.
        timings = [page.evaluate(_TIME_JS, q) for _ in range(5)]
        row["query_ms"] = round(statistics.median(timings), 1)
        context.close()
        if note is None:
            context = browser.new_context()
            page = context.new_page()
            fetched = []
            page.on("response", lambda r: fetched.append(r.url))
            page.goto(base + "404.html")
            count, _urls = page.evaluate(_PAGEFIND_JS, [q, SHOWN])
            page.wait_for_load_state("networkidle")
            theirs = _sizes(site, base, fetched, (PAGEFIND_DIR,))
            row.update(pagefind=sum(s["gz_bytes"] for s in theirs), pagefind_files=theirs,
                       pagefind_results=count)
            context.close()
        out.append(row)
    worst = max(out, key=lambda r: r["ours"]) if out else None
    return {"first_query_gz_bytes": worst["ours"] if worst else None,
            "pagefind_gz_bytes": worst.get("pagefind") if worst else None,
            "query_ms": max((r["query_ms"] for r in out), default=None),
            "queries": out, "query_note": note}


def _sizes(site: Path, base: str, urls: list[str], prefixes: tuple[str, ...]) -> list[dict]:
    sizes = []
    for url in dict.fromkeys(urls):
        rel = url.removeprefix(base)
        path = _local(site, base, url)
        if path is not None and rel.startswith(prefixes):
            sizes.append({"url": rel, "gz_bytes": len(gzip.compress(path.read_bytes(), 6))})
    return sizes


def _serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".js": "text/javascript", ".pagefind": "application/octet-stream"}

    def log_message(self, format: str, *args: Any) -> None:
        pass


def _local(site: Path, base: str, url: str) -> Path | None:
    if not url.startswith(base):
        return None
    rel = unquote(urlsplit(url).path).lstrip("/")
    path = site / rel
    if path.is_dir() or rel == "" or rel.endswith("/"):
        path = path / "index.html"
    return path if path.is_file() else None
