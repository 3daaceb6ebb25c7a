"""The catalogue design as built (issue 13, item 1): tabs, pages without the docs
sidebar, a home page that leads with search, the pyramid as links, cards on listings
and a profile's first screen. The browser checks (axe, keyboard, layout) are in
tests/browser/test_a11y.py and tests/browser/test_catalogue_layout.py."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from mkdocs.exceptions import Abort, PluginError

from tests.conftest import BuiltSite
from tests.core.test_indexes import SAMPLE
from tests.site.test_indexes_site import build_site

TABS = ["Home", "Browse", "Practices", "Case studies", "Toolkit", "Framework", "Submit"]
HOME = "---\ntitle: Home\nfeatured: [{}]\n---\n\n# Home\n\nWelcome.\n"


def sidebar_hidden(site: BuiltSite, rel: str) -> bool:
    return site.html(rel).select_one(".md-sidebar--primary").has_attr("hidden")


def test_top_level_sections_are_tabs_in_order(bundled_site):
    for rel in ["index.html", "case-studies/boston-compact/index.html", "submit/index.html"]:
        tabs = [a.get_text(strip=True) for a in bundled_site.html(rel).select(".md-tabs__link")]
        assert tabs == TABS, rel
    active = bundled_site.html("case-studies/boston-compact/index.html").select_one(
        ".md-tabs__item--active").get_text(strip=True)
    assert active == "Case studies"


@pytest.mark.parametrize("rel", [
    "index.html", "profiles/index.html", "case-studies/index.html", "templates/index.html",
    "browse/index.html", "levels/3/index.html", "topics/literacy/index.html", "data/index.html",
    "profiles/esl-after-the-bell/index.html"])
def test_catalogue_pages_hide_the_sidebar_that_repeats_the_tabs(bundled_site, rel):
    assert sidebar_hidden(bundled_site, rel)


def test_reading_pages_keep_their_section_sidebar(bundled_site):
    for rel in ["case-studies/boston-compact/index.html", "pyramid/inspire/index.html"]:
        assert not sidebar_hidden(bundled_site, rel), rel


def test_home_leads_with_a_search_form_that_works_without_javascript(bundled_site):
    art = bundled_site.article("index.html")
    first = art.select_one("h1").find_next(["form", "section", "ul", "p"])
    assert first.name == "form" and first["method"] == "get"
    target = urljoin("https://example.org/", first["action"])
    assert target == "https://example.org/browse/"
    box = first.select_one("input[type=search]")
    assert box["name"] == "query" and first.select_one(f"label[for={box['id']}]")


def test_home_pyramid_is_five_links_from_level_5_down(bundled_site):
    bands = bundled_site.article("index.html").select(".pc-levels__band")
    names = [b.select_one("a .pc-levels__name").get_text() for b in bands]
    assert names == ["Level 5: Grow the Experts", "Level 4: Full Implementation",
                     "Level 3: Foundational Implementation", "Level 2: Engage", "Level 1: Inspire"]
    assert [b.a["href"] for b in bands] == [f"./levels/{n}/" for n in (5, 4, 3, 2, 1)]


def test_home_features_the_profiles_its_front_matter_names_in_order(bundled_site):
    featured = bundled_site.article("index.html").select(".pc-home-featured .pc-result")
    assert [li["data-pc-key"] for li in featured] == [
        "profile:boston-day-and-evening-academy-competency-based-model",
        "profile:esl-after-the-bell",
        "profile:lawrence-family-development-teacher-to-teacher-partnership"]


@pytest.mark.parametrize(("rel", "kind", "count"), [
    ("profiles/index.html", "profile", 8), ("case-studies/index.html", "case-study", 12),
    ("templates/index.html", "template", 8)])
def test_listings_show_a_card_per_published_item(bundled_site, rel, kind, count):
    art = bundled_site.article(rel)
    cards = art.select(".pc-listing .pc-result")
    assert len(cards) == count and all(c["data-pc-key"].startswith(kind + ":") for c in cards)
    # Each card names its kind and links its title; profiles also carry level badges.
    for card in cards:
        assert card.select_one(".pc-result__kind").get_text(strip=True)
        assert card.select_one(".pc-result__title a")["href"]
    if kind == "profile":
        assert all(c.select(".pc-lvls .pc-lvl") for c in cards)


def test_bundled_listing_pages_keep_their_guide_to_choosing(bundled_site):
    art = bundled_site.article("case-studies/index.html")
    assert art.select_one("h1").get_text(strip=True).startswith("Case studies")
    assert art.select_one("table") is not None  # "Choosing one", from the page's own text


def test_profile_first_screen_holds_facts_levels_and_the_panel_place(bundled_site):
    art = bundled_site.article("profiles/esl-after-the-bell/index.html")
    first = art.select_one(".pc-first")
    assert first.find_previous_sibling("h1") is not None
    facts = [dt.get_text() for dt in first.select(".pc-keyfacts dt")]
    assert facts[:3] == ["School", "Sector", "State"] and "Topics" in facts
    offer = first.select_one(".pc-offer")
    assert [a["href"] for a in offer.select(".pc-pyramid__legend a")] == [
        "#level-4", "#level-3", "#level-2"]


def test_featured_slug_that_no_profile_has_stops_the_build_naming_the_fix(tmp_path, caplog):
    with pytest.raises((Abort, PluginError)):
        build_site(tmp_path, {**SAMPLE, "content/index.md": HOME.format("literacy-night")})
    message = caplog.text
    assert "content/index.md, front matter, featured" in message
    assert "'literacy-night'" in message and "remove it from the list" in message


def test_featured_draft_is_refused_and_a_published_one_is_shown(tmp_path):
    with pytest.raises((Abort, PluginError)):
        build_site(tmp_path / "a", {**SAMPLE, "content/index.md": HOME.format("secret-draft")})
    site = build_site(tmp_path / "b", {**SAMPLE, "content/index.md": HOME.format(
        "math-circles, literacy-nights")})
    keys = [li["data-pc-key"] for li in site.article("index.html").select(
        ".pc-home-featured .pc-result")]
    assert keys == ["profile:math-circles", "profile:literacy-nights"]
