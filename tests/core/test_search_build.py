"""The search files: what they index, how they are cut, and how words become filters.

No MkDocs here: the files come from ``core.search.build`` over the sample archive.
The browser reads these files with search.js (tests/browser/test_search*.py); here we
check the build against lunr itself and against the reading rules search.js applies.
"""

from __future__ import annotations

import json

import pytest
from lunr import lunr
from practice_commons.core.hosting.i18n import strings
from practice_commons.core.outputs import indexes, search
from practice_commons.core.outputs.search import postings
from practice_commons.core.outputs.search.concepts import grade_phrases
from practice_commons.core.outputs.search.documents import FIELDS
from practice_commons.core.outputs.search.text import phrase_key, plain_text, words
from practice_commons.core.rules.schema import vocabulary

from tests.core.test_indexes import SAMPLE


@pytest.fixture
def built(load_files):
    coll = load_files(SAMPLE).collection
    ix = indexes.build(coll, vocabulary())
    records = [*ix.published, *coll.pages]
    files = search.build(records, lambda r: r.url, vocabulary(), strings("en"))
    docs = search.build_docs(records, lambda r: r.url, vocabulary())
    return files, docs


def manifest(files):
    return json.loads(files[search.MANIFEST])


def postings_of(files, term: str) -> dict[int, int]:
    """A term's postings as search.js finds them: the chunk from the manifest, then decode."""
    firsts = manifest(files)["chunks"]
    i = max(n for n, first in enumerate(firsts) if first <= term)
    flat = json.loads(files[f"t/{i}.json"]).get(term, [])
    out, doc = {}, 0
    for gap, weight in zip(flat[::2], flat[1::2]):
        doc += gap
        out[doc] = weight
    return out


def understand(files, query: str) -> tuple[list[tuple[str, tuple[str, ...]]], str]:
    """search.js's reading of a query (Engine.understand), for the concept tables."""
    c = manifest(files)["concepts"]
    raw: list[tuple[str, bool]] = []
    for token in query.split():
        capital = len(token.rstrip(".,;:!?")) == 2 and token.rstrip(".,;:!?").isupper()
        raw += [(w, capital) for w in words(token)]
    stems = [phrase_key(w) for w, _ in raw]
    found, rest, i = [], [], 0
    while i < len(raw):
        for n in range(min(c["n"], len(raw) - i), 0, -1):
            key = " ".join(stems[i:i + n])
            if n == 1 and raw[i][1] and raw[i][0] in c["u"]:
                hit = c["u"][raw[i][0]]
                break
            if key in c["p"]:
                hit = c["p"][key]
                break
        else:
            rest.append(raw[i][0])
            i += 1
            continue
        entry = c["c"][hit]
        found.append((entry[0], tuple(entry[1])))
        i += n
    return found, " ".join(rest)


def test_every_published_item_and_page_is_a_document_with_a_card(built):
    files, docs = built
    m = manifest(files)
    assert m["v"] == search.FORMAT_VERSION and m["n"] == len(docs)
    cards = [json.loads(files[f"d/{i}.json"]) for i in range(m["n"])]
    titles = [c["t"] for c in cards]
    assert "Secret Draft Reading" not in titles  # drafts are not published
    kinds = [c["k"] for c in cards]
    assert kinds == sorted(kinds, key=["profile", "case-study", "template", "page"].index)
    reading = cards[titles.index("Reading Across Grades")]
    assert reading["u"] == "profiles/reading-across-grades/" and reading["st"] == ["MA"]
    assert "zebra" in reading["x"]  # the body's text, for the snippet
    assert reading["r"] == [[3, "Reading Across Grades guide, level 3", "toolkit"]]


def test_full_text_of_bodies_is_indexed(built):
    files, docs = built
    found = postings_of(files, "zebra")  # only ever in the sample bodies
    assert found and all(docs[d].fields["body"].count("zebra") for d in found)


def test_weights_rank_single_words_as_lunr_does(built):
    """Our summed per-field weights order documents exactly as lunr's own index does."""
    files, docs = built
    index = lunr(ref="id", fields=[{"field_name": n, "boost": b} for n, b in FIELDS],
                 documents=[{"id": str(i), **d.fields} for i, d in enumerate(docs)])
    for word in ("reading", "families", "school", "routine", "math"):
        ours = postings_of(files, postings.terms(word)[0])
        theirs = {int(r["ref"]): r["score"] for r in index.search(word)}
        assert set(ours) == set(theirs), word
        # Same order wherever lunr's scores differ by more than our rounding.
        for a in theirs:
            for b in theirs:
                if theirs[a] > theirs[b] * 1.05:
                    assert ours[a] >= ours[b], (word, a, b)


