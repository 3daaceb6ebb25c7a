"""The hostile corpus built into one site with every bundled plugin: nothing in it can run.

``hostile_site`` (tests/conftest.py) holds every inert fixture, built with the
repository's own mkdocs.yml, so profile pages, listings, indexes, search data,
feeds, exports and downloads all meet the payloads. The scanner
(tests/hostile_corpus.py) reads every output file; the browser test
(tests/browser/test_inert_pages.py) watches the pages load.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from practice_commons.core.rules.sanitize import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    ID_PREFIX,
    allowed_class,
)

from tests.hostile_corpus import fixtures
from tests.hostile_scan import scan_file, scan_html, scan_site

INERT = fixtures("inert")


def test_no_output_file_of_the_site_lets_a_payload_run(hostile_site):
    assert scan_site(hostile_site.site) == []


def test_the_site_is_a_real_one_with_every_page_type(hostile_site):
    """Guards the test above against passing on an empty or half-built site."""
    pages = list(hostile_site.site.rglob("index.html"))
    assert len(pages) > len(INERT)
    marked = [p for p in pages if "pcx" in p.read_text(encoding="utf-8")]
    assert len(marked) >= len(INERT), "every inert fixture's page shows its payload as text"
    listing = hostile_site.article("profiles/")
    assert "<script>alert('pcx')</script> Reading Nights" in listing.get_text()


@pytest.mark.parametrize("fixture", INERT, ids=str)
def test_inert_fixture_page_shows_the_payload_as_text(fixture, hostile_site):
    page = fixture.page()
    assert hostile_site.exists(page), f"{page} was not published"
    article = hostile_site.article(page)
    text = article.get_text()
    for shown in fixture.expect["shows"]:
        assert shown in text, f"{page} does not show {shown!r} as text"
    assert scan_html(hostile_site.text(page), page) == []


@pytest.mark.parametrize("fixture", INERT, ids=str)
def test_inert_fixture_body_holds_only_allowed_markup(fixture, hostile_site):
    body = hostile_site.article(fixture.page()).select_one(".pc-body")
    assert body is not None
    for el in body.find_all(True):
        allowed = ALLOWED_ATTRIBUTES["*"] | ALLOWED_ATTRIBUTES.get(el.name, set())
        assert el.name in ALLOWED_TAGS, f"<{el.name}> survived: {str(el)[:120]}"
        assert set(el.attrs) <= allowed, f"attributes survived: {str(el)[:120]}"
        # No theme hook: only our extensions' classes, and every id in the contributor's space.
        kept = el.get("class", [])
        assert all(allowed_class(c) for c in kept), f"class survived: {str(el)[:120]}"
        assert el.get("id", ID_PREFIX).startswith(ID_PREFIX), f"id not prefixed: {str(el)[:120]}"
        href = el.get("href") or el.get("src") or ""
        assert not href.strip().lower().startswith(("javascript:", "data:", "vbscript:")), el
    for selector in fixture.expect.get("keeps", []):
        assert body.select_one(selector) is not None, f"the sanitiser removed {selector}"


def test_no_contributed_element_is_a_theme_hook(hostile_site):
    """Material fetches mermaid.js for any .mermaid, and styles .md-dialog as its own dialog."""
    page = hostile_site.html("profiles/body-theme-hooks/")
    body = page.select_one(".pc-body")
    assert body.select(".mermaid, .md-dialog, .md-button, .twemoji, [data-md-component]") == []
    for name in ("lunr", "mermaid", "__search"):
        assert body.find(id=name) is None, f"the body holds an element with id {name!r}"
    toc = page.select_one("nav.md-nav--secondary")
    assert toc.select_one("a[href='#u-mermaid']") is not None, "the toc links the prefixed id"


def test_the_table_of_contents_carries_no_markup_from_headings(hostile_site):
    toc = hostile_site.html("profiles/body-attr-list/").select_one("nav.md-nav--secondary")
    assert toc is not None and "A heading with a hooked id" in toc.get_text()
    assert toc.find(["img", "script", "svg"]) is None
    assert not [a for el in toc.find_all(True) for a in el.attrs if a.startswith("on")]
    assert "<img src=x onerror=alert('pcx')>" in toc.get_text()  # the label, as text


# -- the scanner itself can fail ---------------------------------------------------------


@pytest.mark.parametrize("html,found", [
    ("<p><script>alert('pcx')</script></p>", "marked script"),
    ("<img src=x onerror=\"alert('pcx')\">", "event-handler"),
    ("<a href=\" JavaScript:alert(1)\">x</a>", "script URL"),
    ("<a href=\"data:text/html,pcx\">x</a>", "data: URL"),
    ("<iframe src=\"https://pcx-marker.example/\"></iframe>", "<iframe>"),
    ("<link rel=stylesheet href=\"/pcx-marker.css\">", "<link>"),
    ("<meta http-equiv=refresh content=\"0;url=https://pcx-marker.example/\">", "http-equiv"),
    ("<img src=\"/pcx-marker.png\">", "would load"),
    (("<script type=\"application/ld+json\">{\"name\": \"</script><script>alert('pcx')</script>\"}"
      "</script>"), "inline JSON"),
])
def test_the_scanner_finds_each_kind_of_live_payload(html, found):
    problems = scan_html(html, "page.html")
    assert any(found in p for p in problems), problems


def test_the_scanner_parses_every_json_and_xml_file_strictly(tmp_path):
    data = tmp_path / "profiles.json"
    data.write_text('{"items": [{"before": NaN, "after": Infinity}]}')  # no marker needed
    assert any("JSON does not parse" in p for p in scan_file(data, "profiles.json"))
    data.write_text('{"items": [{"before": 40.5}]}')
    assert scan_file(data, "profiles.json") == []
    feed = tmp_path / "feed.xml"
    feed.write_bytes('<feed xmlns="http://www.w3.org/2005/Atom"><title>a\uffffb</title></feed>'
                     .encode())
    assert any("XML does not parse" in p for p in scan_file(feed, "feed.xml"))


def test_the_scanner_reads_feeds_spreadsheets_word_and_markdown_files(tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text('<feed xmlns="http://www.w3.org/2005/Atom"><entry><summary type="html">'
                    "&lt;img src=x onerror=alert('pcx')&gt;</summary></entry></feed>")
    assert scan_file(feed, "feed.xml")
    feed.write_text('<feed xmlns="http://www.w3.org/2005/Atom"><entry><summary>'
                    "&lt;img src=x onerror=alert('pcx')&gt;</summary></entry></feed>")
    assert scan_file(feed, "feed.xml") == []  # plain text in Atom: shown, not run
    table = tmp_path / "data.csv"
    table.write_text('title\n"=HYPERLINK(""https://pcx-marker.example/"")"\n')
    assert scan_file(table, "data.csv")
    table.write_text("title\n\"'=HYPERLINK(\"\"https://pcx-marker.example/\"\")\"\n")
    assert scan_file(table, "data.csv") == []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document>pcx <b></w:document>")
    (tmp_path / "t.docx").write_bytes(buffer.getvalue())
    assert scan_file(tmp_path / "t.docx", "t.docx")
    (tmp_path / "t.md").write_text("# Plan\n\n<script>alert('pcx')</script>\n")
    assert scan_file(tmp_path / "t.md", "t.md")
    (tmp_path / "t.md").write_text("# Plan\n\n\\<script\\>alert('pcx')\\</script\\>\n")
    assert scan_file(tmp_path / "t.md", "t.md") == []
