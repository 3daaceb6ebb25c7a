"""Profile, case-study and template pages print cleanly: no site chrome, links spelled out."""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup

from tests.browser.test_a11y import _archived, _first

pytestmark = pytest.mark.browser

CHROME = [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer",
          ".md-search", ".md-top", ".md-content__button"]

STATE = """(chrome) => {
  const shown = (sel) => Array.from(document.querySelectorAll(sel)).some(
    (el) => getComputedStyle(el).display !== 'none');
  const link = document.querySelector('article a[data-print-href]:not([data-print-href=""])');
  const body = getComputedStyle(document.body);
  return {
    chrome: chrome.filter(shown),
    article: shown('article.md-content__inner'),
    headerlinks: shown('article .headerlink'),
    link: link && {href: link.getAttribute('data-print-address') || link.href,
                   after: getComputedStyle(link, '::after').content},
    background: body.backgroundColor, color: body.color,
  };
}"""


def _linking(html: str) -> bool:
    article = BeautifulSoup(html, "html.parser").select_one("article")
    return bool(article and article.select('a[href]:not(.headerlink):not([href^="#"])'))


# The print rules are the same everywhere; the dark scheme is checked once.
@pytest.mark.parametrize(("folder", "scheme"), [
    ("profiles", "light"), ("profiles", "dark"), ("case-studies", "light"), ("templates", "light")])
def test_pages_print_without_chrome_and_with_link_addresses(
        browser: Any, bundled_site, bundled_url, folder, scheme):
    rel = _first(bundled_site, folder, lambda h: not _archived(h) and _linking(h))
    if rel is None:
        pytest.skip(f"no {folder} page with a link in its text")
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(bundled_url + rel, wait_until="load")
        page.evaluate("() => dispatchEvent(new Event('beforeprint'))")
        page.emulate_media(media="print")
        state = page.evaluate(STATE, CHROME)
        pdf = page.pdf(format="Letter")
    finally:
        context.close()
    assert state["chrome"] == [], f"/{rel} prints {state['chrome']}"
    assert state["article"] and not state["headerlinks"]
    # The address printed: the link's own, or the shorter one it names for paper (an issue
    # form's page rather than its prefilled request).
    assert state["link"]["after"] == f'" ({state["link"]["href"]})"'
    assert state["link"]["href"].startswith(("http://", "https://"))
    # Printed in the dark scheme too, it is dark text on white paper.
    assert state["background"] in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)")
    assert state["color"].startswith("rgba(0, 0, 0") or state["color"].startswith("rgb(0, 0, 0")
    assert pdf.startswith(b"%PDF")
