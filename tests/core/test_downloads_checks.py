"""Template rules beyond the schema: each mistake gives path:line: field, message and fix."""

from __future__ import annotations

from tests.core.conftest import texts

T = "content/templates/readiness.md"

# A template with every kind of section; the download and site tests use it too.
TEMPLATE = """\
---
title: Readiness Worksheet
summary: A worksheet that helps a team rate its readiness and plan the next steps together.
stage: assess
dimensions: [capacity]
level: 3
purpose: Find out where the team stands before it plans anything.
audience: The collaboration team
time_needed: 45 minutes
instructions:
  - Rate each statement on your own.
  - Compare the ratings as a team.
tabular: true
sections:
  - type: prompt
    id: goal
    label: Our goal
    help: One sentence that names the problem.
    lines: 4
  - type: table
    id: steps
    label: Action steps
    columns:
      - {label: Step, help: What will be done?}
      - {label: Who}
      - {label: "=SUM(A1) when"}
    rows: 3
    cells:
      - ["Example: book the room", "Ana", "May"]
  - type: table
    id: whys
    label: The whys
    columns: [{label: Why}, {label: Reason}, {label: Evidence}]
    rows: [First why, Second why]
  - type: table
    id: matrix
    label: Barrier matrix
    columns: [{label: Barrier}, {label: Unify people}, {label: Nimble networks}]
    rows: [Hoarding, Search]
    cells:
      - [Hoarding, "***", "*"]
      - [Search, "", "***"]
  - type: rating_scale
    id: capacity
    label: Capacity and resources
    dimension: capacity
    scale: [Strongly disagree, Disagree, Agree, Strongly agree, Not applicable]
    ready_at: [Agree, Strongly agree]
    items:
      - statement: We can commit staff to the work.
        examples: [Staff are available and their roles are clear.]
      - statement: We can fund the joint activities.
      - statement: We know a neutral convener.
    next_steps: If most ratings are Agree or Strongly agree, move on.
  - type: checklist
    id: check
    label: Before you start
    items: [Room booked, "Data gathered </script><script>alert(1)</script>"]
sources:
  - title: Example Toolkit
    publisher: Example Center
    year: 2019
    pages: "13–17"
    url: https://example.org/toolkit
status: published
---
Guidance for the team.
"""


def line_of(text: str, marker: str) -> int:
    """The 1-based line of the first line containing ``marker``."""
    for n, line in enumerate(text.splitlines(), 1):
        if marker in line:
            return n
    raise AssertionError(marker)


def with_(old: str, new: str) -> str:
    assert old in TEMPLATE, old
    return TEMPLATE.replace(old, new, 1)


def test_the_sample_template_is_valid(load_files):
    result = load_files({T: TEMPLATE})
    assert result.issues == []
    (template,) = result.collection.templates
    assert template.tabular and len(template.sections) == 6


def test_duplicate_section_ids(load_files):
    bad = with_("    id: whys\n", "    id: steps\n")
    line = line_of(bad, "label: The whys") - 1
    assert texts(load_files({T: bad})) == [
        (f"{T}:{line}: field 'sections[2].id': section id 'steps' is already used by sections[1] "
        f"(line {line_of(bad, 'id: steps')}) — give each section its own id: it names the form "
        "fields and the CSV file")]


def test_more_rows_of_cells_than_rows(load_files):
    bad = with_("    rows: 3\n", "    rows: 1\n")
    bad = bad.replace('      - ["Example: book the room", "Ana", "May"]\n',
                      '      - ["Example: book the room", "Ana", "May"]\n      - [a, b, c]\n')
    assert texts(load_files({T: bad})) == [
        (f"{T}:{line_of(bad, 'cells:')}: field 'sections[1].cells': has 2 rows of cells but the "
        "table has 1 row(s) — add rows, or remove the extra rows of cells")]


def test_a_row_of_cells_wider_than_the_table(load_files):
    bad = with_('"Ana", "May"]', '"Ana", "May", "extra"]')
    assert texts(load_files({T: bad})) == [
        (f"{T}:{line_of(bad, 'extra')}: field 'sections[1].cells[0]': has 4 cells but the table "
        "has 3 column(s) — give one cell per column, in the order of 'columns'")]


def test_a_labelled_row_whose_first_cell_is_another_label(load_files):
    bad = with_('      - [Search, "", "***"]', '      - [Serch, "", "***"]')
    assert texts(load_files({T: bad})) == [
        (f"{T}:{line_of(bad, 'Serch')}: field 'sections[3].cells[1][0]': 'Serch' should repeat "
        "this row's label 'Search' — the first cell of a labelled row is its label: copy it from "
        "'rows', or leave it empty")]


def test_ready_at_must_name_scale_points(load_files):
    bad = with_("ready_at: [Agree, Strongly agree]", "ready_at: [Agreed, Strongly agree]")
    assert texts(load_files({T: bad})) == [
        (f"{T}:{line_of(bad, 'ready_at')}: field 'sections[4].ready_at[0]': 'Agreed' is not one of "
        "this section's scale points — did you mean 'Agree'?")]


def test_a_scale_written_from_highest_to_lowest_is_refused(load_files):
    bad = with_("scale: [Strongly disagree, Disagree, Agree, Strongly agree, Not applicable]",
                "scale: [Strongly agree, Agree, Disagree, Strongly disagree]")
    assert texts(load_files({T: bad})) == [
        (f"{T}:{line_of(bad, 'ready_at')}: field 'sections[4].ready_at': the lowest scale point "
        "'Strongly agree' counts as ready, so the summary could never say 'needs work' — list the "
        "scale from lowest to highest, and under 'ready_at' only the points that mean a team can "
        "move on")]


def test_repeated_scale_points(load_files):
    bad = with_("Strongly agree, Not applicable]", "Strongly agree, Agree]")
    assert texts(load_files({T: bad})) == [
        (f"{T}:{line_of(bad, 'scale:')}: field 'sections[4].scale[4]': scale point 'Agree' is "
        "listed twice — each point of the scale must differ")]


def test_a_tabular_template_needs_a_table(load_files):
    start = TEMPLATE.index("  - type: table\n    id: steps")
    end = TEMPLATE.index("  - type: rating_scale")
    bad = TEMPLATE[:start] + TEMPLATE[end:]
    assert texts(load_files({T: bad})) == [
        (f"{T}:{line_of(bad, 'tabular')}: field 'tabular': a tabular template needs at least one "
        "table section — add a section with 'type: table', or remove 'tabular: true'")]


def test_semantic_checks_wait_for_the_schema(load_files):
    # A schema error in a section is reported alone, not followed by confusing rule errors.
    bad = with_("    id: whys\n", "    id: steps\n").replace("lines: 4", "lines: many")
    (issue,) = load_files({T: bad}).issues
    assert issue.field == "sections[0].lines"
