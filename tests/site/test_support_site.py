"""Issue 13, items 2 and 5 in built sites: every published profile page says how to ask for
support, a build where one would not stops before publishing, and site_url."""

from __future__ import annotations

import re
import urllib.parse
import xml.etree.ElementTree as ET

import pytest
import yaml
from mkdocs.exceptions import Abort, PluginError

from tests.conftest import (
    BASE_CONFIG,
    VALID_PROFILE,
    BuiltSite,
    build,
    completeness_off,
    write_files,
)

EMAIL_LINE = "  email: families@riverside.example.org\n"
ROLE_ONLY = VALID_PROFILE.replace(EMAIL_LINE, "")
PLUGINS = ["practice-commons/profiles", "practice-commons/hosting"]
HOST = {"host": {"organization": "Office of Charter Schools",
                 "support": {"email": "support@example.gov"}}}


def titled(text: str, title: str) -> str:
    return text.replace("Family Literacy Nights", title)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> BuiltSite:
    root = tmp_path_factory.mktemp("support")
    write_files(root, {
        "content/index.md": "# Home\n",
        "profiles/own.md": VALID_PROFILE.replace(EMAIL_LINE,
                                                 EMAIL_LINE + "  phone: 978-555-0100\n"),
        "profiles/role-only.md": titled(ROLE_ONLY, "Reading Buddies Across the River"),
        "profiles/evil.md": titled(ROLE_ONLY, 'Nights "><script>alert(1)</script>').replace(
            "name: Riverside Charter School", "name: \"<img src=x onerror=alert(2)>\""),
    })
    cfg = {**BASE_CONFIG, "plugins": [completeness_off(p) for p in PLUGINS], "extra": HOST}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(cfg, sort_keys=False), encoding="utf-8")
    return build(root)


def query(href: str) -> dict[str, list[str]]:
    return urllib.parse.parse_qs(urllib.parse.urlsplit(href).query)


def test_the_panel_follows_the_levels_offered_and_gives_the_profiles_own_channels(site):
    art = site.article("profiles/own/")
    panel = art.select_one(".pc-offer .pc-pyramid").find_next_sibling()
    assert panel.name == "section" and "pc-support" in panel["class"]
    assert panel.h2.get_text() == "How to ask for support"
    links = {a["data-pc-support"]: a for a in panel.select("a")}
    assert set(links) == {"email", "phone"}
    assert links["email"].get_text() == "Email about “Family Literacy Nights”"
    assert links["email"]["href"].startswith("mailto:families@riverside.example.org?")
    assert query(links["email"]["href"])["subject"] == ["Support for “Family Literacy Nights”"]
    assert links["phone"]["href"] == "tel:9785550100"
    # Its own channels, not the host's.
    assert "support@example.gov" not in str(art.select_one(".pc-support"))


def test_a_role_only_profile_shows_the_hosts_route_naming_the_practice(site):
    panel = site.article("profiles/role-only/").select_one(".pc-support")
    assert "pc-support--host" in panel["class"]
    text = panel.get_text(" ", strip=True)
    assert "Office of Charter Schools" in text and "Riverside Charter School" in text
    (link,) = panel.select("a")
    assert link.get_text() == "Email about “Reading Buddies Across the River”"
    assert link["href"].startswith("mailto:support@example.gov?")
    assert query(link["href"])["subject"] == ["Support for “Reading Buddies Across the River”"]


def test_each_level_section_says_how_to_ask_for_that_level(site):
    art = site.article("profiles/role-only/")
    for level, name in ((1, "Inspire"), (3, "Foundational Implementation"),
                        (4, "Full Implementation")):
        heading = art.select_one(f"h3#level-{level}")
        ask = heading.find_next_sibling("p", class_="pc-support-level")
        assert ask is not None and ask.find_previous_sibling("h3") is heading, level
        link = ask.a
        assert link.get_text() == f"Ask for level {level} support ({name})"
        assert query(link["href"])["subject"] == [
            f"Level {level} support ({name}) for “Reading Buddies Across the River”"]
    assert len(art.select(".pc-support-level")) == 3


def test_resources_with_a_web_address_link_to_it(site):
    link = site.article("profiles/own/").select_one(
        'a[href="https://video.example.org/literacy-nights"]')
    assert link is not None and link.get_text() == "Two-minute overview video"


def test_contributor_text_in_the_panel_is_escaped(site):
    html = site.text("profiles/evil/")
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    panel = site.html("profiles/evil/").select_one(".pc-support")
    assert 'Nights "><script>alert(1)</script>' in panel.a.get_text()
    assert "<img src=x onerror=alert(2)>" in panel.p.get_text()


