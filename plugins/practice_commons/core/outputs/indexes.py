"""Index pages of the archive, computed from the collection in one pass.

Educators arrive with a need ("level 3 support for English learners in grades
6–8"), so the archive is also reachable by facet: a page per pyramid level, and
per collaboration stage, topic, state, grade band and ESSA evidence tier. This
module only decides *what* each page lists; the MkDocs adapter decides where the
pages go and the templates how they look.

Everything is built from the whole published collection, never from the pages
rendered in one build, so ``mkdocs serve --dirty`` cannot shrink an index.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..content.collection import Collection
from ..content.model import Profile, Record, Resource
from ..rules.vocabulary import Vocabulary

KINDS = ("profile", "case-study", "template")
NOT_RATED = "none"


def essa_tier(record: Record) -> tuple[Any, ...]:
    """A profile's ESSA tier as a facet value; an unrated profile counts as ``none``."""
    if not isinstance(record, Profile):
        return ()
    tier = record.evidence.essa_tier
    return (NOT_RATED if tier is None else tier,)


def support_offered(record: Record) -> tuple[str, ...]:
    """What an adopter can get: the ways a school shares the practice (``approaches``)
    and the format of every resource it offers, in one list without repeats, so that a
    "Coaching" filter finds coaching whichever field names it."""
    formats = [*record.approaches, *(r.format for r in getattr(record, "resources", ()))]
    return tuple(dict.fromkeys(formats))


@dataclass(frozen=True)
class Facet:
    """One way of slicing the archive.

    ``param`` names it in the browse page's query string, ``folder`` is where its
    index pages go (None: no pages of its own, only a search filter).
    """

    param: str
    vocab: str | None
    values: Callable[[Record], Iterable[Any]]
    folder: str | None = None
    search: bool = True

    def url_value(self, value: Any) -> str:
        """The value as it appears in an index page's address (lowercase, no spaces)."""
        if self.param == "tier":
            return "not-rated" if value == NOT_RATED else f"tier-{value}"
        return str(value).lower()


# The order is the order of the browse page's filters and of the index of indexes.
FACETS: tuple[Facet, ...] = (
    Facet("level", "levels", lambda r: r.levels, "levels"),
    Facet("kind", None, lambda r: (r.kind,)),
    Facet("topic", "topics", lambda r: r.topics, "topics"),
    Facet("grade", "grade_bands", lambda r: r.grade_bands, "grades"),
    Facet("state", "states", lambda r: r.states, "states"),
    Facet("sector", "sectors", lambda r: r.sectors),
    Facet("format", "formats", support_offered),
    Facet("tier", "essa_tiers", essa_tier, "evidence"),
    # Only case studies and templates have stages; they get pages, not a search filter.
    Facet("stage", "stages", lambda r: r.stages, "stages", search=False),
)
FACET = {f.param: f for f in FACETS}
SEARCH_FACETS = tuple(f for f in FACETS if f.search)
PAGE_FACETS = tuple(f for f in FACETS if f.folder)


@dataclass
class Bucket:
    """Every published record with one value of one facet, in listing order."""

    facet: Facet
    value: Any
    label: str
    description: str = ""
    records: list[Record] = field(default_factory=list)
    guides: list[Record] = field(default_factory=list)  # framework pages about this value

    @property
    def src_uri(self) -> str:
        return f"{self.facet.folder}/{self.facet.url_value(self.value)}/index.md"

    def by_kind(self) -> list[tuple[str, list[Record]]]:
        return [(kind, [r for r in self.records if r.kind == kind]) for kind in KINDS
                if any(r.kind == kind for r in self.records)]

    def count(self, kind: str) -> int:
        return sum(1 for r in self.records if r.kind == kind)


@dataclass(frozen=True)
class LevelEntry:
    """A profile on a level page, with the resources it offers at that level."""

    profile: Profile
    resources: tuple[Resource, ...]


@dataclass
class LevelIndex:
    """What one pyramid level offers across the archive.

    Profiles are grouped under their first topic (contributors list the main one
    first), so each appears exactly once and a printed page stays as long as the
    archive, not as long as archive × topics; the topic pages list every topic.
    """

    level: int
    label: str
    description: str
    groups: list[tuple[str, str, list[LevelEntry]]] = field(default_factory=list)
    case_studies: list[Record] = field(default_factory=list)
    templates: list[Record] = field(default_factory=list)
    guides: list[Record] = field(default_factory=list)

    @property
    def src_uri(self) -> str:
        return f"levels/{self.level}/index.md"

    @property
    def profiles(self) -> list[Profile]:
        return [e.profile for _, _, entries in self.groups for e in entries]

    def group_size(self, slug: str) -> int:
        """How many profiles the level lists under topic ``slug`` (on every page of it)."""
        return next((len(entries) for s, _, entries in self.groups if s == slug), 0)

    @property
    def resource_count(self) -> int:
        return sum(len(e.resources) for _, _, entries in self.groups for e in entries)

    @property
    def total(self) -> int:
        """How many items are at this level: profiles, case studies and templates. The same
        number the Level filter shows; resources are counted apart (``resource_count``)."""
        return len(self.profiles) + len(self.case_studies) + len(self.templates)

    def records(self) -> list[Record]:
        """Everything at this level, by kind and then title (the search's default order)."""
        return sorted([*self.profiles, *self.case_studies, *self.templates],
                      key=lambda r: (KINDS.index(r.kind), *title_key(r)))


