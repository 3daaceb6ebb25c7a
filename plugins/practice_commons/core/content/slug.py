"""Web addresses from titles in any script, through python-slugify.

"K–12" keeps its digits apart (``k-12``), "Straße" reads ``strasse`` and a Chinese
title is transliterated (``zhong-wen``) instead of becoming ``untitled``. HTML
entities are not decoded: a contributor who writes "&amp;" in a title means those
five characters. Apostrophes join their word ("O'Brien's" → ``obriens``).

The submission form makes the same address in the browser from the same
transliteration table (:func:`char_table`, published by the submit plugin), so a
submitted file's name is the one ``commons new`` would choose.
"""

from __future__ import annotations

from functools import cache

from slugify import slugify as _slugify

APOSTROPHES = ("'", "\u2019", "\u02bc")
FALLBACK = "untitled"  # a title of only punctuation or emoji


def slugify(text: str) -> str:
    """A lowercase ASCII slug of ``text``: words joined by single hyphens."""
    return _slugify(str(text), entities=False, decimal=False, hexadecimal=False,
                    replacements=[(a, "") for a in APOSTROPHES]) or FALLBACK


@cache
def char_table() -> str:
    """The transliteration of every character from U+0001, NUL-separated, as text-unidecode
    holds it: the browser indexes it by code point exactly as the Python side does."""
    import pkgutil
    data = pkgutil.get_data("text_unidecode", "data.bin")
    assert data is not None, "text-unidecode ships data.bin"
    return data.decode("utf-8")
