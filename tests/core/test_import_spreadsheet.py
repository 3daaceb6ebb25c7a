"""`commons import`: the example spreadsheet, re-runs, --force, --dry-run, .xlsx, the mapping."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from pathlib import Path

import pytest
from practice_commons.cli import main
from practice_commons.cli.importer import Progress
from practice_commons.core import Layout, load

from tests.conftest import REPO, write_files

EXAMPLE = REPO / "examples/import"
GOOD = {
    "profiles/example-morning-meeting-circles.md": 2,
    "profiles/example-reading-buddies-across-grades.md": 3,
    "profiles/example-shared-counselor-network.md": 6,
}
BROKEN = {  # (row, column): what the validator says
    (4, "State"): "unknown state code 'Massachusets' — did you mean 'MA'?",
    (4, "Topics"): "unknown topic 'Family engagment' — did you mean 'family-engagement'?",
    (5, "Summary"): "is too short (6 characters; at least 20) — say a little more",
    (5, "Contact role"): "required field is missing under 'contact'",
    (7, "Resource 1 level"): "unknown pyramid level 7",
    (7, "Resource 1 link"): "links must start with https:// or http://, not htp:",
    (7, "Contact email"): "'math at birch.example.org' is not an email address",
    (7, "Date submitted"): "2099-01-01 is in the future",
}


def run(tmp_path: Path, *extra: str, sheet: Path = EXAMPLE / "practices.csv") -> int:
    return main(["import", str(sheet), "--map", str(EXAMPLE / "mapping.yml"),
                 "--root", str(tmp_path), *extra])


def written(tmp_path: Path) -> dict[str, str]:
    return {p.relative_to(tmp_path).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted((tmp_path / "profiles").glob("*.md"))} if (tmp_path / "profiles").exists() else {}


def check_report(err: str) -> None:
    lines = [x for x in err.splitlines() if x.startswith("practices.")]
    for (row, column), message in BROKEN.items():
        assert any(f": row {row}, column '{column}'" in x and message in x for x in lines), \
            (row, column, lines)
    rows_reported = {int(x.split(": row ")[1].split(",")[0].split(":")[0].split(" ")[0]) for x in lines}
    assert rows_reported == {4, 5, 7}


def test_good_rows_become_valid_profiles_and_broken_rows_are_reported(tmp_path, capsys):
    assert run(tmp_path) == 1
    out, err = capsys.readouterr()
    assert set(written(tmp_path)) == set(GOOD)
    assert out.splitlines() == [f"row {n}: wrote {rel}" for rel, n in GOOD.items()]
    check_report(err)
    assert ("practices.csv: row 4, column 'State' (field 'school.state'): unknown state code "
            "'Massachusets' — did you mean 'MA'?") in err.splitlines()
    result = load(Layout(root=tmp_path))
    assert result.issues == []
    circles = result.collection.get("profile", "example-morning-meeting-circles")
    # Labels and aliases in cells become slugs; numbers become numbers; body sections are kept.
    assert circles.school.state == "RI" and circles.school.sector == "charter"
    assert circles.topics == ("school-culture", "social-emotional-learning")
    assert [r.level for r in circles.resources] == [1, 3]
    assert "## Evidence of success\n\nOffice referrals fell" in circles.body
    counsel = result.collection.get("profile", "example-shared-counselor-network")
    assert counsel.school.state == "MA"


def test_a_second_run_without_force_writes_nothing(tmp_path, capsys):
    run(tmp_path)
    before = written(tmp_path)
    mtimes = {p: (tmp_path / p).stat().st_mtime_ns for p in before}
    capsys.readouterr()
    assert run(tmp_path) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert written(tmp_path) == before
    assert {p: (tmp_path / p).stat().st_mtime_ns for p in before} == mtimes
    for rel, n in GOOD.items():
        assert f"practices.csv: row {n}: {rel} already exists, so this row was not written — " \
               "use --force to replace it" in err
    assert "0 profile(s) written" in err


def test_force_replaces_existing_files(tmp_path, capsys):
    write_files(tmp_path, {"profiles/example-morning-meeting-circles.md": "old\n"})
    assert run(tmp_path, "--force") == 1  # the broken rows still fail
    assert written(tmp_path)["profiles/example-morning-meeting-circles.md"].startswith("---\n")
    assert load(Layout(root=tmp_path)).issues == []


def test_dry_run_checks_everything_and_writes_nothing(tmp_path, capsys):
    assert run(tmp_path, "--dry-run") == 1
    out, err = capsys.readouterr()
    assert written(tmp_path) == {}
    assert out.splitlines() == [f"row {n}: would write {rel}" for rel, n in GOOD.items()]
    check_report(err)


def test_xlsx_gives_the_same_profiles(tmp_path, capsys):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    with open(EXAMPLE / "practices.csv", encoding="utf-8", newline="") as fh:
        for i, row in enumerate(csv.reader(fh)):
            if i:  # typed cells, as a spreadsheet program saves them
                row = [int(c) if c.isdigit() else c for c in row]
                row[18] = dt.datetime.fromisoformat(row[18])
            sheet.append(row)
    sheet.append([None] * 5)  # a blank row at the end is ignored
    xlsx = tmp_path / "practices.xlsx"
    book.save(xlsx)
    root = tmp_path / "repo"
    root.mkdir()
    assert run(root, sheet=xlsx) == 1
    err = capsys.readouterr().err
    assert set(written(root)) == set(GOOD)
    check_report(err.replace("practices.xlsx", "practices.csv"))
    reference = tmp_path / "ref"
    reference.mkdir()
    run(reference)
    assert written(root) == written(reference)


def test_mapping_problems_are_all_reported_with_lines(tmp_path, capsys):
    mapping = (EXAMPLE / "mapping.yml").read_text(encoding="utf-8")
    mapping = mapping.replace("  school.city: City", "  school.citty: City") \
                     .replace("  contact.role: Contact role", "  contact.role: Contact rol")
    (tmp_path / "map.yml").write_text(mapping, encoding="utf-8")
    code = main(["import", str(EXAMPLE / "practices.csv"), "--map", str(tmp_path / "map.yml"),
                 "--root", str(tmp_path)])
    assert code == 2
    err = capsys.readouterr().err.splitlines()
    line_city = next(i for i, x in enumerate(mapping.splitlines(), 1) if "school.citty" in x)
    line_role = next(i for i, x in enumerate(mapping.splitlines(), 1) if "Contact rol\n" in x + "\n")
    assert err == [
        f"map.yml:{line_city}: 'school.citty' is not a profile field — did you mean 'school.city'?",
        f"map.yml:{line_role}: no column 'Contact rol' in the spreadsheet — did you mean 'Contact role'?",
    ]
    assert written(tmp_path) == {}


def test_unsupported_file_type_is_a_usage_error(tmp_path, capsys):
    shutil.copy(EXAMPLE / "practices.csv", tmp_path / "practices.ods")
    assert run(tmp_path, sheet=tmp_path / "practices.ods") == 2
    assert "only .csv and .xlsx" in capsys.readouterr().err


def test_two_rows_making_the_same_file_are_caught(tmp_path, capsys):
    rows = (EXAMPLE / "practices.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    # Row 2's data repeated as row 8: same title, same file.
    sheet = tmp_path / "practices.csv"
    body = "".join(rows)
    first = next(csv.reader(io.StringIO(body)))
    assert first[0] == "Practice"
    records = list(csv.reader(io.StringIO(body)))
    with open(sheet, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(records + [records[1]])
    run(tmp_path, sheet=sheet)
    err = capsys.readouterr().err
    assert ("practices.csv: row 8: makes the same file as row 2 "
            "(profiles/example-morning-meeting-circles.md)") in err


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal():
    tty, pipe = _Tty(), io.StringIO()
    for stream in (tty, pipe):
        bar = Progress(4, stream)
        for i in range(1, 5):
            bar.update(i)
        bar.close()
    assert "Importing [" in tty.getvalue() and "4/4 rows" in tty.getvalue()
    assert "2/4 rows" in tty.getvalue()
    assert pipe.getvalue() == ""


def test_a_group_filled_only_in_its_second_columns_is_reported_by_those_columns(tmp_path, capsys):
    records = list(csv.reader(io.StringIO((EXAMPLE / "practices.csv").read_text(encoding="utf-8"))))
    head, row = records[0], list(records[1])
    for name in ("Resource 1 level", "Resource 1 format", "Resource 1", "Resource 1 link"):
        row[head.index(name)] = ""
    row[head.index("Resource 2 format")] = "vidoe"
    sheet = tmp_path / "practices.csv"
    with open(sheet, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([head, row])
    assert run(tmp_path, sheet=sheet) == 1
    err = capsys.readouterr().err
    assert ("practices.csv: row 2, column 'Resource 2 format' (field 'resources[0].format'): "
            "unknown kind of support 'vidoe' — did you mean 'video'?") in err
