"""A yes/no answer to "is this data valid?", compiled once per schema.

:class:`~.validate.Validator` walks the schema for every value so that each
problem gets its line, its field and its fix; that walk is most of what checking
a valid file costs, and almost every file is valid. So it first asks the
predicate compiled here, which accepts exactly what the walk finds no problem in
(``tests/core/test_synthetic_fastcheck.py`` checks the two agree on thousands of
broken documents), and walks only when the answer is no. At 1,000 profiles this
took validation from about a third of ``commons validate`` to a small part.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .schema import resolve_ref

Check = Callable[[Any], bool]
Format = Callable[[str], "tuple[str, str] | None"]

# Exact Python types of parsed YAML values and their JSON Schema names; the walk's
# `type_of` also says "boolean" for True, never "integer".
_JSON_TYPE = {str: "string", int: "integer", float: "number", bool: "boolean", list: "array",
              dict: "object", type(None): "null"}


# A subset of what validate._check_uri accepts (scheme http(s), a host, no spaces).
_PLAIN_URL = re.compile(r"https?://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/[^\s]*)?\Z")


def _hashable_set(values: Any) -> frozenset[Any] | None:
    try:
        return frozenset(values) if values is not None else None
    except TypeError:
        return None


def _json_type(value: Any) -> str:
    """The JSON type of a subclass (rare), in the order ``validate.type_of`` decides it.

    Written out here rather than imported: validate.py imports this module, and an
    import back would make the two a cycle.
    """
    found = _JSON_TYPE.get(type(value))
    if found is not None:
        return found
    for kind, name in ((bool, "boolean"), (int, "integer"), (float, "number"), (str, "string"),
                       (list, "array")):
        if isinstance(value, kind):
            return name
    return "null" if value is None else "object"


def compile_schema(root: dict[str, Any], formats: dict[str, Format]) -> Check:
    """A predicate that is true exactly when ``Validator._check`` would report nothing."""
    return _Compiler(root, formats).compile(root)


class _Compiler:
    def __init__(self, root: dict[str, Any], formats: dict[str, Format]) -> None:
        self.root = root
        self.formats = formats

    def compile(self, schema: dict[str, Any]) -> Check:
        if "$ref" in schema:
            schema = resolve_ref(self.root, schema["$ref"])
        if "oneOf" in schema:
            return self._one_of(schema)
        has_const, const = "const" in schema, schema.get("const")
        types = schema.get("type")
        allowed: set[str] | None = None
        if types is not None:
            allowed = {types} if isinstance(types, str) else set(types)
            if "number" in allowed:
                allowed.add("integer")
        enum = schema.get("enum")
        enum_set = _hashable_set(enum)
        by_kind: dict[str, Check] = {}
        for kinds, check in ((("string",), self._string(schema)),
                             (("integer", "number"), self._number(schema)),
                             (("array",), self._array(schema)),
                             (("object",), self._object(schema))):
            if check is not None:
                by_kind.update(dict.fromkeys(kinds, check))

        def check(v: Any) -> bool:
            if has_const and v != const:
                return False
            kind = _JSON_TYPE.get(type(v)) or _json_type(v)
            if allowed is not None and kind not in allowed:
                return False
            if enum is not None:
                try:
                    if v not in enum_set:
                        return False
                except TypeError:  # a list or mapping where a value was expected
                    if v not in enum:
                        return False
            sub = by_kind.get(kind)
            return sub is None or sub(v)
        return check

    def _string(self, schema: dict[str, Any]) -> Check | None:
        low, high = schema.get("minLength"), schema.get("maxLength")
        pattern = re.compile(schema["pattern"]) if "pattern" in schema else None
        fmt = self.formats.get(schema.get("format", ""))
        if fmt is not None and schema.get("format") == "uri":
            slow = fmt
            # Plain web addresses pass without urlsplit; anything else gets the full check.
            fmt = lambda v: None if _PLAIN_URL.match(v) else slow(v)
        if low is None and high is None and pattern is None and fmt is None:
            return None

        def check(v: str) -> bool:
            if low is not None and len(v.strip()) < low:
                return False
            if high is not None and len(v) > high:
                return False
            if pattern is not None and not pattern.search(v):
                return False
            return fmt is None or fmt(v) is None
        return check

    def _number(self, schema: dict[str, Any]) -> Check | None:
        low, high = schema.get("minimum"), schema.get("maximum")
        if low is None and high is None:
            return None
        return lambda v: (low is None or v >= low) and (high is None or v <= high)

    def _array(self, schema: dict[str, Any]) -> Check | None:
        low, high = schema.get("minItems"), schema.get("maxItems")
        item = self.compile(schema["items"]) if schema.get("items") else None
        unique = bool(schema.get("uniqueItems"))

        def check(v: list[Any]) -> bool:
            if low is not None and len(v) < low:
                return False
            if high is not None and len(v) > high:
                return False
            if item is not None and not all(item(x) for x in v):
                return False
            if unique:
                seen: list[Any] = []
                for x in v:
                    if x in seen:
                        return False
                    seen.append(x)
            return True
        return check

    def _object(self, schema: dict[str, Any]) -> Check | None:
        props = {name: self.compile(sub) for name, sub in schema.get("properties", {}).items()}
        required = tuple(schema.get("required", ()))
        closed = schema.get("additionalProperties", True) is False

        def check(v: dict[str, Any]) -> bool:
            for name in required:
                if name not in v:
                    return False
            for name, item in v.items():
                sub = props.get(name)
                if sub is None:
                    if closed:
                        return False
                    continue
                if item is None and name not in required:
                    continue  # an optional `field:` left empty counts as absent
                if not sub(item):
                    return False
            return True
        return check

    def _one_of(self, schema: dict[str, Any]) -> Check:
        variants: dict[Any, Check] = {}
        for option in schema["oneOf"]:
            target = resolve_ref(self.root, option["$ref"]) if "$ref" in option else option
            variants[target["properties"]["type"]["const"]] = self.compile(target)

        def check(v: Any) -> bool:
            if not isinstance(v, dict):
                return False
            kind = v.get("type")
            variant = None if isinstance(kind, (list, dict)) else variants.get(kind)
            return variant is not None and variant(v)
        return check
