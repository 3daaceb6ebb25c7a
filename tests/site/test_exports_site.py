"""Open data in a built site: exports round-trip, hold every published item once, no drafts."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import pytest
from practice_commons.core import Layout, load
from practice_commons.core.outputs.exports import CSV_COLUMNS

from tests.conftest import REPO, BuiltSite
from tests.core.test_indexes import PUBLISHED, SAMPLE
from tests.site.test_indexes_site import assert_links_resolve, build_site

ATOM = "{http://www.w3.org/2005/Atom}"
EXPORTS = ("api/profiles.json", "api/profiles.csv", "api/case-studies.json", "api/templates.json",
           "feed.xml")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> BuiltSite:
    return build_site(tmp_path_factory.mktemp("exports"), SAMPLE)


def published(kind: str) -> list[str]:
    return sorted(k.split(":", 1)[1] for k in PUBLISHED if k.startswith(kind + ":"))


def csv_rows(site: BuiltSite) -> list[dict[str, str]]:
    raw = site.file("api/profiles.csv").read_bytes()
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_exports_round_trip_with_every_published_item_once_and_no_drafts(site):
    for kind, path in (("profile", "api/profiles.json"), ("case-study", "api/case-studies.json"),
                       ("template", "api/templates.json")):
        doc = site.json(path)
        slugs = [item["slug"] for item in doc["items"]]
        assert slugs == published(kind), path
        assert doc["count"] == len(slugs)
    rows = csv_rows(site)
    assert [r["slug"] for r in rows] == published("profile")
    assert "secret-draft" not in site.text("api/profiles.csv")
    assert "Secret Draft" not in "".join(site.text(p) for p in EXPORTS)
    # The CSV's URLs are absolute (the site has a site_url) and lead to real pages.
    for row in rows:
        assert row["url"] == f"https://example.org/commons/profiles/{row['slug']}/"
        assert site.exists(f"profiles/{row['slug']}/")
    profiles = {i["slug"]: i for i in site.json("api/profiles.json")["items"]}
    assert profiles["literacy-nights"]["title"] == "Family Literacy Nights"
    assert profiles["literacy-nights"]["resources"][0]["level"] == 1


def test_feed_lists_published_profiles_newest_first(site):
    root = ET.fromstring(site.file("feed.xml").read_bytes())
    assert root.tag == f"{ATOM}feed"
    links = [e.find(f"{ATOM}link").get("href") for e in root.findall(f"{ATOM}entry")]
    assert links[0] == "https://example.org/commons/profiles/reading-across-grades/"
    assert sorted(link.rsplit("/", 2)[1] for link in links) == published("profile")


def test_data_page_documents_every_csv_column_and_links_every_file(site):
    art = site.article("data/")
    documented = [th.get_text() for th in art.select(".pc-data-columns tbody th")]
    header = next(csv.reader(io.StringIO(site.file("api/profiles.csv").read_bytes()
                                         .decode("utf-8-sig"))))
    assert documented == header == [c.name for c in CSV_COLUMNS]
    counts = {tr.th.get_text(strip=True): tr.find_all("td")[-1].get_text()
              for tr in art.select(".pc-data-files tbody tr")}
    assert counts == {"api/profiles.json": "5", "api/profiles.csv": "5",
                      "api/case-studies.json": "1", "api/templates.json": "1", "feed.xml": "5"}
    assert assert_links_resolve(site, "data/index.html") >= 8


def test_two_builds_of_the_same_content_publish_identical_files(site, tmp_path):
    again = build_site(tmp_path, SAMPLE)
    names = [*EXPORTS, *(f"practice-commons/search/{n}.json"
                         for n in ("index", "facets", "t/0", "d/0", "d/3"))]
    for rel in names:
        assert again.file(rel).read_bytes() == site.file(rel).read_bytes(), rel


def test_bundled_exports_hold_every_published_record_of_the_repository(bundled_site):
    coll = load(Layout(root=REPO)).collection
    for kind, path in (("profile", "api/profiles.json"), ("case-study", "api/case-studies.json"),
                       ("template", "api/templates.json")):
        expected = sorted(r.slug for r in coll.published(kind))
        assert expected, f"the repository has no published {kind}: nothing checked"
        assert [i["slug"] for i in bundled_site.json(path)["items"]] == expected
        drafts = [r.slug for r in getattr(coll, {"profile": "profiles",
                                                 "case-study": "case_studies",
                                                 "template": "templates"}[kind])
                  if not r.published]
        assert not set(drafts) & {i["slug"] for i in bundled_site.json(path)["items"]}
    assert [r["slug"] for r in csv_rows(bundled_site)] == sorted(
        r.slug for r in coll.published("profile"))
