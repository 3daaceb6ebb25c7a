"""The hostile corpus against the loader: refused files give exact messages, inert ones load.

Each fixture of tests/fixtures/hostile/ is written into its own empty repository and
loaded as ``commons validate`` loads it (see tests/hostile_corpus.py for the format).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
from practice_commons.cli import main
from practice_commons.core import Layout, load
from practice_commons.core.rules.issues import Issue
from practice_commons.core.rules.schema import load_schema, resolve_ref

from tests.hostile_corpus import MARKER, fixtures

TODAY = dt.date(2026, 1, 1)
ALL = fixtures()
REFUSED = fixtures("refused")
ACCEPTED = fixtures("inert")


def _load(fixture, root: Path):
    fixture.materialise(root)
    return load(Layout(root=root), today=TODAY)


def test_the_corpus_has_at_least_forty_fixtures_each_with_an_outcome():
    assert len(ALL) >= 40
    for f in ALL:
        assert f.expect.get("about"), f"{f}: say what the fixture attacks in 'about'"
        # No third outcome "validates, then the build fails": whatever the build refuses,
        # `commons validate` refuses first (tests/site/test_hostile_verdicts.py).
        assert f.outcome in ("inert", "refused", "warned"), f
        if f.outcome in ("refused", "warned"):
            assert f.expect.get("issues"), f"{f}: a refused or warned fixture lists its issues"
        else:
            assert f.expect.get("shows"), f"{f}: an inert fixture names text its page shows"
    assert {f.outcome for f in ALL} == {"inert", "refused", "warned"}


@pytest.mark.parametrize("fixture", REFUSED, ids=str)
def test_refused_fixture_gives_the_expected_messages(fixture, tmp_path):
    result = _load(fixture, tmp_path)
    assert [i.text() for i in result.issues] == fixture.expect["issues"]
    assert not result.ok, "a refused fixture must stop the build, not only warn"
    for issue in result.issues:
        # Every message names a file that is there, and a line of it.
        assert os.path.lexists(tmp_path / issue.path) and issue.line >= 1, issue


@pytest.mark.parametrize("fixture", fixtures("warned"), ids=str)
def test_warned_fixture_gives_the_expected_warnings_only(fixture, tmp_path):
    result = _load(fixture, tmp_path)
    assert [i.text() for i in result.issues] == fixture.expect["issues"]
    assert result.ok and {i.severity for i in result.issues} == {"warning"}


@pytest.mark.parametrize("fixture", ACCEPTED, ids=str)
def test_inert_fixture_is_accepted_as_it_is(fixture, tmp_path):
    result = _load(fixture, tmp_path)
    assert [i.text() for i in result.issues] == []
    assert list(result.collection.all())


def _free_text_fields(kind: str) -> list[str]:
    """Dotted paths of every string a contributor writes freely (no list, pattern or format)."""
    root = load_schema(kind)
    out: list[str] = []

    def walk(node: dict[str, Any], path: str) -> None:
        if "$ref" in node:
            node = resolve_ref(root, node["$ref"])
        for option in node.get("oneOf", []):
            walk(option, path)
        types = node.get("type")
        types = [types] if isinstance(types, str) else (types or [])
        for name, sub in node.get("properties", {}).items():
            walk(sub, f"{path}.{name}" if path else name)
        if "array" in types and "items" in node:
            walk(node["items"], f"{path}[]")
        free = not any(k in node for k in ("enum", "const", "pattern", "format", "x-ref"))
        if "string" in types and free and path not in out:
            out.append(path)

    walk(root, "")
    return out


def _values_at(data: Any, path: str) -> list[Any]:
    nodes = [data]
    for part in path.replace("[]", ".[]").split("."):
        nxt: list[Any] = []
        for node in nodes:
            if part == "[]" and isinstance(node, list):
                nxt.extend(node)
            elif isinstance(node, dict) and part in node:
                nxt.append(node[part])
        nodes = nxt
    return nodes


@pytest.mark.parametrize("kind", ["profile", "case-study", "template"])
def test_every_free_text_field_carries_a_payload_in_some_inert_fixture(kind, tmp_path):
    """Keeps the corpus whole as the schema grows: a new text field needs a hostile value."""
    datas = []
    for fixture in fixtures("inert"):
        result = _load(fixture, tmp_path / fixture.name)
        datas += [r.data for r in result.collection.all() if r.kind == kind]
    missing = [path for path in _free_text_fields(kind)
               if not any(isinstance(v, str) and (MARKER.search(v) or "<" in v or "=" in v[:1])
                          for data in datas for v in _values_at(data, path))]
    assert missing == [], f"give these {kind} fields a hostile value in an inert fixture: {missing}"


def test_commons_validate_reports_cross_references_to_missing_content(tmp_path, capsys):
    (fixture,) = [f for f in REFUSED if f.name == "cross-reference-missing"]
    fixture.materialise(tmp_path)
    # As the loader tests above: the corpus's one-line bodies are not what it tests.
    (tmp_path / "mkdocs.yml").write_text(
        "plugins:\n  - practice-commons/profiles:\n      require_complete: false\n")
    assert main(["validate", "--root", str(tmp_path)]) == 1
    assert capsys.readouterr().out.splitlines() == fixture.expect["issues"]


def test_messages_never_pass_control_or_bidi_characters_to_the_terminal():
    issue = Issue("profiles/a\x1b[2Jb\u202ec.md", 3, "x\u200by", "bad \x07", "fix")
    assert issue.text() == "profiles/a\\x1b[2Jb\\u202ec.md:3: field 'x\\u200by': bad \\x07 — fix"
