"""Issue 13, item 4: a site scoped to Massachusetts shows Massachusetts only, in every
list, filter, index, count, export, search file, the /states/ pages and the submit form."""

from __future__ import annotations

import json

import pytest
import yaml
from practice_commons.core.rules.schema import vocabulary

from tests.conftest import (
    BASE_CONFIG,
    VALID_PROFILE,
    BuiltSite,
    build,
    completeness_off,
    write_files,
)
from tests.core.test_scope import CASE_STUDY

PLUGINS = ["practice-commons/profiles", "practice-commons/indexes",
           {"practice-commons/hosting": {"states": ["MA"]}}, "practice-commons/submit"]
MA_CASE = CASE_STUDY.replace("city: Washington", "city: Lowell").replace("state: DC", "state: MA")
# Every state name but the site's own, and the codes as the exports write them.
OTHERS = [t for t in vocabulary().terms("states") if t.slug != "MA"]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> BuiltSite:
    root = tmp_path_factory.mktemp("scoped")
    write_files(root, {
        "content/index.md": "# Home\n",
        "profiles/lowell.md": VALID_PROFILE,
        "profiles/salem.md": VALID_PROFILE.replace("Family Literacy Nights", "Salem Math Circles")
        .replace("city: Lowell", "city: Salem")
        .replace("[literacy, family-engagement]", "[mathematics]"),
        "content/case-studies/lowell-enrollment.md": MA_CASE,
    })
    cfg = {**BASE_CONFIG, "plugins": [completeness_off(p) for p in PLUGINS]}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(cfg, sort_keys=False), encoding="utf-8")
    return build(root)


def test_the_state_pages_list_only_massachusetts(site):
    folders = sorted(p.name for p in (site.site / "states").iterdir() if p.is_dir())
    assert folders == ["ma"]
    listing = site.article("states/").get_text(" ", strip=True)
    assert "Massachusetts" in listing
    ma = site.article("states/ma/").get_text(" ", strip=True)
    assert "Family Literacy Nights" in ma and "Salem Math Circles" in ma
    assert "Shared enrollment in the capital" in ma


def test_no_page_export_or_search_file_names_another_state(site):
    found = []
    for path in sorted(site.site.rglob("*")):
        if path.suffix not in (".html", ".json", ".xml", ".csv", ".txt") or \
                "assets" in path.relative_to(site.site).parts:
            continue
        text = path.read_text(encoding="utf-8-sig")
        for term in OTHERS:
            if term.label in text or f'"{term.slug}"' in text:
                found.append(f"{path.relative_to(site.site)}: {term.slug} {term.label}")
    assert found == []
    assert site.exists("schema/profile.schema.json") and site.exists("submit/")  # searched


def test_counts_and_exports_hold_the_sites_profiles(site):
    data = site.json("api/profiles.json")
    assert data["count"] == 2 and {i["school"]["state"] for i in data["items"]} == {"MA"}
    rows = site.file("api/profiles.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(rows) == 3 and all(",MA," in r for r in rows[1:])


def test_the_submit_form_and_published_schema_offer_only_massachusetts(site):
    select = site.html("submit/").select_one("select#pc-f-school-state")
    assert [o["value"] for o in select.select("option") if o["value"]] == ['"MA"']
    embedded = json.loads(site.html("submit/").select_one("script#pc-submit-data").string)
    state = embedded["schema"]["properties"]["school"]["properties"]["state"]
    assert state["enum"] == ["MA"]
    published = site.json("schema/profile.schema.json")
    assert published["properties"]["school"]["properties"]["state"]["enum"] == ["MA"]
    reference = site.article("reference/profile-fields/").get_text(" ", strip=True)
    assert "Massachusetts" in reference and "Wyoming" not in reference
