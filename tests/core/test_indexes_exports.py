"""Open data from the model: JSON, CSV (with the formula guard) and the Atom feed."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

from practice_commons.core.outputs import csvsafe, exports, feed

from tests.core.test_indexes import SAMPLE, profile

ATOM = "{http://www.w3.org/2005/Atom}"


def url(record):
    return "https://example.org/" + record.url


def test_profiles_csv_round_trips_every_published_profile_once(load_files):
    coll = load_files(SAMPLE).collection
    raw = exports.profiles_csv(coll.profiles, url)
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["slug"] for r in rows] == sorted(
        p.slug for p in coll.profiles if p.status != "draft")
    assert list(rows[0]) == [c.name for c in exports.CSV_COLUMNS]
    nights = next(r for r in rows if r["slug"] == "literacy-nights")
    assert nights["url"] == "https://example.org/profiles/literacy-nights/"
    assert nights["topics"] == "literacy; family-engagement"
    assert nights["levels"] == "1; 3; 4"
    assert nights["essa_tier"] == "4" and nights["school_state"] == "MA"
    assert nights["submitted"] == "2024-09-01" and nights["last_reviewed"] == "2025-02-01"
    assert next(r for r in rows if r["slug"] == "old-reading-club")["status"] == "archived"


def test_csv_cells_never_start_a_formula(load_files):
    evil = profile("=HYPERLINK(\"https://evil.example\",\"Click\")", state="MA",
                   topics=["literacy"], grades=["k-2"], levels=[1], school="+cmd|' /C calc'!A0",
                   summary="@SUM(1+1) is what a spreadsheet would run as a formula.")
    coll = load_files({"profiles/evil.md": evil}).collection
    assert coll.profiles, "the hostile profile must be valid, or this test checks nothing"
    row = next(csv.DictReader(io.StringIO(exports.profiles_csv(coll.profiles, url)
                                          .decode("utf-8-sig"))))
    assert row["title"] == "'=HYPERLINK(\"https://evil.example\",\"Click\")"
    assert row["school_name"] == "'+cmd|' /C calc'!A0"
    assert row["summary"].startswith("'@SUM")
    assert csvsafe.safe_cell("-1") == "'-1" and csvsafe.safe_cell("a=b") == "a=b"
    assert csvsafe.safe_cell(None) == ""
    # One rule, numbers included: a phone number stays text, never arithmetic.
    assert csvsafe.safe_cell("+1 617-555-0100") == "'+1 617-555-0100"


def test_json_exports_hold_front_matter_slug_url_and_no_drafts(load_files):
    coll = load_files(SAMPLE).collection
    doc = json.loads(exports.records_json("profile", coll.profiles, url))
    assert doc["kind"] == "profile" and doc["version"] == 1
    slugs = [i["slug"] for i in doc["items"]]
    assert "secret-draft" not in slugs and doc["count"] == len(slugs) == 5
    item = next(i for i in doc["items"] if i["slug"] == "newcomer-academy")
    assert item["school"]["name"] == "Capital Bilingual PCS"
    assert item["levels"] == [2, 3] and item["url"].endswith("/profiles/newcomer-academy/")
    cases = json.loads(exports.records_json("case-study", coll.case_studies, url))
    assert [i["slug"] for i in cases["items"]] == ["citywide-reading"]


def test_column_docs_describe_every_column_from_schema_or_strings():
    from practice_commons.core.hosting.i18n import strings
    docs = dict(exports.column_docs(strings("en")))
    assert list(docs) == [c.name for c in exports.CSV_COLUMNS]
    assert all(text for text in docs.values()), [k for k, v in docs.items() if not v]
    assert docs["school_state"].startswith("The two-letter postal code")


def test_atom_feed_orders_by_the_profiles_own_dates(load_files):
    coll = load_files(SAMPLE).collection
    raw = feed.atom_feed(coll.profiles, url, title="Test Commons", site="https://example.org/",
                         home="https://example.org/", self_url="https://example.org/feed.xml")
    root = ET.fromstring(raw)
    entries = root.findall(f"{ATOM}entry")
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    # Family Literacy Nights was reviewed 2025-02-01, after its submission: it counts as updated.
    assert titles == ["Reading Across Grades", "Family Literacy Nights", "Newcomer English Academy",
                      "Math Reading Circles", "Old Reading Club"]
    assert root.findtext(f"{ATOM}updated") == "2025-03-01T00:00:00Z"  # newest content date
    nights = entries[1]
    assert nights.findtext(f"{ATOM}published") == "2024-09-01T00:00:00Z"
    assert nights.findtext(f"{ATOM}updated") == "2025-02-01T00:00:00Z"
    assert nights.find(f"{ATOM}link").get("href") == "https://example.org/profiles/literacy-nights/"
    assert nights.findtext(f"{ATOM}id").startswith("urn:uuid:")
    assert len({e.findtext(f"{ATOM}id") for e in entries}) == len(entries)
    again = feed.atom_feed(coll.profiles, url, title="Test Commons", site="https://example.org/",
                           home="https://example.org/", self_url="https://example.org/feed.xml")
    assert again == raw
    short = feed.atom_feed(coll.profiles, url, title="T", site="s", home="h", self_url="f", limit=2)
    assert len(ET.fromstring(short).findall(f"{ATOM}entry")) == 2
