"""Checks kept by content hash change nothing a contributor sees, and live outside the repo.

``load(cache=True)`` keeps each file's parse and checks in the user's cache folder;
``workers`` spreads a cold set over processes. Whatever the route, the issues and
the collection must be those of a plain ``load``.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from practice_commons.core import Layout, load
from practice_commons.core.content import filecheck, synthetic
from practice_commons.core.content.filecache import FileCache, user_cache_dir
from practice_commons.core.rules import fastcheck
from practice_commons.core.rules.validate import type_of

TODAY = dt.date(2029, 6, 1)
BROKEN = b"""---
title: Broken
summary: short
audience: [9]
school: {name: X, sector: pirate, state: ZZ}
---

Body with a control character \x07 in it.
"""
BAD_YAML = b"---\ntitle: [unclosed\n---\nText\n"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-home"))
    root = tmp_path / "repo"
    synthetic.write(root / "profiles", 12, seed=5)
    (root / "profiles" / "broken.md").write_bytes(BROKEN)
    (root / "profiles" / "bad-yaml.md").write_bytes(BAD_YAML)
    (root / "content").mkdir()
    (root / "content" / "index.md").write_text("# Home\n", encoding="utf-8")
    return root


def _seen(result) -> tuple:
    coll = result.collection
    return (result.issues, [(r.kind, r.slug, r.title, r.body) for r in coll.all()])


def _layout(root: Path) -> Layout:
    return Layout(root=root, require_complete=True)


def test_a_cached_load_reports_exactly_what_a_plain_load_does(repo: Path) -> None:
    plain = load(_layout(repo), today=TODAY)
    assert any(i.path == "profiles/broken.md" for i in plain.issues)
    assert any("YAML syntax error" in i.message for i in plain.issues)
    cold = load(_layout(repo), today=TODAY, cache=True)
    warm = load(_layout(repo), today=TODAY, cache=True)
    assert _seen(cold) == _seen(plain) == _seen(warm)
    # The entries are in the user's cache folder, not in the repository.
    store = user_cache_dir(repo, "checked") / "checked.marshal"
    assert store.is_file()
    assert not any(p.name.endswith(".marshal") for p in repo.rglob("*"))


def test_the_second_load_reads_the_cache_and_an_edit_is_checked_again(repo: Path) -> None:
    load(_layout(repo), today=TODAY, cache=True)
    cache = FileCache(user_cache_dir(repo, "checked"), today=TODAY, options="complete=True")
    raw = (repo / "profiles" / "broken.md").read_bytes()
    key = cache.key("profile", "profiles/broken.md", raw)
    found = cache.get(key, "profiles/broken.md", raw)
    assert found is not None and any(i.field == "school.sector" for i in found[1])
    # Another date or other options use other entries: "in the future" moves with today.
    other = FileCache(user_cache_dir(repo, "checked"), today=dt.date(2030, 1, 1))
    assert other.get(other.key("profile", "profiles/broken.md", raw), "profiles/broken.md",
                     raw) is None
    (repo / "profiles" / "broken.md").write_bytes(BROKEN.replace(b"pirate", b"charter"))
    after = load(_layout(repo), today=TODAY, cache=True)
    assert not any(i.field == "school.sector" for i in after.issues if i.path == "profiles/broken.md")
    assert _seen(after) == _seen(load(_layout(repo), today=TODAY))


def test_a_damaged_cache_file_only_costs_time(repo: Path) -> None:
    expected = _seen(load(_layout(repo), today=TODAY))
    load(_layout(repo), today=TODAY, cache=True)
    store = user_cache_dir(repo, "checked") / "checked.marshal"
    for damage in (store.read_bytes()[:-500], store.read_bytes().split(b"\n")[0] + b"\nxx",
                   b"nonsense"):
        from practice_commons.core.content import filecache
        filecache._memory.clear()  # as a new process would
        store.write_bytes(damage)
        assert _seen(load(_layout(repo), today=TODAY, cache=True)) == expected


def test_an_entry_planted_in_the_repository_is_never_read(repo: Path) -> None:
    """The cache's folder comes from the user's environment, never from the checkout."""
    expected = _seen(load(_layout(repo), today=TODAY))
    planted = repo / ".cache" / "practice-commons"
    planted.mkdir(parents=True)
    (planted / "checked.marshal").write_bytes(b"nonsense")
    assert not str(user_cache_dir(repo, "checked")).startswith(str(repo))
    assert _seen(load(_layout(repo), today=TODAY, cache=True)) == expected


def test_worker_processes_give_the_same_results(repo: Path, monkeypatch) -> None:
    monkeypatch.setattr(filecheck, "POOL_MIN_FILES", 2)
    expected = _seen(load(_layout(repo), today=TODAY))
    assert _seen(load(_layout(repo), today=TODAY, workers=2)) == expected
    # Cold through the workers, then warm from what they returned.
    assert _seen(load(_layout(repo), today=TODAY, workers=2, cache=True)) == expected
    assert _seen(load(_layout(repo), today=TODAY, cache=True)) == expected


@pytest.mark.parametrize("value", [True, False, 0, 3, 2.5, "x", [], {}, None])
def test_the_fast_check_names_types_as_the_walk_does(value) -> None:
    class Sub(type(value) if type(value) not in (bool, type(None)) else int):  # type: ignore[misc]
        pass

    assert fastcheck._json_type(value) == type_of(value)
    if value is not None and type(value) is not bool:
        sub = Sub(value)
        assert fastcheck._json_type(sub) == type_of(sub)


def test_validate_uses_the_cache_and_says_the_same(repo: Path, capsys) -> None:
    from practice_commons.cli import main

    (repo / "mkdocs.yml").write_text("docs_dir: content\n", encoding="utf-8")
    outs = []
    for args in (["--no-cache"], [], []):
        code = main(["validate", "--root", str(repo), "--format", "json", *args])
        outs.append((code, capsys.readouterr().out))
    assert outs[0] == outs[1] == outs[2]
    assert outs[0][0] == 1 and "profiles/broken.md" in outs[0][1]
    assert os.path.isfile(user_cache_dir(repo, "checked") / "checked.marshal")
