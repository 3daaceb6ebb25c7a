"""Text as the search sees it: page bodies as plain text, and words normalized for matching.

Both functions have twins in ``assets/.../search.js`` (``plainWords`` and the
tokenizer from lunr.js); ``tests/core/test_search_build.py`` pins the shared cases.
"""

from __future__ import annotations

import re
import unicodedata

from ..lunr_index import stem

# Markdown and HTML reduced to the words a reader sees. Contributed bodies are
# untrusted: these patterns are linear (no nested quantifiers) and the text is capped.
_HTML = re.compile(r"<[^>\n]{0,2000}>")
_IMAGE = re.compile(r"!\[([^\]\n]{0,500})\]\([^)\n]{0,2000}\)")
_LINK = re.compile(r"\[([^\]\n]{0,500})\]\([^)\n]{0,2000}\)")
_REF_LINK = re.compile(r"\[([^\]\n]{0,500})\]\[[^\]\n]{0,200}\]")
_ATTR = re.compile(r"\{:?[^}\n]{0,500}\}")
_BLOCK_MARKS = re.compile(r"^\s{0,3}(?:#{1,6}|>|[-*+]|\d{1,9}[.)]|-{3,})(?=\s|$)|\|", re.MULTILINE)
_INLINE_MARKS = re.compile(r"[*_`~]{1,3}")
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{1,7}|#x[0-9a-fA-F]{1,6});")
MAX_TEXT = 20_000  # characters of a body kept for snippets; the index sees all of it

# Query normalization: letters and digits only, so "D.C.", "dc" and "Dc" agree.
_DROP = re.compile(r"[.'’]")
_NON_WORD = re.compile(r"[^0-9a-z]+")


def plain_text(markdown: str) -> str:
    """What a reader sees of a Markdown body, as one line of text."""
    text = _HTML.sub(" ", markdown)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _ATTR.sub(" ", text)
    text = _BLOCK_MARKS.sub(" ", text)
    text = _INLINE_MARKS.sub("", text)
    text = _ENTITY.sub(" ", text)
    return " ".join(text.split())  # as re.sub(r"\s+", " ", text).strip(), several times faster


def words(text: str) -> list[str]:
    """Lowercase ASCII words of ``text`` (accents dropped), for matching concept phrases."""
    folded = unicodedata.normalize("NFKD", text.lower())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return [w for w in _NON_WORD.split(_DROP.sub("", folded)) if w]


def phrase_key(text: str) -> str:
    """A phrase as the browser compares it: normalized words, each stemmed, space-joined."""
    return " ".join(stem(w) for w in words(text))
