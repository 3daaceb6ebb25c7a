"""The GitHub files: workflows pass actionlint and zizmor, hold least privilege, install
from the lock and do what the review process needs; the issue form offers the
vocabularies' own labels; the PR template has the checklist."""

from __future__ import annotations

import json
import os
import re
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


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found:
        return found
    if os.environ.get("CI") or os.environ.get("PC_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{name} is missing: it comes with the test lock (requirements/test.txt)")
    pytest.skip(f"{name} is not installed (python3 scripts/dev.py test installs it)")


def _actionlint() -> str:
    return _tool("actionlint")


def _zizmor(*paths: Path, cwd: Path = REPO) -> list[dict]:
    """zizmor's findings at medium severity or above; offline, so no GitHub API call."""
    proc = subprocess.run([_tool("zizmor"), "--offline", "--format", "json", "--min-severity",
                           "medium", *map(str, paths)], cwd=cwd, capture_output=True,
                          text=True, timeout=120, check=False)
    # Exit 0: no findings; 10-14: findings of some severity; anything else is a failure.
    assert proc.returncode == 0 or 10 <= proc.returncode <= 14, proc.stderr
    return json.loads(proc.stdout or "[]")


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
        "commons validate --format github", "$PC_ENGINE build --strict", "pytest")]
    assert order == sorted(order)
    upload = next(s for s in _steps(wf) if s.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"] == "site/"
    assert wf["permissions"] == {}
    assert wf["jobs"]["check"]["permissions"] == {"contents": "read"}  # a fork's PR can't write
    assert any("PC_REQUIRE_BROWSER" in (s.get("env") or {}) for s in _steps(wf))


def test_pull_requests_run_on_both_engines():
    job = _load(GITHUB / "workflows/pull-request.yml")["jobs"]["check"]
    legs = {leg["engine"]: leg["tests"].split() for leg in job["strategy"]["matrix"]["include"]}
    # The whole suite on MkDocs; what builds and shows a site on ProperDocs.
    assert legs == {"mkdocs": ["tests"], "properdocs": ["tests/site", "tests/browser"]}
    assert job["env"]["PC_ENGINE"] == "${{ matrix.engine }}"
    assert job["strategy"]["fail-fast"] is False  # one engine's failure must not hide the other's


def test_main_is_deployed_to_github_pages():
    wf = _load(GITHUB / "workflows/deploy.yml")
    assert wf["on"]["push"]["branches"] == ["main"]
    assert wf["permissions"] == {}
    build, deploy = wf["jobs"]["build"], wf["jobs"]["deploy"]
    # Only the job that installs nothing holds the Pages and OIDC tokens.
    assert build["permissions"] == {"contents": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert all("run" not in s for s in deploy["steps"])
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    uses = [s.get("uses", "") for s in _steps(wf)]
    assert any(u.startswith("actions/upload-pages-artifact") for u in uses)
    assert deploy["environment"]["name"] == "github-pages"
    assert any("mkdocs build --strict" in s.get("run", "") for s in _steps(wf))


def test_the_deploy_sets_site_url_from_the_repositorys_pages_address():
    # Issue 13: a fork's first deploy has a sitemap, canonical and absolute feed links.
    wf = _load(GITHUB / "workflows/deploy.yml")
    address, build = wf["jobs"]["address"], wf["jobs"]["build"]
    # The job that holds a Pages token runs nothing of ours and only reads.
    assert address["permissions"] == {"pages": "read"}
    assert [s["uses"].split("@")[0] for s in address["steps"]] == ["actions/configure-pages"]
    assert all("run" not in s for s in address["steps"])
    pages_step = address["steps"][0]["id"]
    assert address["outputs"]["base_url"] == f"${{{{ steps.{pages_step}.outputs.base_url }}}}"
    assert build["needs"] == "address"
    step = next(s for s in build["steps"] if "mkdocs build --strict" in s.get("run", ""))
    assert step["env"]["PC_SITE_URL"] == "${{ needs.address.outputs.base_url }}"
    # The name the build reads is the one the hosting plugin reads.
    from practice_commons.mkdocs.hosting import SITE_URL_ENV
    assert SITE_URL_ENV == "PC_SITE_URL"
    pr = _load(GITHUB / "workflows/pull-request.yml")
    pr_build = next(s for s in _steps(pr) if "build --strict" in s.get("run", ""))
    assert pr_build["env"]["PC_SITE_URL"].startswith("https://")


def test_workflows_have_no_zizmor_finding_of_medium_or_above():
    findings = _zizmor(*WORKFLOWS)
    assert findings == [], "\n".join(
        f"{f['ident']}: {f['desc']} ({f['locations'][0]['symbolic']['key']})" for f in findings)


def test_zizmor_catches_an_unpinned_action_and_a_kept_token(tmp_path):
    text = (GITHUB / "workflows/pull-request.yml").read_text(encoding="utf-8")
    text = re.sub(r"actions/checkout@[0-9a-f]{40}", "actions/checkout@v5", text)
    # Without persist-credentials: false the token stays in .git/config (and the preview).
    text = text.replace("        with:\n          persist-credentials: false\n", "")
    target = tmp_path / ".github/workflows/broken.yml"
    target.parent.mkdir(parents=True)
    target.write_text(text, encoding="utf-8")
    found = {f["ident"] for f in _zizmor(target, cwd=tmp_path)}
    assert {"unpinned-uses", "artipacked"} <= found


def test_every_action_is_pinned_to_a_commit_with_its_release_named():
    for path in WORKFLOWS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if "uses:" in line:
                assert re.search(r"uses: [\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line), (
                    f"{path.name}: {line.strip()!r} is not pinned as `owner/action@<sha> # vX.Y.Z`")


def test_checkouts_keep_no_credentials_and_installs_come_from_the_lock():
    for path in WORKFLOWS:
        wf = _load(path)
        for step in _steps(wf):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, path.name
            for line in step.get("run", "").splitlines():
                if "pip install" in line or "$pip " in line:
                    assert ("--require-hashes" in line and "-r requirements/" in line) or \
                        ("--no-deps" in line and "-e ." in line), f"{path.name}: {line.strip()}"
        # Material's end-of-life notice is shown in CI logs, not muted (platform page).
        assert "NO_MKDOCS_2_WARNING" not in path.read_text(encoding="utf-8"), path.name


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