def test_chunks_are_bounded_sorted_and_cover_every_term(load_files):
    index = {f"term{i:04d}": {d: 1 + d % 7 for d in range(0, 300, 1 + i % 5)} for i in range(400)}
    firsts, chunks = postings.chunks(index, limit=4000)
    assert firsts == sorted(firsts) and len(firsts) == len(chunks) > 10
    seen = {}
    for first, data in zip(firsts, chunks):
        part = json.loads(data)
        assert min(part) == first
        assert len(data) < 4000 + max(len(json.dumps(v)) for v in part.values()) + 20
        seen.update(part)
    assert set(seen) == set(index)
    decoded = {}
    doc = 0
    for gap, weight in zip(seen["term0003"][::2], seen["term0003"][1::2]):
        doc += gap
        decoded[doc] = weight
    assert decoded == index["term0003"]


def test_hyphenated_words_and_title_phrases_are_terms_too():
    assert "coloc" in postings.field_terms("Charter and district co-location")
    assert postings.phrase_terms("Family Literacy Nights") == ["famili literaci", "literaci night"]


def test_facet_postings_name_the_documents_with_each_value(built):
    files, docs = built
    facets = json.loads(files[search.FACETS])
    for param, values in facets.items():
        for value, gaps in values.items():
            numbers = [sum(gaps[:i + 1]) for i in range(len(gaps))]
            assert numbers == [i for i, d in enumerate(docs) if value in d.facets.get(param, ())]
    assert facets["kind"]["page"]  # framework pages are searchable, as Guides
    assert set(facets["format"]) >= {"toolkit"}


@pytest.mark.parametrize("query, filters, text", [
    ("ELL", [("topic", ("english-learners",))], ""),
    ("english learners massachusetts",
     [("topic", ("english-learners",)), ("state", ("MA",))], ""),
    ("Massachusetts reading", [("state", ("MA",))], "reading"),
    ("MA", [("state", ("MA",))], ""),
    ("ma", [], "ma"),  # a word first: only "MA" in capitals is the state
    ("middle school literacy", [("grade", ("6-8",)), ("topic", ("literacy",))], ""),
    ("grade 7", [("grade", ("6-8",))], ""),
    ("7th grade math", [("grade", ("6-8",)), ("topic", ("mathematics",))], ""),
    ("level 3 toolkits", [("level", ("3",)), ("format", ("toolkit",))], ""),
    ("foundational implementation", [("level", ("3",))], ""),
    ("case studies", [("kind", ("case-study",))], ""),
    ("3 things", [], "3 things"),  # a bare number is not a level
])
def test_queries_become_filters_from_the_vocabulary(built, query, filters, text):
    files, _ = built
    assert understand(files, query) == (filters, text)


def test_only_values_the_collection_has_become_filters(built):
    files, _ = built
    concepts = manifest(files)["concepts"]["c"]
    states = {v for param, values, _ in concepts if param == "state" for v in values}
    assert states == {"MA", "NY", "DC"}  # the sample's states, not all 56
    found, rest = understand(files, "special education texas")
    assert found == [] and rest == "special education texas"


def test_grade_words_come_from_band_slugs():
    assert "grade 7" in grade_phrases("6-8")
    assert "kindergarten" in grade_phrases("k-2")
    assert "12th grade" in grade_phrases("9-12")
    assert grade_phrases("adult") == []


def test_plain_text_keeps_what_a_reader_sees():
    md = ("## The *practice*\n\nSee [the guide](https://x.example/a) and "
          "<span class='x'>inline</span> `code`.\n\n- one\n- two {: #id }\n\n| a | b |\n")
    assert plain_text(md) == "The practice See the guide and inline code. one two a b"


def test_same_input_gives_the_same_bytes(built, load_files):
    files, _ = built
    coll = load_files(SAMPLE).collection
    ix = indexes.build(coll, vocabulary())
    again = search.build([*ix.published, *coll.pages], lambda r: r.url, vocabulary(),
                         strings("en"))
    assert again == files
