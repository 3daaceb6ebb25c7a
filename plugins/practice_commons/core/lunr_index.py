"""A serialized lunr 2.3.9 index built directly, byte for byte what ``lunr`` would give.

Python lunr builds an index the way lunr.js does, object by object: a Token per
word, a pipeline call per token and step, a trie of every term that the serialized
form never contains. For the search shards that was the largest cost our plugins
added to a build (commons bench, 1,000 profiles). This module computes the same
JSON-ready dict (tokenizer, trimmer, stop words, Porter stemmer, BM25 field vectors,
inverted index, in lunr's own order and arithmetic) with plain lists and dicts;
``tests/core/test_synthetic_lunr.py`` checks it against ``lunr`` itself.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from lunr import __TARGET_JS_VERSION__
from lunr.stemmer import porter_stemmer
from lunr.stop_word_filter import WORDS as STOP_WORDS

_SEPARATOR = re.compile(r"[ \t\n\r\f\v\xa0-]")  # lunr.tokenizer.SEPARATOR_CHARS
_TRIM = re.compile(r"^\W*?([^\W]+)\W*?$")  # lunr.trimmer
_K1, _B = 1.2, 0.75  # lunr.Builder's BM25 defaults


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """lunr's Porter stemmer, remembered: an archive repeats a few thousand words."""
    return porter_stemmer.stem(word)


@lru_cache(maxsize=100_000)
def _term(word: str, english: bool) -> str | None:
    match = _TRIM.match(word)
    if match is not None:
        word = match.group(1)
    if not english:
        return word
    if word in STOP_WORDS:
        return None
    return stem(word)


def terms(text: Any, english: bool = True) -> list[str]:
    """The indexed terms of ``text``, as lunr's tokenizer and pipeline make them."""
    if text is None:
        return []
    out = []
    for word in _SEPARATOR.split(str(text).lower()):
        if word:
            term = _term(word, english)
            if term is not None:
                out.append(term)
    return out


def serialize(documents: Sequence[dict[str, Any]], fields: Sequence[tuple[str, float]],
              english: bool = True, ref: str = "id") -> dict[str, Any]:
    """``lunr(ref, fields, documents, builder=…).serialize()`` for a builder whose
    pipeline is trimmer, stop-word filter and stemmer (``english``) or trimmer alone,
    and whose search pipeline is the stemmer (``english``) or empty.
    """
    names = [name for name, _ in fields]
    boosts = dict(fields)
    inverted: dict[str, dict[str, Any]] = {}
    frequencies: list[tuple[str, str, dict[str, int], int]] = []  # field, doc ref, tf, length
    totals = dict.fromkeys(names, 0)
    for doc in documents:
        doc_ref = str(doc[ref])
        for name in names:
            found = terms(doc[name], english)
            tf: dict[str, int] = {}
            for term in found:
                tf[term] = tf.get(term, 0) + 1
                posting = inverted.get(term)
                if posting is None:
                    posting = {n: {} for n in names}
                    posting["_index"] = len(inverted)
                    inverted[term] = posting
                posting[name].setdefault(doc_ref, {})
            frequencies.append((name, doc_ref, tf, len(found)))
            totals[name] += len(found)
    count = len(documents)
    average = {name: totals[name] / count for name in names}
    idf: dict[str, float] = {}
    vectors = []
    for name, doc_ref, tf, length in frequencies:
        elements = []
        for term, n in tf.items():
            posting = inverted[term]
            if term not in idf:
                with_term = sum(len(posting[f]) for f in names)
                x = (count - with_term + 0.5) / (with_term + 0.5)
                idf[term] = math.log(1 + abs(x))
            score = idf[term] * ((_K1 + 1) * n) / (
                _K1 * (1 - _B + _B * (length / average[name])) + n)
            score *= boosts[name]
            elements.append((posting["_index"], round(score, 3)))
        elements.sort()
        vectors.append([f"{name}/{doc_ref}",
                        [x for index, score in elements for x in (index, round(score, 3))]])
    return {
        "version": __TARGET_JS_VERSION__,
        "fields": names,
        "fieldVectors": vectors,
        "invertedIndex": [[term, inverted[term]] for term in sorted(inverted)],
        "pipeline": ["stemmer"] if english else [],
    }
