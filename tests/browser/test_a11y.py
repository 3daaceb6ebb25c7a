"""Every page type of the bundled site passes axe-core's WCAG 2.1 A and AA rules, light and
dark, on a desktop (1280 px) and a phone (390 px).

axe runs in headless Debian Chromium against the built site served on 127.0.0.1.
Page types are found in the built site, so the test follows the pages as they
are added; a page type the site does not have yet is skipped with the reason.
Widgets are driven first (search typed, fill-in form shown) so axe sees what a
visitor sees. Each page is checked at the desktop width, then narrowed to the phone's
and checked again (one load, two layouts: the media queries apply on resize). The
last test proves the check fails, naming page and rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from tests.conftest import BuiltSite

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
SCHEMES = ["light", "dark"]
WIDTHS = {"1280": {"width": 1280, "height": 800}, "390": {"width": 390, "height": 844}}
NO_MATCH = "qqzxjvw"


@dataclass
class PageType:
    name: str
    find: Callable[[BuiltSite], str | None]  # site-relative URL, or None if the site lacks it
    missing: str  # why it may be missing
    prepare: Callable[[Any, BuiltSite], None] | None = None


def _pages(site: BuiltSite, folder: str) -> list[str]:
    base = site.site / folder
    if not base.is_dir():
        return []
    return sorted(f"{folder}/{p.parent.name}/" for p in base.glob("*/index.html"))


def _first(site: BuiltSite, folder: str, test: Callable[[str], bool] = lambda html: True):
    for rel in _pages(site, folder):
        if test(site.text(rel)):
            return rel
    return None


def _exists(rel: str) -> Callable[[BuiltSite], str | None]:
    return lambda site: rel if site.exists(rel) else None


def _archived(html: str) -> bool:
    return 'class="admonition warning pc-archived"' in html


def _fill_in(html: str) -> bool:
    return "data-pc-fill" in html


def _rated_fill_in(site: BuiltSite) -> str | None:
    """A template whose fill-in has rating scales (the richest form), else any fill-in."""
    return (_first(site, "templates", lambda h: _fill_in(h) and 'type="radio"' in h)
            or _first(site, "templates", _fill_in))


def _show_fill_in(page: Any, site: BuiltSite) -> None:
    page.wait_for_selector("[data-pc-fill]:not([hidden])", timeout=5000)


def search_word(site: BuiltSite) -> str:
    """A word from a published profile's title: a query that must find something."""
    rel = _first(site, "profiles", lambda h: not _archived(h))
    title = site.html(rel).select_one("article h1").get_text()
    return max(re.findall(r"[A-Za-z]{5,}", title), key=len)


def _search(query: Callable[[BuiltSite], str], expect_results: bool):
    def prepare(page: Any, site: BuiltSite) -> None:
        page.wait_for_selector("[data-pc-search]:not([hidden])", timeout=5000)
        page.fill("[data-pc-search] input[type=search]", query(site))
        if expect_results:
            page.wait_for_selector("[data-pc-search] ol li", timeout=5000)
        else:
            page.wait_for_function(
                "() => { const s = document.querySelector('[data-pc-search] [role=status]');"
                " return s && s.textContent.trim() && "
                "!document.querySelector('[data-pc-search] ol li'); }", timeout=5000)
    return prepare


