"""Check one document against its kind's schema, reporting every problem.

A small interpreter for the subset of JSON Schema our schemas use. We do not
use a general JSON Schema library here because contributors need more than a
path and a keyword: the line, the field in their words, the nearest allowed
value, the misspelt key, and the fix; and a build must check thousands of
files per second. ``tests/core/test_schema_conformance.py`` checks that this
interpreter and the reference ``jsonschema`` implementation agree.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from .fastcheck import compile_schema
from .frontmatter import Document, Path_, dotted
from .issues import Issue
from .schema import load_schema, resolve_ref, vocabulary
from .vocabulary import NOUNS

_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a group of fields",
    "null": "empty",
}
_TYPE_HINTS = {
    "array": "write it as a list, one '- value' per line under the field",
    "object": "write the sub-fields on the lines below, indented by two spaces",
    "string": "put the value in double quotes",
    "integer": "write a number such as 3, without quotes",
}
EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Digits and the marks people write between them, an optional leading + and extension;
# the shape only (a number's existence cannot be checked offline). Same as PATTERNS["phone"].
PHONE = re.compile(r"^\+?[0-9(][0-9 ().-]{5,28}[0-9]( ?(x|ext\.?) ?[0-9]{1,6})?$")


def type_of(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _is_type(value: Any, wanted: str) -> bool:
    actual = type_of(value)
    return actual == wanted or (wanted == "number" and actual == "integer")


def describe(value: Any) -> str:
    kind = type_of(value)
    if kind == "boolean":
        # Not "true or false false": YAML reads yes/no/on/off/true/false as this.
        return f"the yes/no value {str(value).lower()}"
    if kind in ("string", "integer", "number"):
        shown = repr(value) if kind == "string" else str(value).lower()
        return f"{_TYPE_NAMES[kind]} {shown[:60]}"
    return _TYPE_NAMES[kind]


class Validator:
    """Validates data of one kind; build it once and reuse it for every file."""

    def __init__(self, kind: str, today: dt.date | None = None) -> None:
        self.kind = kind
        self.schema = load_schema(kind)
        self.vocab = vocabulary()
        self.today = today or dt.date.today()
        self.formats: dict[str, Callable[[str], tuple[str, str] | None]] = {
            "date": self._check_date,
            "email": _check_email,
            "phone": _check_phone,
            "uri": _check_uri,
            "attachment": _check_attachment,
        }
        # Most files are valid: a compiled yes/no check first, the walk only to explain a no.
        self._valid = compile_schema(self.schema, self.formats)

    def validate(self, doc: Document) -> list[Issue]:
        """Every problem in ``doc.data``; the parse problems are not repeated."""
        out: list[Issue] = []
        if not self._valid(doc.data):
            self._check(self.schema, doc.data, (), doc, out)
        if self.kind == "template" and not out:
            # Rules the schema cannot state (unique section ids, ready_at within the
            # scale …); they rely on the shapes the schema has just checked.
            from .downloads.checks import check_template
            out.extend(check_template(doc))
        out.extend(_not_stated_alone(doc))
        return out

    # -- the walk ---------------------------------------------------------------

    def _check(self, schema: dict[str, Any], value: Any, path: Path_, doc: Document,
               out: list[Issue]) -> None:
        if "$ref" in schema:
            schema = resolve_ref(self.schema, schema["$ref"])
        if "oneOf" in schema:
            self._one_of(schema, value, path, doc, out)
            return

        def report(message: str, hint: str | None = None) -> None:
            out.append(Issue(doc.path, doc.line_of(path), dotted(path) or None, message, hint))

        if "const" in schema and value != schema["const"]:
            report(f"must be {schema['const']!r}, not {describe(value)}")
            return
        types = schema.get("type")
        if types is not None:
            types = [types] if isinstance(types, str) else types
            if not any(_is_type(value, t) for t in types):
                if value is None or value == "":
                    report("is empty", "fill it in, or remove the line if the field is optional")
                else:
                    wanted = " or ".join(_TYPE_NAMES[t] for t in types)
                    report(f"should be {wanted}, not {describe(value)}", _TYPE_HINTS.get(types[0]))
                return
        if "enum" in schema and value not in schema["enum"]:
            report(*self._enum_message(schema, value))
            return
        kind = type_of(value)
        if kind == "string":
            self._string(schema, value, report)
        elif kind in ("integer", "number"):
            if "minimum" in schema and value < schema["minimum"]:
                report(f"{value} is less than the minimum {schema['minimum']}")
            if "maximum" in schema and value > schema["maximum"]:
                report(f"{value} is more than the maximum {schema['maximum']}")
        elif kind == "array":
            self._array(schema, value, path, doc, out, report)
        elif kind == "object":
            self._object(schema, value, path, doc, out)

    def _string(self, schema: dict[str, Any], value: str, report: Callable[..., None]) -> None:
        stripped = value.strip()
        if "minLength" in schema and len(stripped) < schema["minLength"]:
            if not stripped:
                report("is empty", "fill it in, or remove the line if the field is optional")
            else:
                report(f"is too short ({len(stripped)} characters; at least {schema['minLength']})",
                       "say a little more")
            return
        if "maxLength" in schema and len(value) > schema["maxLength"]:
            report(f"is too long ({len(value)} characters; at most {schema['maxLength']})",
                   f"shorten it by {len(value) - schema['maxLength']} characters")
        if "pattern" in schema and not re.search(schema["pattern"], value):
            report(f"{_shown(value)} is not in the expected form", _pattern_hint(schema))
        fmt = schema.get("format")
        if fmt in self.formats:
            problem = self.formats[fmt](value)
            if problem:
                report(*problem)

    def _array(self, schema: dict[str, Any], value: list[Any], path: Path_, doc: Document,
               out: list[Issue], report: Callable[..., None]) -> None:
        if "minItems" in schema and len(value) < schema["minItems"]:
            if not value:
                report("is empty", f"list at least {schema['minItems']} value(s)")
            else:
                report(f"has {len(value)} item(s); at least {schema['minItems']} needed")
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            report(f"has {len(value)} items; at most {schema['maxItems']} allowed",
                   "keep the most important ones")
        items = schema.get("items")
        if items:
            for i, item in enumerate(value):
                self._check(items, item, path + (i,), doc, out)
        if schema.get("uniqueItems"):
            seen: list[Any] = []
            for i, item in enumerate(value):
                if item in seen:
                    out.append(Issue(doc.path, doc.line_of(path + (i,)), dotted(path + (i,)),
                                     f"{describe(item)} is listed twice", "remove the repeated line"))
                else:
                    seen.append(item)

    def _object(self, schema: dict[str, Any], value: dict[str, Any], path: Path_, doc: Document,
                out: list[Issue]) -> None:
        props: dict[str, Any] = schema.get("properties", {})
        for name in schema.get("required", ()):
            if name not in value:
                where = f" under '{dotted(path)}'" if path else ""
                out.append(Issue(doc.path, doc.line_of(path), dotted(path + (name,)),
                                 f"required field is missing{where}",
                                 f"add '{name}:' with {_field_help(props.get(name, {}))}"))
        for name, item in value.items():
            sub = props.get(name)
            if sub is None:
                if schema.get("additionalProperties", True) is False:
                    close = difflib.get_close_matches(name, list(props), n=1, cutoff=0.6)
                    hint = (f"did you mean '{close[0]}'?" if close
                            else f"allowed fields here: {', '.join(props)}")
                    out.append(Issue(doc.path, doc.line_of(path + (name,)), dotted(path + (name,)),
                                     "unknown field", hint))
                continue
            if item is None and name not in schema.get("required", ()):
                # `field:` with nothing after it: treat an optional field as absent.
                continue
            self._check(sub, item, path + (name,), doc, out)

    def _one_of(self, schema: dict[str, Any], value: Any, path: Path_, doc: Document,
                out: list[Issue]) -> None:
        # Our oneOf is always a union of object shapes told apart by a `type` const.
        variants = {}
        for option in schema["oneOf"]:
            target = resolve_ref(self.schema, option["$ref"]) if "$ref" in option else option
            variants[target["properties"]["type"]["const"]] = target
        line = doc.line_of(path)
        if not isinstance(value, dict):
            out.append(Issue(doc.path, line, dotted(path), f"should be a group of fields, not {describe(value)}",
                             _TYPE_HINTS["object"]))
            return
        kind = value.get("type")
        if isinstance(kind, (list, dict)) or kind not in variants:  # a list is unhashable
            close = difflib.get_close_matches(str(kind), list(variants), n=1, cutoff=0.5)
            hint = (f"did you mean '{close[0]}'? " if close else "") + f"allowed: {', '.join(variants)}"
            field_path = path + ("type",)
            message = "is missing" if kind is None else f"unknown type {_shown(kind)}"
            out.append(Issue(doc.path, doc.line_of(field_path), dotted(field_path), message, hint))
            return
        self._check(variants[kind], value, path, doc, out)

    # -- messages and formats ------------------------------------------------------

    def _enum_message(self, schema: dict[str, Any], value: Any) -> tuple[str, str]:
        name = schema.get("x-vocabulary")
        allowed = schema["enum"]
        if name:
            noun = NOUNS.get(name, "value")
            near = self.vocab.suggest(name, value)
            message = f"unknown {noun} {_shown(value)}"
        else:
            noun = "value"
            near = difflib.get_close_matches(str(value), [str(a) for a in allowed], n=3, cutoff=0.5)
            message = f"{_shown(value)} is not an allowed value"
        labels = schema.get("x-enum-labels", {})
        listing = ", ".join((repr(a) if isinstance(a, str) else str(a))
                            + (f" ({labels[str(a)]})" if str(a) in labels and labels[str(a)] != a
                               and len(allowed) <= 8 else "")
                            for a in allowed)
        if len(allowed) > 12:
            listing = ", ".join(repr(a) if isinstance(a, str) else str(a) for a in allowed[:12]) + ", …"
        if near:
            return message, "did you mean " + " or ".join(repr(n) if isinstance(n, str) else str(n)
                                                          for n in near) + "?"
        return message, f"use one of: {listing}"

    def _check_date(self, value: str) -> tuple[str, str] | None:
        if not DATE.match(value):
            return f"{_shown(value)} is not a date", "write dates as YYYY-MM-DD, e.g. 2025-03-01"
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            return f"{_shown(value)} is not a real date", "check the month (01–12) and day"
        if day > self.today:
            return f"{value} is in the future", "use the date it actually happened"
        return None


def _check_email(value: str) -> tuple[str, str] | None:
    if EMAIL.match(value.strip()):
        return None
    return f"{_shown(value)} is not an email address", "write it as name@example.org"


def _check_phone(value: str) -> tuple[str, str] | None:
    if PHONE.match(value.strip()):
        return None
    return (f"{_shown(value)} is not a phone number",
            "write the number with its area code, using digits, spaces, hyphens, dots, "
            "parentheses and a leading + only, e.g. +1 202-555-0100")


def _check_uri(value: str) -> tuple[str, str] | None:
    try:
        parts = urlsplit(value.strip())
    except ValueError:  # "https://[x": an unclosed IPv6 host
        return f"{_shown(value)} is not a web address", "write the full address, starting with https://"
    # Any white space, not only spaces: urlsplit silently drops tabs and newlines, and the
    # published schema's pattern (core/schema.py PATTERNS) refuses them.
    if parts.scheme in ("http", "https") and parts.netloc and not re.search(r"\s", value.strip()):
        return None
    if parts.scheme and parts.scheme not in ("http", "https"):
        return (f"links must start with https:// or http://, not {parts.scheme}:",
                "use the page's full web address")
    return f"{_shown(value)} is not a web address", "write the full address, starting with https://"


def _check_attachment(value: str) -> tuple[str, str] | None:
    v = value.replace("\\", "/")
    if v.startswith("/") or re.match(r"^[A-Za-z]:", v) or ".." in v.split("/") or "://" in v:
        return (f"{_shown(value)} points outside the profile's folder",
                "put the file in the profile's own folder and give its name, e.g. handbook.pdf")
    if not all(_FILE_NAME.match(part) for part in v.split("/")):
        # The name becomes a link's href: "javascript:x//a.pdf" or "%2e%2e/a.pdf" would
        # be read by the browser as a script or a path outside the folder.
        return (f"{_shown(value)} is not a plain file name",
                ("use letters, digits, spaces, '.', '-' and '_' (no ':', '%', '#', '?' or a "
                 "leading '.'), e.g. handbook.pdf"))
    return None


_FILE_NAME = re.compile(r"\w[\w .()+,=~-]*\Z")


def _shown(value: Any, limit: int = 80) -> str:
    """``repr(value)``, shortened: a message stays one line even for a megabyte of text."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _pattern_hint(schema: dict[str, Any]) -> str:
    examples = schema.get("examples")
    example = f", e.g. {examples[0]!r}" if examples else ""
    return f"{schema.get('description', 'check the format')}".rstrip(".") + example


def _field_help(schema: dict[str, Any]) -> str:
    desc = schema.get("description")
    if desc:
        return desc[0].lower() + desc[1:].rstrip(".")
    return "a value"


def _not_stated_alone(doc: Document) -> list[Issue]:
    """``not-stated`` is a grade band's absence: listed beside a band, it contradicts it."""
    bands = doc.data.get("grade_bands") if isinstance(doc.data, dict) else None
    if not isinstance(bands, list) or "not-stated" not in bands or len(bands) < 2:
        return []
    i = bands.index("not-stated")
    return [Issue(doc.path, doc.line_of(("grade_bands", i)), f"grade_bands[{i}]",
                  "'not-stated' cannot be listed with grade bands",
                  "keep only the bands a source gives, or only not-stated if none does")]
