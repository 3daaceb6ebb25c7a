"""The benchmark's synthetic corpus: deterministic, valid, and shaped like real profiles."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from practice_commons.core import Layout, load, load_schema, parse
from practice_commons.core.content import synthetic

TODAY = dt.date(2026, 1, 1)


def _corpus(tmp_path: Path, n: int, **kw) -> Path:
    synthetic.write(tmp_path / "profiles", n, **kw)
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "index.md").write_text("# Home\n", encoding="utf-8")
    return tmp_path


def test_same_seed_same_bytes_and_file_i_does_not_depend_on_n():
    a = {f.path: f.content for f in synthetic.profiles(30, seed=7)}
    b = {f.path: f.content for f in synthetic.profiles(30, seed=7)}
    assert a == b
    larger = {f.path: f.content for f in synthetic.profiles(60, seed=7)}
    assert all(larger[p] == c for p, c in a.items())
    other = {f.path: f.content for f in synthetic.profiles(30, seed=8)}
    assert other != a


def test_every_profile_validates_and_attachments_are_in_their_folders(tmp_path):
    root = _corpus(tmp_path, 60)
    result = load(Layout(root=root), today=TODAY)
    assert [i.text() for i in result.issues] == []
    assert len(result.collection.profiles) == 60
    folders = [p for p in result.collection.profiles if p.folder]
    assert len(folders) == 60 // synthetic.SHARE_FOLDER
    assert all(p.resources[0].file == "handbook.txt" for p in folders)


def test_uses_every_profile_field_and_varies_facets(tmp_path):
    root = _corpus(tmp_path, 80, case_studies=["cs-one"], templates=["tpl-a"])
    docs = [parse(str(p), p.read_bytes()) for p in sorted((root / "profiles").rglob("*.md"))]
    refs = {s for d in docs for s in d.data.get("case_studies", []) + d.data.get("templates", [])}
    assert refs == {"cs-one", "tpl-a"}
    used = set().union(*(d.data for d in docs))
    # `slug` is optional by design: the file name gives it.
    assert used == set(load_schema("profile")["properties"]) - {"slug"}
    states = {d.data["school"]["state"] for d in docs}
    topics = {t for d in docs for t in d.data["topics"]}
    levels = {r["level"] for d in docs for r in d.data["resources"]}
    assert len(states) > 30 and len(topics) > 12 and levels == {1, 2, 3, 4, 5}
    statuses = [d.data["status"] for d in docs]
    assert statuses.count("published") > 60 and "archived" in statuses


def test_bodies_have_about_800_words_headings_a_list_and_a_table():
    files = [f for f in synthetic.profiles(10) if f.path.endswith(".md")]
    for f in files:
        body = f.content.decode().split("\n---\n", 1)[1]
        words = len(body.split())
        assert 800 <= words <= 950, (f.path, words)
        assert len(re.findall(r"^## ", body, re.MULTILINE)) == 4
        assert re.search(r"^1\. ", body, re.MULTILINE)
        assert re.search(r"^\| --- \| --- \| --- \|$", body, re.MULTILINE)
