"""`commons validate`: exit codes, the three output formats, and the repository itself."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from practice_commons.cli import main

from tests.conftest import REPO, VALID_PROFILE, write_files

BROKEN = {
    "profiles/ok.md": VALID_PROFILE,
    "profiles/bad-state.md": VALID_PROFILE.replace("state: MA", "state: Mass"),
    "profiles/no-front.md": "Just text\n",
    "profiles/notes.txt": "stray file\n",
}


def test_broken_folder_lists_every_problem_and_exits_1(tmp_path, capsys):
    write_files(tmp_path, BROKEN)
    assert main(["validate", "--root", str(tmp_path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "profiles/bad-state.md:7: field 'school.state': unknown state code 'Mass' — did you mean 'MA'?",
        "profiles/no-front.md:1: missing front matter — start the file with a line '---', the "
        "fields, then another '---'",
        "profiles/notes.txt:1: only Markdown profiles (.md) belong in profiles/ — rename it to .md "
        "if it is a profile, or put attachments in the profile's own folder (profiles/<slug>/)",
    ]


def test_paths_limit_what_is_reported(tmp_path, capsys):
    write_files(tmp_path, BROKEN)
    code = main(["validate", "--root", str(tmp_path), str(tmp_path / "profiles/ok.md")])
    assert code == 0
    assert capsys.readouterr().out == ""


def test_github_format(tmp_path, capsys):
    write_files(tmp_path, {"profiles/bad-state.md": BROKEN["profiles/bad-state.md"]})
    assert main(["validate", "--root", str(tmp_path), "--format", "github"]) == 1
    assert capsys.readouterr().out.strip() == (
        "::error file=profiles/bad-state.md,line=7,title=school.state::unknown state code "
        "'Mass' — did you mean 'MA'?")


def test_json_format(tmp_path, capsys):
    write_files(tmp_path, {"profiles/bad-state.md": BROKEN["profiles/bad-state.md"]})
    assert main(["validate", "--root", str(tmp_path), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data == [{"path": "profiles/bad-state.md", "line": 7, "field": "school.state",
                     "message": "unknown state code 'Mass'", "hint": "did you mean 'MA'?",
                     "severity": "error", "code": "unknown_term"}]


def test_usage_errors_exit_2(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["validate", "--format", "xml"])
    assert exc.value.code == 2
    assert main(["validate", "--root", str(tmp_path), str(tmp_path / "missing.md")]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_console_script_on_the_repository_exits_0():
    proc = subprocess.run([sys.executable, "-m", "practice_commons.cli", "validate"], cwd=REPO,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "All content is valid" in proc.stderr


def test_fixture_folder_outside_the_repo_is_its_own_root(tmp_path, capsys):
    write_files(tmp_path / "fixtures", BROKEN)
    assert main(["validate", str(tmp_path / "fixtures")]) == 1
    assert len(capsys.readouterr().out.splitlines()) == 3
