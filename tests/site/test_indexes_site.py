"""Index pages, home page, related content and search files in a real (tiny) built site."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from practice_commons.mkdocs.indexes import LUNR_JS

from tests.conftest import BASE_CONFIG, BuiltSite, build, write_files
from tests.core.test_indexes import LEVELS, PUBLISHED, SAMPLE, profile

PLUGINS = ["practice-commons/profiles", "practice-commons/indexes"]


def build_site(root: Path, files: dict[str, str], **config) -> BuiltSite:
    write_files(root, {"content/index.md": "# Home\n\nWelcome.\n", **files})
    cfg = {**BASE_CONFIG, "plugins": PLUGINS, **config}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(cfg, sort_keys=False), encoding="utf-8")
    return build(root)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> BuiltSite:
    return build_site(tmp_path_factory.mktemp("indexes"), SAMPLE)


def generated_pages(site: BuiltSite) -> list[str]:
    folders = ("browse", "indexes", "levels", "topics", "states", "grades", "evidence", "stages")
    return sorted(p.relative_to(site.site).as_posix() for folder in folders
                  for p in (site.site / folder).rglob("index.html"))


def resolve(site: BuiltSite, page: str, href: str) -> tuple[Path, str]:
    """The file a relative link on ``page`` points at, and its fragment."""
    parts = urlsplit(urljoin("http://site/" + page, href))
    path = unquote(parts.path).lstrip("/")
    target = site.site / path
    if path == "" or path.endswith("/"):
        target = target / "index.html"
    return target, parts.fragment


_ids: dict[Path, set[str]] = {}


def ids_in(path: Path) -> set[str]:
    if path not in _ids:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        _ids[path] = {el["id"] for el in soup.select("[id]")}
    return _ids[path]


def assert_links_resolve(site: BuiltSite, page: str) -> int:
    soup = site.html(page)
    checked = 0
    for a in soup.select("article a[href]"):
        href = a["href"]
        if href.startswith(("http:", "https:", "mailto:")):
            continue
        target, fragment = resolve(site, page, href)
        assert target.is_file(), f"{page}: link {href} -> missing {target}"
        if fragment and target.suffix == ".html":
            assert fragment in ids_in(target), f"{page}: link {href} -> no #{fragment}"
        checked += 1
    return checked


def static_keys(site: BuiltSite, page: str) -> list[str]:
    return [li["data-pc-key"] for li in site.article(page).select(".pc-static [data-pc-key]")]


def test_each_item_is_on_every_level_page_it_claims_exactly_once_and_nowhere_else(site):
    for level in range(1, 6):
        keys = static_keys(site, f"levels/{level}/")
        expected = {k for k, levels in LEVELS.items() if level in levels}
        assert sorted(keys) == sorted(expected), f"level {level}"  # sorted lists: once each
    assert "secret-draft" not in "".join(site.text(f"levels/{n}/") for n in range(1, 6))


def test_level_entries_link_to_the_profile_at_that_level(site):
    art = site.article("levels/3/")
    entry = art.select_one('[data-pc-key="profile:literacy-nights"]')
    link = entry.select_one("a.pc-entry__title")["href"]
    assert link == "../../profiles/literacy-nights/#level-3"
    # Only the resources offered at level 3 are listed under it.
    assert [li.get_text(" ", strip=True) for li in entry.select(".pc-entry__resources li")] == [
        "Family Literacy Nights guide, level 3 (Toolkit)"]
    groups = [h.get_text(" ", strip=True) for h in art.select(".pc-static h4")]
    assert groups == ["English learners (1)", "Literacy (3)"]
    assert art.select_one(".pc-counts").get_text(strip=True) == (
        "6 items at this level: 4 profiles (offering 4 resources at this level), 1 case study "
        "and 1 toolkit template.")
    assert "About level 3" in art.select_one(".pc-guides").get_text()
    assert static_keys(site, "levels/2/") == ["profile:newcomer-academy"]
    assert "Nothing is offered" not in site.article("levels/2/").get_text()
    assert site.article("levels/1/").select_one('[data-pc-key="profile:literacy-nights"]')


def test_every_link_on_every_generated_page_resolves(site):
    pages = generated_pages(site)
    assert {"browse/index.html", "indexes/index.html", "levels/3/index.html",
            "topics/literacy/index.html", "states/ma/index.html", "grades/6-8/index.html",
            "evidence/tier-4/index.html", "evidence/not-rated/index.html",
            "stages/plan/index.html", "topics/index.html"} <= set(pages)
    assert sum(assert_links_resolve(site, page) for page in [*pages, "index.html"]) > 100


def test_facet_pages_list_everything_with_the_value_with_counts(site):
    art = site.article("topics/literacy/")
    assert art.h1.get_text() == "Literacy"
    assert sorted(li["data-pc-key"] for li in art.select("[data-pc-key]")) == sorted([
        "profile:literacy-nights", "profile:reading-across-grades", "profile:newcomer-academy",
        "profile:old-reading-club", "case-study:citywide-reading"])
    assert art.select_one(".pc-counts").get_text(strip=True) == "4 profiles · 1 case study"
    assert [h.get_text(" ", strip=True) for h in art.select("h2")] == [
        "Profiles (4)", "Case studies (1)"]
    tier = site.article("evidence/not-rated/")
    assert sorted(li["data-pc-key"] for li in tier.select("[data-pc-key]")) == [
        "profile:math-circles", "profile:newcomer-academy", "profile:old-reading-club"]
    stage = site.article("stages/plan/")
    assert [li["data-pc-key"] for li in stage.select("[data-pc-key]")] == ["template:five-whys"]
    states = site.article("states/")
    assert [li.get_text(" ", strip=True) for li in states.select(".pc-facet-list li")] == [
        "District of Columbia (1)", "Massachusetts (4)", "New York (1)"]
    assert not site.exists("states/ca/")  # no page for a value nobody uses


def test_index_of_indexes_links_every_index_page(site):
    art = site.article("indexes/")
    linked = {resolve(site, "indexes/index.html", a["href"])[0].relative_to(site.site).as_posix()
              for a in art.select("a[href]")}
    expected = {p for p in generated_pages(site) if p not in ("indexes/index.html",
                                                              "browse/index.html")}
    assert expected <= linked
    text = art.get_text(" ", strip=True)
    assert "Level 3: Foundational Implementation (6 items)" in text


def test_only_top_level_index_pages_are_in_the_navigation(site):
    nav = [a.get("href", "") for a in site.html("index.html").select("nav.md-nav--primary a")]
    assert any(h.endswith("browse/") for h in nav) and any(h.endswith("levels/") for h in nav)
    assert not any(re.search(r"(topics|states|grades|evidence|stages)/[^/]+/$", h) for h in nav)
    assert not any(re.search(r"levels/\d/$", h) for h in nav)


def test_home_page_shows_the_pyramid_of_links_and_the_newest_profiles(site):
    art = site.article("index.html")
    assert "Welcome." in art.get_text()  # the page's own Markdown stays
    bands = art.select(".pc-levels li")
    assert [b.select_one(".pc-levels__name").get_text() for b in bands] == [
        "Level 5: Grow the Experts", "Level 4: Full Implementation",
        "Level 3: Foundational Implementation", "Level 2: Engage", "Level 1: Inspire"]
    assert [b.select_one("a")["href"] for b in bands] == [f"./levels/{n}/" for n in (5, 4, 3, 2, 1)]
    assert [b.select_one(".pc-levels__count").get_text() for b in bands] == [
        "1 item", "1 item", "6 items", "1 item", "1 item"]
    assert bands[4].select_one(".pc-levels__purpose").get_text() == (
        "Spark curiosity about a practice with short, wide-reaching material.")
    newest = [li["data-pc-key"] for li in art.select(".pc-home-newest [data-pc-key]")]
    assert newest[:3] == ["profile:reading-across-grades", "profile:literacy-nights",
                          "profile:newcomer-academy"]
    head = site.html("index.html").select_one('link[type="application/atom+xml"]')
    assert head["href"] == "./feed.xml"


def test_record_pages_show_related_content_with_the_reason(site):
    art = site.article("profiles/reading-across-grades/")
    items = art.select(".pc-related-content [data-pc-key]")
    assert items[0]["data-pc-key"] == "case-study:citywide-reading"
    assert items[0].select_one("a")["href"] == "../../case-studies/citywide-reading/"
    why = items[0].select_one(".pc-entry__why").get_text(" ", strip=True)
    assert why == "In common: Literacy; Level 3; Grades 6–8; Massachusetts"
    assert all(i["data-pc-key"] in PUBLISHED for i in items)
    case = site.article("case-studies/citywide-reading/")
    assert case.select(".pc-related-content [data-pc-key]")


def test_one_search_for_the_site_and_a_header_box_on_every_page(site):
    import json
    assert site.file("practice-commons/search/lunr.js").read_bytes() == LUNR_JS.read_bytes()
    manifest = site.json("practice-commons/search/index.json")
    cards = [site.json(f"practice-commons/search/d/{i}.json") for i in range(manifest["n"])]
    assert {c["k"] for c in cards} == {"profile", "case-study", "template", "page"}
    assert sum(c["k"] != "page" for c in cards) == len(PUBLISHED)  # and the framework pages
    for i in range(len(manifest["chunks"])):
        assert site.exists(f"practice-commons/search/t/{i}.json")
    for i in range(manifest["n"]):
        assert site.exists(f"practice-commons/search/d/{i}.json")
    assert not site.exists("search/search_index.json")  # Material's search is not built
    for page in ("index.html", "levels/3/", "profiles/reading-across-grades/", "browse/"):
        form = site.html(page).select_one("header form.pc-header-search")
        assert form["method"] == "get" and form["action"].endswith("browse/"), page
        assert form.select_one("input[type=search]")["name"] == "query"
    level3 = site.html("levels/3/")
    assert not level3.select("[data-pc-search]")  # one search, on browse/
    assert level3.select_one(".pc-level-search a")["href"] == "../../browse/?level=3"
    assert not level3.select('script[src$="search.js"]')
    browse = site.html("browse/")
    cfg = json.loads(browse.select_one(".pc-search__config").string)
    assert cfg["total"] == len(PUBLISHED) and cfg["root"] == "practice-commons/search"
    assert browse.select('script[src$="practice-commons/assets/search-ui/search.js"]')
    assert browse.select_one("[data-search-results]") is not None
    listed = [li["data-pc-key"] for li in browse.select("[data-search-results] [data-pc-key]")]
    assert sorted(listed) == sorted(PUBLISHED)  # the first page of everything, before a search
    legends = [lg.get_text() for lg in browse.select(".pc-facet legend")]
    assert "Pyramid level" in legends and "State" in legends
    notice = browse.select_one(".pc-nojs-only")
    assert "need JavaScript" in notice.get_text() and notice.select('a[href$="topics/"]')


def test_contributor_text_is_escaped_on_index_pages(tmp_path):
    evil = profile("<script>alert(1)</script> Nights", state="MA", topics=["literacy"],
                   grades=["k-2"], levels=[1], school="<img src=x onerror=alert(1)>",
                   summary="A summary with </li><li>injected markup</li> in it, to be shown.")
    site = build_site(tmp_path, {"profiles/evil.md": evil})
    for page in ["levels/1/", "topics/literacy/", "browse/", "index.html", "states/ma/"]:
        html = site.text(page)
        assert "<script>alert(1)" not in html and "<img src=x" not in html, page
        assert "<li>injected" not in html, page
    art = site.article("levels/1/")
    assert art.select_one(".pc-entry__title").get_text() == "<script>alert(1)</script> Nights"


def test_links_resolve_without_directory_urls_and_a_dirty_rebuild_keeps_everything(tmp_path):
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    site = build_site(tmp_path, SAMPLE, use_directory_urls=False)
    art = site.article("levels/3/index.html")
    href = art.select_one('[data-pc-key="profile:literacy-nights"] a')["href"]
    assert href == "../../profiles/literacy-nights.html#level-3"
    for page in ("levels/3/index.html", "indexes/index.html", "topics/literacy/index.html",
                 "index.html", "profiles/reading-across-grades.html"):
        assert_links_resolve(site, page)

    # `mkdocs serve --dirty` re-renders only what changed: the indexes must not shrink.
    files = ("api/profiles.json", "api/profiles.csv", "feed.xml")
    docs = site.json("practice-commons/search/index.json")["n"]
    before = {p: site.file(p).read_bytes() for p in files}
    listed = static_keys(site, "levels/3/index.html")
    (tmp_path / "content" / "pyramid" / "foundational.md").write_text(
        "---\ntitle: About level 3\nlevel: 3\n---\n# About level 3\n\nEdited.\n", encoding="utf-8")
    mkdocs_build(load_config(str(tmp_path / "mkdocs.yml")), dirty=True)
    for rel, content in before.items():
        assert site.file(rel).read_bytes() == content, rel
    # The search is rebuilt from the whole collection too: every document, the edit in it.
    assert site.json("practice-commons/search/index.json")["n"] == docs
    cards = [site.json(f"practice-commons/search/d/{i}.json") for i in range(docs)]
    assert any(c["t"] == "About level 3" and "Edited." in c["x"] for c in cards)
    # (MkDocs itself loses other pages' titles in a dirty build's navigation; our lists hold.)
    assert static_keys(site, "levels/3/index.html") == listed


def test_bundled_level_pages_hold_every_published_item_where_it_claims_to_be(bundled_site):
    from practice_commons.core import Layout, load

    from tests.conftest import REPO

    coll = load(Layout(root=REPO)).collection
    claims = {f"{r.kind}:{r.slug}": set(r.levels) for r in coll.published()}
    assert any(claims.values()), "no published item claims a level: nothing checked"
    for level in range(1, 6):
        keys = static_keys(bundled_site, f"levels/{level}/")
        assert len(keys) == len(set(keys)), f"level {level} lists an item twice"
        assert set(keys) == {k for k, levels in claims.items() if level in levels}, level


def test_listings_are_paginated_so_no_page_grows_with_the_collection(tmp_path):
    from practice_commons.core.outputs.index_pages import BROWSE_PER_PAGE, PER_PAGE

    many = {f"profiles/p{i:03d}.md": profile(
        f"Practice number {i:03d}", state="MA", topics=["literacy"], grades=["k-2"], levels=[2],
        summary="A practice that exists to fill a long listing of many practices.")
        for i in range(PER_PAGE + 7)}
    site = build_site(tmp_path, many)
    keys = []
    for rel in ("levels/2/", "levels/2/page/2/"):
        found = static_keys(site, rel)
        assert 0 < len(found) <= PER_PAGE, rel
        keys += found
    assert sorted(keys) == sorted(f"profile:p{i:03d}" for i in range(PER_PAGE + 7))
    assert not site.exists("levels/2/page/3/")
    pager = site.article("levels/2/page/2/").select_one("nav.pc-pager")
    assert pager.select_one('a[aria-current="page"]').get_text() == "2"
    assert pager.select_one('a[rel="prev"]')["href"] == "../../../../levels/2/"
    topic = [k for rel in ("topics/literacy/", "topics/literacy/page/2/")
             for k in static_keys(site, rel)]
    assert len(topic) == PER_PAGE + 7
    browse = [li["data-pc-key"] for n in range(1, 4)
              for li in site.html("browse/" if n == 1 else f"browse/page/{n}/")
              .select("[data-search-results] [data-pc-key]")]
    assert len(browse) == len(set(browse)) == PER_PAGE + 7
    assert len(site.html("browse/").select("[data-search-results] > li")) == BROWSE_PER_PAGE
