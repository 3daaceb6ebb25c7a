"""Load the schemas: resolve shared definitions and expand vocabularies into enums.

The YAML files in ``schema/`` are written for people (a vocabulary is named, not
copied). What this module returns is plain JSON Schema (draft 2020-12), used both
by our validator and, published as ``/schema/<kind>.schema.json``, by editors.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from ..hosting.i18n import vocabulary_in
from ..hosting.scope import narrowed_schema
from . import formats, schema_text
from .vocabulary import Vocabulary

SCHEMA_DIR = Path(__file__).parent / "schema"
KINDS = ("profile", "case-study", "template", "page")


@cache
def _raw(name: str) -> dict[str, Any]:
    # libyaml: ten times faster than the Python parser, paid by every build and validate.
    return yaml.load((SCHEMA_DIR / name).read_text(encoding="utf-8"),
                     Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@cache
def vocabulary() -> Vocabulary:
    return Vocabulary.load()


@cache
def _texted(name: str, language: str) -> dict[str, Any]:
    """Schema file ``name`` with its words in ``language`` (i18n/<lang>.schema.yaml)."""
    schema = copy.deepcopy(_raw(name))
    schema_text.apply(schema, name.removesuffix(".schema.yaml"), language)
    return schema


@cache
def load_schema(kind: str, language: str = "en") -> dict[str, Any]:
    """The expanded JSON Schema for ``kind`` (one of :data:`KINDS`), its descriptions and
    allowed-value labels in ``language``."""
    if kind not in KINDS:
        raise ValueError(f"unknown content kind {kind!r}; expected one of {', '.join(KINDS)}")
    schema = copy.deepcopy(_texted(f"{kind}.schema.yaml", language))
    vocab = vocabulary_in(vocabulary(), language)
    defs = schema.setdefault("$defs", {})
    _expand(schema, vocab, defs, language)
    if not defs:
        del schema["$defs"]
    return schema


def _expand(node: Any, vocab: Vocabulary, defs: dict[str, Any], language: str) -> None:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and not ref.startswith("#"):
            # Inline a definition from another file as a local $def, so the
            # published schema stands alone.
            file, _, pointer = ref.partition("#")
            name = pointer.rsplit("/", 1)[-1]
            if name not in defs:
                defs[name] = copy.deepcopy(_resolve(_texted(file, language), pointer))
                _expand(defs[name], vocab, defs, language)
            node["$ref"] = f"#/$defs/{name}"
        if "x-vocabulary" in node and "enum" not in node:
            terms = vocab.terms(node["x-vocabulary"])
            node["enum"] = [t.slug for t in terms]
            node["x-enum-labels"] = {str(t.slug): t.label for t in terms}
        for value in list(node.values()):
            _expand(value, vocab, defs, language)
    elif isinstance(node, list):
        for value in node:
            _expand(value, vocab, defs, language)


def _resolve(root: dict[str, Any], pointer: str) -> Any:
    node: Any = root
    for part in pointer.strip("/").split("/"):
        if part:
            node = node[part]
    return node


def resolve_ref(root: dict[str, Any], ref: str) -> dict[str, Any]:
    """Follow a local ``#/$defs/...`` reference inside ``root``."""
    return _resolve(root, ref.partition("#")[2])


# What `commons validate` checks in code, said as JSON Schema patterns for the
# published schema, so editors and standard validators give the same verdict
# (tests/core/test_schema_agreement.py). Patterns use only what ECMA-262 and Python
# regular expressions share. The validator strips a value before checking it: so do these.
PATTERNS = {
    # formats._uri: an http(s) scheme, a host, no white space inside.
    "uri": r"^\s*[Hh][Tt][Tt][Pp][Ss]?://[^\s/?#]+([/?#]\S*)?\s*$",
    # formats.yaml's email and phone patterns, allowing the white space the validator strips.
    "email": r"^\s*" + formats.table()["email"][1:-1] + r"\s*$",
    "phone": r"^\s*" + formats.table()["phone"][1:-1] + r"\s*$",
    # formats._date: YYYY-MM-DD with a month and day in range (that the day exists
    # in its month, and is not in the future, only `commons validate` can say).
    "date": r"^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$",
}


