"""A profile that will be published must have every text section written (issue 19)."""

from __future__ import annotations

import datetime as dt

import pytest
from practice_commons.core import Layout, load
from practice_commons.core.contributing.scaffold import BODY_SECTIONS, skeleton

from tests.conftest import VALID_PROFILE, write_files

TODAY = dt.date(2026, 1, 1)
FRONT, BODY = VALID_PROFILE.split("---\n\n", 1)
FRONT += "---\n"
BODY_LINE = FRONT.count("\n") + 1  # the first line after the closing ---


def issues(tmp_path, text: str, *, complete: bool = True) -> list[str]:
    write_files(tmp_path, {"profiles/p.md": text})
    result = load(Layout(root=tmp_path, require_complete=complete), today=TODAY)
    return [i.text() for i in result.issues]


def test_the_sample_profile_is_complete(tmp_path):
    assert issues(tmp_path, VALID_PROFILE) == []


def test_a_missing_section_is_named_with_what_to_write(tmp_path):
    body = BODY.replace("## Lessons learned\n\nServe dinner: turnout doubles.\n", "")
    assert issues(tmp_path, FRONT + "\n" + body) == [
        f"profiles/p.md:{BODY_LINE}: the section '## Lessons learned' is missing — add the "
        "heading '## Lessons learned' and under it write what you would do differently, and "
        "what made it work."]


def test_an_empty_section_and_a_placeholder_are_refused_at_their_heading(tmp_path):
    body = (BODY.replace("More families come each year.", "TBD")
            .replace("Plan one evening with a partner school first.\n", ""))
    text = FRONT + "\n" + body
    lines = text.splitlines()
    evidence = lines.index("## Evidence of success") + 1
    adopt = lines.index("## How to adopt it") + 1
    assert issues(tmp_path, text) == [
        f"profiles/p.md:{evidence}: the section '## Evidence of success' still holds the "
        "template's guidance — write what has changed since you started, with figures and "
        "their sources.",
        f"profiles/p.md:{adopt}: the section '## How to adopt it' is empty — write the steps "
        "another school would take, in order, and what it needs."]


def test_the_template_guidance_left_in_place_is_refused_with_or_without_comment_marks(tmp_path):
    heading, guide = BODY_SECTIONS[0]
    for filler in (f"<!-- {guide} -->", guide):
        body = BODY.replace("Families and teachers read together once a month.", filler)
        found = issues(tmp_path, FRONT + "\n" + body)
        assert len(found) == 1 and "'## The practice' still holds the template's guidance" in \
            found[0]


def test_a_heading_inside_a_code_block_does_not_count(tmp_path):
    body = BODY.replace("## Lessons learned\n\nServe dinner: turnout doubles.\n",
                        "```\n## Lessons learned\nServe dinner.\n```\n")
    found = issues(tmp_path, FRONT + "\n" + body)
    assert len(found) == 1 and "'## Lessons learned' is missing" in found[0]


def test_a_draft_need_not_be_complete_and_the_rule_can_be_turned_off(tmp_path):
    bare = FRONT + "\n## The practice\n\n"
    assert issues(tmp_path, bare.replace("status: published", "status: draft")) == []
    assert issues(tmp_path, bare, complete=False) == []
    assert len(issues(tmp_path, bare.replace("status: published", "status: archived"))) == 4


@pytest.mark.parametrize("complete", [True, False])
def test_the_skeleton_fails_until_its_sections_are_written(tmp_path, complete):
    values = {"status": "published", "submitted": "2024-09-01"}
    found = issues(tmp_path, skeleton(values), complete=complete)
    about_sections = [t for t in found if "the section '## " in t]
    assert len(about_sections) == (4 if complete else 0)
    written = skeleton(values, {h: f"Our own words about {h.lower()}." for h, _ in BODY_SECTIONS})
    assert not [t for t in issues(tmp_path, written) if "the section '## " in t]
