"""Across the built bundled site: graphics and badges say in text what colour shows."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from tests.conftest import BuiltSite


def pages(site: BuiltSite) -> list[str]:
    return sorted(p.relative_to(site.site).as_posix() for p in site.site.rglob("*.html"))


@pytest.fixture(scope="module")
def all_pages(bundled_site):
    """(page, its article parsed): parsing only the article keeps this fast on a big site."""
    out = []
    for rel in pages(bundled_site):
        text = bundled_site.text(rel)
        start, end = text.find("<article"), text.rfind("</article>")
        if start >= 0 and end > start:
            out.append((rel, BeautifulSoup(text[start:end + 10], "html.parser")))
    return out


def test_every_graphic_in_content_is_hidden_or_named(all_pages):
    unnamed = []
    for rel, html in all_pages:
        article = html.select_one("article")
        for svg in article.select("svg"):
            hidden = (svg.get("aria-hidden") == "true"
                      or svg.find_parent(attrs={"aria-hidden": "true"}) is not None)
            named = svg.get("aria-label") or svg.find("title") or svg.get("aria-labelledby")
            if not hidden and not named:
                unnamed.append(f"{rel}: <svg class={svg.get('class')}>")
        for img in article.select("img"):
            if img.get("alt") is None:
                unnamed.append(f"{rel}: <img src={img.get('src')}> without alt")
    assert not unnamed, "\n".join(unnamed)


def test_pyramid_levels_are_told_apart_by_text_not_colour(all_pages):
    checked = 0
    for rel, html in all_pages:
        for fig in html.select("figure.pc-pyramid"):
            checked += 1
            on = {t.get_text(strip=True) for t in fig.select("svg text")
                  if t.find_previous_sibling("polygon") and "pc-pyramid__band--on" in
                  t.find_previous_sibling("polygon").get("class", [])}
            assert all(label.startswith("✓") for label in on), (rel, on)
            for li in fig.select(".pc-pyramid__legend li"):
                text = li.get_text(" ", strip=True)
                if "pc-on" in li["class"]:
                    assert text.startswith("✓") and "(offered)" in text, (rel, text)
                else:
                    assert "✓" not in text and "(not offered)" in text, (rel, text)
    assert checked, "no pyramid graphic found in the bundled site"


def test_badges_and_tags_carry_their_meaning_in_words(all_pages):
    empty = [f"{rel}: {el}" for rel, html in all_pages
             for el in html.select(".pc-badge, .pc-tags li") if not el.get_text(strip=True)]
    assert not empty, "\n".join(empty)
    tiers = [el.get_text(strip=True) for _, html in all_pages for el in html.select(".pc-badge")]
    assert tiers and all(t.startswith(("Tier", "Not rated")) for t in tiers), tiers
