"""practice-commons/safe-build: a failed build leaves the previous site exactly as it was."""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
from pathlib import Path

import pytest
import yaml
from mkdocs.exceptions import Abort, PluginError
from practice_commons.core.outputs import atomic

from tests.conftest import BASE_CONFIG, ENGINE_CMD, VALID_PROFILE, build, write_files

SAFE = {"plugins": ["practice-commons/profiles", "practice-commons/safe-build"]}


def tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with a hash of its bytes."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if atomic.STAGING_MARK in p.name
                  or ".previous-" in p.name)


def site_repo(root: Path, files: dict[str, str], config: dict | None = None) -> None:
    write_files(root, {"content/index.md": "# Home\n\nVersion A.\n", **files})
    cfg = {**BASE_CONFIG, **SAFE, **(config or {})}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(cfg, sort_keys=False), encoding="utf-8")


@pytest.fixture
def built_once(tmp_path):
    """A repository with a good build in site/ (and a gh-pages style .git folder in it)."""
    site_repo(tmp_path, {"profiles/literacy-nights.md": VALID_PROFILE})
    result = build(tmp_path)
    assert result.site == tmp_path / "site"
    (tmp_path / "site" / ".git").mkdir()
    (tmp_path / "site" / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    return tmp_path, tree(tmp_path / "site")


def test_a_strict_mode_failure_after_every_page_is_written_keeps_the_old_site(built_once):
    root, before = built_once
    # A broken link is only a warning: MkDocs writes the whole site, then strict aborts.
    write_files(root, {"content/index.md": "# Home\n\nVersion B [gone](missing.md).\n"})
    with pytest.raises(Abort, match="strict mode"):
        build(root, strict=True)
    assert tree(root / "site") == before
    assert "Version A." in (root / "site" / "index.html").read_text()
    assert leftovers(root) == []


def test_without_safe_build_the_same_failure_overwrites_the_site(tmp_path):
    """The control: shows the test above can fail, and what safe-build prevents."""
    site_repo(tmp_path, {}, {"plugins": ["practice-commons/profiles"]})
    build(tmp_path)
    write_files(tmp_path, {"content/index.md": "# Home\n\nVersion B [gone](missing.md).\n"})
    with pytest.raises(Abort):
        build(tmp_path, strict=True)
    assert "Version B" in (tmp_path / "site" / "index.html").read_text()


def test_an_invalid_profile_keeps_the_old_site(built_once):
    root, before = built_once
    broken = VALID_PROFILE.replace("state: MA", "state: XX")
    write_files(root, {"profiles/literacy-nights.md": broken})
    with pytest.raises(Abort):
        build(root)
    assert tree(root / "site") == before
    assert leftovers(root) == []


def test_an_error_half_way_through_writing_pages_keeps_the_old_site(built_once):
    root, before = built_once
    write_files(root, {
        "content/zz-last.md": "# Last\n\nBOOM\n",
        "hooks.py": "def on_post_page(output, page, config):\n"
                    "    if 'BOOM' in output:\n"
                    "        raise RuntimeError('disk full')\n",
    })
    config = yaml.safe_load((root / "mkdocs.yml").read_text())
    config["hooks"] = ["hooks.py"]
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config))
    with pytest.raises(RuntimeError, match="disk full"):
        build(root)
    assert tree(root / "site") == before
    assert leftovers(root) == []


def test_a_good_build_replaces_the_site_and_keeps_its_dot_folders(built_once):
    root, before = built_once
    (root / "site" / "stale.html").write_text("from an old build")
    write_files(root, {"content/index.md": "# Home\n\nVersion B.\n"})
    build(root)
    after = tree(root / "site")
    assert "Version B." in (root / "site" / "index.html").read_text()
    assert "stale.html" not in after  # a clean build, as MkDocs makes it
    assert after[".git/HEAD"] == before[".git/HEAD"]
    assert leftovers(root) == []
    mode = stat.S_IMODE((root / "site").stat().st_mode)
    assert mode & 0o055 == 0o055, f"the site folder must stay readable by a web server: {mode:o}"


def test_mkdocs_build_and_build_dirty_from_the_command_line(built_once):
    root, before = built_once
    mkdocs = ENGINE_CMD  # `mkdocs` or `properdocs`, as PC_ENGINE says
    env = dict(os.environ)
    write_files(root, {"content/index.md": "# Home\n\nVersion C [gone](missing.md).\n"})
    failed = subprocess.run([*mkdocs, "build", "--strict"], check=False, cwd=root, env=env,
                            capture_output=True, text=True)
    assert failed.returncode != 0 and "previous site was kept" in failed.stderr
    assert tree(root / "site") == before
    write_files(root, {"content/index.md": "# Home\n\nVersion D.\n", "content/new.md": "# New\n"})
    dirty = subprocess.run([*mkdocs, "build", "--dirty"], check=False, cwd=root, env=env,
                           capture_output=True, text=True)
    assert dirty.returncode == 0, dirty.stderr
    # --dirty rebuilds from a copy of the old site: untouched pages are still there.
    assert (root / "site" / "profiles" / "literacy-nights" / "index.html").exists()
    assert "Version D." in (root / "site" / "index.html").read_text()
    assert (root / "site" / "new" / "index.html").exists()
    assert leftovers(root) == []


def test_mkdocs_serve_is_left_to_build_in_its_own_folder(tmp_path):
    from mkdocs.config import load_config

    site_repo(tmp_path, {})
    config = load_config(str(tmp_path / "mkdocs.yml"))
    plugin = config.plugins["practice-commons/safe-build"]
    plugin.on_startup(command="serve", dirty=False)
    try:
        config.site_dir = str(tmp_path / "serve-tmp")
        plugin.on_config(config)
        assert config.site_dir == str(tmp_path / "serve-tmp")
    finally:
        # MkDocs keeps one instance of a plugin with on_startup per process; without
        # this, every later in-process build of the test session would be a "serve".
        plugin.on_shutdown()
    assert leftovers(tmp_path) == []


def test_publish_swaps_without_the_exchange_call_too(tmp_path, monkeypatch):
    """Where renameat2 is missing (macOS, old glibc), two renames do the swap."""
    monkeypatch.setattr(atomic, "_exchange", lambda a, b: False)
    site = tmp_path / "site"
    site.mkdir()
    (site / "old.html").write_text("old")
    (site / ".nojekyll").write_text("")
    staged = atomic.staging_dir(site)
    (staged / "new.html").write_text("new")
    atomic.publish(staged, site)
    assert sorted(p.name for p in site.iterdir()) == [".nojekyll", "new.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_file_that_would_land_outside_the_site_stops_the_build(tmp_path):
    from mkdocs.structure.files import File, Files
    from practice_commons.mkdocs.safety import _check_destinations

    escape = File("x.md", str(tmp_path), str(tmp_path / "site"), use_directory_urls=True)
    escape.dest_uri = "../../outside.html"
    with pytest.raises(PluginError, match="outside the site folder"):
        _check_destinations(Files([escape]), tmp_path / "site")
