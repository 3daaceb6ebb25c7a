"""Write profile files: the commented skeleton, ``commons new`` and imported rows.

One writer for every way a profile is made, so a file from the command line, the
spreadsheet importer and the site's submission form look the same to a reviewer.
``assets/.../submit-writer.js`` holds the same writer for the browser; a browser test
checks that both produce byte-identical files from the same data.

The YAML is written by hand rather than with ``yaml.safe_dump`` because we want a
file a person can read and edit: keys in the schema's order, slug lists on one
line, and quotes only where YAML would otherwise misread a value.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..rules.schema import load_schema, resolve_ref

# The body every profile is asked to have, with what to write under each heading.
BODY_SECTIONS: tuple[tuple[str, str], ...] = (
    ("The practice", "What the practice is, who runs it and how it works day to day."),
    ("Evidence of success", "What has changed since you started, with figures and their sources."),
    ("How to adopt it", "The steps another school would take, in order, and what it needs."),
    ("Lessons learned", "What you would do differently, and what made it work."),
)

# A plain YAML scalar only when it cannot be misread: starts with a letter, holds no
# character YAML gives a meaning to, and is not a word YAML 1.1 turns into a boolean/null.
_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 .;'()/&+_@-]*$")
_RESERVED = {"yes", "no", "true", "false", "on", "off", "null", "y", "n"}
FLOW_MAX = 40  # lists of short values (slugs) go on one line; longer text one item a line


def scalar(value: Any) -> str:
    """One YAML scalar, quoted (as JSON, which YAML reads) only where needed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    text = str(value)
    if _PLAIN.match(text) and text == text.strip() and text.lower() not in _RESERVED:
        return text
    return json.dumps(text, ensure_ascii=False)


def _ordered(data: dict[str, Any], schema: dict[str, Any]) -> list[tuple[str, Any]]:
    props = list(schema.get("properties", {}))
    keys = [k for k in props if k in data] + [k for k in data if k not in props]
    return [(k, data[k]) for k in keys]


