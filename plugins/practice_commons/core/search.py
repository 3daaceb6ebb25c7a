"""Prebuilt lunr search shards: one per pyramid level and one for the whole archive.

This module and :mod:`.lunr_index` (which builds the index) are the only ones that
import ``lunr``. Each shard is one JSON file with
a serialized lunr 2.3.9 index (loaded in the browser by the lunr.js that ships
inside MkDocs) and a compact document store holding what a result card and the
facet filters need. A page fetches only its own shard, and only when a visitor
starts searching.

Only the short fields are indexed (title, school, topics, resource titles,
summary): over full bodies lunr takes longer than the whole site build, and
Material's own search already covers full text.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

from lunr.builder import Builder
from lunr.stemmer import porter_stemmer, stemmer
from lunr.stop_word_filter import stop_word_filter
from lunr.trimmer import trimmer

from . import lunr_index
from .indexes import SEARCH_FACETS
from .model import Profile, Record
from .vocabulary import Vocabulary

FORMAT_VERSION = 1
# Indexed fields: (name in the index, boost): the title; keywords (school, city, topic
# labels, resource titles); the summary. Few fields with short names keep the shard
# small: every document has a vector per field, named "<ref>/<field>".
FIELDS = (("t", 10), ("k", 3), ("m", 1))
# lunr keeps scores to three decimals; one is plenty to rank by and the shard is
# about 15 % smaller.
SCORE_DECIMALS = 1
# The document store: one object per result, with these keys (read by search.js):
#   t title, u URL (site-relative), m summary, s school, c city, and one list of
#   slugs per search facet, keyed by the facet's query-string name (level, kind,
#   topic, grade, state, sector, approach, tier). Empty values are left out.
STORE_KEYS = ("t", "u", "m", "s", "c", *(f.param for f in SEARCH_FACETS))

_cache: dict[str, bytes] = {}


def store_entry(record: Record, url: str) -> dict[str, Any]:
    """What a result card and the filters need about ``record``."""
    doc: dict[str, Any] = {"t": record.title, "u": url, "m": record.summary}
    if isinstance(record, Profile):
        doc["s"] = record.school.name
        doc["c"] = record.school.city
    elif getattr(record, "city", ""):
        doc["c"] = record.city  # type: ignore[attr-defined]
    for facet in SEARCH_FACETS:
        values = [str(v) for v in facet.values(record)]
        if values:
            doc[facet.param] = values
    return {k: v for k, v in doc.items() if v not in ("", [], None)}


def index_entry(record: Record, ref: str, vocab: Vocabulary, level: int | None,
                summaries: bool = True) -> dict[str, str]:
    """The text lunr indexes for ``record`` (resource titles only at ``level`` if given)."""
    words = [vocab.label("topics", t) for t in record.topics]
    if isinstance(record, Profile):
        chosen = record.resources if level is None else record.resources_at(level)
        words = [record.school.name, record.school.city, *words, *(r.title for r in chosen)]
    elif getattr(record, "city", ""):
        words.insert(0, record.city)  # type: ignore[attr-defined]
    return {"id": ref, "t": record.title, "k": " ".join(words),
            "m": record.summary if summaries else ""}


def build_shard(records: Iterable[Record], url: Callable[[Record], str], vocab: Vocabulary,
                level: int | None = None, language: str = "en", summaries: bool = True) -> bytes:
    """A shard's JSON bytes: ``{"v", "lang", "index", "docs"}``.

    ``url`` gives each record's site-relative address. ``summaries=False`` leaves
    summaries out of the index (still shown on result cards), which halves it for
    very large archives. Identical input gives identical bytes (builds are
    reproducible); a rebuild with unchanged content reuses the previous result,
    which keeps ``mkdocs serve`` quick.
    """
    records = list(records)
    docs = [store_entry(r, url(r)) for r in records]
    texts = [index_entry(r, str(i), vocab, level, summaries) for i, r in enumerate(records)]
    key = hashlib.sha256(json.dumps([language, docs, texts], sort_keys=True).encode()).hexdigest()
    if key not in _cache:
        builder = _builder(language)
        if texts:
            # What lunr(...).serialize() gives, byte for byte, three times faster.
            english = language.split("-")[0].split("_")[0] == "en"  # as in _builder
            serialized = lunr_index.serialize(texts, FIELDS, english=english)
            for _ref, vector in serialized["fieldVectors"]:
                vector[1::2] = [round(x, SCORE_DECIMALS) for x in vector[1::2]]
        else:  # lunr cannot build an empty index (it divides by the document count)
            serialized = {"version": "2.3.9", "fields": [n for n, _ in FIELDS],
                          "fieldVectors": [], "invertedIndex": [],
                          "pipeline": builder.search_pipeline.serialize()}
        payload = {"v": FORMAT_VERSION, "lang": language, "index": serialized, "docs": docs}
        if len(_cache) > 32:
            _cache.clear()
        _cache[key] = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    return _cache[key]


@lru_cache(maxsize=100_000)
def _stem(word: str) -> str:
    return porter_stemmer.stem(word)


def _memo_stemmer(token: Any, i: Any = None, tokens: Any = None) -> Any:
    """lunr's Porter stemmer, remembering each word: an archive repeats a few thousand
    words hundreds of thousands of times, and stemming was a third of shard building
    (commons bench, 1,000 profiles). Serialized under lunr's own label, "stemmer"."""
    return token.update(lambda s, _m: _stem(s))


