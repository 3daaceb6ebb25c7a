"""The "fields" reference pages, generated from the schemas (never written by hand)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from .markdown import md_cell
from .schema import load_schema, resolve_ref
from .scope import narrowed_schema

_TYPE_WORDS = {"string": "text", "integer": "number", "number": "number", "boolean": "true/false",
               "array": "list", "object": "group"}
TITLES = {"profile": "Profile fields", "case-study": "Case study fields",
          "template": "Toolkit template fields"}
FOLDERS = {"profile": "profiles/<slug>.md", "case-study": "content/case-studies/<slug>.md",
           "template": "content/templates/<slug>.md"}


# What `commons validate` and the build check that the published JSON Schema cannot
# say (tests/core/test_schema_agreement.py keeps this list honest): an editor that
# checks a file against the schema does not catch these.
_EVERY_KIND = (
    "Each web address (from the file name, or `slug`) is used by one file only, and a file "
    "name must make a usable address.",
    "Text may not hold hidden characters (zero-width spaces, direction overrides, control "
    "characters).",
)
BUILD_ONLY: dict[str, tuple[str, ...]] = {
    "profile": (
        "`submitted` and `last_reviewed` are real calendar days (no 30 February) and not in "
        "the future.",
        "A profile that is not a draft has text of its own under each of its four headings: "
        "`## The practice`, `## Evidence of success`, `## How to adopt it` and "
        "`## Lessons learned`.",
        "`resources[].file` names a file that is in the profile's own folder.",
        "`case_studies` and `templates` name case studies and toolkit templates on this site.",
        "A profile that is not a draft gives a way to ask for support (`contact.email`, "
        "`form`, `url` or `phone`), unless the site has a support route of its own "
        "(`extra.host.support` in mkdocs.yml), which its page then shows.",
        "On a site scoped to some states (`states:` of practice-commons/hosting), "
        "`school.state` is one of them.",
        *_EVERY_KIND,
    ),
    "case-study": ("On a site scoped to some states, `location.state` is one of them.",
                   *_EVERY_KIND),
    "template": ("Section ids are unique, and the rules between sections hold (for example "
                 "a scale's ready mark within its range).", *_EVERY_KIND),
}


def build_only_markdown(kind: str) -> list[str]:
    """The reference page's list of checks only `commons validate` and the build make."""
    items = BUILD_ONLY.get(kind, ())
    if not items:
        return []
    return ["", "## Checked only by `commons validate` and the build", "",
            f"[{kind}.schema.json](../schema/{kind}.schema.json) says everything above. "
            "These rules need the rest of the site, today's date or the text below the front "
            "matter, so an editor that checks the schema does not catch them; "
            "`commons validate` does:", "", *[f"- {item}" for item in items]]


def rows(kind: str, states: Iterable[str] = ()) -> Iterator[tuple[str, str, bool, str, str, str]]:
    """(field, type, required, description, allowed values, example) for every field; on a
    state-scoped site (``states``) the allowed states are those only."""
    schema = narrowed_schema(load_schema(kind), states)
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
                       "phone": "phone number", "attachment": "file in the profile's folder"}.get(sub["format"], sub["format"]))
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


def reference_markdown(kind: str, strings: dict[str, str], states: Iterable[str] = ()) -> str:
    """A Markdown page documenting every field of ``kind`` (on a scoped site, ``states``)."""
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
    for path, typ, req, desc, allowed, example in rows(kind, states):
        out.append(
            f"| `{path}` | {md_cell(typ)} | {strings['answer_yes'] if req else strings['answer_no']} "
            f"| {md_cell(desc)} | {allowed.replace('|', '&#124;')} "
            f"| {('`' + example.replace('`', '') + '`') if example else ''} |")
    out += build_only_markdown(kind)
    return "\n".join(out) + "\n"
