"""`commons new profile`, the commented template and the profile writer they share."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from practice_commons.cli import main
from practice_commons.core import Layout, load, parse
from practice_commons.core.contributing.scaffold import render_profile, skeleton

from tests.conftest import REPO, VALID_PROFILE, write_files

FLAGS = [
    "--title", "Family Literacy Nights",
    "--summary", "Monthly evenings where families and teachers practise reading together.",
    "--school", "Riverside Charter School", "--sector", "charter", "--state", "MA",
    "--city", "Lowell", "--topic", "literacy,family-engagement", "--grade-band", "k-2",
    "--grade-band", "3-5", "--resource", "1:video:Two-minute overview video",
    "--resource", "3:toolkit:Planning toolkit", "--contact-role", "Family engagement coordinator",
    "--contact-email", "families@riverside.example.org",
]


def new(tmp_path: Path, *args: str) -> int:
    return main(["new", "profile", "--root", str(tmp_path), *args])


def test_flags_write_a_commented_file_that_validates(tmp_path, capsys):
    assert new(tmp_path, *FLAGS, "--no-input") == 0
    assert capsys.readouterr().out.strip() == "profiles/family-literacy-nights.md"
    text = (tmp_path / "profiles/family-literacy-nights.md").read_text(encoding="utf-8")
    assert "# REQUIRED. The name of the practice" in text
    assert "## How to adopt it" in text
    result = load(Layout(root=tmp_path))
    assert result.issues == []
    profile = result.collection.get("profile", "family-literacy-nights")
    assert profile.school.state == "MA" and profile.levels == (1, 3)
    assert profile.topics == ("literacy", "family-engagement")
    assert profile.grade_bands == ("k-2", "3-5")
    assert profile.status == "published"


def test_the_new_file_is_not_publishable_until_its_sections_are_written(tmp_path, capsys):
    assert new(tmp_path, *FLAGS, "--no-input") == 0
    out, err = capsys.readouterr()
    rel = "profiles/family-literacy-nights.md"
    assert out.count(rel) == 1 and rel not in err  # the path is printed once
    assert main(["validate", "--root", str(tmp_path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(": ", 1)[1] for line in lines] == [
        f"the section '## {h}' still holds the template's guidance — write {w}"
        for h, w in (("The practice", "what the practice is, who runs it and how it works "
                      "day to day."),
                     ("Evidence of success", "what has changed since you started, with figures "
                      "and their sources."),
                     ("How to adopt it", "the steps another school would take, in order, and "
                      "what it needs."),
                     ("Lessons learned", "what you would do differently, and what made it work."))]
    assert all(line.startswith(rel + ":") for line in lines)


@pytest.mark.parametrize("given", ["Massachusetts", "Mass", "Mass.", "ma", "MA"])
def test_a_state_can_be_given_by_name_or_common_abbreviation(tmp_path, capsys, given):
    flags = [f if f != "MA" else given for f in FLAGS]
    assert new(tmp_path, *flags, "--no-input") == 0
    text = (tmp_path / "profiles/family-literacy-nights.md").read_text(encoding="utf-8")
    assert "\n  state: MA\n" in text


def test_an_ambiguous_start_of_a_state_name_is_not_guessed(tmp_path, capsys):
    flags = [f if f != "MA" else "New" for f in FLAGS]
    assert new(tmp_path, *flags, "--no-input") == 1
    assert "field 'school.state': unknown state code 'New'" in capsys.readouterr().err


def test_it_refuses_to_overwrite(tmp_path, capsys):
    write_files(tmp_path, {"profiles/family-literacy-nights.md": "mine\n"})
    assert new(tmp_path, *FLAGS, "--no-input") == 1
    assert "already exists; nothing was written" in capsys.readouterr().err
    assert (tmp_path / "profiles/family-literacy-nights.md").read_text() == "mine\n"


def test_a_slug_used_by_another_file_is_refused(tmp_path, capsys):
    other = VALID_PROFILE.replace("title: Family Literacy Nights",
                                  "title: Other\nslug: family-literacy-nights")
    write_files(tmp_path, {"profiles/other.md": other})
    assert new(tmp_path, *FLAGS, "--no-input") == 1
    assert "already used by profiles/other.md" in capsys.readouterr().err
    assert not (tmp_path / "profiles/family-literacy-nights.md").exists()


def test_bad_flags_give_the_validator_messages_and_write_nothing(tmp_path, capsys):
    flags = [f if f != "MA" else "Masachusets" for f in FLAGS]
    assert new(tmp_path, *flags, "--no-input") == 1
    err = capsys.readouterr().err
    assert ("profiles/family-literacy-nights.md:25: field 'school.state': unknown state code "
            "'Masachusets' — did you mean 'MA'?") in err
    assert "nothing was written" in err
    assert not (tmp_path / "profiles").exists()


def test_missing_values_without_input_are_listed(tmp_path, capsys):
    assert new(tmp_path, "--title", "Family Literacy Nights", "--no-input") == 1
    err = capsys.readouterr().err
    for field in ("summary", "school.name", "topics", "grade_bands", "resources[0].level", "contact.role"):
        assert f"field '{field}'" in err


def test_interactive_mode_reads_answers_from_stdin(tmp_path):
    """Wrong answers are re-asked with the validator's own message, then the file validates."""
    answers = "".join(f"{a}\n" for a in [
        "Hi",                                   # too short: re-asked
        "Home Visits for New Families",
        "Teachers visit every new family at home before the first day of school.",
        "Cedar Charter Academy",
        "1",                                    # sector: Charter
        "Masachusets",                          # not a choice: re-asked, with a suggestion
        "Mass",                                 # a common abbreviation is accepted
        "ELL, 11",                              # alias and number
        "k-2, 3",
        "Family coordinator",
        "9",                                    # no such level
        "2", "video", "Two-minute video",
        "y",
        "3", "5", "Visit checklist",
        "n",
    ])
    env = {**os.environ, "PYTHONPATH": str(REPO / "plugins")}
    proc = subprocess.run([sys.executable, "-m", "practice_commons.cli", "new", "profile",
                           "--root", str(tmp_path)], input=answers, capture_output=True,
                          text=True, env=env, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "profiles/home-visits-for-new-families.md"
    assert "is too short (2 characters; at least 5) — say a little more" in proc.stderr
    assert "'Masachusets' is not one of the choices. Did you mean MA?" in proc.stderr
    assert "'9' is not one of the choices" in proc.stderr
    assert " 1. Inspire (1)" in proc.stderr  # vocabularies are offered as numbered choices
    result = load(Layout(root=tmp_path))
    assert result.issues == []
    p = result.collection.get("profile", "home-visits-for-new-families")
    assert p.school.state == "MA" and p.school.sector == "charter"
    assert p.topics == ("english-learners", "family-engagement")
    assert p.grade_bands == ("k-2", "3-5")
    assert [(r.level, r.format, r.title) for r in p.resources] == [
        (2, "video", "Two-minute video"), (3, "toolkit", "Visit checklist")]


def test_interactive_mode_stops_cleanly_when_input_ends(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(REPO / "plugins")}
    proc = subprocess.run([sys.executable, "-m", "practice_commons.cli", "new", "profile",
                           "--root", str(tmp_path)], input="A title here\n", capture_output=True,
                          text=True, env=env, timeout=60, check=False)
    assert proc.returncode == 2
    assert "no answer for 'Summary, one or two sentences'" in proc.stderr
    assert not (tmp_path / "profiles").exists()


def test_committed_template_is_the_generated_one(capsys):
    assert main(["new", "profile", "--template"]) == 0
    generated = capsys.readouterr().out
    committed = (REPO / "profiles/_template.md").read_text(encoding="utf-8")
    assert committed == generated, (
        "profiles/_template.md is out of date: run `commons new profile --template > "
        "profiles/_template.md`")


def test_template_names_what_is_missing_then_validates_once_filled(tmp_path):
    template = (REPO / "profiles/_template.md").read_text(encoding="utf-8")
    write_files(tmp_path, {"profiles/blank.md": template})
    fields = {i.field for i in load(Layout(root=tmp_path)).issues}
    assert {"title", "summary", "school.name", "school.sector", "school.state", "topics",
            "grade_bands", "resources[0].level", "resources[0].title", "resources[0].format",
            "contact.role", "submitted"} == fields
    answers = {
        "title": "Family Literacy Nights",
        "summary": "Monthly evenings where families and teachers read together.",
        "name": "Riverside Charter School", "sector": "charter", "state": "MA",
        "topics": "[literacy]", "grade_bands": "[k-2]", "level": "1",
        "title_resource": "Overview video", "format": "video", "role": "Family coordinator",
        "submitted": "2025-01-01",
    }
    filled = []
    in_resources = False
    for line in template.splitlines():
        in_resources = in_resources or line.startswith("resources:")
        m = re.match(r"^(\s*(?:- )?)(\w+):(?: \[\])?$", line)
        key = m and m.group(2)
        if key == "title" and in_resources:
            key = "title_resource"
        filled.append(f"{m.group(1)}{m.group(2)}: {answers[key]}" if key in answers else line)
    (tmp_path / "profiles/blank.md").write_text("\n".join(filled) + "\n", encoding="utf-8")
    assert load(Layout(root=tmp_path)).issues == []
    # The loader never publishes the template itself.
    assert load(Layout(root=REPO)).collection.get("profile", "_template") is None


@pytest.mark.parametrize("value", [
    "yes", "No", "null", "3-5", "2024-09-01", "a: b", "# not a comment", 'say "hi"', "it's",
    "Line one\nline two", "ünïcödé", "50%", "[x]", "{y}", "@home", "- dash", "Tab\there", "x,y",
])
def test_the_writer_round_trips_awkward_text(value):
    data = {"title": value, "topics": [value, "literacy"], "non_negotiables": [value * 10],
            "school": {"name": value}, "resources": [{"level": 3, "title": value}]}
    text = render_profile(data, {"The practice": "Body"})
    back = parse("x.md", text.encode("utf-8"))
    assert back.problems == []
    assert back.data == data
    assert back.body.strip() == "## The practice\n\nBody"


def test_the_writer_orders_keys_as_the_schema_does():
    data = yaml.safe_load(VALID_PROFILE.split("---")[1])
    text = render_profile(dict(reversed(list(data.items()))))
    keys = [line.split(":")[0] for line in text.splitlines()[1:] if re.match(r"^\w", line)]
    assert keys == ["title", "summary", "school", "topics", "grade_bands", "approaches",
                    "resources", "evidence", "contact", "status", "submitted", "last_reviewed"]
    assert "topics: [literacy, family-engagement]" in text


def test_skeleton_keeps_given_values_and_parses():
    doc = parse("x.md", skeleton({"title": "Only a title"}).encode("utf-8"))
    assert doc.problems == [] and doc.data["title"] == "Only a title"