def _min_stripped(n: int) -> str:
    """A pattern for "at least ``n`` characters once surrounding white space is removed",
    the validator's reading of ``minLength`` (five spaces are not a title)."""
    if n <= 1:
        return r"\S"
    return r"^\s*\S[\s\S]{%d,}\S\s*$" % (n - 2)


def published_schema(kind: str, states: Iterable[str] = (), language: str = "en") -> dict[str, Any]:
    """The schema as editors and standard validators get it: the validator's schema, with
    its coded rules added where JSON Schema can state them. An optional field left empty
    (``funding:``) counts as absent, as the validator treats it; formats become patterns.
    On a state-scoped site (``states``) only those states are allowed (core/hosting/scope.py)."""
    schema = copy.deepcopy(narrowed_schema(load_schema(kind, language), states))
    schema["$id"] = f"{kind}.schema.json"
    _publish(schema)
    return schema


def _subschemas(node: dict[str, Any]) -> list[Any]:
    """The schemas directly inside ``node`` (not maps of them, whose keys are field names)."""
    out: list[Any] = []
    for key in ("properties", "$defs"):
        if isinstance(node.get(key), dict):
            out += list(node[key].values())
    for key in ("items", "additionalProperties", "not"):
        if isinstance(node.get(key), dict):
            out.append(node[key])
    for key in ("allOf", "anyOf", "oneOf", "prefixItems"):
        if isinstance(node.get(key), list):
            out += node[key]
    return out


def _publish(node: Any) -> None:
    if not isinstance(node, dict):
        return
    for sub in _subschemas(node):
        _publish(sub)
    extra: list[dict[str, Any]] = []
    if isinstance(node.get("format"), str) and node["format"] in PATTERNS:
        extra.append({"pattern": PATTERNS[node["format"]]})
    if isinstance(node.get("minLength"), int) and _has_type(node, "string"):
        extra.append({"pattern": _min_stripped(node["minLength"])})
    if extra:
        if "pattern" not in node:
            node["pattern"] = extra.pop(0)["pattern"]
        if extra:
            node["allOf"] = [*node.get("allOf", []), *extra]
    props = node.get("properties")
    if isinstance(props, dict):
        required = set(node.get("required", ()))
        for name, sub in props.items():
            if name not in required and isinstance(sub, dict):
                props[name] = _nullable(sub)


def _has_type(node: dict[str, Any], wanted: str) -> bool:
    types = node.get("type")
    return types == wanted or (isinstance(types, list) and wanted in types)


def _nullable(node: dict[str, Any]) -> dict[str, Any]:
    """``node``, also accepting null: how YAML reads a key with nothing after it."""
    if "type" in node and "$ref" not in node and "oneOf" not in node:
        types = node["type"] if isinstance(node["type"], list) else [node["type"]]
        node["type"] = [*types, "null"] if "null" not in types else types
        if "enum" in node and None not in node["enum"]:
            node["enum"] = [*node["enum"], None]
        return node
    if "enum" in node and "$ref" not in node and "oneOf" not in node:
        node["enum"] = [*node["enum"], None] if None not in node["enum"] else node["enum"]
        return node
    described = {k: node[k] for k in ("description", "examples") if k in node}
    return {**described, "anyOf": [{"type": "null"}, node]}


def schema_json(kind: str, states: Iterable[str] = (), language: str = "en") -> str:
    """The published form of a schema: stable, indented JSON, its help in ``language``."""
    return json.dumps(published_schema(kind, states, language), indent=2, ensure_ascii=False,
                      sort_keys=False) + "\n"