@dataclass
class Indexes:
    levels: list[LevelIndex]
    facets: dict[str, list[Bucket]]  # facet param -> non-empty buckets, vocabulary order
    published: list[Record]  # profiles, case studies, templates; by kind, then title

    def buckets(self) -> Iterable[Bucket]:
        for facet in PAGE_FACETS:
            if facet.param != "level":
                yield from self.facets.get(facet.param, ())

    def newest(self, n: int = 6) -> list[Profile]:
        """The ``n`` most recently submitted profiles (ties by title, so builds repeat)."""
        profiles = [r for r in self.published if isinstance(r, Profile)]
        profiles.sort(key=lambda p: (-(p.submitted or dt.date.min).toordinal(),
                                     p.title.casefold(), p.slug))
        return profiles[:n]


def title_key(record: Record) -> tuple[str, str]:
    return (record.title.casefold(), record.slug)


def build(collection: Collection, vocab: Vocabulary) -> Indexes:
    """Every index page's contents, from one pass over the published collection."""
    published = sorted(collection.published(), key=lambda r: (KINDS.index(r.kind), *title_key(r)))
    raw: dict[str, dict[Any, list[Record]]] = {f.param: {} for f in FACETS}
    for record in published:
        for facet in FACETS:
            for value in facet.values(record):
                raw[facet.param].setdefault(value, []).append(record)
    guides: dict[tuple[str, Any], list[Record]] = {}
    for page in collection.pages:
        for param, values in (("level", page.levels), ("stage", page.stages)):
            for value in values:
                guides.setdefault((param, value), []).append(page)

    facets: dict[str, list[Bucket]] = {}
    for facet in FACETS:
        order = _order(facet, vocab, raw[facet.param])
        facets[facet.param] = [
            Bucket(facet, v, label(facet, v, vocab), _description(facet, v, vocab),
                   raw[facet.param][v], sorted(guides.get((facet.param, v), []), key=title_key))
            for v in order if raw[facet.param].get(v)]

    levels = []
    for term in vocab.terms("levels"):
        at_level = raw["level"].get(term.slug, [])
        idx = LevelIndex(term.slug, term.label, term.description,
                         guides=sorted(guides.get(("level", term.slug), []), key=title_key))
        by_topic: dict[str, list[LevelEntry]] = {}
        for record in at_level:
            if isinstance(record, Profile):
                primary = record.topics[0] if record.topics else ""
                by_topic.setdefault(primary, []).append(
                    LevelEntry(record, record.resources_at(term.slug)))
            elif record.kind == "case-study":
                idx.case_studies.append(record)
            elif record.kind == "template":
                idx.templates.append(record)
        topic_order = [*vocab.slugs("topics"), *sorted(set(by_topic) - set(vocab.slugs("topics")))]
        idx.groups = [(t, vocab.label("topics", t), by_topic[t])
                      for t in topic_order if t in by_topic]
        stage_order = vocab.slugs("stages")
        idx.templates.sort(key=lambda r: (_index_of(stage_order, getattr(r, "stage", "")),
                                          *title_key(r)))
        levels.append(idx)
    return Indexes(levels=levels, facets=facets, published=published)


def label(facet: Facet, value: Any, vocab: Vocabulary,
          strings: dict[str, str] | None = None) -> str:
    """The human name of a facet value (kinds are named by the interface strings)."""
    if facet.vocab is None:
        names = {"profile": "profiles", "case-study": "case_studies", "template": "templates"}
        return (strings or {}).get(names.get(value, ""), str(value))
    return vocab.label(facet.vocab, value)


def _description(facet: Facet, value: Any, vocab: Vocabulary) -> str:
    if facet.vocab is None:
        return ""
    return next((t.description for t in vocab.terms(facet.vocab) if t.slug == value), "")


def _order(facet: Facet, vocab: Vocabulary, found: dict[Any, Any]) -> list[Any]:
    if facet.vocab is None:
        return [k for k in KINDS if k in found]
    known = vocab.slugs(facet.vocab)
    # Vocabulary order (levels 1–5, states as listed); anything else last, so nothing is lost.
    return [*known, *sorted((v for v in found if v not in known), key=str)]


def _index_of(items: list[Any], value: Any) -> int:
    return items.index(value) if value in items else len(items)


@dataclass(frozen=True)
class FacetChoice:
    """One filter of the search widget: a facet and its values in the page's scope."""

    facet: Facet
    values: tuple[tuple[str, str, int], ...]  # (value as in the URL, label, count)


def facet_choices(records: Iterable[Record], vocab: Vocabulary, strings: dict[str, str],
                  skip: tuple[str, ...] = ()) -> list[FacetChoice]:
    """The filters for a search over ``records``, with how many records have each value.

    A facet with fewer than two values in scope is left out: a filter that
    cannot narrow anything is only noise (a keyboard user must tab past it).
    """
    records = list(records)
    out = []
    for facet in SEARCH_FACETS:
        if facet.param in skip:
            continue
        counts: dict[Any, int] = {}
        for record in records:
            for value in facet.values(record):
                counts[value] = counts.get(value, 0) + 1
        if len(counts) < 2:
            continue
        values = tuple((str(v), label(facet, v, vocab, strings), counts[v])
                       for v in _order(facet, vocab, counts) if v in counts)
        out.append(FacetChoice(facet, values))
    return out
