"""The speed-ups behind ``commons validate`` change nothing a contributor sees.

The compiled yes/no check must accept exactly what the explaining walk accepts, or
a broken file would pass silently; and the YAML loader with cached tag resolution
must compose the same nodes as PyYAML's own.
"""

from __future__ import annotations

import copy
import datetime as dt
import random
from pathlib import Path

import pytest
import yaml
from practice_commons.core import Validator, parse
from practice_commons.core.content import synthetic, yaml_values

REPO = Path(__file__).resolve().parents[2]
TODAY = dt.date(2029, 6, 1)  # after every bundled date, before the mutations' 2030
# Values dropped in at every position of a document: wrong types, empties, bad formats.
REPLACEMENTS = [None, "", "  ", 0, -1, 3, 7, 2.5, True, [], ["x"], [None], {}, {"x": 1},
                "x" * 700, "ELL", "charter", "not a url", "https://ok.example.org/a",
                "http://", "mailto:a@b.org", "a@b", "2030-01-01", "2024-02-30", "../up.pdf",
                "K-5", "published", "literacy"]


def _documents() -> list[tuple[str, str, bytes]]:
    docs = [("profile", f.path, f.content) for f in synthetic.profiles(6, seed=3,
            case_studies=["cs"], templates=["tpl"]) if f.path.endswith(".md")]
    for kind, folder in (("case-study", "case-studies"), ("template", "templates")):
        for path in sorted((REPO / "content" / folder).glob("*.md"))[:6]:
            if path.name != "index.md":
                docs.append((kind, path.name, path.read_bytes()))
    return docs


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, (*prefix, i))


def _mutated(data, path, rng):
    data = copy.deepcopy(data)
    if not path:
        return rng.choice([[], "text", None, {"unknown": 1}])
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    roll = rng.random()
    if roll < 0.15 and isinstance(parent, dict):
        del parent[last]
    elif roll < 0.25 and isinstance(parent, dict):
        parent[last + "x"] = parent[last]  # a misspelt key
    elif roll < 0.35 and isinstance(parent, list):
        parent.append(copy.deepcopy(parent[last]))  # a repeated item
    else:
        parent[last] = rng.choice(REPLACEMENTS)
    return data


def test_compiled_check_agrees_with_the_walk_on_thousands_of_broken_documents():
    rng = random.Random(11)
    validators = {k: Validator(k, TODAY) for k in ("profile", "case-study", "template")}
    checked = invalid = 0
    for kind, name, raw in _documents():
        doc = parse(name, raw)
        assert not doc.problems
        v = validators[kind]
        assert v._valid(doc.data) and v.validate(doc) == [], name
        paths = list(_paths(doc.data))
        for path in rng.sample(paths, min(len(paths), 60)):
            for _ in range(2):
                doc.data = _mutated(parse(name, raw).data, path, rng)
                walk: list = []
                v._check(v.schema, doc.data, (), doc, walk)
                assert v._valid(doc.data) == (walk == []), (name, path, doc.data)
                checked += 1
                invalid += bool(walk)
    assert checked > 1500 and invalid > checked // 2


TRICKY = """\
a: 1
b: 2.5
c: true
d: null
e: '3'
f: 2024-01-01
g: ~
h: "x"
i: |
  text
j: >-
  folded
k: [1, x, 'y', 0x1F, .inf, yes, no]
l: {m: n}
o: ''
p:
q: "012"
r: 012
s: 1_000
t: -.5e3
u: NO
"""


@pytest.mark.parametrize("text", [TRICKY, *(f.content.decode().split("\n---", 1)[0][4:]
                                            for f in synthetic.profiles(5))])
def test_fast_loader_composes_what_pyyaml_composes(text):
    def shape(node):
        if isinstance(node, yaml.ScalarNode):
            return (node.tag, node.value, node.start_mark.line, node.start_mark.column)
        if isinstance(node, yaml.SequenceNode):
            return (node.tag, [shape(x) for x in node.value])
        return (node.tag, [(shape(k), shape(v)) for k, v in node.value])

    base = yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader
    for _ in range(2):  # the second time from the resolution cache
        ours = yaml.compose(text, Loader=yaml_values.Loader)
        assert shape(ours) == shape(yaml.compose(text, Loader=base))
