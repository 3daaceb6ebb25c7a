"""Portable names (core/content/names.py): the cases a fixture cannot make on this disk."""

from __future__ import annotations

import unicodedata

from practice_commons.core.content.names import name_issues


def test_a_name_over_255_bytes_is_refused_though_linux_cannot_even_make_it():
    # 100 letters of three bytes each: 300 bytes, made on a disk that counts characters.
    long = "profiles/" + "文" * 100 + ".md"
    (issue,) = name_issues([long])
    assert issue.message.endswith("is 303 bytes long; at most 255 work everywhere")
    assert name_issues(["profiles/" + "a" * 252 + ".md"]) == []


def test_reserved_device_names_are_refused_with_any_extension_and_case():
    found = name_issues(["profiles/Aux.tar.gz", "profiles/com1.md", "profiles/lpt9/x.md",
                         "profiles/console.md", "profiles/nully.md", "profiles/com10.md"])
    assert [i.path for i in found] == ["profiles/Aux.tar.gz", "profiles/com1.md",
                                      "profiles/lpt9/x.md"]


def test_twins_are_found_across_folders_and_each_name_once():
    nfc = "profiles/José/index.md"
    nfd = unicodedata.normalize("NFD", nfc)
    upper = "profiles/JOSÉ/index.md"
    found = name_issues([nfc, nfd, upper, "profiles/jose/index.md"])  # no accent: no twin
    first, *twins = sorted([nfc, nfd, upper])
    assert sorted(i.path for i in found) == sorted(twins)
    assert all(repr(first) in i.message for i in found)
