"""Addresses made from titles keep their meaning, in any script."""

from __future__ import annotations

import pytest
from practice_commons.core.content.loader import SLUG
from practice_commons.core.content.slug import char_table, slugify


@pytest.mark.parametrize(("title", "slug"), [
    ("K–12 Literacy", "k-12-literacy"),          # digits stay apart from the letter
    ("Straße der Lehrer", "strasse-der-lehrer"),  # ß is "ss", not dropped
    ("中文标题", "zhong-wen-biao-ti"),           # transliterated, not "untitled"
    ("Москва школа", "moskva-shkola"),
    ("École Saint-Éloi", "ecole-saint-eloi"),
    ("O'Brien’s 5 Whys", "obriens-5-whys"),        # an apostrophe joins its word
    ("1,000 Books", "1000-books"),
    ("&amp; more", "amp-more"),                  # contributors' text is not HTML
    ("🙂 ✨", "untitled"),
])
def test_titles_in_any_script_give_readable_addresses(title, slug):
    assert slugify(title) == slug
    assert SLUG.match(slugify(title))


def test_the_browser_table_is_indexed_by_code_point():
    table = char_table().split("\x00")
    assert table[ord("ß") - 1] == "ss" and table[ord("中") - 1].strip().lower() == "zhong"
