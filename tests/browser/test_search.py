"""Search and filters in headless Debian Chromium, against built sites served on 127.0.0.1.

The sample archive (tests/core/test_indexes.py) gives exact expectations; the
bundled site is checked against the same matching rule run in Python
(core.search.matches), so the browser and the build agree on real content.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from practice_commons.core import search

from tests.conftest import serve_dir
from tests.core.test_indexes import PUBLISHED, SAMPLE, profile
from tests.site.test_indexes_site import build_site

pytestmark = pytest.mark.browser

EVIL = profile('<img src=x onerror="window.pwned=1">Evil <b>bold</b> Circles', state="NY",
               topics=["mathematics"], grades=["9-12"], levels=[5], school="<script>x</script>",
               summary="<svg onload=\"window.pwned=2\"></svg> a summary that must stay text.")
EXPECTED = ["Citywide Reading Partnership", "Old Reading Club", "Reading Across Grades"]


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    site = build_site(tmp_path_factory.mktemp("search"), {**SAMPLE, "profiles/evil.md": EVIL})
    server, url = serve_dir(site.site)
    yield url, site
    server.shutdown()


def track(page) -> list[str]:
    """Paths the page fetches from now on."""
    seen: list[str] = []
    page.on("request", lambda r: seen.append(urlsplit(r.url).path))
    return seen


def titles(page) -> list[str]:
    return page.locator(".pc-search__results .pc-entry__title").all_text_contents()


def status(page) -> str:
    return page.locator(".pc-search__status").text_content() or ""


def wait_status(page, text: str) -> None:
    page.wait_for_function(
        "t => (document.querySelector('.pc-search__status') || {}).textContent === t", arg=text)


def choose(page, facet: str, value: str) -> None:
    details = page.locator(f'details[data-facet="{facet}"]')
    if not details.evaluate("d => d.open"):
        details.locator("summary").click()
    page.locator(f'input[name="{facet}"][value="{value}"]').check()


def test_query_and_two_facets_give_exactly_the_expected_results_again_after_reload(
        sample, page, browser):
    url, _ = sample
    fetched = track(page)
    page.goto(url + "browse/")
    assert page.locator("[data-pc-search]").is_visible()
    assert not [p for p in fetched if p.endswith(".json") and "practice-commons" in p]
    page.fill("#pc-search-q", "reading")
    wait_status(page, "5 results")
    choose(page, "state", "MA")
    choose(page, "grade", "6-8")
    wait_status(page, "3 results")
    assert sorted(titles(page)) == EXPECTED
    assert page.locator(".pc-search__status").get_attribute("aria-live") == "polite"
    # Each value's count is what choosing it would give, with the words and the other filter.
    def count(facet: str, value: str) -> str | None:
        box = page.locator(f'input[name="{facet}"][value="{value}"]').get_attribute("id")
        return page.locator(f'label[for="{box}"] .pc-facet__count').text_content()

    assert count("state", "MA") == "(3)"
    assert count("state", "NY") == "(1)"  # Math Reading Circles: "reading", grades 6–8
    assert count("state", "DC") == "(0)"
    assert count("grade", "k-2") == "(1)"  # Family Literacy Nights: "reading", MA
    shared = page.url
    assert parse_qsl(urlsplit(shared).query) == [("query", "reading"), ("grade", "6-8"),
                                                  ("state", "MA")]
    ranked = titles(page)
    page.reload()
    wait_status(page, "3 results")
    assert titles(page) == ranked
    assert page.input_value("#pc-search-q") == "reading"
    assert page.locator('input[name="grade"][value="6-8"]').is_checked()
    # Someone else opening the shared link sees the same.
    other = browser.new_context().new_page()
    other.goto(shared)
    wait_status(other, "3 results")
    assert titles(other) == ranked
    other.context.close()
    shards = sorted({p.rsplit("/", 1)[1] for p in fetched if "/practice-commons/search/" in p})
    assert shards == ["all.json", "lunr.js"]  # only this page's shard


def test_results_agree_with_the_python_matching_rule(sample, page):
    url, site = sample
    shard = site.file("practice-commons/search/all.json").read_bytes()
    docs = json.loads(shard)["docs"]
    page.goto(url + "browse/?query=reading&state=MA&grade=6-8")
    wait_status(page, "3 results")
    expected = [docs[i]["t"] for i in search.matches(shard, "reading")
                if "MA" in docs[i].get("state", []) and "6-8" in docs[i].get("grade", [])]
    assert titles(page) == expected
    assert sorted(expected) == EXPECTED


def test_level_page_searches_its_own_shard_and_links_to_the_level_heading(sample, page):
    url, _ = sample
    fetched = track(page)
    page.goto(url + "levels/3/")
    choose(page, "kind", "case-study")
    wait_status(page, "1 result")
    assert titles(page) == ["Citywide Reading Partnership"]
    assert not [p for p in fetched if p.endswith("lunr.js")]  # filters alone need no lunr
    page.locator('input[name="kind"][value="case-study"]').uncheck()
    page.fill("#pc-search-q", "reading")
    wait_status(page, "4 results")
    assert "Math Reading Circles" not in titles(page)  # level 5 only
    hrefs = page.locator(".pc-search__results a").evaluate_all("as => as.map(a => a.href)")
    assert f"{url}profiles/reading-across-grades/#level-3" in hrefs
    shards = sorted({p.rsplit("/", 1)[1] for p in fetched if "/practice-commons/search/" in p})
    assert shards == ["level-3.json", "lunr.js"]


def test_filters_work_from_the_keyboard(sample, page):
    url, _ = sample
    page.goto(url + "browse/")
    page.focus("#pc-search-q")
    page.keyboard.type("circles")
    wait_status(page, "2 results")
    page.keyboard.press("Tab")  # the first filter's summary
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # its first checkbox
    focused: dict[str, Any] = page.evaluate(
        "({type: document.activeElement.type, name: document.activeElement.name})")
    assert focused == {"type": "checkbox", "name": "level"}
    page.keyboard.press("Space")
    wait_status(page, "No results. Try fewer words or filters.")  # no level-1 circles
    page.keyboard.press("Space")
    wait_status(page, "2 results")
    page.locator(".pc-search__reset").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => !location.search")
    assert page.input_value("#pc-search-q") == "" and titles(page) == []


def test_contributor_text_stays_text_in_results(sample, page):
    url, _ = sample
    page.goto(url + "browse/?query=circles")
    wait_status(page, "2 results")
    assert '<img src=x onerror="window.pwned=1">Evil <b>bold</b> Circles' in titles(page)
    results = page.locator(".pc-search__results")
    assert results.locator("img, b, svg, script").count() == 0
    assert page.evaluate("window.pwned") is None


def test_without_javascript_the_static_lists_are_complete(sample, browser):
    url, _ = sample
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    everything = PUBLISHED | {"profile:evil"}
    page.goto(url + "browse/?query=reading&state=MA")
    assert not page.locator("[data-pc-search]").is_visible()
    keys = page.locator(".pc-static [data-pc-key]").evaluate_all(
        "els => els.map(e => e.dataset.pcKey)")
    assert sorted(keys) == sorted(everything)
    page.goto(url + "levels/3/")
    keys = page.locator(".pc-static [data-pc-key]").evaluate_all(
        "els => els.map(e => e.dataset.pcKey)")
    assert len(keys) == len(set(keys)) == 6
    context.close()


def _pick(shard: bytes) -> tuple[str, list[tuple[str, str]], list[int]]:
    """A query and two filters that each narrow the bundled archive, and what they find."""
    docs = json.loads(shard)["docs"]
    for word in ("school", "teachers", "learning", "district", "charter", "students"):
        found = search.matches(shard, word)
        if len(found) < 3:
            continue
        values = [(f, v) for f in ("kind", "state", "topic", "grade")
                  for v in sorted({v for i in found for v in docs[i].get(f, [])})]
        for a in values:
            for b in values:
                if a[0] >= b[0]:
                    continue
                only_a = [i for i in found if a[1] in docs[i].get(a[0], [])]
                both = [i for i in only_a if b[1] in docs[i].get(b[0], [])]
                if 0 < len(both) < len(only_a) < len(found):
                    return word, [a, b], both
    pytest.fail("no query and pair of filters narrows the bundled archive: add content")


def test_bundled_site_search_matches_the_build(bundled_site, bundled_url, page):
    shard = bundled_site.file("practice-commons/search/all.json").read_bytes()
    docs = json.loads(shard)["docs"]
    word, facets, expected = _pick(shard)
    page.goto(bundled_url + "browse/")
    page.fill("#pc-search-q", word)
    for facet, value in facets:
        choose(page, facet, value)
    n = len(expected)
    wait_status(page, "1 result" if n == 1 else f"{n} results")
    assert titles(page)[:20] == [docs[i]["t"] for i in expected][:20]
    page.reload()
    wait_status(page, "1 result" if n == 1 else f"{n} results")
    assert titles(page)[:20] == [docs[i]["t"] for i in expected][:20]
    # Material's own search (which owns ?q=) stays closed on the shared address.
    assert page.locator("#__search").is_checked() is False
    assert page.input_value(".md-search__input") == ""


def test_long_result_lists_come_twenty_at_a_time_and_focus_follows(bundled_site, bundled_url,
                                                                    page):
    docs = json.loads(bundled_site.file("practice-commons/search/all.json").read_bytes())["docs"]
    if len(docs) <= 20:
        pytest.skip("the bundled archive has 20 items or fewer: nothing to page through")
    page.goto(bundled_url + "browse/?kind=profile&kind=case-study&kind=template")
    wait_status(page, f"{len(docs)} results")
    assert len(titles(page)) == 20
    more = page.locator(".pc-search__more")
    assert more.is_visible()
    more.click()
    assert page.evaluate("document.activeElement.textContent") == titles(page)[20]
    assert len(titles(page)) == min(40, len(docs))
    # Without words, results come in the archive's order: by kind, then title.
    assert titles(page)[:20] == [d["t"] for d in docs][:20]
