"""Issue 13: a state-scoped site refuses records from elsewhere (never drops them silently),
and what is built from the vocabulary offers only the site's states."""

from __future__ import annotations

import json

import yaml
from practice_commons.cli import main
from practice_commons.core.contributing import formspec
from practice_commons.core.hosting.i18n import strings
from practice_commons.core.outputs.reference import reference_markdown
from practice_commons.core.rules.schema import schema_json

from tests.conftest import VALID_PROFILE, write_files

CASE_STUDY = """\
---
title: Shared enrollment in the capital
summary: A common application for charter and district schools, run by a task force.
location:
  city: Washington
  state: DC
organizations:
  - {name: DC Public Schools, sector: district}
stages: [commit]
dimensions: [capacity]
levels: [2]
sources:
  - {title: Example source, year: 2020}
status: published
---
What happened.
"""


def scoped_yml(states) -> str:
    return yaml.safe_dump({"site_name": "Bay State", "docs_dir": "content", "plugins": [
        {"practice-commons/profiles": {"require_complete": False}},
        {"practice-commons/hosting": {"states": states}}]}, sort_keys=False)


def test_records_from_outside_the_scope_are_refused_with_the_way_to_widen_it(tmp_path, capsys):
    write_files(tmp_path, {
        "mkdocs.yml": scoped_yml(["MA"]),
        "profiles/boston.md": VALID_PROFILE,
        "profiles/bronx.md": VALID_PROFILE.replace("state: MA", "state: NY").replace(
            "Family Literacy Nights", "Bronx Literacy Nights"),
        "profiles/draft.md": VALID_PROFILE.replace("state: MA", "state: CT").replace(
            "status: published", "status: draft").replace("Family Literacy", "Hartford Literacy"),
        "content/case-studies/dc-enrollment.md": CASE_STUDY,
    })
    assert main(["validate", "--root", str(tmp_path)]) == 1
    out = capsys.readouterr().out.splitlines()
    widen = ("(or remove that list to publish every state); otherwise remove this file or "
             "publish it on a site for")
    assert out == [
        "content/case-studies/dc-enrollment.md:6: field 'location.state': this site is scoped "
        "to MA (Massachusetts), so a case study from DC (District of Columbia) cannot be "
        "published here — to widen the site, add 'DC' to states: of practice-commons/hosting "
        f"in mkdocs.yml {widen} District of Columbia",
        "profiles/bronx.md:7: field 'school.state': this site is scoped to MA (Massachusetts), "
        "so a profile from NY (New York) cannot be published here — to widen the site, add "
        f"'NY' to states: of practice-commons/hosting in mkdocs.yml {widen} New York",
        # A draft too: it would never appear once published, so say it now.
        "profiles/draft.md:7: field 'school.state': this site is scoped to MA (Massachusetts), "
        "so a profile from CT (Connecticut) cannot be published here — to widen the site, add "
        f"'CT' to states: of practice-commons/hosting in mkdocs.yml {widen} Connecticut",
    ]


def test_a_wider_scope_or_none_accepts_them(tmp_path, capsys):
    files = {"profiles/boston.md": VALID_PROFILE,
             "profiles/dc.md": VALID_PROFILE.replace("state: MA", "state: DC").replace(
                 "Family Literacy Nights", "Capitol Literacy Nights"),
             "content/case-studies/dc-enrollment.md": CASE_STUDY}
    for states in (["MA", "DC"], []):
        write_files(tmp_path, {**files, "mkdocs.yml": scoped_yml(states)})
        assert main(["validate", "--root", str(tmp_path)]) == 0, capsys.readouterr().out
    # A case study that names no state belongs to no state: a scoped site may keep it.
    write_files(tmp_path, {"mkdocs.yml": scoped_yml(["MA"]),
                           "profiles/dc.md": VALID_PROFILE,
                           "content/case-studies/dc-enrollment.md":
                               CASE_STUDY.replace("  state: DC\n", "")})
    assert main(["validate", "--root", str(tmp_path)]) == 0, capsys.readouterr().out


def test_commons_report_chooses_its_own_states(tmp_path, capsys):
    write_files(tmp_path, {"mkdocs.yml": scoped_yml(["MA"]), "profiles/boston.md": VALID_PROFILE,
                           "profiles/bronx.md": VALID_PROFILE.replace("state: MA", "state: NY")
                           .replace("Family Literacy Nights", "Bronx Literacy Nights")})
    assert main(["report", "--root", str(tmp_path), "--all-states", "--format", "json",
                 "--today", "2025-06-01"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["by_state"] == {"MA": 1, "NY": 1}
    assert "left those files out" not in captured.err


def test_the_form_schema_and_reference_offer_only_the_sites_states():
    t = strings("en")
    school = next(f for f in formspec.build(t, states=["MA"]) if f.key == "school")
    state = next(f for f in school.children if f.key == "state")
    assert state.choices == [('"MA"', "Massachusetts")]
    data = formspec.page_data(t, None, "main", "profiles", states=["MA"])
    assert data["schema"]["properties"]["school"]["properties"]["state"]["enum"] == ["MA"]
    assert [s["slug"] for s in data["vocabulary"]["states"]] == ["MA"]
    assert len(data["vocabulary"]["topics"]) > 1  # only the states are narrowed
    published = json.loads(schema_json("profile", ["MA"]))
    assert published["properties"]["school"]["properties"]["state"]["enum"] == ["MA"]
    assert published["properties"]["school"]["properties"]["state"]["examples"] == ["MA"]
    for kind in ("profile", "case-study"):
        assert '"DC"' in schema_json(kind) and '"DC"' not in schema_json(kind, ["MA"])
    page = reference_markdown("profile", t, ["MA"])
    assert "`MA` Massachusetts" in page and "Wyoming" not in page and "`DC`" not in page
    # Without a scope, every state.
    assert "Wyoming" in reference_markdown("profile", t)
    full = next(f for f in formspec.build(t) if f.key == "school").children
    assert len(next(f for f in full if f.key == "state").choices) > 50
