"""Check one document against its kind's schema, reporting every problem.

A small interpreter for the subset of JSON Schema our schemas use. We do not
use a general JSON Schema library here because contributors need more than a
path and a keyword: the line, the field in their words, the nearest allowed
value, the misspelt key, and the fix. The words come from the message catalogue
(:mod:`.messages`), the value formats from one table (:mod:`.formats`); the
submission form's script interprets the same schema, catalogue and table.
``tests/core/test_schema_conformance.py`` checks that this interpreter and the
reference ``jsonschema`` implementation agree.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from typing import Any

from ..content.frontmatter import Document, Path_, dotted
from . import formats
from .fastcheck import compile_schema
from .issues import Issue
from .messages import Messages, type_of
from .messages import shown as _shown
from .schema import load_schema, resolve_ref, vocabulary

__all__ = ["Validator", "describe", "type_of"]


def _is_type(value: Any, wanted: str) -> bool:
    actual = type_of(value)
    return actual == wanted or (wanted == "number" and actual == "integer")


def describe(value: Any) -> str:
    """``value`` as an English message names it."""
    return Messages("en").describe(value)


class Validator:
    """Validates data of one kind; build it once and reuse it for every file.

    ``language`` picks the message catalogue (default English, as in the terminal).
    """

    def __init__(self, kind: str, today: dt.date | None = None, language: str = "en") -> None:
        self.kind = kind
        self.schema = load_schema(kind, language)
        self.vocab = vocabulary()
        self.today = today or dt.date.today()
        self.m = Messages(language)
        self.formats: dict[str, Callable[[str], formats.Problem | None]] = {
            name: (lambda v, n=name: formats.check(n, v, self.today))
            for name in ("date", "email", "phone", "uri", "attachment")
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
            from ..downloads.checks import check_template
            out.extend(check_template(doc))
        out.extend(self._not_stated_alone(doc))
        return out

    def _issue(self, doc: Document, path: Path_, key: str, hint: str | None = None,
               line_path: Path_ | None = None, **values: Any) -> Issue:
        """An issue whose message is ``key`` of the catalogue; ``hint`` is said already."""
        line = doc.line_of(path if line_path is None else line_path)
        return Issue(doc.path, line, dotted(path) or None, self.m.say(key, **values), hint, code=key)

    # -- the walk ---------------------------------------------------------------

    def _check(self, schema: dict[str, Any], value: Any, path: Path_, doc: Document,
               out: list[Issue]) -> None:
        if "$ref" in schema:
            schema = resolve_ref(self.schema, schema["$ref"])
        if "oneOf" in schema:
            self._one_of(schema, value, path, doc, out)
            return
        say = self.m.say

        def report(key: str, hint: str | None = None, **values: Any) -> None:
            out.append(self._issue(doc, path, key, hint, **values))

        if "const" in schema and value != schema["const"]:
            report("const", expected=repr(schema["const"]), actual=self.m.describe(value))
            return
        types = schema.get("type")
        if types is not None:
            types = [types] if isinstance(types, str) else types
            if not any(_is_type(value, t) for t in types):
                if value is None or value == "":
                    report("empty", say("empty.hint"))
                else:
                    wanted = self.m.t["type.or"].join(self.m.type_name(t) for t in types)
                    report("wrong_type", self.m.t.get("wrong_type.hint." + types[0]),
                           wanted=wanted, actual=self.m.describe(value))
                return
        if "enum" in schema and value not in schema["enum"]:
            key, hint, values = self._enum_message(schema, value)
            report(key, hint, **values)
            return
        kind = type_of(value)
        if kind == "string":
            self._string(schema, value, report)
        elif kind in ("integer", "number"):
            if "minimum" in schema and value < schema["minimum"]:
                report("below_minimum", value=value, minimum=schema["minimum"])
            if "maximum" in schema and value > schema["maximum"]:
                report("above_maximum", value=value, maximum=schema["maximum"])
        elif kind == "array":
            self._array(schema, value, path, doc, out, report)
        elif kind == "object":
            self._object(schema, value, path, doc, out)

    def _string(self, schema: dict[str, Any], value: str, report: Callable[..., None]) -> None:
        say = self.m.say
        stripped = value.strip()
        if "minLength" in schema and len(stripped) < schema["minLength"]:
            if not stripped:
                report("empty", say("empty.hint"))
            else:
                report("too_short", say("too_short.hint"), n=len(stripped), min=schema["minLength"])
            return
        if "maxLength" in schema and len(value) > schema["maxLength"]:
            report("too_long", say("too_long.hint", over=len(value) - schema["maxLength"]),
                   n=len(value), max=schema["maxLength"])
        if "pattern" in schema and not re.search(schema["pattern"], value):
            report("pattern", self._pattern_hint(schema), value=_shown(value))
        fmt = schema.get("format")
        if fmt in self.formats:
            problem = self.formats[fmt](value)
            if problem:
                key, hint_key, values = problem
                report(key, say(hint_key), **{"value": _shown(value), **values})

    def _array(self, schema: dict[str, Any], value: list[Any], path: Path_, doc: Document,
               out: list[Issue], report: Callable[..., None]) -> None:
        say = self.m.say
        if "minItems" in schema and len(value) < schema["minItems"]:
            if not value:
                report("empty", say("list_empty.hint", min=schema["minItems"]))
            else:
                report("too_few_items", n=len(value), min=schema["minItems"])
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            report("too_many_items", say("too_many_items.hint"), n=len(value), max=schema["maxItems"])
        items = schema.get("items")
        if items:
            for i, item in enumerate(value):
                self._check(items, item, path + (i,), doc, out)
        if schema.get("uniqueItems"):
            seen: list[Any] = []
            for i, item in enumerate(value):
                if item in seen:
                    out.append(self._issue(doc, path + (i,), "listed_twice", say("listed_twice.hint"),
                                           value=self.m.describe(item)))
                else:
                    seen.append(item)

    def _object(self, schema: dict[str, Any], value: dict[str, Any], path: Path_, doc: Document,
                out: list[Issue]) -> None:
        say = self.m.say
        props: dict[str, Any] = schema.get("properties", {})
        for name in schema.get("required", ()):
            if name not in value:
                where = say("missing.where", parent=dotted(path)) if path else ""
                hint = say("missing.hint", name=name, help=self._field_help(props.get(name, {})))
                out.append(self._issue(doc, path + (name,), "missing", hint, line_path=path,
                                       where=where))
        for name, item in value.items():
            sub = props.get(name)
            if sub is None:
                if schema.get("additionalProperties", True) is False:
                    close = difflib.get_close_matches(name, list(props), n=1, cutoff=0.6)
                    hint = (say("unknown_field.hint.near", near=close[0]) if close
                            else say("unknown_field.hint.allowed", allowed=", ".join(props)))
                    out.append(self._issue(doc, path + (name,), "unknown_field", hint))
                continue
            if item is None and name not in schema.get("required", ()):
                # `field:` with nothing after it: treat an optional field as absent.
                continue
            self._check(sub, item, path + (name,), doc, out)

    def _one_of(self, schema: dict[str, Any], value: Any, path: Path_, doc: Document,
                out: list[Issue]) -> None:
        # Our oneOf is always a union of object shapes told apart by a `type` const.
        say = self.m.say
        variants = {}
        for option in schema["oneOf"]:
            target = resolve_ref(self.schema, option["$ref"]) if "$ref" in option else option
            variants[target["properties"]["type"]["const"]] = target
        if not isinstance(value, dict):
            out.append(self._issue(doc, path, "not_object", self.m.t["wrong_type.hint.object"],
                                   actual=self.m.describe(value)))
            return
        kind = value.get("type")
        if isinstance(kind, (list, dict)) or kind not in variants:  # a list is unhashable
            close = difflib.get_close_matches(str(kind), list(variants), n=1, cutoff=0.5)
            near = say("unknown_type.hint.near", near=close[0]) if close else ""
            hint = say("unknown_type.hint", near=near, allowed=", ".join(variants))
            if kind is None:
                out.append(self._issue(doc, path + ("type",), "type_missing", hint))
            else:
                out.append(self._issue(doc, path + ("type",), "unknown_type", hint, value=_shown(kind)))
            return
        self._check(variants[kind], value, path, doc, out)

    # -- messages ----------------------------------------------------------------

    def _enum_message(self, schema: dict[str, Any], value: Any) -> tuple[str, str, dict[str, Any]]:
        name = schema.get("x-vocabulary")
        allowed = schema["enum"]
        if name:
            near = self.vocab.suggest(name, value)
            key, values = "unknown_term", {"noun": self.m.noun(name), "value": _shown(value)}
        else:
            near = difflib.get_close_matches(str(value), [str(a) for a in allowed], n=3, cutoff=0.5)
            key, values = "not_allowed", {"value": _shown(value)}
        if near:
            options = self.m.t["options.or"].join(_listed(n) for n in near)
            return key, self.m.say("did_you_mean", options=options), values
        labels = schema.get("x-enum-labels", {})
        listing = ", ".join(_listed(a) + (f" ({labels[str(a)]})" if str(a) in labels
                                          and labels[str(a)] != a and len(allowed) <= 8 else "")
                            for a in allowed)
        if len(allowed) > 12:
            listing = ", ".join(_listed(a) for a in allowed[:12]) + ", …"
        return key, self.m.say("use_one_of", listing=listing), values

    def _pattern_hint(self, schema: dict[str, Any]) -> str:
        examples = schema.get("examples")
        example = self.m.say("pattern.example", example=repr(examples[0])) if examples else ""
        description = str(schema.get("description") or self.m.t["pattern.hint.default"]).rstrip(".")
        return self.m.say("pattern.hint", description=description, example=example)

    def _field_help(self, schema: dict[str, Any]) -> str:
        desc = schema.get("description")
        if desc:
            return desc[0].lower() + desc[1:].rstrip(".")
        return self.m.t["missing.help.default"]

    def _not_stated_alone(self, doc: Document) -> list[Issue]:
        """``not-stated`` is a grade band's absence: listed beside a band, it contradicts it."""
        bands = doc.data.get("grade_bands") if isinstance(doc.data, dict) else None
        if not isinstance(bands, list) or "not-stated" not in bands or len(bands) < 2:
            return []
        i = bands.index("not-stated")
        return [self._issue(doc, ("grade_bands", i), "not_stated_alone",
                            self.m.say("not_stated_alone.hint"))]


def _listed(value: Any) -> str:
    return repr(value) if isinstance(value, str) else str(value)
