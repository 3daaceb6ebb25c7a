"""Related content for each profile, case study and template, computed once per build.

Comparing every record with every other is O(N²): 10⁸ comparisons at 10,000
profiles. Instead candidates come from inverted indexes, most specific key first
(two shared topics, then a topic and a stage or level, then one topic …), a
bounded number per key, and only those candidates are scored. Each posting list
is entered at an offset derived from the record's slug, so that among equally
good candidates different pages recommend different records instead of all
pointing at the alphabetically first ones.
"""

from __future__ import annotations

import heapq
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from ..content.collection import Collection
from ..content.model import Record

# How much one shared value of each facet counts.
WEIGHTS = {"topics": 3, "stages": 2, "levels": 1, "grade_bands": 1, "approaches": 1, "states": 1}
PER_KEY = 40  # candidates taken from one posting list
ENOUGH = 80  # stop collecting once this many candidates are in hand
NOT_STATED = "not-stated"  # the grade band for "no source gives the grades"
MIN_SCORE = 2  # one shared level alone is too weak a reason to suggest something


@dataclass(frozen=True)
class Related:
    record: Record
    score: int
    shared: tuple[tuple[str, Any], ...]  # (facet field, value) pairs both records have


Key = tuple[Any, ...]


def _keys(record: Record) -> list[Key]:
    """Inverted-index keys of a record, most specific first."""
    topics = sorted(record.topics)
    keys: list[Key] = [("tt", a, b) for a, b in combinations(topics, 2)]
    keys += [("ts", t, s) for t in topics for s in record.stages]
    keys += [("tl", t, lv) for t in topics for lv in record.levels]
    keys += [("t", t) for t in topics]
    keys += [("s", s) for s in record.stages]
    # "Not stated" is not a shared trait: two profiles lacking grades are no more alike.
    bands = [g for g in record.grade_bands if g != NOT_STATED]
    keys += [("lg", lv, g) for lv in record.levels for g in bands]
    keys += [("l", lv) for lv in record.levels]
    return keys


def compute(collection: Collection, limit: int = 5) -> dict[tuple[str, str], list[Related]]:
    """Up to ``limit`` related published records for every published record.

    Records already cross-referenced (shown in their own "related" lists) are
    left out, so this adds to them rather than repeating them.
    """
    records = sorted(collection.published(), key=lambda r: (r.kind, r.slug))
    postings: dict[Key, list[Record]] = {}
    features: dict[int, frozenset[tuple[str, Any]]] = {}
    for record in records:
        for key in _keys(record):
            postings.setdefault(key, []).append(record)
        features[id(record)] = frozenset(
            (name, value) for name in WEIGHTS for value in getattr(record, name)
            if value != NOT_STATED)
    out: dict[tuple[str, str], list[Related]] = {}
    for record in records:
        linked = {(r.kind, r.slug) for kind in ("profile", "case-study", "template")
                  for r in collection.linked(record, kind)}
        linked.add((record.kind, record.slug))
        seen: dict[tuple[str, str], Record] = {}
        spin = zlib.crc32(f"{record.kind}/{record.slug}".encode())
        for key in _keys(record):
            for other in _window(postings[key], spin):
                ident = (other.kind, other.slug)
                if ident not in linked:
                    seen.setdefault(ident, other)
            if len(seen) >= ENOUGH:
                break
        mine = features[id(record)]
        scored = []
        for other in seen.values():
            shared = mine & features[id(other)]
            score = _score(shared)
            if score >= MIN_SCORE:
                scored.append((-score, other.title.casefold(), other.slug, other, shared))
        out[(record.kind, record.slug)] = [
            Related(other, -neg, tuple(sorted(shared, key=_shared_order)))
            for neg, _t, _s, other, shared in heapq.nsmallest(limit, scored, key=lambda x: x[:3])]
    return out


def _window(items: list[Record], spin: int) -> Iterable[Record]:
    if len(items) <= PER_KEY:
        return items
    start = spin % len(items)
    return (items[(start + i) % len(items)] for i in range(PER_KEY))


def _score(shared: frozenset[tuple[str, Any]]) -> int:
    return sum(WEIGHTS[name] for name, _ in shared)


_FIELD_ORDER = {name: i for i, name in enumerate(WEIGHTS)}


def _shared_order(item: tuple[str, Any]) -> tuple[int, str]:
    return (_FIELD_ORDER[item[0]], str(item[1]))