def test_a_profile_that_would_show_no_way_to_ask_stops_the_build(make_site, caplog, tmp_path,
                                                                monkeypatch):
    monkeypatch.delenv("GITHUB_REPOSITORY", raising=False)
    with pytest.raises((PluginError, Abort)):
        make_site({"profiles/role-only.md": ROLE_ONLY}, config={"plugins": PLUGINS})
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert ("profiles/role-only.md:" in logged and "field 'contact': gives no way to ask for "
            "support" in logged and "extra.host.support" in logged)
    assert not (tmp_path / "site").exists()  # nothing was published
    # The issue form with no repository known: the setting is named, and the fix.
    with pytest.raises((PluginError, Abort)):
        make_site({"profiles/role-only.md": ROLE_ONLY},
                  config={"plugins": PLUGINS, "extra": {"host": {"support": {"issues": True}}}})
    assert "field 'extra.host.support.issues': 1 published profile(s)" in "\n".join(
        r.getMessage() for r in caplog.records)


def test_a_misspelt_route_stops_the_build_naming_the_key(make_site, caplog):
    with pytest.raises((PluginError, Abort)):
        make_site({"profiles/own.md": VALID_PROFILE}, config={
            "plugins": PLUGINS, "extra": {"host": {"support": {"emial": "x@example.gov"}}}})
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert re.search(r"mkdocs\.yml:\d+: field 'extra\.host\.support\.emial': unknown setting "
                     "— use email:, form: or issues:", logged), logged


def test_every_bundled_profile_page_shows_the_repositorys_issue_form(bundled_site):
    pages = sorted(p.parent.name for p in (bundled_site.site / "profiles").glob("*/index.html"))
    assert len(pages) >= 8
    for slug in pages:
        art = bundled_site.article(f"profiles/{slug}/")
        title = art.h1.get_text()
        (link,) = art.select(".pc-support a")
        # conftest names the repository as GitHub Actions does on a deploy.
        assert link["href"].startswith(
            "https://github.com/example/practice-commons/issues/new?"), slug
        # The practice is named in the issue it opens; the link's own words stay short.
        assert query(link["href"])["title"] == [f"Support for “{title}”"]
        assert link.get_text() == "Ask for support on GitHub"
        levels = art.select("h3[id^=level-]")
        assert levels and len(art.select(".pc-support-level")) == len(levels), slug


def test_an_empty_site_url_warns_with_what_breaks_and_the_fix(make_site, monkeypatch):
    monkeypatch.delenv("PC_SITE_URL", raising=False)
    site = make_site({"profiles/own.md": VALID_PROFILE},
                     config={"site_url": "", "plugins": PLUGINS}, strict=False)
    warnings = [r.getMessage() for r in site.log if r.levelname == "WARNING"]
    assert any("site_url is empty in mkdocs.yml, so sitemap.xml lists no pages, pages have no "
               "canonical link" in w and "Set site_url: https://" in w and "PC_SITE_URL" in w
               for w in warnings), warnings
    assert site.html("profiles/own/").select_one('link[rel="canonical"]') is None
    with pytest.raises(Abort):  # and so a strict build, as CI runs, fails
        make_site({"profiles/own.md": VALID_PROFILE}, config={"site_url": "", "plugins": PLUGINS})


def test_pc_site_url_fills_an_empty_site_url_for_sitemap_canonical_and_feed(make_site,
                                                                           monkeypatch):
    monkeypatch.setenv("PC_SITE_URL", "https://my-state.github.io/commons")
    site = make_site({"profiles/own.md": VALID_PROFILE}, config={
        "site_url": "", "plugins": [*PLUGINS, "practice-commons/indexes"]})
    base = "https://my-state.github.io/commons/"
    assert f"<loc>{base}profiles/own/</loc>" in site.text("sitemap.xml")
    assert site.html("profiles/own/").select_one('link[rel="canonical"]')["href"] == \
        f"{base}profiles/own/"
    feed = ET.fromstring(site.file("feed.xml").read_bytes())
    hrefs = [e.get("href") for e in feed.iter("{http://www.w3.org/2005/Atom}link")]
    assert hrefs and all(h.startswith(base) for h in hrefs), hrefs
    assert f"{base}profiles/own/" in site.file("api/profiles.csv").read_text(encoding="utf-8-sig")
    # A site_url written in mkdocs.yml wins over the environment.
    own = make_site({"profiles/own.md": VALID_PROFILE}, config={"plugins": PLUGINS})
    assert "<loc>https://example.org/commons/profiles/own/</loc>" in own.text("sitemap.xml")
