"""Two engines, one site: MkDocs 1.6.1 and ProperDocs build the same files from the same
checkout, but for the generator line. The tests of tests/site and tests/browser run on
whichever PC_ENGINE names (the PR workflow and .ci/run run them on both)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

import pytest
from practice_commons.mkdocs import engine

from tests.conftest import ENGINE, BuiltSite

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
OTHER = "properdocs" if ENGINE == "mkdocs" else "mkdocs"


def test_the_tests_build_with_the_engine_they_were_asked_for(bundled_site: BuiltSite):
    assert engine.current() == ENGINE
    generator = bundled_site.html("index.html").find("meta", attrs={"name": "generator"})
    expected = "mkdocs-ProperDocs 1.6." if ENGINE == "properdocs" else "mkdocs-1.6.1,"
    assert generator["content"].startswith(expected), generator["content"]
    assert "mkdocs-material-9." in generator["content"]


def test_an_engine_cannot_be_switched_once_loaded():
    with pytest.raises(RuntimeError, match=f"already loaded from '{ENGINE}'"):
        engine.select(OTHER)
    with pytest.raises(ValueError, match="unknown engine 'zensical'"):
        engine.select("zensical")
    engine.select(ENGINE)  # the one in use: a no-op


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): GENERATOR.sub(b"<generator>", p.read_bytes())
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_the_other_engine_builds_the_same_site(bundled_site: BuiltSite, tmp_path: Path):
    if find_spec(OTHER) is None:
        if os.environ.get("CI") or os.environ.get("PC_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{OTHER} is missing: it comes with requirements/test.txt")
        pytest.skip(f"{OTHER} is not installed (requirements/test.txt has both engines)")
    root = tmp_path / "repo"
    shutil.copytree(bundled_site.root, root, ignore=shutil.ignore_patterns("site", ".site*"))
    done = subprocess.run([sys.executable, "-m", OTHER, "build", "--strict", "-d",
                           str(tmp_path / "site")], cwd=root, capture_output=True, text=True,
                          check=False, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    ours, theirs = _tree(bundled_site.site), _tree(tmp_path / "site")
    assert sorted(ours) == sorted(theirs)
    differing = [name for name in ours if ours[name] != theirs[name]]
    assert differing == [], f"{len(differing)} file(s) differ, first: {differing[:5]}"
    # The generator line is the one difference, and it names each engine.
    lines = {GENERATOR.search(site.joinpath("index.html").read_bytes()).group(0)
             for site in (tmp_path / "site", bundled_site.site)}
    assert len(lines) == 2 and any(b"ProperDocs" in line for line in lines), lines