def _sub(root: dict[str, Any], schema: dict[str, Any], key: str | None) -> dict[str, Any]:
    node = schema.get("properties", {}).get(key, {}) if key is not None else schema.get("items", {})
    if "$ref" in node:
        node = resolve_ref(root, node["$ref"])
    return node or {}


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def prune(value: Any) -> Any:
    """Drop empty strings, lists, groups and list items (a form's untouched fields)."""
    if isinstance(value, dict):
        out = {k: prune(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if not _is_empty(v)}
    if isinstance(value, list):
        out = [prune(v) for v in value]
        return [v for v in out if not _is_empty(v)]
    if isinstance(value, str):
        return value.strip()
    return value


def yaml_lines(data: dict[str, Any], schema: dict[str, Any] | None = None,
               root: dict[str, Any] | None = None, indent: int = 0) -> list[str]:
    """``data`` as YAML lines, keys in the schema's order."""
    root = root or schema or load_schema("profile")
    schema = schema or root
    pad = " " * indent
    out: list[str] = []
    for key, value in _ordered(data, schema):
        sub = _sub(root, schema, key)
        if isinstance(value, dict):
            out.append(f"{pad}{key}:")
            out.extend(yaml_lines(value, sub, root, indent + 2))
        elif isinstance(value, list):
            out.extend(_list_lines(key, value, sub, root, indent))
        else:
            out.append(f"{pad}{key}: {scalar(value)}".rstrip())
    return out


def _list_lines(key: str, items: list[Any], schema: dict[str, Any], root: dict[str, Any],
                indent: int) -> list[str]:
    pad = " " * indent
    if not items:
        return [f"{pad}{key}: []"]
    if all(not isinstance(i, (dict, list)) and len(str(i)) <= FLOW_MAX for i in items):
        return [f"{pad}{key}: [{', '.join(scalar(i) for i in items)}]"]
    out = [f"{pad}{key}:"]
    item_schema = _sub(root, schema, None)
    for item in items:
        if isinstance(item, dict):
            lines = yaml_lines(item, item_schema, root, indent + 4)
            if not lines:
                out.append(f"{pad}  - {{}}")
                continue
            out.append(f"{pad}  - {lines[0].lstrip()}")
            out.extend(lines[1:])
        else:
            out.append(f"{pad}  - {scalar(item)}".rstrip())
    return out


def render_profile(data: dict[str, Any], body: dict[str, str] | None = None) -> str:
    """A complete profile file: front matter from ``data``, then the body sections.

    Empty values are left out; sections with no text are left out too.
    """
    lines = ["---", *yaml_lines(prune(data)), "---", ""]
    for heading, _ in BODY_SECTIONS:
        text = (body or {}).get(heading, "").replace("\r\n", "\n").strip()
        if text:
            lines += [f"## {heading}", "", text, ""]
    return "\n".join(lines).rstrip("\n") + "\n"


# -- the commented skeleton --------------------------------------------------------------

def _note(name: str, schema: dict[str, Any], required: bool, root: dict[str, Any]) -> str:
    desc = " ".join(str(schema.get("description", "")).split())
    items = schema.get("items") if isinstance(schema.get("items"), dict) else {}
    enum = schema.get("enum") or (items or {}).get("enum")
    allowed = ""
    if enum and len(enum) <= 20:
        allowed = " Allowed: " + ", ".join(str(v) for v in enum) + "."
    elif enum:
        allowed = f" See the allowed values at /reference/profile-fields/ ({len(enum)} in all)."
    example = ""
    if required and schema.get("examples") and not enum:
        example = f" Example: {scalar(schema['examples'][0])}"
    return f"{'REQUIRED' if required else 'Optional'}. {desc}{allowed}{example}".rstrip()


def _example(schema: dict[str, Any], root: dict[str, Any]) -> Any:
    if schema.get("examples"):
        return schema["examples"][0]
    if schema.get("type") == "object":
        return {k: _example(_sub(root, schema, k), root)
                for k in schema.get("required", list(schema.get("properties", {}))[:1])}
    if schema.get("type") == "array":
        return [_example(_sub(root, schema, None), root)]
    return "…"


def skeleton(values: dict[str, Any] | None = None, body: dict[str, str] | None = None) -> str:
    """A commented profile: required fields (filled from ``values`` or left empty),
    optional fields as commented-out examples, and the body headings with guidance.

    With every required value given it validates as it stands; left empty, the
    validator names each field still to fill in.
    """
    root = load_schema("profile")
    values = values or {}
    lines = [
        "---",
        "# A best-practice profile. Lines starting with # are notes for you: the site",
        "# ignores them. Fill in every REQUIRED field. To use an optional field, delete",
        "# the '# ' in front of it. Every field is explained on the site's Profile fields",
        "# page (/reference/profile-fields/); `commons validate` checks the file.",
    ]
    lines += _skeleton_fields(root, root, values, 0)
    lines += ["---", ""]
    for heading, guide in BODY_SECTIONS:
        text = (body or {}).get(heading, "").strip()
        lines += [f"## {heading}", "", text or f"<!-- {guide} -->", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _skeleton_fields(root: dict[str, Any], schema: dict[str, Any], values: dict[str, Any],
                     indent: int) -> list[str]:
    pad = " " * indent
    required = set(schema.get("required", ()))
    out: list[str] = []
    for key in schema.get("properties", {}):
        sub = _sub(root, schema, key)
        if sub.get("format") == "attachment":
            continue
        is_required = key in required
        value = values.get(key)
        note = _note(key, sub, is_required, root)
        out += [f"{pad}# {line}" for line in textwrap.wrap(note, 88 - indent)]
        if sub.get("type") == "object" and (is_required or isinstance(value, dict)):
            out.append(f"{pad}{key}:")
            out += _skeleton_fields(root, sub, value if isinstance(value, dict) else {}, indent + 2)
        elif not _is_empty(value):
            out += yaml_lines({key: prune(value)}, schema, root, indent)
        elif is_required and sub.get("type") == "array":
            item = _sub(root, sub, None)
            if item.get("type") == "object":
                fields = [k for k in item.get("properties", {}) if k in item.get("required", ())]
                out.append(f"{pad}{key}:")
                out += [f"{pad}  {'- ' if i == 0 else '  '}{k}:" for i, k in enumerate(fields)]
            else:
                out.append(f"{pad}{key}: []")
        elif is_required:
            out.append(f"{pad}{key}:")
        else:
            example = yaml_lines({key: _example(sub, root)}, schema, root, 0)
            out += [f"{pad}# {line}" for line in example]
    return out


def default_values(today: str) -> dict[str, Any]:
    """Values every new profile starts with."""
    return {"status": "published", "submitted": today}


def write_new(path: Path, text: str, *, force: bool = False) -> None:
    """Write ``text`` to ``path``, refusing to replace an existing file unless ``force``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = "w" if force else "x"
    with open(path, mode, encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def iter_fields(schema: dict[str, Any] | None = None) -> Iterable[str]:
    """Dotted names of every field (``school.state``, ``resources[].level``)."""
    root = load_schema("profile")
    yield from _iter(root, schema or root, "")


def _iter(root: dict[str, Any], schema: dict[str, Any], prefix: str) -> Iterable[str]:
    for key in schema.get("properties", {}):
        sub = _sub(root, schema, key)
        yield prefix + key
        if sub.get("type") == "object":
            yield from _iter(root, sub, f"{prefix}{key}.")
        elif sub.get("type") == "array" and _sub(root, sub, None).get("type") == "object":
            yield from _iter(root, _sub(root, sub, None), f"{prefix}{key}[].")
