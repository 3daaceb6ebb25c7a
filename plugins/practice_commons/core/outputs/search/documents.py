"""What the search knows about each published item: the text it indexes and the card it shows.

One :class:`SearchDoc` per profile, case study, toolkit template and framework or guide
page, in the order results are listed when no words rank them (kind, then title).
Resources are indexed inside their profile (title, format and level), so a search for
"coaching" or "level 4" finds the profile that offers them and its card names them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ...content.model import Profile, Record
from ...rules.vocabulary import Vocabulary
from ..indexes import KINDS, SEARCH_FACETS, title_key
from .text import MAX_TEXT, plain_text

ORDER = (*KINDS, "page")

# Indexed fields and their boosts: the title; keywords (school, place, topic, level,
# support and resource names); the summary; the body. A word in the title counts ten
# times one in the body, as Material's search weighs titles.
FIELDS = (("title", 10.0), ("keywords", 4.0), ("summary", 2.0), ("body", 1.0))


@dataclass(frozen=True)
class SearchDoc:
    """One search result: its indexed fields, its facet values and its card."""

    fields: dict[str, str]
    facets: dict[str, tuple[str, ...]]
    card: dict[str, Any] = field(default_factory=dict)


def city_of(record: Record) -> str:
    if isinstance(record, Profile):
        return record.school.city
    return str(getattr(record, "city", "") or "")


def facet_values(record: Record) -> dict[str, tuple[str, ...]]:
    """Every filter value of ``record``, as strings (the browser compares strings)."""
    out = {f.param: tuple(str(v) for v in f.values(record)) for f in SEARCH_FACETS}
    if record.kind == "page":
        out["kind"] = ("page",)
    city = city_of(record)
    if city:
        out["city"] = (city,)
    return {k: v for k, v in out.items() if v}


def build_docs(records: Iterable[Record], url: Callable[[Record], str],
               vocab: Vocabulary) -> list[SearchDoc]:
    """The search documents of ``records`` (published items and pages), in listing order."""
    ordered = sorted(records, key=lambda r: (ORDER.index(r.kind), *title_key(r)))
    return [_doc(r, url(r), vocab) for r in ordered]


def _doc(record: Record, url: str, vocab: Vocabulary) -> SearchDoc:
    facets = facet_values(record)
    keywords = [city_of(record), *(vocab.label("states", s) for s in record.states),
                *(vocab.label("topics", t) for t in record.topics),
                *(vocab.label("formats", f) for f in facets.get("format", ())),
                *(f"level {lv} {vocab.label('levels', lv)}" for lv in record.levels)]
    resources: list[list[Any]] = []
    if isinstance(record, Profile):
        keywords.insert(0, record.school.name)
        keywords += [p.name for p in record.partners]
        for res in record.resources:
            keywords += [res.title, res.description]
            resources.append([res.level, res.title, res.format])
    body = plain_text(record.body)
    card: dict[str, Any] = {"t": record.title, "u": url, "k": record.kind, "m": record.summary,
                            "x": body[:MAX_TEXT]}
    if isinstance(record, Profile):
        card["s"] = record.school.name
    if city_of(record):
        card["c"] = city_of(record)
    for key, param in (("st", "state"), ("lv", "level"), ("tp", "topic")):
        if facets.get(param):
            card[key] = list(facets[param])
    if resources:
        card["r"] = resources
    if record.archived:
        card["a"] = 1
    return SearchDoc(
        fields={"title": record.title, "keywords": " ".join(k for k in keywords if k),
                "summary": record.summary, "body": body},
        facets=facets, card=card)