PAGE_TYPES = [
    PageType("home", _exists("index.html"), "the site has no home page"),
    # issue 13: the listings as cards, and the overview of the pyramid's levels.
    PageType("practices listing", _exists("profiles/index.html"), "no profiles/ listing"),
    PageType("case studies listing", _exists("case-studies/index.html"), "no case-studies/ page"),
    PageType("toolkit listing", _exists("templates/index.html"), "no templates/ page"),
    PageType("levels overview", _exists("levels/index.html"), "no /levels/ page (issue 4)"),
    PageType("level index", lambda s: _first(s, "levels"), "no /levels/<n>/ pages (issue 4)"),
    PageType("topic index", lambda s: _first(s, "topics"), "no /topics/<slug>/ pages (issue 4)"),
    PageType("profile", lambda s: _first(s, "profiles", lambda h: not _archived(h)),
             "no published profile"),
    PageType("archived profile", lambda s: _first(s, "profiles", _archived),
             "no archived profile in the bundled content"),
    PageType("case study", lambda s: _first(s, "case-studies"), "no case study"),
    PageType("template with fill-in form", _rated_fill_in,
             "no template page with a fill-in form (issue 5)", _show_fill_in),
    PageType("browse with results", _exists("browse/index.html"), "no /browse/ page (issue 4)",
             _search(search_word, expect_results=True)),
    PageType("browse with no results", _exists("browse/index.html"), "no /browse/ page (issue 4)",
             _search(lambda s: NO_MATCH, expect_results=False)),
    PageType("submit form", _exists("submit/index.html"), "no /submit/ page (issue 6)"),
    PageType("data page", _exists("data/index.html"), "no /data/ page (issue 4)"),
    PageType("404 page", _exists("404.html"), "no 404.html"),
    # issue 18: a guide page with tables and code blocks.
    PageType("platform guide", _exists("guides/platform/index.html"), "no platform guide"),
]


@pytest.fixture(scope="module")
def schemes(browser: Any) -> Iterator[dict[str, Any]]:
    """One browser context per colour scheme; Material follows prefers-color-scheme."""
    contexts = {s: browser.new_context(color_scheme=s, viewport=WIDTHS["1280"]) for s in SCHEMES}
    yield contexts
    for context in contexts.values():
        context.close()


def axe_violations(page: Any, label: str) -> list[str]:
    """Run axe on the page as it is now; one line per violated rule, naming page and rule."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=AXE_OPTIONS).response
    lines = []
    for v in results["violations"]:
        targets = ", ".join(" ".join(map(str, n["target"])) for n in v["nodes"][:4])
        more = f" (+{len(v['nodes']) - 4} more)" if len(v["nodes"]) > 4 else ""
        lines.append(f"{label}: {v['id']} ({v['impact']}): {v['help']} — {targets}{more}")
    return lines


def check_page(context: Any, base: str, site: BuiltSite, kind: PageType, scheme: str) -> list[str]:
    rel = kind.find(site)
    if rel is None:
        pytest.skip(f"{kind.name}: {kind.missing}")
    page = context.new_page()
    try:
        page.goto(base + rel.removesuffix("index.html"), wait_until="load")
        scheme_now = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        assert scheme_now == ("slate" if scheme == "dark" else "default"), scheme_now
        if kind.prepare:
            kind.prepare(page, site)
        found = []
        for width, size in WIDTHS.items():
            page.set_viewport_size(size)
            # What a visitor sees at this width, not the drawer mid-way through the theme's
            # transition into it (colors are checked once the layout has settled).
            page.wait_for_function(
                "() => document.getAnimations().every((a) => a.playState !== 'running')")
            found += axe_violations(page, f"{kind.name} /{rel} [{scheme}, {width} px]")
        return found
    finally:
        page.close()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("kind", PAGE_TYPES, ids=[k.name for k in PAGE_TYPES])
def test_page_type_has_no_wcag_violations(kind, scheme, schemes, bundled_site, bundled_url):
    found = check_page(schemes[scheme], bundled_url, bundled_site, kind, scheme)
    assert not found, "axe-core WCAG 2.1 A/AA violations:\n" + "\n".join(found)


def test_the_check_fails_and_names_page_and_rule_when_a_violation_is_introduced(
        schemes, bundled_site, bundled_url):
    rel = _first(bundled_site, "profiles", lambda h: not _archived(h))
    broken = bundled_site.text(rel).replace(
        '<h1', '<img id="probe" src="pyramid.png" width="40" height="40"><h1', 1)
    page = schemes["light"].new_page()
    try:
        # Serve the altered copy at the page's own address, so its CSS and scripts load.
        page.route(bundled_url + rel, lambda route: route.fulfill(
            status=200, content_type="text/html; charset=utf-8", body=broken))
        page.goto(bundled_url + rel, wait_until="load")
        found = axe_violations(page, f"profile /{rel} [light]")
    finally:
        page.close()
    assert len(found) == 1, found
    assert found[0].startswith(f"profile /{rel} [light]: image-alt (critical): ")
    assert found[0].endswith("Images must have alternative text — #probe")
