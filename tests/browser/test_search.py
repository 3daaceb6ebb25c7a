"""The site search in headless Debian Chromium: header box, browse page, chips, no-JS.

The bundled site is the subject (its query set is in test_search_queries.py); a small
site with a hostile profile checks that contributor text stays text in results.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest

from tests.browser.search_helpers import chips, results, search, track
from tests.conftest import serve_dir
from tests.core.test_indexes import SAMPLE, profile
from tests.site.test_indexes_site import build_site

pytestmark = pytest.mark.browser

EVIL = profile('<img src=x onerror="window.pwned=1">Evil <b>bold</b> Circles', state="NY",
               topics=["mathematics"], grades=["9-12"], levels=[5], school="<script>x</script>",
               summary="<svg onload=\"window.pwned=2\"></svg> a summary that must stay text.")


def test_a_plain_page_load_fetches_no_search_data(bundled_url, page):
    fetched = track(page)
    for path in ("", "browse/", "levels/3/", "profiles/esl-after-the-bell/"):
        page.goto(bundled_url + path)
        page.wait_for_load_state("networkidle")
    assert not [p for p in fetched if "/practice-commons/search/" in p or "search_index" in p]


def test_the_header_box_searches_from_any_page_and_words_become_chips(bundled_url, page):
    fetched = track(page)
    page.goto(bundled_url + "profiles/esl-after-the-bell/")
    page.fill("header input[name=query]", "english learners massachusetts")
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-search-results][data-state=results]")
    assert urlsplit(page.url).path.endswith("/browse/")
    assert chips(page) == ["Topic: English learners", "State: Massachusetts"]
    assert results(page, bundled_url)[0] == "case-studies/boston-compact/"
    assert page.input_value("#pc-search-q") == ""  # the words are now the chips
    assert sorted(parse_qsl(urlsplit(page.url).query)) == [("state", "MA"),
                                                           ("topic", "english-learners")]
    # Only the manifest, facets, lunr.js, the chunks of the words and the cards shown.
    got = {p.split("/practice-commons/search/")[1] for p in fetched if "/search/" in p}
    assert {"index.json", "facets.json", "lunr.js"} <= got
    assert len([g for g in got if g.startswith("d/")]) <= 10


def test_a_chip_is_removed_by_keyboard_and_the_results_widen(bundled_url, page):
    search(page, bundled_url, "SPED boston")
    before = results(page, bundled_url)
    assert chips(page) == ["Topic: Special education", "City: Boston"]
    page.locator(".pc-chip__button").last.focus()
    page.evaluate("() => { document.querySelector('[data-search-results]').dataset.state = 'old'; }")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelectorAll('.pc-chip').length === 1")
    page.wait_for_selector("[data-search-results][data-state=results]")
    assert chips(page) == ["Topic: Special education"]
    assert before[0] in results(page, bundled_url)  # what matched both still matches one
    assert page.evaluate("document.activeElement.id") == "pc-search-q"


def test_typing_shows_results_as_you_type_with_a_marked_snippet(bundled_url, page):
    page.goto(bundled_url + "browse/")
    page.focus("#pc-search-q")
    page.keyboard.type("lotter")  # half a word: read as a prefix while typing
    page.wait_for_selector("[data-search-results][data-state=results]")
    page.wait_for_selector("[data-search-results] mark")
    assert results(page, bundled_url)[0] == "case-studies/my-school-dc/"
    marks = page.locator("[data-search-results] > li").first.locator("mark").all_text_contents()
    assert marks and all(m.lower().startswith("lotter") for m in marks)


def test_without_javascript_a_filter_link_says_so_and_links_the_index_pages(bundled_url, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(bundled_url + "browse/?topic=literacy&query=reading")
    notice = page.locator(".pc-nojs-only")
    assert notice.is_visible() and "need JavaScript" in notice.text_content()
    links = notice.locator("a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert any(h.endswith("topics/") for h in links) and any(h.endswith("levels/") for h in links)
    assert not page.locator(".pc-chips").is_visible()
    assert page.locator("[data-search-results] > li").count() > 0  # the static first page
    context.close()


def test_contributor_text_stays_text_in_results(tmp_path_factory, page):
    site = build_site(tmp_path_factory.mktemp("search"), {**SAMPLE, "profiles/evil.md": EVIL})
    server, url = serve_dir(site.site)
    try:
        found = search(page, url, "circles")
        assert "profiles/evil/" in found
        titles = page.locator("[data-search-results] h3").all_text_contents()
        assert any("<img src=x" in t for t in titles)
        assert page.evaluate("window.pwned") is None
    finally:
        server.shutdown()


CLS_JS = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) { if (!e.hadRecentInput) total += e.value; }
  }).observe({type: 'layout-shift', buffered: true});
  setTimeout(() => resolve(total), 300);
})"""


@pytest.mark.parametrize("path", ["browse/", "browse/?query=coaching%20boston"])
def test_browse_does_not_shift_while_the_search_starts_on_a_phone(bundled_url, browser, path):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(bundled_url + path)
    if "query" in path:
        page.wait_for_selector("[data-search-results][data-state=results]")
    page.wait_for_load_state("networkidle")
    shift = page.evaluate(CLS_JS)
    context.close()
    assert shift < 0.1, f"cumulative layout shift {shift:.3f} on {path}"


def test_filters_sit_behind_a_button_on_a_phone_and_beside_results_on_a_desktop(
        bundled_url, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(bundled_url + "browse/")
    toggle = page.locator(".pc-finder__toggle")
    assert toggle.is_visible() and not page.locator("#pc-filters").is_visible()
    toggle.click()
    assert page.locator("#pc-filters").is_visible() and toggle.get_attribute("aria-expanded") == "true"
    context.close()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(bundled_url + "browse/")
    filters = page.locator("#pc-filters").bounding_box()
    results_box = page.locator("[data-search-results]").bounding_box()
    assert filters["x"] + filters["width"] <= results_box["x"]  # a column beside them
    assert not page.locator(".pc-finder__toggle").is_visible()
    context.close()
