"""lunr shards: what they index, what they store, and how queries match (no MkDocs)."""

from __future__ import annotations

import json

import pytest
from practice_commons.core import indexes, search
from practice_commons.core.schema import vocabulary

from tests.core.test_indexes import SAMPLE


@pytest.fixture
def ix(load_files):
    return indexes.build(load_files(SAMPLE).collection, vocabulary())


def url(record, level=None):
    return record.url + (f"#level-{level}" if level and record.kind == "profile" else "")


def test_shard_holds_a_lunr_index_and_a_compact_store(ix):
    data = json.loads(search.build_shard(ix.published, url, vocabulary()))
    assert data["v"] == 1 and data["lang"] == "en"
    assert data["index"]["version"] == "2.3.9"  # what the lunr.js inside MkDocs reads
    assert data["index"]["fields"] == ["t", "k", "m"]
    vector = data["index"]["fieldVectors"][0][1]
    assert all(round(x, 1) == x for x in vector[1::2])  # scores kept to one decimal
    docs = {d["t"]: d for d in data["docs"]}
    assert "Secret Draft Reading" not in docs
    assert len(docs) == 7
    reading = docs["Reading Across Grades"]
    assert reading == {
        "t": "Reading Across Grades", "u": "profiles/reading-across-grades/",
        "m": "Middle-school teachers share one reading routine across every subject.",
        "s": "Lowell Middle Academy", "c": "Springfield", "level": ["3"], "kind": ["profile"],
        "topic": ["literacy"], "grade": ["6-8"], "state": ["MA"], "sector": ["charter"],
        "tier": ["2"]}
    assert set(docs["Five Whys Worksheet"]) <= set(search.STORE_KEYS)
    assert docs["Newcomer English Academy"]["tier"] == ["none"]


def test_level_shard_links_profiles_to_the_level_heading(ix):
    level3 = ix.levels[2]
    data = json.loads(search.build_shard(level3.records(), lambda r: url(r, 3), vocabulary(), 3))
    urls = {d["t"]: d["u"] for d in data["docs"]}
    assert urls["Reading Across Grades"] == "profiles/reading-across-grades/#level-3"
    assert urls["Citywide Reading Partnership"] == "case-studies/citywide-reading/"
    assert "Math Reading Circles" not in urls  # level 5 only


def test_queries_match_stems_and_prefixes_and_need_every_word(ix):
    shard = search.build_shard(ix.published, url, vocabulary())
    assert set(search.search(shard, "reading")) == {
        "Family Literacy Nights", "Reading Across Grades", "Math Reading Circles",
        "Old Reading Club", "Citywide Reading Partnership"}
    assert search.search(shard, "read")[:1]  # a prefix while typing already finds
    assert set(search.search(shard, "readings")) == set(search.search(shard, "reading"))
    assert search.search(shard, "reading circles") == ["Math Reading Circles"]
    assert search.search(shard, "the reading, circles!") == ["Math Reading Circles"]
    # Topic labels and school names are indexed; page bodies are not.
    assert search.search(shard, "english learners") == ["Newcomer English Academy"]
    assert search.search(shard, "hudson") == ["Math Reading Circles"]
    assert search.search(shard, "zebra") == []
    assert search.search(shard, "routine") == ["Reading Across Grades"]  # from its summary
    lean = search.build_shard(ix.published, url, vocabulary(), summaries=False)
    assert search.search(lean, "routine") == [] and len(lean) < len(shard)
    assert search.search(lean, "reading circles") == ["Math Reading Circles"]
    # Titles weigh most.
    assert search.search(shard, "reading")[0] in {
        "Reading Across Grades", "Math Reading Circles", "Old Reading Club",
        "Citywide Reading Partnership"}


def test_shards_are_reproducible_and_non_english_sites_are_unstemmed(ix):
    a = search.build_shard(ix.published, url, vocabulary())
    search._cache.clear()
    assert search.build_shard(ix.published, url, vocabulary()) == a
    es = json.loads(search.build_shard(ix.published, url, vocabulary(), language="es"))
    assert es["lang"] == "es" and es["index"]["pipeline"] == []
    assert json.loads(a)["index"]["pipeline"] == ["stemmer"]
    assert search.query_words("the reading", "es") == ["the", "reading"]
    assert search.query_words("the reading", "en") == ["reading"]
