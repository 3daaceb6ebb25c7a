"""The host's brand from mkdocs.yml: home heading and intro, tab titles, credit, images."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import Abort, PluginError

from tests.conftest import REPO

THEME = {"name": "material", "language": "en", "custom_dir": str(REPO / "overrides")}
PLUGINS = ["practice-commons/profiles", "practice-commons/hosting"]
PNG = b"\x89PNG\r\n\x1a\n"
SVG = '<svg xmlns="http://www.w3.org/2000/svg"/>'
HOME = "Pick a [guide](guides/start.md).\n"


def site_with(make_site, host: dict, files: dict | None = None, **config):
    return make_site({"content/index.md": HOME, "content/guides/start.md": "# Start\n",
                      **(files or {})},
                     config={"theme": THEME, "plugins": PLUGINS, "extra": {"host": host},
                             **config})


def logged(caplog) -> str:
    return "\n".join(r.getMessage() for r in caplog.records)


def test_home_heading_and_intro_come_from_the_host_settings(make_site):
    site = site_with(make_site, {"heading": "Practices <from> MA schools",
                                 "intro": "Schools share **what works**; see [a guide](guides/start.md)."})
    home = site.html("index.html")
    h1 = home.select_one("article h1")
    assert h1.get_text().rstrip("¶") == "Practices <from> MA schools"
    intro = h1.find_next_sibling("p")
    assert intro.strong.get_text() == "what works"
    assert intro.a["href"] == "guides/start/"  # a link MkDocs resolved and checked
    assert len(home.select("article h1")) == 1
    # The tab and the link preview carry the site's name once, not "Name - Name".
    assert home.title.get_text() == "Test Commons"
    assert home.select_one('meta[property="og:title"]')["content"] == "Test Commons"
    assert site.html("guides/start/").title.get_text() == "Start - Test Commons"


def test_without_a_heading_setting_the_home_heading_is_the_site_name(make_site):
    site = site_with(make_site, {}, site_name="  Bay State   Practice Exchange ")
    home = site.html("index.html")
    assert home.select_one("article h1").get_text().rstrip("¶") == "Bay State Practice Exchange"
    assert home.title.get_text() == "Bay State Practice Exchange"
    footer = home.select_one(".pc-footer__credit").get_text(" ", strip=True)
    assert footer == "Built with Practice Commons and Material for MkDocs"


def test_a_page_titled_like_the_site_is_not_doubled_in_its_tab(make_site):
    site = site_with(make_site, {}, files={
        "content/about.md": "---\ntitle: Test Commons\n---\nAbout.\n"})
    assert site.html("about/").title.get_text() == "Test Commons"


def test_tab_titles_are_escaped_once(make_site):
    from tests.conftest import VALID_PROFILE

    evil = VALID_PROFILE.replace("title: Family Literacy Nights",
                                 "title: 'Q&A Nights </title><script>x()</script>'")
    site = site_with(make_site, {}, files={
        "profiles/qa.md": evil, "content/about.md": "---\ntitle: Tea & Talk\n---\nAbout.\n"},
        site_name="Schools & Partners")
    raw = site.text("profiles/qa/")
    assert "<script>x()" not in raw and "&amp;amp;" not in raw
    tab = site.html("profiles/qa/").title.get_text()
    assert tab == "Q&A Nights </title><script>x()</script> - Schools & Partners"
    assert site.html("about/").title.get_text() == "Tea & Talk - Schools & Partners"


def test_the_credit_can_be_switched_off(make_site):
    site = site_with(make_site, {"credit": False, "tagline": "Schools learning together."})
    footer = site.html("index.html").select_one(".pc-footer")
    assert footer.select_one(".pc-footer__credit") is None
    assert "Practice Commons" not in site.text("index.html")
    assert "Schools learning together." in footer.get_text()


def test_a_home_page_with_its_own_heading_says_the_settings_are_unused(make_site, caplog):
    with pytest.raises(Abort):
        site_with(make_site, {"intro": "Hello."}, files={"content/index.md": "# Welcome\n"})
    assert ("content/index.md: has a heading of its own, so extra.host.intro in mkdocs.yml is "
            "not shown — remove the '# …' heading") in logged(caplog)


def test_logo_favicon_and_share_image_from_anywhere_in_the_repository(make_site):
    site = site_with(make_site, {"logo": "brand/seal.svg", "favicon": "brand/tab.png",
                                 "share_image": "brand/preview.png"},
                     files={"brand/seal.svg": SVG, "brand/tab.png": PNG,
                            "brand/preview.png": PNG})
    page = site.html("guides/start/")
    assert page.select_one(".md-header__button.md-logo img")["src"] == "../../assets/host/logo.svg"
    assert page.select_one('link[rel="icon"]')["href"] == "../../assets/host/favicon.png"
    og = page.select_one('meta[property="og:image"]')["content"]
    assert og == "https://example.org/commons/assets/host/share-image.png"
    assert site.file("assets/host/logo.svg").read_text(encoding="utf-8") == SVG
    assert site.file("assets/host/share-image.png").read_bytes() == PNG


def test_an_image_in_the_content_folder_keeps_its_address(make_site):
    site = site_with(make_site, {"logo": "assets/seal.svg"},
                     files={"content/assets/seal.svg": SVG})
    assert site.html("index.html").select_one(".md-logo img")["src"] == "assets/seal.svg"
    assert not site.exists("assets/host/logo.svg")


def test_wrong_brand_settings_stop_the_build_with_the_fix(make_site, caplog, tmp_path):
    with pytest.raises((PluginError, Abort)):
        site_with(make_site, {"logo": "brand/missing.svg", "favicon": "brand/tab.gif",
                              "share_image": "../outside.png", "credit": "no", "heading": " "},
                  files={"brand/tab.gif": b"GIF89a", "../outside.png": PNG}, site_name=" ")
    msg = logged(caplog)
    assert "site_name: empty — set the site's name in mkdocs.yml" in msg
    assert (f"extra.host.logo: 'brand/missing.svg' not found — put the file at "
            f"{(tmp_path / 'brand/missing.svg').as_posix()} (paths start at the folder of "
            f"mkdocs.yml), or fix the path") in msg
    assert "extra.host.favicon: 'brand/tab.gif' — use a .png, .svg or .ico file" in msg
    assert "extra.host.share_image: '../outside.png' not found" in msg
    assert "extra.host.credit: expected true or false, got 'no'" in msg
    assert "extra.host.heading: empty — write the text, or remove the setting" in msg
