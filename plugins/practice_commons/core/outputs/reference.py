"""The "fields" reference pages, generated from the schemas (never written by hand)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from ..hosting.i18n import strings as i18n_strings
from ..hosting.scope import narrowed_schema
from ..rules.messages import fill
from ..rules.schema import load_schema, resolve_ref
from .markdown import md_cell

FOLDERS = {"profile": "profiles/<slug>.md", "case-study": "content/case-studies/<slug>.md",
           "template": "content/templates/<slug>.md"}
_FORMATS = ("date", "email", "phone", "uri", "attachment")


# What `commons validate` and the build check that the published JSON Schema cannot
# say (tests/core/test_schema_agreement.py keeps this list honest): an editor that
# checks a file against the schema does not catch these. Keys of the interface strings.
_EVERY_KIND = ("ref_rule_addresses", "ref_rule_hidden")
BUILD_ONLY: dict[str, tuple[str, ...]] = {
    "profile": ("ref_rule_dates", "ref_rule_sections", "ref_rule_attachments",
                "ref_rule_references", "ref_rule_support", "ref_rule_scope_profile", *_EVERY_KIND),
    "case-study": ("ref_rule_scope_case_study", *_EVERY_KIND),
    "template": ("ref_rule_template_sections", *_EVERY_KIND),
}


def _slot(kind: str) -> str:
    return kind.replace("-", "_")


def _schema_link(kind: str) -> str:
    return f"[{kind}.schema.json](../schema/{kind}.schema.json)"


def build_only_markdown(kind: str, strings: dict[str, str]) -> list[str]:
    """The reference page's list of checks only `commons validate` and the build make."""
    items = BUILD_ONLY.get(kind, ())
    if not items:
        return []
    return ["", "## " + strings["ref_build_only_title"], "",
            fill(strings["ref_build_only_intro"], {"schema_link": _schema_link(kind)}), "",
            *[f"- {strings[item]}" for item in items]]


def rows(kind: str, strings: dict[str, str] | None = None, language: str = "en",
         states: Iterable[str] = ()) -> Iterator[tuple[str, str, bool, str, str, str]]:
    """(field, type, required, description, allowed values, example) for every field,
    in ``language`` (the types in the words of ``strings``, English by default); on a
    state-scoped site (``states``) the allowed states are those only."""
    schema = narrowed_schema(load_schema(kind, language), states)
    yield from _walk(schema, schema, "", True, strings or i18n_strings("en"))


def _walk(root: dict[str, Any], node: dict[str, Any], prefix: str, required_here: bool,
          t: dict[str, str]) -> Iterator[tuple[str, str, bool, str, str, str]]:
    required = set(node.get("required", ()))
    for name, sub in node.get("properties", {}).items():
        if "$ref" in sub:
            sub = {**resolve_ref(root, sub["$ref"]), **{k: v for k, v in sub.items() if k != "$ref"}}
        path = f"{prefix}{name}"
        items = sub.get("items", {})
        if isinstance(items, dict) and "$ref" in items:
            items = resolve_ref(root, items["$ref"])
        yield (path, _type(sub, items, t), required_here and name in required,
               sub.get("description", "") or items.get("description", ""),
               _allowed(sub if "enum" in sub else items), _example(sub))
        if sub.get("type") == "object":
            yield from _walk(root, sub, f"{path}.", required_here and name in required, t)
        elif isinstance(items, dict) and items.get("type") == "object":
            yield from _walk(root, items, f"{path}[].", required_here and name in required, t)
        elif isinstance(items, dict) and "oneOf" in items:
            for option in items["oneOf"]:
                variant = resolve_ref(root, option["$ref"])
                kind = variant["properties"]["type"]["const"]
                yield from _walk(root, {k: v for k, v in variant.items()},
                                 f"{path}[] (type: {kind}).", False, t)


def _type(sub: dict[str, Any], items: dict[str, Any], t: dict[str, str]) -> str:
    def word(name: str) -> str:
        return t.get(f"ref_type_{name}", name)

    types = sub.get("type")
    if "const" in sub:
        return fill(t["ref_type_exactly"], {"value": repr(sub["const"])})
    if types is None:
        return t["ref_type_enum"] if "enum" in sub else t["ref_type_value"]
    types = [types] if isinstance(types, str) else types
    words = t["ref_type_or"].join(
        fill(t["ref_type_list_of"], {"type": word(items["type"])})
        if ty == "array" and isinstance(items, dict) and items.get("type") else word(ty)
        for ty in types)
    limits = []
    if "maxLength" in sub:
        limits.append(fill(t["ref_limit_max"], {"n": sub["maxLength"]}))
    if sub.get("format") in _FORMATS:
        limits.append(t[f"ref_limit_{sub['format']}"])
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


def reference_markdown(kind: str, strings: dict[str, str], states: Iterable[str] = (), *,
                       language: str = "en") -> str:
    """A Markdown page documenting every field of ``kind``, in the site's language (on a
    scoped site, with ``states`` only)."""
    schema = load_schema(kind, language)
    title = strings[f"ref_title_{_slot(kind)}"]
    out = [
        "---", f"title: {json.dumps(title, ensure_ascii=False)}",
        f"description: {json.dumps(strings[f'ref_description_{_slot(kind)}'], ensure_ascii=False)}",
        "---", "", f"# {title}", "",
        md_cell(schema.get("description", "")), "",
        fill(strings["ref_intro"], {"folder": FOLDERS[kind], "schema_link": _schema_link(kind)}),
        "",
        f"| {strings['field']} | {strings['type']} | {strings['required']} | {strings['description']} "
        f"| {strings['allowed_values']} | {strings['example']} |",
        "|---|---|---|---|---|---|",
    ]
    for path, typ, req, desc, allowed, example in rows(kind, strings, language, states):
        out.append(
            f"| `{path}` | {md_cell(typ)} | {strings['answer_yes'] if req else strings['answer_no']} "
            f"| {md_cell(desc)} | {allowed.replace('|', '&#124;')} "
            f"| {('`' + example.replace('`', '') + '`') if example else ''} |")
    out += build_only_markdown(kind, strings)
    return "\n".join(out) + "\n"
