"""The "fields" reference pages, generated from the schemas (never written by hand)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from .markdown import md_cell
from .schema import load_schema, resolve_ref

_TYPE_WORDS = {"string": "text", "integer": "number", "number": "number", "boolean": "true/false",
               "array": "list", "object": "group"}
TITLES = {"profile": "Profile fields", "case-study": "Case study fields",
          "template": "Toolkit template fields"}
FOLDERS = {"profile": "profiles/<slug>.md", "case-study": "content/case-studies/<slug>.md",
           "template": "content/templates/<slug>.md"}


def rows(kind: str) -> Iterator[tuple[str, str, bool, str, str, str]]:
    """(field, type, required, description, allowed values, example) for every field."""
    schema = load_schema(kind)
    yield from _walk(schema, schema, "", True)


def _walk(root: dict[str, Any], node: dict[str, Any], prefix: str,
          required_here: bool) -> Iterator[tuple[str, str, bool, str, str, str]]:
    required = set(node.get("required", ()))
    for name, sub in node.get("properties", {}).items():
        if "$ref" in sub:
            sub = {**resolve_ref(root, sub["$ref"]), **{k: v for k, v in sub.items() if k != "$ref"}}
        path = f"{prefix}{name}"
        items = sub.get("items", {})
        if isinstance(items, dict) and "$ref" in items:
            items = resolve_ref(root, items["$ref"])
        yield (path, _type(sub, items), required_here and name in required,
               sub.get("description", "") or items.get("description", ""),
               _allowed(sub if "enum" in sub else items), _example(sub))
        if sub.get("type") == "object":
            yield from _walk(root, sub, f"{path}.", required_here and name in required)
        elif isinstance(items, dict) and items.get("type") == "object":
            yield from _walk(root, items, f"{path}[].", required_here and name in required)
        elif isinstance(items, dict) and "oneOf" in items:
            for option in items["oneOf"]:
                variant = resolve_ref(root, option["$ref"])
                kind = variant["properties"]["type"]["const"]
                yield from _walk(root, {k: v for k, v in variant.items()},
                                 f"{path}[] (type: {kind}).", False)


def _type(sub: dict[str, Any], items: dict[str, Any]) -> str:
    types = sub.get("type")
    if "const" in sub:
        return f"exactly {sub['const']!r}"
    if types is None:
        return "one of the allowed values" if "enum" in sub else "value"
    types = [types] if isinstance(types, str) else types
    words = " or ".join(_TYPE_WORDS.get(t, t) for t in types)
    if "array" in types and isinstance(items, dict) and items.get("type"):
        words = words.replace("list", f"list of {_TYPE_WORDS.get(items['type'], items['type'])}")
    limits = []
    if "maxLength" in sub:
        limits.append(f"≤ {sub['maxLength']} characters")
    if "format" in sub:
        limits.append({"date": "YYYY-MM-DD", "email": "email address", "uri": "https:// link",
                       "attachment": "file in the profile's folder"}.get(sub["format"], sub["format"]))
    return words + (f" ({', '.join(limits)})" if limits else "")


def _allowed(node: dict[str, Any]) -> str:
    if "enum" not in node:
        return ""
    labels = node.get("x-enum-labels", {})
    return "; ".join(f"`{v}` {labels.get(str(v), '')}".strip() for v in node["enum"])


def _example(sub: dict[str, Any]) -> str:
    examples = sub.get("examples")
    if not examples:
        return ""
    value = examples[0]
    return value if isinstance(value, str) else json.dumps(value)


def reference_markdown(kind: str, strings: dict[str, str]) -> str:
    """A Markdown page documenting every field of ``kind``."""
    schema = load_schema(kind)
    out = [
        "---", f"title: {TITLES[kind]}", f"description: Every front-matter field of a {kind.replace('-', ' ')}, "
        "generated from the schema the validator uses.", "---", "",
        f"# {TITLES[kind]}", "",
        md_cell(schema.get("description", "")), "",
        f"Files live at `{FOLDERS[kind]}`. This page is generated from the same schema that "
        "`commons validate` and the build use, so it is always current. Editors that understand "
        f"JSON Schema can check files as you type with [{kind}.schema.json](../schema/{kind}.schema.json).",
        "",
        f"| {strings['field']} | {strings['type']} | {strings['required']} | {strings['description']} "
        f"| {strings['allowed_values']} | {strings['example']} |",
        "|---|---|---|---|---|---|",
    ]
    for path, typ, req, desc, allowed, example in rows(kind):
        out.append(
            f"| `{path}` | {md_cell(typ)} | {strings['answer_yes'] if req else strings['answer_no']} "
            f"| {md_cell(desc)} | {allowed.replace('|', '&#124;')} "
            f"| {('`' + example.replace('`', '') + '`') if example else ''} |")
    return "\n".join(out) + "\n"
