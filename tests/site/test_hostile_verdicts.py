"""`commons validate` and the strict build agree on every hostile fixture, within a budget.

A contributor who runs `commons validate` and gets "All content is valid" must not then
get a red CI: each refused fixture is built with the repository's own mkdocs.yml, strict,
and must stop there too, printing the same lines; the inert ones all pass the strict
build together (``hostile_site``, with the repository's link validation). No fixture may
keep validate plus build busy for longer than the budget, and none ends in a traceback.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import markdown
import pytest
import yaml
from mkdocs.exceptions import Abort, PluginError
from practice_commons.cli import main
from practice_commons.core import Layout, load
from practice_commons.core.rules.sanitize import sanitize_html

from tests.conftest import REPO, build
from tests.hostile_corpus import fixtures, site_config, write_site

BUDGET = 30.0  # seconds of validate plus build per contribution (issue 14)
# Each file's share when the inert fixtures are built together; a normal profile takes ~0.05 s.
PER_FILE = 3.0


@pytest.mark.parametrize("fixture", fixtures("refused"), ids=str)
def test_refused_fixture_stops_the_strict_build_too(fixture, tmp_path, capsys, caplog):
    start = time.perf_counter()
    write_site(tmp_path, REPO, [fixture])
    assert main(["validate", "--root", str(tmp_path)]) == 1
    printed = capsys.readouterr().out.splitlines()
    with pytest.raises((PluginError, Abort)) as raised:  # a clean stop, not a traceback
        build(tmp_path, strict=True)
    elapsed = time.perf_counter() - start
    assert elapsed < BUDGET, f"{fixture}: validate plus build took {elapsed:.1f} s"
    assert printed == fixture.expect["issues"]
    logged = "\n".join([r.getMessage() for r in caplog.records] + [str(raised.value)])
    for line in fixture.expect["issues"]:
        if "warning:" not in line:
            assert line in logged, f"the build did not say {line!r}"
    assert not (tmp_path / "site").exists(), "a refused first build must publish nothing"


@pytest.mark.parametrize("fixture", fixtures("warned"), ids=str)
def test_warned_fixture_passes_validate_and_stops_the_strict_build(fixture, tmp_path, capsys,
                                                                   caplog):
    start = time.perf_counter()
    write_site(tmp_path, REPO, [fixture])
    assert main(["validate", "--root", str(tmp_path)]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert [line for line in printed if ": warning: " in line] == fixture.expect["issues"]
    with pytest.raises(Abort, match="strict mode"):
        build(tmp_path, strict=True)
    assert time.perf_counter() - start < BUDGET
    for line in fixture.expect["issues"]:
        assert line in caplog.text
    assert not (tmp_path / "site").exists()


def test_inert_fixtures_pass_the_strict_build_with_the_repositorys_link_checks(hostile_site):
    """The session's hostile site is strict and keeps mkdocs.yml's `validation:`; it built."""
    config = site_config(REPO)
    assert config["validation"]["links"]["unrecognized_links"] == "warn"
    assert [r.getMessage() for r in hostile_site.log if r.levelno >= 30] == []


@pytest.mark.parametrize("fixture", fixtures("inert"), ids=str)
def test_inert_fixture_validates_and_renders_within_its_share(fixture, tmp_path):
    """Per-file work of the build (Markdown with the site's extensions, then the sanitiser)."""
    start = time.perf_counter()
    fixture.materialise(tmp_path)
    result = load(Layout(root=tmp_path))
    assert result.ok
    extensions = site_config(REPO)["markdown_extensions"]
    names = [e if isinstance(e, str) else next(iter(e)) for e in extensions]
    configs = {next(iter(e)): e[next(iter(e))] for e in extensions if isinstance(e, dict)}
    for record in result.collection.all():
        md = markdown.Markdown(extensions=names, extension_configs=configs)
        sanitize_html(md.convert(record.body))
    elapsed = time.perf_counter() - start
    assert elapsed < PER_FILE, f"{fixture}: validating and rendering took {elapsed:.1f} s"


def test_the_render_clock_interrupts_a_slow_body_that_passes_every_limit(tmp_path):
    # A 90 KB list: within every limit of core/rules/bodycheck.py, and a good fraction of a
    # second of Python-Markdown on a fast machine; a clock of 0.05 s must stop it long
    # before it finishes. The build
    # runs in a process of its own, as `mkdocs build` does: the clock is a signal, and a
    # test process that has run a thousand others is no picture of a real build.
    from tests.conftest import BASE_CONFIG, VALID_PROFILE, completeness_off, write_files

    body = "- a short item\n" * 6_000
    plugins = ["practice-commons/profiles",
               {"practice-commons/safe-build": {"render_seconds": 0.05}}]
    write_files(tmp_path, {"content/index.md": "# Home\n",
                           "profiles/slow.md": VALID_PROFILE + "\n" + body + "\n"})
    cfg = {**BASE_CONFIG, "plugins": [completeness_off(p) for p in plugins]}
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(cfg, sort_keys=False), encoding="utf-8")
    start = time.perf_counter()
    engine = os.environ.get("PC_ENGINE", "mkdocs")  # the engine this run tests (conftest)
    done = subprocess.run([sys.executable, "-m", engine, "build", "-f", "mkdocs.yml"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert time.perf_counter() - start < 20
    assert done.returncode != 0, "the build went on past the clock"
    assert "profiles/slow.md: rendering its Markdown took more than 0.05 s" in done.stderr + done.stdout
