"""Checks as you edit: the VS Code task, `commons validate --watch` and the pre-commit hook."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
import time
from pathlib import Path

import yaml

from tests.conftest import REPO, VALID_PROFILE, write_files

ENV = {**os.environ, "PYTHONPATH": str(REPO / "plugins")}
COMMONS = [sys.executable, "-m", "practice_commons.cli"]


def _task() -> dict:
    text = (REPO / ".vscode/tasks.json").read_text(encoding="utf-8")
    # VS Code's tasks.json allows // comments; none of ours is inside a string.
    return json.loads("\n".join(line for line in text.splitlines()
                                if not line.lstrip().startswith("//")))["tasks"][0]


def _repo(tmp_path: Path, text: str) -> Path:
    write_files(tmp_path, {"mkdocs.yml": "site_name: T\ndocs_dir: content\n",
                           "content/index.md": "# Home\n", "profiles/p.md": text})
    return tmp_path


def _read_run(proc: subprocess.Popen, deadline: float) -> list[str]:
    """The lines of one run, from its 'checking' line to its 'finished' line."""
    lines: list[str] = []
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        assert line, "commons validate --watch stopped"
        lines.append(line.rstrip("\n"))
        if line.startswith("commons validate: finished"):
            return lines
    raise AssertionError(f"no finished run in time: {lines}")


def test_the_vscode_task_reads_every_problem_of_a_watch_run_and_sees_a_fix(tmp_path):
    task = _task()
    matcher = task["problemMatcher"]
    assert task["args"] == ["validate", "--watch"] and task["isBackground"] is True
    assert task["command"].endswith("/.venv/bin/commons")  # the script dev.py installs
    pattern = re.compile(matcher["pattern"]["regexp"])
    begins = re.compile(matcher["background"]["beginsPattern"])
    ends = re.compile(matcher["background"]["endsPattern"])
    root = _repo(tmp_path, VALID_PROFILE.replace("state: MA", "state: Mass"))
    proc = subprocess.Popen([*COMMONS, "validate", "--watch", "--interval", "0.2"], cwd=root,
                            env=ENV, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True)
    try:
        deadline = time.monotonic() + 60
        run = _read_run(proc, deadline)
        assert begins.match(run[0]) and ends.match(run[-1])
        found = [pattern.match(line) for line in run[1:-1] if pattern.match(line)]
        assert [(m.group(matcher["pattern"]["file"]), m.group(matcher["pattern"]["line"]))
                for m in found] == [("profiles/p.md", "7")]
        assert "unknown state code 'Mass' — did you mean 'MA'?" in found[0].group(4)
        assert found[0].group(3) is None  # an error, not a warning
        (root / "profiles/p.md").write_text(VALID_PROFILE, encoding="utf-8")
        run = _read_run(proc, deadline)
        assert [line for line in run if pattern.match(line)] == []
        assert ends.match(run[-1]) and "no problems" in run[-1]
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_the_pre_commit_hook_runs_commons_validate_on_changed_content(tmp_path):
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "commons-validate" and hook["language"] == "python"
    files = re.compile(hook["files"])
    assert files.search("profiles/p.md") and files.search("content/case-studies/x.md")
    assert files.search("profiles/p/handbook.pdf") and not files.search("README.md")
    entry = shlex.split(hook["entry"])
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert f'{entry[0]} = "practice_commons.cli:main"' in pyproject  # the installed command
    # As pre-commit calls it: the entry, then the changed files that match `files`.
    root = _repo(tmp_path, VALID_PROFILE.replace("state: MA", "state: Mass"))
    bad = subprocess.run([*COMMONS, *entry[1:], "profiles/p.md"], cwd=root, env=ENV,
                         capture_output=True, text=True, timeout=60, check=False)
    assert bad.returncode == 1
    assert "profiles/p.md:7: field 'school.state': unknown state code 'Mass' — did you mean 'MA'?" in bad.stdout
    (root / "profiles/p.md").write_text(VALID_PROFILE, encoding="utf-8")
    good = subprocess.run([*COMMONS, *entry[1:], "profiles/p.md"], cwd=root, env=ENV,
                          capture_output=True, text=True, timeout=60, check=False)
    assert good.returncode == 0, good.stdout + good.stderr
