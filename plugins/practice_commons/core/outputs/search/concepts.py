"""The words educators use for the site's own categories, so a query becomes filters.

"english learners massachusetts", "ELL", "SPED", "middle school", "grade 7",
"level 4 coaching", "NYC": each names a value the collection already has — a topic, a
state, a city, a grade band, a pyramid level, a kind of support. The browser matches
the longest such phrase at each point of the query and turns it into a filter chip the
visitor can remove, instead of a word every result must contain.

Every phrase comes from the vocabulary (labels, names, slugs and aliases in
``schema/vocabulary.yaml``), the interface strings (kind names) and the collection
(its cities); numbered grades are derived from the grade bands' slugs ("6-8" covers
"grade 7" and "7th grade"). Only values some item has are listed, so a query never
turns into a filter that must come back empty. Phrases are stored as the browser
compares them: normalized words, each through lunr's stemmer (:func:`.text.phrase_key`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from lunr.stop_word_filter import WORDS as STOP_WORDS

from .documents import SearchDoc
from .text import phrase_key, words

# When two values share a phrase, the first facet here keeps it ("case study" is a
# kind before it is a resource format; "toolkit" likewise).
PRIORITY = ("kind", "level", "tier", "grade", "topic", "format", "state", "city", "sector")
# Two-letter codes that are also English words match only when typed in capitals
# ("IN", "OR", "ME"); "ny", "dc" or "tx" match however they are typed.
_WORDLIKE = frozenset({"ok", "hi", "oh", "pa", "de", "la", "al", "co", "id", "ma", "ms", "mt",
                       "ne", "mo", "ga", "nd", "sd", "md", "va", "wa", "ca", "as", "vi"})
_RANGE = re.compile(r"^(pk|k|\d{1,2})-(k|\d{1,2})$")
_MAX_WORDS = 5  # the browser tries phrases of at most this many words


def _ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def grade_phrases(slug: str) -> list[str]:
    """"grade 7", "7th grade", "grades 6-8" … for a band whose slug is a range."""
    m = _RANGE.match(str(slug))
    if not m:
        return []
    lo, hi = (0 if g == "k" else -1 if g == "pk" else int(g) for g in m.groups())
    out = [f"grade {m.group(1)} {m.group(2)}", f"grades {m.group(1)} {m.group(2)}",
           f"{m.group(1)} {m.group(2)}"]
    for n in range(max(lo, 0), hi + 1):
        name = "k" if n == 0 else str(n)
        out += [f"grade {name}", f"{name} grade"]
        if n == 0:
            out += ["kindergarten", "kindergartners"]
        else:
            out += [f"{_ordinal(n)} grade", f"{_ordinal(n)} graders", f"grade {_ordinal(n)}"]
    return out


def concepts(docs: Sequence[SearchDoc], vocab: Any, strings: dict[str, str]) -> dict[str, Any]:
    """For the browser: ``c``, the concepts (``[facet, [values], label]``); ``p``, phrase
    key → concept; ``u``, the same for keys that count only typed in capitals; ``n``,
    the longest phrase in words."""
    present: dict[str, set[str]] = {}
    for doc in docs:
        for param, values in doc.facets.items():
            present.setdefault(param, set()).update(values)
    candidates: list[tuple[str, str, str, list[str]]] = []  # facet, value, label, phrases

    def add(param: str, value: Any, label: str, phrases: Iterable[str]) -> None:
        if str(value) in present.get(param, ()):
            candidates.append((param, str(value), label, [p for p in phrases if p]))

    kinds = {"profile": ("profile", "profiles"), "case-study": ("case_study", "case_studies"),
             "template": ("template", "templates")}
    for kind, keys in kinds.items():
        names = [strings.get(k, "") for k in keys]
        add("kind", kind, names[1] or kind, names)
    add("kind", "page", strings.get("guides", "Guides"), [strings.get("guides", "")])
    lists = {"level": "levels", "tier": "essa_tiers", "grade": "grade_bands", "topic": "topics",
             "format": "formats", "state": "states", "sector": "sectors"}
    for param, name in lists.items():
        for term in vocab.terms(name):
            # A bare number is too often something else ("5 whys", "grade 3").
            slug = "" if str(term.slug).isdigit() else str(term.slug)
            phrases = [term.label, *term.aliases, slug]
            if term.name and term.name != str(term.slug):
                phrases.append(term.name)
            if param == "level":
                phrases += [f"level {term.slug}", f"pyramid level {term.slug}",
                            f"level {term.slug} {term.label}"]
            elif param == "tier" and ":" in term.label:
                phrases += [term.label.split(":", 1)[1], f"tier {term.slug}",
                            f"essa tier {term.slug}"]
            elif param == "grade":
                phrases += grade_phrases(term.slug)
            label = term.label if param != "level" else f"{term.slug} {term.label}"
            add(param, term.slug, label, phrases)
    places = {str(t.slug): t for t in vocab.lists.get("places", ())}
    for city in sorted(present.get("city", ())):
        known = places.get(city)
        add("city", city, city, [city, *(known.aliases if known else ())])

    # phrase key -> the facet that owns it and every value of that facet it names
    owner: dict[str, tuple[int, list[int]]] = {}
    capitals: set[str] = set()
    for i, (param, _value, _label, phrases) in enumerate(candidates):
        rank = PRIORITY.index(param)
        for phrase in phrases:
            key = phrase_key(phrase)
            cap = param == "state" and len(phrase) == 2 and phrase == phrase.upper() and (
                phrase.lower() in _WORDLIKE or phrase.lower() in STOP_WORDS)
            if not key or len(key.split()) > _MAX_WORDS or (not cap and all(
                    w in STOP_WORDS for w in words(phrase))):
                continue
            if cap:
                key = phrase.lower()  # compared unstemmed, against the word as typed
                capitals.add(key)
            held = owner.get(key)
            if held is None or rank < held[0]:
                owner[key] = (rank, [i])
            elif rank == held[0] and i not in held[1]:
                held[1].append(i)  # "elementary" names both K–2 and 3–5
    table: list[list[Any]] = []
    number: dict[tuple[int, ...], int] = {}
    plain: dict[str, int] = {}
    upper: dict[str, int] = {}
    for key in sorted(owner):
        members = tuple(owner[key][1])
        if members not in number:
            number[members] = len(table)
            param = candidates[members[0]][0]
            table.append([param, [candidates[i][1] for i in members],
                          ", ".join(candidates[i][2] for i in members)])
        (upper if key in capitals else plain)[key] = number[members]
    return {"c": table, "p": plain, "u": upper, "n": _MAX_WORDS}