_memo_stemmer.label = stemmer.label  # type: ignore[attr-defined]


def _builder(language: str) -> Builder:
    """English gets lunr's stemmer and stop words, exactly as lunr.js applies them.

    Other languages are indexed unstemmed: Python lunr stems them only through
    NLTK (which downloads data at build time) with stemmers that differ from the
    lunr-languages ones in the browser, and a mismatch loses matches silently.
    Prefix matching in search.js covers most of what stemming would.
    """
    builder = Builder()
    if language.split("-")[0].split("_")[0] == "en":
        builder.pipeline.add(trimmer, stop_word_filter, _memo_stemmer)
        builder.search_pipeline.add(_memo_stemmer)
    else:
        builder.pipeline.add(trimmer)
    return builder


def query_words(query: str, language: str = "en") -> list[str]:
    """The words of a query as search.js prepares them: split, trimmed, stop words dropped.

    lunr.js runs only the stemmer over query terms, so without this a trailing
    comma, or a word like "the" that the index never holds, would match nothing.
    """
    from lunr.tokenizer import Tokenizer

    words = []
    for token in Tokenizer(query):
        token = trimmer(token)
        if language.split("-")[0].split("_")[0] == "en":
            token = stop_word_filter(token)
        if token is not None and str(token):
            words.append(str(token))
    return words


def matches(shard: bytes | str, query: str) -> list[int]:
    """Positions in the document store of the documents matching every word of ``query``,
    as search.js finds them: each word matches its stemmed form or as a prefix, best first.

    For tests and the benchmark, which check the browser against this.
    """
    from lunr.index import Index
    from lunr.query import Query

    data = json.loads(shard)
    index = Index.load(data["index"])
    totals: dict[str, float] | None = None
    for word in query_words(query, data.get("lang", "en")):
        q = index.create_query()
        q.term(word, use_pipeline=True, boost=10)
        q.term(word, use_pipeline=False, wildcard=Query.WILDCARD_TRAILING)
        found = {r["ref"]: r["score"] for r in index.query(q)}
        totals = found if totals is None else {
            ref: totals[ref] + score for ref, score in found.items() if ref in totals}
    if totals is None:
        return list(range(len(data["docs"])))
    return [int(ref) for ref in sorted(totals, key=lambda ref: (-totals[ref], int(ref)))]


def search(shard: bytes | str, query: str) -> list[str]:
    """The titles :func:`matches` finds, best first."""
    docs = json.loads(shard)["docs"]
    return [docs[i]["t"] for i in matches(shard, query)]
