"""The controlled vocabularies: allowed values with their human labels."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

VOCABULARY_FILE = Path(__file__).parent / "schema" / "vocabulary.yaml"

# What one value of each list is called in an error message.
NOUNS = {
    "levels": "pyramid level",
    "stages": "collaboration stage",
    "dimensions": "collaboration dimension",
    "topics": "topic",
    "grade_bands": "grade band",
    "sectors": "sector",
    "formats": "kind of support",
    "essa_tiers": "ESSA tier",
    "statuses": "status",
    "equity_purposes": "equity purpose",
    "states": "state code",
}


@dataclass(frozen=True)
class Term:
    """One allowed value: the slug written in front matter and the label shown."""

    slug: Any
    label: str
    description: str = ""
    name: str = ""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Vocabulary:
    """All the lists, by name (``topics``, ``states`` …)."""

    lists: dict[str, tuple[Term, ...]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path = VOCABULARY_FILE) -> Vocabulary:
        raw = yaml.load(path.read_text(encoding="utf-8"),  # libyaml: ten times faster
                        Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        lists = {
            name: tuple(
                Term(
                    slug=item["slug"],
                    label=item["label"],
                    description=item.get("description", ""),
                    name=item.get("name", str(item["slug"])),
                    aliases=tuple(item.get("aliases", ())),
                )
                for item in items
            )
            for name, items in raw.items()
        }
        return cls(lists)

    def terms(self, name: str) -> tuple[Term, ...]:
        return self.lists[name]

    def slugs(self, name: str) -> list[Any]:
        return [t.slug for t in self.lists[name]]

    @cached_property
    def _labels(self) -> dict[str, dict[Any, str]]:
        return {name: {t.slug: t.label for t in terms} for name, terms in self.lists.items()}

    def label(self, name: str, slug: Any) -> str:
        """The human label for ``slug`` in list ``name`` (the slug itself if unknown)."""
        return self._labels.get(name, {}).get(slug, str(slug))

    def labels(self, name: str) -> dict[Any, str]:
        return dict(self._labels[name])

    def suggest(self, name: str, value: Any, limit: int = 3) -> list[Any]:
        """Allowed slugs nearest to ``value``: exact label or alias matches first."""
        return suggest(str(value), self.lists[name], limit)


def suggest(value: str, terms: Iterable[Term], limit: int = 3) -> list[Any]:
    terms = list(terms)
    wanted = value.strip().lower()
    for term in terms:
        names = {str(term.slug).lower(), term.label.lower(), *(a.lower() for a in term.aliases)}
        if wanted in names:
            return [term.slug]
    if len(wanted) >= 3:  # "Mass" → MA, "special ed" → special-education
        starts = [t.slug for t in terms
                  if t.label.lower().startswith(wanted) or str(t.slug).lower().startswith(wanted)]
        if starts:
            return starts[:limit]
    keys: dict[str, Any] = {}
    for term in terms:
        for key in (str(term.slug), term.label, *term.aliases):
            keys.setdefault(key.lower(), term.slug)
    close = difflib.get_close_matches(wanted, list(keys), n=limit * 2, cutoff=0.6)
    out: list[Any] = []
    for key in close:
        if keys[key] not in out:
            out.append(keys[key])
    return out[:limit]
