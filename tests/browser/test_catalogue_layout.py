"""The catalogue in a browser (issue 13, item 8), without screenshots: what a profile's
first screen holds on a phone and a desktop, and a keyboard walk of the tabs and cards.

Layout is measured with getBoundingClientRect on the bundled site's pages as served,
after the page has loaded, at the top of the page (no scrolling).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

import pytest

pytestmark = pytest.mark.browser

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}

# Bottom edges of what must be seen without scrolling, and the support panel's first way
# to ask (its first link or button; without one, its heading's line) when the panel exists.
FIRST_SCREEN = """() => {
  const bottom = (sel) => { const e = document.querySelector(sel);
    return e ? e.getBoundingClientRect().bottom : null; };
  const panel = document.querySelector('.pc-support');
  let ask = null;
  if (panel) {
    const first = panel.querySelector('a[href], button');
    const r = (first || panel).getBoundingClientRect();
    ask = first ? r.bottom : Math.min(r.bottom, r.top + 48);
  }
  return {height: innerHeight, scrolled: scrollY, title: bottom('article h1'),
          facts: bottom('.pc-keyfacts'), levels: bottom('.pc-offer .pc-pyramid'),
          offered: document.querySelectorAll('.pc-offer .pc-pyramid__legend a').length,
          panel: ask};
}"""

# What has focus now; whether it looks different focused than blurred (on itself or on
# the tab or card around it: a card shows focus with its outline).
ACTIVE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const around = el.closest('.md-tabs__item, .pc-result') || el;
  const look = () => [el, around].map((e) => { const cs = getComputedStyle(e);
    return [cs.outlineStyle, cs.outlineWidth, cs.outlineColor, cs.textDecorationLine,
            cs.backgroundColor, cs.boxShadow].join('|'); }).join('||');
  const focused = look(); el.blur(); const blurred = look(); el.focus();
  return {href: el.href || null, tab: !!el.closest('.md-tabs'),
          card: !!el.closest('.pc-result__title'), visible: focused !== blurred};
}"""


@pytest.fixture(scope="module")
def contexts(browser: Any):
    made = {name: browser.new_context(viewport=size) for name, size in VIEWPORTS.items()}
    yield made
    for context in made.values():
        context.close()


def _profiles(site) -> list[str]:
    return sorted(f"profiles/{p.parent.name}/" for p in (site.site / "profiles").glob("*/index.html"))


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_profile_first_screen_shows_facts_levels_and_the_support_panel(
        contexts, bundled_site, bundled_url, viewport):
    rels = _profiles(bundled_site)
    assert rels, "the bundled site has no profile pages"
    page = contexts[viewport].new_page()
    below = []
    try:
        for rel in rels:
            page.goto(bundled_url + rel, wait_until="load")
            got = page.evaluate(FIRST_SCREEN)
            assert got["scrolled"] == 0 and got["title"] is not None, rel
            assert got["facts"] is not None and got["levels"] is not None, f"/{rel}: no first screen"
            assert got["offered"] >= 1, f"/{rel}: the offered levels are not links"
            for part in ("facts", "levels", "panel"):
                if got[part] is not None and got[part] > got["height"]:
                    below.append(f"/{rel}: {part} ends at {got[part]:.0f} px, "
                                 f"below the {got['height']} px {viewport} viewport")
    finally:
        page.close()
    assert not below, "\n".join(below)


def _walk(page: Any, stops: int, until: str) -> list[dict]:
    """Focus stops from the top of the page to the one linking to ``until``."""
    seen = []
    for _ in range(stops):
        page.keyboard.press("Tab")
        now = page.evaluate(ACTIVE)
        if now is None:
            continue
        seen.append(now)
        if now["href"] == until:
            break
    return seen


def test_keyboard_reaches_each_tab_then_each_card_in_order_with_visible_focus(
        contexts, bundled_url):
    page = contexts["desktop"].new_page()
    try:
        page.goto(bundled_url + "profiles/", wait_until="load")
        tabs = page.eval_on_selector_all(".md-tabs__link", "els => els.map(e => e.href)")
        cards = page.eval_on_selector_all(".pc-listing .pc-result__title a",
                                          "els => els.map(e => e.href)")
        seen = _walk(page, 60 + len(tabs) + len(cards), until=cards[-1])
    finally:
        page.close()
    assert len(tabs) == 7 and len(cards) >= 2
    reached_tabs = [s["href"] for s in seen if s["tab"]]
    reached_cards = [s["href"] for s in seen if s["card"]]
    assert reached_tabs == tabs, "each tab once, in order"
    assert reached_cards == cards, "each card once, in order"
    last_tab = max(i for i, s in enumerate(seen) if s["tab"])
    first_card = min(i for i, s in enumerate(seen) if s["card"])
    assert last_tab < first_card
    unseen = [s["href"] for s in seen if (s["tab"] or s["card"]) and not s["visible"]]
    assert not unseen, f"focus not visible on {unseen}"


@pytest.mark.parametrize("target", ["tab", "card"])
def test_enter_on_a_focused_tab_or_card_follows_its_link(contexts, bundled_url, target):
    page = contexts["desktop"].new_page()
    try:
        page.goto(bundled_url + "profiles/", wait_until="load")
        want = page.eval_on_selector_all(
            ".md-tabs__link" if target == "tab" else ".pc-listing .pc-result__title a",
            "els => els.map(e => e.href)")
        # The Case studies tab; the second card (not the first, to show order matters).
        goal = next(h for h in want if h.endswith("/case-studies/")) if target == "tab" else want[1]
        for _ in range(80):
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement.href || null") == goal:
                break
        else:
            pytest.fail(f"Tab never reached {goal}")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url == urljoin(bundled_url, goal)
        assert page.evaluate("() => document.querySelector('article h1') !== null")
    finally:
        page.close()
