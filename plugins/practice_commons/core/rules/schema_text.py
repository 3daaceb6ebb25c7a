"""The schemas' words, kept apart from their rules: ``i18n/<lang>.schema.yaml``.

A schema file says what a field may hold; the catalogue says, per language, what
the field is for. :func:`apply` puts a language's text back where a JSON Schema
reader expects it (``title``, ``description``), so everything built from a loaded
schema (the field reference, /data/, the submission form, the published schema,
the validator's hints) speaks the site's language.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

import yaml

from ..hosting.i18n import I18N_DIR

TEXT_KEYS = ("title", "description")


@cache
def texts(language: str = "en") -> dict[str, dict[str, str]]:
    """schema file stem → key → text for ``language``; English fills what it lacks."""
    base = _read("en")
    lang = (language or "en").split("-")[0].split("_")[0]
    if lang == "en":
        return base
    local = _read(lang)
    return {stem: {**table, **local.get(stem, {})} for stem, table in base.items()}


def _read(lang: str) -> dict[str, dict[str, str]]:
    path = I18N_DIR / f"{lang}.schema.yaml"
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(s): {str(k): " ".join(str(v).split()) for k, v in (t or {}).items()}
            for s, t in data.items()}


def nodes(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(key, node) for every schema node that can carry text, keyed as the catalogue is:
    ``school.state``, ``resources[].level``, ``#source.title`` (a shared definition),
    ``""`` for the schema itself."""
    yield from _walk(schema, "")


def _walk(node: Any, key: str) -> Iterator[tuple[str, dict[str, Any]]]:
    if not isinstance(node, dict):
        return
    yield key, node
    for kw, sub in node.items():
        if kw == "properties" and isinstance(sub, dict):
            for name, child in sub.items():
                yield from _walk(child, f"{key}.{name}" if key else name)
        elif kw == "$defs" and isinstance(sub, dict):
            for name, child in sub.items():
                yield from _walk(child, f"#{name}")
        elif kw == "items" and isinstance(sub, dict):
            yield from _walk(sub, f"{key}[]")
        elif kw in ("additionalProperties", "not") and isinstance(sub, dict):
            yield from _walk(sub, f"{key}.{kw}")
        elif kw in ("oneOf", "anyOf", "allOf", "prefixItems") and isinstance(sub, list):
            for i, child in enumerate(sub):
                yield from _walk(child, f"{key}.{kw}[{i}]" if key else f"{kw}[{i}]")


def text_key(key: str, what: str) -> str:
    """The catalogue key of a node's ``title`` or ``description``."""
    if not key:
        return "_" + what
    return key if what == "description" else f"{key}._{what}"


def apply(schema: dict[str, Any], stem: str, language: str = "en") -> None:
    """Write ``language``'s text for schema file ``stem`` into ``schema``, in place.

    An example written in words (a summary, a resource's title) is language too, so it
    is a ``<field>._example`` entry of the catalogue; examples that are values to type
    (codes, dates, addresses, names) stay in the schema files.
    """
    table = texts(language).get(stem, {})
    for key, node in list(nodes(schema)):
        for what in TEXT_KEYS:
            text = table.get(text_key(key, what))
            if text is not None:
                node[what] = text
        example = table.get(text_key(key, "example"))
        if example is not None:
            node["examples"] = [example]
