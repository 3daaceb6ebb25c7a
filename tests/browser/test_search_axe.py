"""axe-core's WCAG 2.1 A and AA rules on what the site-wide check (test_a11y.py) does
not reach: the browse page with results, chips, counts and dimmed empty values, in both
palettes, and the index of indexes."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        "resultTypes": ["violations"]}
# (path, wait for results and open every filter, also in the dark palette)
PAGES = [
    ("browse/?query=coaching%20boston", True, True),
    ("indexes/", False, False),
]


def _violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page, context="article", options=WCAG).response["violations"]
    return [f"{v['id']}: {v['help']} — {[n['target'] for n in v['nodes']][:3]}" for v in found]


def _first(site, folder: str) -> str:
    found = sorted((site.site / folder).glob("*/index.html"))
    assert found, f"the bundled site has no {folder}/ pages"
    return found[0].parent.relative_to(site.site).as_posix() + "/"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_index_pages_have_no_wcag_violations(bundled_site, bundled_url, browser, scheme):
    pages = [*PAGES, (_first(bundled_site, "profiles"), False, False)]  # related content
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    problems = {}
    for path, wait, dark in pages:
        if scheme == "dark" and not dark:
            continue
        page.goto(bundled_url + path)
        if wait:
            page.wait_for_function("() => /result/i.test(document.querySelector("
                                   "'.pc-search__status').textContent)")
            page.wait_for_selector(".pc-chip")
        found = _violations(page)
        if found:
            problems[path] = found
    context.close()
    assert problems == {}
