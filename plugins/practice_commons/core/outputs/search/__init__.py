"""The site's one search: full text and filters over everything published, in static files.

``build`` turns the published items and pages into files under one folder:

- ``index.json``, the manifest a visitor's first search fetches: the first term of
  each chunk, the concepts that turn words into filters, the labels cards show;
- ``t/<n>.json``, the term chunks (:mod:`.postings`), fetched only for the query's words;
- ``facets.json``, which documents have each filter value, for filtering and counts;
- ``d/<n>.json``, one card per document (title, address, summary, facets, text for the
  snippet), fetched only for the results on screen.

A page load fetches none of them; ``search.js`` fetches them when someone searches.
This package and :mod:`..lunr_index` are the only ones that use ``lunr``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from ...content.model import Record
from ...rules.vocabulary import Vocabulary
from ..indexes import SEARCH_FACETS
from .concepts import concepts
from .documents import SearchDoc, build_docs
from .postings import chunks, facet_postings, weights

FORMAT_VERSION = 2
MANIFEST, FACETS = "index.json", "facets.json"

__all__ = ["FORMAT_VERSION", "MANIFEST", "FACETS", "SearchDoc", "build", "build_docs"]


def build(records: Iterable[Record], url: Callable[[Record], str], vocab: Vocabulary,
          strings: dict[str, str], language: str = "en") -> dict[str, bytes]:
    """Every search file, by path relative to the search folder. Same input, same bytes."""
    english = language.split("-")[0].split("_")[0] == "en"
    docs = build_docs(records, url, vocab)
    firsts, chunk_files = chunks(weights(docs, english))
    files = {f"t/{i}.json": data for i, data in enumerate(chunk_files)}
    for i, doc in enumerate(docs):
        files[f"d/{i}.json"] = _dump(doc.card)
    files[FACETS] = _dump(facet_postings(docs))
    files[MANIFEST] = _dump({
        "v": FORMAT_VERSION, "lang": language, "english": english, "n": len(docs),
        "chunks": firsts, "concepts": concepts(docs, vocab, strings),
        "labels": _labels(docs, vocab, strings)})
    return files


def _labels(docs: list[SearchDoc], vocab: Vocabulary, strings: dict[str, str]) -> dict[str, Any]:
    """The names of the facet values the documents use, for chips and cards."""
    lists = {f.param: f.vocab for f in SEARCH_FACETS if f.vocab}
    used: dict[str, set[str]] = {}
    for doc in docs:
        for param, values in doc.facets.items():
            used.setdefault(param, set()).update(values)
        for res in doc.card.get("r", ()):
            used.setdefault("format", set()).add(res[2])
    out: dict[str, dict[str, str]] = {}
    for param, values in used.items():
        if param in lists:
            labels = {str(k): v for k, v in vocab.labels(lists[param]).items()}
            out[param] = {v: labels.get(v, v) for v in sorted(values)}
    out["kind"] = {"profile": strings.get("profile", "Profile"),
                   "case-study": strings.get("case_study", "Case study"),
                   "template": strings.get("template", "Toolkit template"),
                   "page": strings.get("guide", "Guide")}
    return out


def _dump(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()
