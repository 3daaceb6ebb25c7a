"""The full-text index, scored as lunr scores, cut into chunks a browser fetches on demand.

lunr.js answers a query from one serialized index holding every document's field
vectors, so the whole index must arrive before the first answer (Material's
``search_index.json`` is the same, fetched by every page). Here the build does the
part of lunr's work that does not depend on the query: each term's BM25 weight in
each field, times the field's boost, summed over fields — lunr's own arithmetic
(``lunr.Builder``: k1 1.2, b 0.75, idf over all fields) — so a query's score is the
sum of its terms' weights, which is how lunr ranks a query of plain terms. Terms come
from lunr's pipeline (tokenizer, trimmer, stop words, Porter stemmer: ``lunr_index``)
and the browser runs lunr.js's own pipeline on the query, so both sides agree.

The sorted term list is cut into chunks of about :data:`CHUNK_BYTES`; a small manifest
names each chunk's first term, so a query fetches only the chunks holding its words
(like Pagefind's index chunks). Two additions help people who type as they speak:
hyphenated words are also indexed joined ("co-location" → "colocation"), and each
pair of neighbouring title words is a term of its own, so a phrase from a title
ranks that item first.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from ..lunr_index import terms
from .documents import FIELDS, SearchDoc

CHUNK_BYTES = 12_000  # uncompressed; about 4–5 KB gzip, so a 3-word query costs ~15 KB
SCALE = 8  # weights are stored as integers: round(weight × SCALE), at least 1
PHRASE_FIELD, PHRASE_BOOST = "phrase", 10.0
_K1, _B = 1.2, 0.75  # lunr.Builder's BM25 defaults
_HYPHENATED = re.compile(r"\w+(?:-\w+)+")


def field_terms(text: str, english: bool = True) -> list[str]:
    """A field's terms, as lunr makes them, plus each hyphenated word joined."""
    found = terms(text, english)
    # A match never spans white space, so only the words holding a hyphen need the
    # pattern: searching the whole body made this step a third of the search's build.
    hyphenated = " ".join(w for w in str(text or "").lower().split() if "-" in w)
    for word in _HYPHENATED.findall(hyphenated):
        found += terms(word.replace("-", ""), english)
    return found


def phrase_terms(title: str, english: bool = True) -> list[str]:
    """Neighbouring pairs of a title's terms, as "a b"."""
    found = terms(title, english)
    return [f"{a} {b}" for a, b in zip(found, found[1:])]


def weights(docs: Sequence[SearchDoc], english: bool = True) -> dict[str, dict[int, int]]:
    """term → {document number: integer weight}, every field's BM25 weight summed."""
    fields = [*FIELDS, (PHRASE_FIELD, PHRASE_BOOST)]
    per_field: list[list[Counter | None]] = []  # [field][doc] -> term frequencies
    lengths: list[list[int]] = []
    with_term: dict[str, int] = {}  # how many (document, field) pairs hold the term
    for name, _boost in fields:
        tfs, lens = [], []
        for doc in docs:
            text = doc.fields.get("title", "") if name == PHRASE_FIELD else doc.fields.get(name, "")
            found = phrase_terms(text, english) if name == PHRASE_FIELD else field_terms(
                text, english)
            tf = Counter(found)  # counted in C; the same order as a dict filled in a loop
            for term in tf:
                with_term[term] = with_term.get(term, 0) + 1
            tfs.append(tf)
            lens.append(len(found))
        per_field.append(tfs)
        lengths.append(lens)
    count = len(docs)
    idf = {t: math.log(1 + abs((count - n + 0.5) / (n + 0.5))) for t, n in with_term.items()}
    norms = []
    for lens in lengths:
        average = (sum(lens) / count) or 1.0
        norms.append([_K1 * (1 - _B + _B * (length / average)) for length in lens])
    boosts = [boost for _name, boost in fields]
    # Document by document, each one's term counts dropped once scored, so the build never
    # holds every count and every weight at once (the peak memory of the whole site build).
    out: dict[str, dict[int, int]] = {}
    for number in range(count):
        summed: dict[str, float] = {}
        for tfs, norm_of, boost in zip(per_field, norms, boosts):
            tf, tfs[number] = tfs[number], None
            norm = norm_of[number]
            for term, n in tf.items():  # fields in order: the same float sums as lunr's
                score = idf[term] * ((_K1 + 1) * n) / (norm + n) * boost
                summed[term] = summed.get(term, 0.0) + score
        for term, total in summed.items():
            slot = out.get(term)
            if slot is None:
                slot = out[term] = {}
            slot[number] = max(1, round(total * SCALE))
    return out


def encode(posting: dict[int, int]) -> list[int]:
    """[first doc, weight, gap to the next doc, weight, …]: small numbers gzip well."""
    flat, last = [], 0
    for number in sorted(posting):
        flat += [number - last, posting[number]]
        last = number
    return flat


def chunks(index: dict[str, dict[int, int]],
           limit: int = CHUNK_BYTES) -> tuple[list[str], list[bytes]]:
    """The sorted terms cut into chunks: (first term of each chunk, each chunk's JSON)."""
    firsts: list[str] = []
    out: list[bytes] = []
    current: dict[str, list[int]] = {}
    size = 0
    for term in sorted(index):
        entry = encode(index[term])
        cost = len(term) + 6 + len(json.dumps(entry, separators=(",", ":")))
        if current and size + cost > limit:
            out.append(_dump(current))
            current, size = {}, 0
        if not current:
            firsts.append(term)
        current[term] = entry
        size += cost
    if current or not out:
        out.append(_dump(current))
        if not firsts:
            firsts.append("")
    return firsts, out


def facet_postings(docs: Sequence[SearchDoc]) -> dict[str, dict[str, list[int]]]:
    """facet → value → gaps between the numbers of the documents that have it."""
    found: dict[str, dict[str, list[int]]] = {}
    for number, doc in enumerate(docs):
        for param, values in doc.facets.items():
            for value in values:
                found.setdefault(param, {}).setdefault(value, []).append(number)
    return {param: {v: _gaps(ns) for v, ns in sorted(values.items())}
            for param, values in sorted(found.items())}


def _gaps(numbers: list[int]) -> list[int]:
    return [n - p for n, p in zip(numbers, [0, *numbers[:-1]])]


def _dump(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()
