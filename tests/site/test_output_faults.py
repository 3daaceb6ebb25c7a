"""Faults of the output folder are told in a sentence that says what the site now is.

A read-only or immutable ``site/`` and a full disk used to end in raw tracebacks, one of
them after the new site had already been swapped in. Running as root here, permissions
do not bite, so the faults are injected where the operating system would report them.
"""

from __future__ import annotations

import errno
import os
import shutil

import mkdocs.commands.build
import pytest
from mkdocs.exceptions import Abort, PluginError
from practice_commons.core.outputs import atomic

from tests.conftest import VALID_PROFILE, build
from tests.site.test_atomic_build import built_once, leftovers, site_repo, tree  # noqa: F401


def _site_with_old_copy(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "old.html").write_text("old")
    (site / ".git").mkdir()
    staged = atomic.staging_dir(site)
    (staged / "new.html").write_text("new")
    return site, staged


def test_an_old_copy_that_cannot_be_removed_is_named_after_the_new_site_is_published(
        tmp_path, monkeypatch):
    """A read-only site/: the swap works, deleting the previous site's files does not."""
    site, staged = _site_with_old_copy(tmp_path)

    def refuse(path, *args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(path / "old.html"))

    monkeypatch.setattr(atomic.shutil, "rmtree", refuse)
    with pytest.raises(atomic.PublishError) as raised:
        atomic.publish(staged, site)
    message = str(raised.value)
    assert message.startswith(f"the new site was published to {site}; the old copy could not "
                              f"be removed from {staged}: permission denied")
    assert sorted(p.name for p in site.iterdir()) == [".git", "new.html"]


def test_an_immutable_site_folder_leaves_the_previous_site_unchanged(tmp_path, monkeypatch):
    site, staged = _site_with_old_copy(tmp_path)

    def immutable(a, b):
        raise OSError(errno.EPERM, "Operation not permitted", str(b))

    monkeypatch.setattr(atomic, "_exchange", immutable)
    with pytest.raises(atomic.PublishError, match="is the folder immutable") as raised:
        atomic.publish(staged, site)
    assert str(raised.value).endswith("The previous site is unchanged")
    # The previous site keeps its .git, and the unfinished build is gone.
    assert sorted(p.name for p in site.iterdir()) == [".git", "old.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_full_disk_stops_the_build_in_a_sentence_and_keeps_the_old_site(built_once,
                                                                         monkeypatch, caplog):
    root, before = built_once
    real = mkdocs.commands.build.utils.write_file

    def full(content, path):
        if path.endswith("index.html"):
            raise OSError(errno.ENOSPC, "No space left on device", path)
        real(content, path)

    monkeypatch.setattr(mkdocs.commands.build.utils, "write_file", full)
    # A PluginError is what the mkdocs command prints as one "Error: …" line.
    with pytest.raises(PluginError) as raised:
        build(root)
    assert str(raised.value).startswith("could not write the site: the disk is full (")
    assert str(raised.value).endswith("The previous site is unchanged")
    assert "Traceback" not in caplog.text
    assert tree(root / "site") == before
    assert leftovers(root) == []


def test_a_publish_fault_ends_the_build_with_a_plugin_error(built_once, monkeypatch, caplog):
    root, _ = built_once

    def immutable(a, b):
        raise OSError(errno.EPERM, "Operation not permitted", str(b))

    monkeypatch.setattr(atomic, "_exchange", immutable)
    with pytest.raises((PluginError, Abort)):
        build(root)
    assert f"could not replace {root / 'site'} with the new build" in caplog.text
    assert (root / "site" / "index.html").is_file()
    assert leftovers(root) == []


def test_folders_of_killed_builds_are_removed_at_the_next_build(tmp_path):
    site_repo(tmp_path, {"profiles/literacy-nights.md": VALID_PROFILE})
    dead = tmp_path / f".site{atomic.STAGING_MARK}999999999-abc"  # no such process
    old_style = tmp_path / f".site{atomic.STAGING_MARK}k2j3h4"  # named before pids were
    previous = tmp_path / f".site{atomic.PREVIOUS_MARK}999999999-x"
    running = tmp_path / f".site{atomic.STAGING_MARK}{os.getppid()}-live"  # a live process
    for folder in (dead, old_style, previous, running):
        (folder / "assets").mkdir(parents=True)
    build(tmp_path)
    assert leftovers(tmp_path) == [running.name]
    shutil.rmtree(running)
