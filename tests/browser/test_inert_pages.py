"""The hostile site in headless Chromium: no payload runs, on any page or in search results.

Every page of ``hostile_site`` (tests/conftest.py) that shows a payload is loaded.
The browser reports what script did: a dialog (``alert('pcx')``), a console
message (``PCX-RAN``), or a request to a marker URL (``/pcx-marker…``). Requests
off 127.0.0.1 are blocked (and any to a marker recorded); then the DOM the
browser actually built is checked for event handlers and script URLs, using the
browser's own URL parser. The two search boxes (Material's and the faceted one)
are then made to render result cards from the hostile titles and summaries.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import serve_dir

pytestmark = pytest.mark.browser

MARKER = re.compile("pcx", re.IGNORECASE)
BATCH = 8  # tabs open at once: their timers and handlers all get the same wait

# What the browser built, judged with its own parser: handlers, script URLs, a <base>.
DOM_CHECK = """() => {
  const bad = [];
  const fine = ["http:", "https:", "mailto:", "about:", "blob:"];
  const urls = ["href", "src", "action", "formaction", "xlink:href", "data", "poster",
                "background", "ping", "cite", "srcdoc"];
  for (const el of document.querySelectorAll("*")) {
    for (const a of el.attributes) {
      const name = a.name.toLowerCase();
      if (name.startsWith("on")) bad.push(`${el.tagName} ${name}="${a.value.slice(0, 60)}"`);
      if (name === "srcdoc" || (name === "style" && /pcx/i.test(a.value)))
        bad.push(`${el.tagName} ${name}`);
      if (!urls.includes(name) || !a.value.trim()) continue;
      let protocol;
      try { protocol = new URL(a.value, document.baseURI).protocol; } catch (e) { continue; }
      const image = protocol === "data:" && el.tagName === "IMG" && !/pcx/i.test(a.value);
      if (!fine.includes(protocol) && !image)
        bad.push(`${el.tagName} ${name}=${a.value.slice(0, 60)}`);
    }
  }
  if (document.baseURI !== location.href.split("#")[0]) bad.push(`base URI ${document.baseURI}`);
  for (const el of document.querySelectorAll("iframe, object, embed, frame, portal, base"))
    bad.push(`<${el.tagName.toLowerCase()}> ${el.outerHTML.slice(0, 80)}`);
  return bad;
}"""


class Watch:
    """Everything that shows a payload ran, across every tab of a browser context."""

    def __init__(self, context: Any, base: str) -> None:
        self.base = base
        self.ran: list[str] = []
        self.requests = 0
        context.on("request", self._request)
        # Only requests that leave the test server go through Python (routing every
        # asset of fifty pages through it doubles the test's time): they are blocked.
        context.route(lambda url: not url.startswith(base), lambda route: route.abort())
        context.on("page", self.attach)

    def attach(self, page: Any) -> None:
        page.on("dialog", self._dialog)
        page.on("console", lambda msg: MARKER.search(msg.text) and self.ran.append(
            f"console on {page.url}: {msg.text[:120]}"))

    def _dialog(self, dialog: Any) -> None:
        self.ran.append(f"dialog {dialog.type} {dialog.message!r} on {dialog.page.url}")
        dialog.dismiss()

    def _request(self, request: Any) -> None:
        self.requests += 1
        if MARKER.search(request.url):
            self.ran.append(f"request to {request.url}")


@pytest.fixture(scope="module")
def served(hostile_site):
    server, url = serve_dir(hostile_site.site)
    yield hostile_site.site, url
    server.shutdown()


def _marked_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if MARKER.search(p.read_text(encoding="utf-8")))


def test_no_payload_runs_on_any_page_that_shows_one(served, browser):
    site, base = served
    pages = _marked_pages(site)
    assert len(pages) >= 40, pages  # every inert fixture, listings, indexes …
    context = browser.new_context()
    watch = Watch(context, base)
    tabs = [context.new_page() for _ in range(BATCH)]
    broken: dict[str, list[str]] = {}
    try:
        for start in range(0, len(pages), BATCH):
            batch = list(zip(pages[start:start + BATCH], tabs))
            for rel, tab in batch:
                tab.goto(base + rel, wait_until="load")
            tabs[0].wait_for_timeout(400)  # error, toggle and focus handlers fire late
            for rel, tab in batch:
                found = tab.evaluate(DOM_CHECK)
                if found:
                    broken[rel] = found
    finally:
        context.close()
    assert watch.ran == []
    assert broken == {}
    assert watch.requests > len(pages)  # the watch saw the pages load


def test_search_result_cards_show_hostile_titles_as_text(served, browser):
    site, base = served
    context = browser.new_context()
    watch = Watch(context, base)
    page = context.new_page()
    try:
        # The site search (the header box sends its words to browse/): cards built with
        # textContent from the search files.
        page.goto(base + "profiles/", wait_until="load")
        page.fill("header input[name=query]", "hostile")
        page.keyboard.press("Enter")
        page.wait_for_selector("[data-search-results][data-state=results] > li", timeout=15_000)
        page.wait_for_timeout(400)
        cards = page.locator("[data-search-results]").inner_text()
        assert "<script>alert('pcx')</script> A hostile case study" in cards  # as text
        assert page.evaluate(DOM_CHECK) == []
    finally:
        context.close()
    assert watch.ran == []


def test_the_watch_sees_a_payload_that_does_run(browser, tmp_path):
    """The control: the same watch and DOM check on a page where payloads are live."""
    (tmp_path / "index.html").write_text(
        "<!doctype html><title>live</title><p>live</p>"
        "<script>alert('pcx'); console.log('PCX-RAN')</script>"
        "<img src=x onerror=\"fetch('/pcx-marker/img')\">"
        "<a href=\"javascript:alert('pcx')\">x</a>")
    server, base = serve_dir(tmp_path)
    context = browser.new_context()
    watch = Watch(context, base)
    page = context.new_page()
    try:
        page.goto(base, wait_until="load")
        page.wait_for_timeout(400)
        found = page.evaluate(DOM_CHECK)
    finally:
        context.close()
        server.shutdown()
    assert any(r.startswith("dialog alert 'pcx'") for r in watch.ran), watch.ran
    assert any(r.startswith("console") for r in watch.ran), watch.ran
    assert any("/pcx-marker/img" in r for r in watch.ran), watch.ran
    assert any("onerror" in f for f in found) and any("javascript:" in f for f in found), found
