"""The validator's words, from one catalogue per language (``i18n/<lang>.messages.yaml``).

Every message and hint is a keyed template with named placeholders. Python fills
them here; the submission form gets the same table for the site's language and
fills them the same way (``submit-validate.js``), so a contributor reads the same
sentence in the terminal, in a pull request's annotations and in the browser.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import yaml

from ..hosting.i18n import I18N_DIR

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def fill(template: str, values: dict[str, Any]) -> str:
    """``template`` with each ``{name}`` replaced, in one pass: a value that itself
    contains braces (contributors' text) is never read as a placeholder."""
    return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]) if m.group(1) in values
                            else m.group(0), template)


@cache
def table(language: str = "en") -> dict[str, str]:
    """Every message of ``language``; English fills keys a translation lacks."""
    base = _read("en")
    lang = (language or "en").split("-")[0].split("_")[0]
    return base if lang == "en" else {**base, **_read(lang)}


def _read(lang: str) -> dict[str, str]:
    path = I18N_DIR / f"{lang}.messages.yaml"
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(k): str(v) for k, v in data.items()}


class Messages:
    """The catalogue of one language, and the phrases the validator builds from it."""

    def __init__(self, language: str = "en") -> None:
        self.t = table(language)

    def say(self, key: str, **values: Any) -> str:
        return fill(self.t[key], values)

    def type_name(self, kind: str) -> str:
        return self.t["type." + kind]

    def noun(self, vocabulary: str | None) -> str:
        return self.t.get(f"noun.{vocabulary}") or self.t["noun.value"]

    def describe(self, value: Any) -> str:
        """``value`` as a message names it: "text 'abc'", "the yes/no value true"."""
        kind = type_of(value)
        if kind == "boolean":
            return self.say("describe.boolean", value=str(value).lower())
        if kind in ("string", "integer", "number"):
            text = repr(value) if kind == "string" else str(value).lower()
            return self.say("describe.scalar", type=self.type_name(kind), value=text[:60])
        return self.type_name(kind)


def type_of(value: Any) -> str:
    """The JSON Schema type of a front-matter value."""
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


def shown(value: Any, limit: int = 80) -> str:
    """``repr(value)``, shortened: a message stays one line even for a megabyte of text."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
