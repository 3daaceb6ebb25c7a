"""A host's settings, the state filter, freshness notices and sharing metadata, in built sites."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import Abort, ConfigurationError, PluginError

from tests.conftest import REPO, VALID_PROFILE

OVERRIDES = str(REPO / "overrides")
THEME = {"name": "material", "language": "en", "custom_dir": OVERRIDES}
PLUGINS = ["practice-commons/profiles", "practice-commons/hosting"]


def profile(title: str, state: str = "MA", reviewed: str = "2025-02-01",
            status: str = "published", summary: str | None = None) -> str:
    text = (VALID_PROFILE.replace("Family Literacy Nights", title)
            .replace("state: MA", f"state: {state}")
            .replace("last_reviewed: 2025-02-01", f"last_reviewed: {reviewed}")
            .replace("status: published", f"status: {status}"))
    if summary is not None:
        text = text.replace(
            "summary: Monthly evenings where families and teachers practise reading strategies "
            "together, shared with two district schools.", f"summary: {summary}")
    return text


def og_tags(page) -> dict[str, str]:
    return {m["property"]: m["content"] for m in page.head.select("meta[property]")}


def hosting(**options) -> dict:
    return {"plugins": ["practice-commons/profiles", {"practice-commons/hosting": options}]}


def test_profile_page_shares_its_summary_title_and_canonical_address(make_site):
    site = make_site({"profiles/literacy-nights.md": VALID_PROFILE},
                     config={"theme": THEME, "plugins": PLUGINS})
    head = site.html("profiles/literacy-nights/").head
    summary = ("Monthly evenings where families and teachers practise reading strategies "
               "together, shared with two district schools.")
    og = {m["property"]: m["content"] for m in head.select("meta[property]")}
    assert og["og:title"] == "Family Literacy Nights"
    assert og["og:description"] == summary
    assert og["og:type"] == "article"
    assert og["og:url"] == "https://example.org/commons/profiles/literacy-nights/"
    assert og["og:site_name"] == "Test Commons"
    assert og["og:locale"] == "en_US"
    assert head.select_one('meta[name="description"]')["content"] == summary
    assert head.select_one('link[rel="canonical"]')["href"] == og["og:url"]
    assert head.select_one('meta[name="twitter:card"]')["content"] == "summary"
    home = og_tags(site.html("index.html"))
    assert home["og:type"] == "website" and home["og:title"] == "Test Commons"
    sitemap = site.text("sitemap.xml")
    assert "<loc>https://example.org/commons/profiles/literacy-nights/</loc>" in sitemap


def test_sharing_metadata_escapes_what_contributors_wrote(make_site):
    evil = profile('Nights "><script>alert(1)</script>',
                   summary="'Quotes \" and <b>tags</b> & ampersands'")
    site = make_site({"profiles/evil.md": evil}, config={"theme": THEME, "plugins": PLUGINS})
    html = site.text("profiles/evil/")
    assert "<script>alert(1)" not in html and "<b>tags</b>" not in html
    og = og_tags(site.html("profiles/evil/"))
    assert og["og:title"] == 'Nights "><script>alert(1)</script>'
    assert og["og:description"] == 'Quotes " and <b>tags</b> & ampersands'


BRANDED = {
    "site_name": "Bay State Practice Exchange",
    "theme": {**THEME, "logo": "assets/seal.svg", "favicon": "assets/seal.png"},
    "plugins": PLUGINS,
    "extra": {"host": {
        "tagline": "Charter and district schools learning from each other.",
        "organization": "Office of Charter Schools",
        "contact": {"name": "Charter office", "email": "charters@example.gov",
                    "url": "https://example.gov/charters"},
        "footer": "A service of the Office of Charter Schools.",
        "disclaimer": "Profiles are written by the schools; the office does not endorse them.",
        "links": [{"text": "Accessibility", "url": "https://example.gov/accessibility"}],
        "colors": {"primary": "#8ab4f8", "accent": "#1a4480"},
        "share_image": "assets/share.png",
    }},
}
PNG = b"\x89PNG\r\n"
BRAND_FILES = {"content/assets/seal.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>',
               "content/assets/seal.png": PNG, "content/assets/share.png": PNG}


def test_a_host_rebrands_the_site_from_mkdocs_yml_alone(make_site):
    from practice_commons.core.hosting.colors import contrast

    site = make_site({**BRAND_FILES, "profiles/literacy-nights.md": VALID_PROFILE}, config=BRANDED)
    page = site.html("profiles/literacy-nights/")
    assert page.title.get_text() == "Family Literacy Nights - Bay State Practice Exchange"
    topic = page.select_one(".md-header__topic").get_text(strip=True)
    assert topic == "Bay State Practice Exchange"
    assert page.select_one(".md-header__button.md-logo img")["src"] == "../../assets/seal.svg"
    assert page.select_one('link[rel="icon"]')["href"] == "../../assets/seal.png"
    footer = page.select_one(".pc-footer")
    text = footer.get_text(" ", strip=True)
    for wanted in ("Charter and district schools learning from each other.",
                   "Office of Charter Schools", "A service of the Office of Charter Schools.",
                   "the office does not endorse them"):
        assert wanted in text
    assert footer.select_one('a[href="mailto:charters@example.gov"]') is not None
    assert footer.select_one("nav a")["href"] == "https://example.gov/accessibility"
    og = {m["property"]: m["content"] for m in page.head.select("meta[property]")}
    assert og["og:image"] == "https://example.org/commons/assets/share.png"
    # The brand colours reach the page, and link text derived from the light brand
    # blue is darkened until it reads at 4.5:1 on white.
    css_links = [link["href"] for link in page.head.select('link[rel="stylesheet"]')]
    assert "../../practice-commons/assets/theme/brand.css" in css_links
    css = site.text("practice-commons/assets/theme/brand.css")
    assert "--md-primary-fg-color: #8ab4f8;" in css
    link_color = css.split("--md-typeset-a-color: ")[1].split(";")[0]
    assert link_color != "#8ab4f8" and contrast(link_color, "#ffffff") >= 4.5
    # A light header colour gets dark header text.
    assert "--md-primary-bg-color: #1a1a1a;" in css


def logged(caplog) -> str:
    return "\n".join(r.getMessage() for r in caplog.records)


def test_misspelt_or_invalid_host_settings_stop_the_build_with_the_fix(make_site, caplog):
    bad = {**BRANDED, "extra": {"host": {"taglin": "x", "colors": {"primary": "blue"},
                                         "links": [{"text": "x", "url": "javascript:alert(1)"}]},
                                "analytics": {"provider": "plausible"}}}
    with pytest.raises((PluginError, Abort)):
        make_site(BRAND_FILES, config=bad)
    msg = logged(caplog)
    assert "extra.host.taglin: unknown setting — did you mean 'tagline'?" in msg
    assert "extra.host.colors.primary: 'blue' is not a colour; write it as #rrggbb" in msg
    assert "extra.host.links[0].url: 'javascript:alert(1)' is not a link" in msg
    assert "extra.analytics: provider plausible needs domain" in msg


def test_analytics_are_off_by_default_and_on_when_configured(make_site, tmp_path):
    site = make_site({}, config={"theme": THEME, "plugins": PLUGINS})
    assert "plausible" not in site.text("index.html") and "gtag" not in site.text("index.html")
    on = make_site({}, config={"theme": THEME, "plugins": PLUGINS, "extra": {
        "analytics": {"provider": "plausible", "domain": "practices.example.gov"}}})
    script = on.html("index.html").select_one("script[data-domain]")
    assert script["data-domain"] == "practices.example.gov"
    assert script["src"] == "https://plausible.io/js/script.js"


def test_state_filter_refuses_profiles_from_other_states_instead_of_dropping_them(
        make_site, caplog, tmp_path):
    # Issue 13: an out-of-state profile once vanished silently; now the build stops before
    # publishing anything, naming the file and how to widen the scope (tests/site/
    # test_scope_site.py checks what a scoped site shows).
    with pytest.raises((PluginError, Abort)):
        make_site({
            "profiles/boston.md": profile("Boston Reading Club", "MA"),
            "profiles/bronx.md": profile("Bronx Math Circles", "NY"),
            "profiles/dc.md": profile("Capitol Hill Tutoring", "DC"),
        }, config={"plugins": ["practice-commons/profiles", "practice-commons/indexes",
                               {"practice-commons/hosting": {"states": ["MA", "DC"]}}]})
    assert ("profiles/bronx.md:7: field 'school.state': this site is scoped to MA "
            "(Massachusetts) and DC (District of Columbia), so a profile from NY (New York) "
            "cannot be published here — to widen the site, add 'NY' to states: of "
            "practice-commons/hosting in mkdocs.yml") in logged(caplog)
    assert "profiles/boston.md" not in logged(caplog) and "profiles/dc.md" not in logged(caplog)
    assert not (tmp_path / "site").exists()


def test_unknown_state_in_the_filter_is_a_configuration_error_with_a_suggestion(make_site, caplog):
    with pytest.raises((ConfigurationError, Abort)):
        make_site({"profiles/boston.md": profile("Boston", "MA")},
                  config=hosting(states=["MA", "Nwe York"]))
    assert ("Plugin 'practice-commons/hosting' option 'states': unknown state code 'Nwe York' — "
            "did you mean 'NY'?") in logged(caplog)


def test_stale_profiles_show_a_notice_judged_against_the_build_date(make_site):
    site = make_site({
        "profiles/old.md": profile("Old Nights", reviewed="2022-03-01"),
        "profiles/fresh.md": profile("Fresh Nights", reviewed="2024-12-01"),
        "profiles/retired.md": profile("Retired Nights", reviewed="2019-01-01", status="archived"),
    }, config=hosting(today="2025-06-01", stale_after_days=730))
    notice = site.article("profiles/old/").select_one(".pc-stale")
    assert notice is not None and notice["role"] == "note"
    text = notice.get_text(" ", strip=True)
    assert "may be out of date" in text and "2022-03-01" in text and "39 months ago" in text
    assert site.article("profiles/fresh/").select_one(".pc-stale") is None
    retired = site.article("profiles/retired/")
    assert retired.select_one(".pc-stale") is None and retired.select_one(".pc-archived")


def test_build_date_comes_from_source_date_epoch_when_not_given(make_site, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")  # 2025-01-01T00:00:00Z
    files = {"profiles/mid.md": profile("Mid Nights", reviewed="2023-02-01")}
    site = make_site(files, config=hosting(stale_after_days=600))  # 700 days old
    assert site.article("profiles/mid/").select_one(".pc-stale") is not None
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1704067200")  # 2024-01-01: 334 days old
    site = make_site(files, config=hosting(stale_after_days=600))
    assert site.article("profiles/mid/").select_one(".pc-stale") is None


def test_an_unreadable_build_date_stops_the_build(make_site, caplog):
    with pytest.raises((PluginError, Abort)):
        make_site({}, config=hosting(today="1 June"))
    assert ("option 'today': '1 June' is not a date; write it as YYYY-MM-DD" in logged(caplog))


def test_404_page_offers_the_main_pages_and_a_way_to_report(make_site):
    site = make_site({"profiles/literacy-nights.md": VALID_PROFILE}, config={
        "theme": THEME, "plugins": PLUGINS,
        "extra": {"host": {"contact": {"email": "help@example.gov"}}}})
    art = site.article("404.html")
    assert art.h1.get_text() == "Page not found"
    links = {a.get_text(): a["href"] for a in art.select(".pc-404-links a")}
    # Absolute paths: the 404 page is served at whatever address was missing.
    assert links == {"Home": "/commons/", "Profiles": "/commons/profiles/"}
    assert art.select_one('a[href="mailto:help@example.gov"]') is not None


def test_translated_pages_replace_their_originals_in_the_language_build(make_site):
    site = make_site({
        "content/index.md": "# Welcome\n\nEnglish home.\n",
        "content/guides/start.md": "# Getting started\n\nEnglish guide.\n",
        "content/es/index.md": "# Bienvenida\n\nInicio en español. [Guía](guides/start.md)\n",
        "content/es/guides/start.md": "# Primeros pasos\n\nVuelva al [inicio](../index.md).\n",
        "content/es/guides/only-spanish.md": "# Solo en español\n",
    }, config={
        "theme": {**THEME, "language": "es", "features": ["content.action.edit"]},
        "repo_url": "https://github.com/example/commons", "edit_uri": "edit/main/content/",
        "plugins": ["practice-commons/profiles",
                    {"practice-commons/hosting": {"translations_dir": "es"}}],
        "nav": ["index.md", "guides/start.md", "guides/only-spanish.md"]})
    home = site.article("index.html")
    assert home.h1.get_text().rstrip("¶") == "Bienvenida"
    assert home.select_one('a[href="guides/start/"]').get_text() == "Guía"
    guide = site.article("guides/start/")
    assert guide.h1.get_text().rstrip("¶") == "Primeros pasos"
    assert guide.select_one('a[href="../.."]') or guide.select_one('a[href="../../"]')
    assert site.article("guides/only-spanish/").h1.get_text().rstrip("¶") == "Solo en español"
    assert not site.exists("es/")
    edit = site.html("guides/start/").select_one("a.md-content__button")
    assert edit["href"] == "https://github.com/example/commons/edit/main/content/es/guides/start.md"


def test_a_case_study_cannot_be_translated_page_by_page(make_site, caplog):
    case = "---\ntitle: Inscripción común\n---\nTexto.\n"
    with pytest.raises((PluginError, Abort)):
        make_site({"content/es/case-studies/shared.md": case},
                  config={"plugins": ["practice-commons/profiles",
                                      {"practice-commons/hosting": {"translations_dir": "es"}}]})
    assert ("content/es/case-studies/shared.md: case studies and toolkit templates cannot be "
            "translated page by page") in logged(caplog)
