"""Load the schemas: resolve shared definitions and expand vocabularies into enums.

The YAML files in ``schema/`` are written for people (a vocabulary is named, not
copied). What this module returns is plain JSON Schema (draft 2020-12), used both
by our validator and, published as ``/schema/<kind>.schema.json``, by editors.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

import yaml

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
def load_schema(kind: str) -> dict[str, Any]:
    """The expanded JSON Schema for ``kind`` (one of :data:`KINDS`)."""
    if kind not in KINDS:
        raise ValueError(f"unknown content kind {kind!r}; expected one of {', '.join(KINDS)}")
    schema = copy.deepcopy(_raw(f"{kind}.schema.yaml"))
    vocab = vocabulary()
    defs = schema.setdefault("$defs", {})
    _expand(schema, vocab, defs)
    if not defs:
        del schema["$defs"]
    return schema


def _expand(node: Any, vocab: Vocabulary, defs: dict[str, Any]) -> None:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and not ref.startswith("#"):
            # Inline a definition from another file as a local $def, so the
            # published schema stands alone.
            file, _, pointer = ref.partition("#")
            name = pointer.rsplit("/", 1)[-1]
            if name not in defs:
                defs[name] = copy.deepcopy(_resolve(_raw(file), pointer))
                _expand(defs[name], vocab, defs)
            node["$ref"] = f"#/$defs/{name}"
        if "x-vocabulary" in node and "enum" not in node:
            terms = vocab.terms(node["x-vocabulary"])
            node["enum"] = [t.slug for t in terms]
            node["x-enum-labels"] = {str(t.slug): t.label for t in terms}
        for value in list(node.values()):
            _expand(value, vocab, defs)
    elif isinstance(node, list):
        for value in node:
            _expand(value, vocab, defs)


def _resolve(root: dict[str, Any], pointer: str) -> Any:
    node: Any = root
    for part in pointer.strip("/").split("/"):
        if part:
            node = node[part]
    return node


def resolve_ref(root: dict[str, Any], ref: str) -> dict[str, Any]:
    """Follow a local ``#/$defs/...`` reference inside ``root``."""
    return _resolve(root, ref.partition("#")[2])


def schema_json(kind: str) -> str:
    """The published form of a schema: stable, indented JSON."""
    schema = dict(load_schema(kind))
    schema["$id"] = f"{kind}.schema.json"
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
