"""Turn rows of a spreadsheet into profile data, following a column mapping.

The mapping (YAML) names, for each profile field, the column it comes from::

    fields:
      title: Practice name
      school.state: State
      topics: {column: Topics, split: ";"}
      school.sector: {column: Type, values: {Charter school: charter}}
      resources[0].level: Resource 1 level
    body:
      The practice: Description
    constants:
      status: draft

Cells are converted by the schema: numbers where it wants numbers, vocabulary
labels and aliases ("Massachusetts", "ELL") to their slugs. Anything else is
left as written, so the validator can say what is wrong with it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import yaml

from ..rules.schema import load_schema, resolve_ref, vocabulary
from .scaffold import BODY_SECTIONS, iter_fields

_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


class MappingError(Exception):
    """The mapping file cannot be used; ``problems`` lists every reason, one line each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Column:
    target: str  # dotted field path, e.g. resources[0].level
    column: str
    split: str | None = None
    values: dict[str, Any] = field(default_factory=dict)


@dataclass
class Mapping:
    columns: list[Column]
    body: dict[str, str]
    constants: dict[str, Any]
    slug_column: str | None = None

    def column_for(self, field_path: str) -> list[str]:
        """The columns that feed ``field_path`` or anything inside it (best match first)."""
        wanted = parse_path(field_path)
        while wanted:
            exact = [c.column for c in self.columns if parse_path(c.target) == wanted]
            if exact:
                return exact
            inside = [c.column for c in self.columns
                      if parse_path(c.target)[:len(wanted)] == wanted]
            if inside:
                return inside
            wanted = wanted[:-1]
        return []


def parse_path(dotted: str) -> tuple:
    """``resources[0].level`` → ``("resources", 0, "level")``."""
    return tuple(int(i) if i else name for name, i in _PART.findall(dotted))


def schema_at(path: tuple) -> dict[str, Any] | None:
    """The schema of the field at ``path`` (None if there is no such field)."""
    root = load_schema("profile")
    node: dict[str, Any] = root
    for part in path:
        if isinstance(part, int):
            node = node.get("items") or {}
        else:
            node = (node.get("properties") or {}).get(part)
            if node is None:
                return None
        if "$ref" in node:
            node = resolve_ref(root, node["$ref"])
    return node


def _lines(text: str) -> dict[str, int]:
    """1-based lines of the keys under ``fields:`` and ``body:`` for error messages."""
    out: dict[str, int] = {}
    try:
        root = yaml.compose(text)
    except yaml.YAMLError:
        return out
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            out[key.value] = key.start_mark.line + 1
            if isinstance(value, yaml.MappingNode):
                for k, _ in value.value:
                    out[f"{key.value}/{k.value}"] = k.start_mark.line + 1
    return out


def load_mapping(path: Path, headers: list[str]) -> Mapping:
    """Read and check a mapping against the schema and the sheet's ``headers``."""
    text = path.read_text(encoding="utf-8")
    name = path.name
    try:
        raw = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise MappingError([f"{name}:{line}: not valid YAML: {getattr(exc, 'problem', exc)}"]) from exc
    lines = _lines(text)
    problems: list[str] = []
    if not isinstance(raw, dict) or not isinstance(raw.get("fields"), dict):
        raise MappingError([(f"{name}:1: a mapping needs a 'fields:' section naming, for each "
                             "profile field, the column it comes from")])
    known = set(iter_fields())
    columns: list[Column] = []

    def check_column(col: Any, where: str) -> bool:
        if col in headers:
            return True
        close = difflib.get_close_matches(str(col), headers, n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}?" if close else f"the columns are: {', '.join(headers)}"
        problems.append(f"{name}:{lines.get(where, 1)}: no column {col!r} in the spreadsheet — {hint}")
        return False

    for target, spec in raw["fields"].items():
        where = f"fields/{target}"
        spec = spec if isinstance(spec, dict) else {"column": spec}
        generic = re.sub(r"\[\d+\]", "[]", str(target))
        if generic not in known or schema_at(parse_path(target)) is None:
            close = difflib.get_close_matches(generic, sorted(known), n=1, cutoff=0.6)
            hint = f"did you mean {close[0]!r}?" if close else "see /reference/profile-fields/"
            problems.append(f"{name}:{lines.get(where, 1)}: {target!r} is not a profile field — {hint}")
            continue
        if "column" not in spec:
            problems.append(f"{name}:{lines.get(where, 1)}: {target!r} needs 'column: <header>'")
            continue
        if check_column(spec["column"], where):
            columns.append(Column(str(target), str(spec["column"]), spec.get("split"),
                                  {str(k).strip().lower(): v for k, v in (spec.get("values") or {}).items()}))
    body = {str(k): str(v) for k, v in (raw.get("body") or {}).items()}
    headings = [h for h, _ in BODY_SECTIONS]
    for heading, col in body.items():
        if heading not in headings:
            problems.append(f"{name}:{lines.get(f'body/{heading}', 1)}: {heading!r} is not a body "
                            f"section — use one of: {', '.join(headings)}")
        else:
            check_column(col, f"body/{heading}")
    slug_column = raw.get("slug")
    if slug_column is not None:
        check_column(slug_column, "slug")
    if problems:
        raise MappingError(problems)
    return Mapping(columns, body, dict(raw.get("constants") or {}), slug_column)


