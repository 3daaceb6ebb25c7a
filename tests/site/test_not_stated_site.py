"""A profile whose source gives no grades, as a reader and a data user meet it (issue 15)."""

from __future__ import annotations

import csv
import io

import pytest

from tests.conftest import BuiltSite
from tests.core.test_indexes import profile
from tests.site.test_indexes_site import build_site

FILES = {
    "profiles/unknown-grades.md": profile(
        "Evening Seminars", state="DC", topics=["professional-learning"], grades=["not-stated"],
        levels=[2], summary="Teacher-led seminars for both sectors; the source gives no grades."),
    "profiles/early-readers.md": profile(
        "Early Readers", state="MA", topics=["literacy"], grades=["k-2"], levels=[3],
        summary="A reading practice for the first grades, shared with district schools."),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> BuiltSite:
    return build_site(tmp_path_factory.mktemp("not-stated"), FILES)


def test_profile_page_says_the_grades_are_not_stated(site):
    facts = site.article("profiles/unknown-grades/index.html").select_one(".pc-facts")
    cells = {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True)
             for dt in facts.select("dt")}
    assert cells["Grade bands"] == "Not stated by the source"


def test_grade_indexes_count_not_stated_as_its_own_value(site):
    listed = site.article("grades/not-stated/index.html").get_text(" ", strip=True)
    assert "Evening Seminars" in listed and "Early Readers" not in listed
    for band in ("k-2", "3-5", "6-8", "9-12"):
        if site.exists(f"grades/{band}/index.html"):
            assert "Evening Seminars" not in site.article(f"grades/{band}/index.html").get_text()
    overview = site.article("grades/index.html").get_text(" ", strip=True)
    assert "Not stated by the source (1)" in overview


def test_exports_carry_not_stated_never_every_band(site):
    items = {i["slug"]: i for i in site.json("api/profiles.json")["items"]}
    assert items["unknown-grades"]["grade_bands"] == ["not-stated"]
    raw = site.file("api/profiles.csv").read_bytes().decode("utf-8-sig")
    rows = {r["slug"]: r for r in csv.DictReader(io.StringIO(raw, newline=""))}
    assert rows["unknown-grades"]["grade_bands"] == "not-stated"
