"""lunr's text pipeline without lunr's objects: the terms it would index for a text.

Python lunr makes a Token per word and calls each pipeline step per token; over the
full text of every page that dominated building the search. These functions give the
same terms (tokenizer, trimmer, stop words, Porter stemmer) with plain strings;
``core/outputs/search/postings.py`` scores them and ``tests/core/test_search_build.py``
checks the ranking against ``lunr`` itself.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from lunr.stemmer import porter_stemmer
from lunr.stop_word_filter import WORDS as STOP_WORDS

_SEPARATOR = re.compile(r"[ \t\n\r\f\v\xa0-]")  # lunr.tokenizer.SEPARATOR_CHARS
_TRIM = re.compile(r"^\W*?([^\W]+)\W*?$")  # lunr.trimmer


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