_MISSING = object()


@cache
def _names(vocabulary_name: str) -> dict[str, Any]:
    """Every slug, label and alias of a vocabulary (lowercase) → its slug."""
    out: dict[str, Any] = {}
    for term in vocabulary().terms(vocabulary_name):
        for key in (str(term.slug), term.label, *term.aliases):
            out.setdefault(key.lower(), term.slug)
    return out


def _convert(cell: Any, schema: dict[str, Any], values: dict[str, Any]) -> Any:
    if isinstance(cell, dt.datetime):
        cell = cell.date()
    if isinstance(cell, dt.date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    if isinstance(cell, str):
        cell = cell.strip()
        if cell.lower() in values:
            return values[cell.lower()]
    types = schema.get("type")
    types = [types] if isinstance(types, str) else (types or [])
    enum = schema.get("enum")
    if enum is not None:
        name = schema.get("x-vocabulary")
        if name:
            slug = _names(name).get(str(cell).strip().lower(), _MISSING)
            if slug is not _MISSING:
                return slug
        if isinstance(cell, str) and re.fullmatch(r"-?\d+", cell) and "integer" in types:
            return int(cell)
        return cell
    if isinstance(cell, str) and re.fullmatch(r"-?\d+", cell) and (
            "integer" in types or "number" in types):
        return int(cell)
    if isinstance(cell, str) and re.fullmatch(r"-?\d+\.\d+", cell) and "number" in types:
        return float(cell)
    if isinstance(cell, (int, float)) and "string" in types and not (
            {"integer", "number"} & set(types)):
        return str(cell)
    return cell


def _put(data: dict[str, Any], path: tuple, value: Any) -> None:
    node: Any = data
    for here, nxt in pairwise(path):
        if isinstance(here, int):
            while len(node) <= here:
                node.append({} if isinstance(nxt, str) else [])
            node = node[here]
        else:
            node = node.setdefault(here, [] if isinstance(nxt, int) else {})
    last = path[-1]
    if isinstance(last, int):
        while len(node) <= last:
            node.append(None)
    node[last] = value


def row_to_profile(cells: dict[str, Any], mapping: Mapping
                   ) -> tuple[dict[str, Any], dict[str, str], dict[str, str]]:
    """Profile data, body sections, and renames from one row's cells.

    Groups left empty are dropped, so a row that fills "Resource 2" but not
    "Resource 1" makes ``resources[0]`` from the Resource 2 columns; ``renames``
    maps ``resources[0]`` back to ``resources[1]`` for reporting by column.
    """
    data: dict[str, Any] = {}
    for key, value in mapping.constants.items():
        _put(data, parse_path(str(key)), value)
    for col in mapping.columns:
        cell = cells.get(col.column)
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            continue
        path = parse_path(col.target)
        schema = schema_at(path) or {}
        if schema.get("type") == "array":
            items = schema.get("items") or {}
            parts = str(cell).split(col.split or ";")
            value: Any = [_convert(p, items, col.values) for p in parts if p.strip()]
        else:
            value = _convert(cell, schema, col.values)
        _put(data, path, value)
    body = {heading: str(cells.get(col) or "").strip() for heading, col in mapping.body.items()}
    renames: dict[str, str] = {}
    _compact(data, "", renames)
    return data, body, renames


def _compact(node: Any, where: str, renames: dict[str, str]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            _compact(value, f"{where}.{key}" if where else key, renames)
    elif isinstance(node, list):
        kept = [(i, v) for i, v in enumerate(node) if v not in (None, {}, [])]
        for new, (old, value) in enumerate(kept):
            if new != old:
                renames[f"{where}[{new}]"] = f"{where}[{old}]"
            _compact(value, f"{where}[{old}]", renames)
        node[:] = [v for _, v in kept]


def original_field(field_path: str, renames: dict[str, str]) -> str:
    """Undo :func:`row_to_profile`'s renames in a validator field path."""
    for new in sorted(renames, key=len):
        if field_path == new or field_path.startswith((new + ".", new + "[")):
            field_path = renames[new] + field_path[len(new):]
    return field_path
