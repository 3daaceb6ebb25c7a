"""Index pages' contents, facets and related content, from the model alone (no MkDocs).

``SAMPLE`` is a small archive used here and by the site and browser tests: it
has every situation the indexes must handle (several levels per profile, a
draft, an archived profile, an unrated profile, a case study, a template and a
framework page at a level).
"""

from __future__ import annotations

import json
import textwrap

from practice_commons.core.content.collection import Collection
from practice_commons.core.content.model import Profile, Resource, School
from practice_commons.core.outputs import indexes, related
from practice_commons.core.rules.schema import vocabulary


def profile(title: str, *, state: str, topics: list[str], grades: list[str], levels: list[int],
            summary: str, tier: object = None, submitted: str = "2024-09-01",
            status: str = "published", school: str = "Riverside Charter School",
            extra: str = "", reviewed: str | None = None) -> str:
    """A valid profile file (front matter and body)."""
    resources = "\n".join(
        f"  - {{level: {lv}, title: {json.dumps(f'{title} guide, level {lv}')}, format: toolkit}}"
        for lv in levels)
    evidence = f"evidence: {{essa_tier: {tier}}}\n" if tier is not None else ""
    reviewed_line = f"last_reviewed: {reviewed}\n" if reviewed else ""
    return textwrap.dedent("""\
        ---
        title: {title}
        summary: {summary}
        school: {{name: {school}, sector: charter, state: {state}, city: Springfield}}
        topics: [{topics}]
        grade_bands: [{grades}]
        resources:
        {resources}
        {evidence}contact: {{role: Partnerships office, email: partners@example.org}}
        status: {status}
        submitted: {submitted}
        {reviewed}{extra}---

        ## The practice

        Body text that the search index does not hold: zebra.

        ## Evidence of success

        More families took part each year.

        ## How to adopt it

        Start with one partner school.

        ## Lessons learned

        Plan the first term in detail.
        """).format(title=json.dumps(title), summary=json.dumps(summary), school=json.dumps(school),
                    state=state,
                    topics=", ".join(topics), grades=", ".join(grades), resources=resources,
                    evidence=evidence, status=status, submitted=submitted,
                    reviewed=reviewed_line, extra=extra)


SAMPLE: dict[str, str] = {
    "profiles/literacy-nights.md": profile(
        "Family Literacy Nights", state="MA", topics=["literacy", "family-engagement"],
        grades=["k-2", "3-5"], levels=[1, 3, 4], tier=4, submitted="2024-09-01",
        reviewed="2025-02-01",
        summary="Monthly evenings where families and teachers practise reading strategies."),
    "profiles/reading-across-grades.md": profile(
        "Reading Across Grades", state="MA", topics=["literacy"], grades=["6-8"], levels=[3],
        tier=2, submitted="2025-03-01", school="Lowell Middle Academy",
        summary="Middle-school teachers share one reading routine across every subject."),
    "profiles/newcomer-academy.md": profile(
        "Newcomer English Academy", state="DC", topics=["english-learners", "literacy"],
        grades=["6-8", "9-12"], levels=[2, 3], submitted="2024-01-15",
        school="Capital Bilingual PCS",
        summary="A first-year programme for newly arrived English learners in grades 6 to 12."),
    "profiles/math-circles.md": profile(
        "Math Reading Circles", state="NY", topics=["mathematics"], grades=["6-8"], levels=[5],
        tier="none", submitted="2023-05-01", school="Hudson Charter",
        summary="Students read and argue about word problems in small circles."),
    "profiles/secret-draft.md": profile(
        "Secret Draft Reading", state="MA", topics=["literacy"], grades=["6-8"], levels=[3],
        status="draft", summary="A draft about reading that must never be published anywhere."),
    "profiles/old-reading-club.md": profile(
        "Old Reading Club", state="MA", topics=["literacy"], grades=["6-8"], levels=[3],
        status="archived", submitted="2022-02-02", school="Salem Harbor Charter",
        summary="An after-school reading club that ran until 2022, kept for reference."),
    "content/case-studies/index.md": "# Case studies\n",
    "content/case-studies/citywide-reading.md": textwrap.dedent("""\
        ---
        title: Citywide Reading Partnership
        summary: >-
          A district and four charter schools trained reading coaches together for three years.
        location: {city: Lowell, state: MA}
        organizations:
          - {name: Lowell Public Schools, sector: district}
        stages: [implement]
        dimensions: [capacity]
        levels: [3]
        topics: [literacy]
        grade_bands: [6-8]
        sources:
          - {title: Example source, year: 2020}
        status: published
        ---
        What happened.
        """),
    "content/templates/index.md": "# Toolkit\n",
    "content/templates/five-whys.md": textwrap.dedent("""\
        ---
        title: Five Whys Worksheet
        summary: A worksheet that helps a team find the root cause of a problem.
        stage: plan
        level: 3
        topics: [data-use]
        purpose: Find the root causes before planning.
        audience: The collaboration team
        sections:
          - {type: prompt, id: problem, label: Problem statement}
        sources:
          - {title: Example source}
        status: published
        ---
        Guidance.
        """),
    "content/pyramid/foundational.md": (
        "---\ntitle: About level 3\nlevel: 3\n---\n# About level 3\n"),
}
PUBLISHED = {"profile:literacy-nights", "profile:reading-across-grades", "profile:newcomer-academy",
             "profile:math-circles", "profile:old-reading-club",
             "case-study:citywide-reading", "template:five-whys"}
# Which levels each published item claims.
LEVELS = {"profile:literacy-nights": {1, 3, 4}, "profile:reading-across-grades": {3},
          "profile:newcomer-academy": {2, 3}, "profile:math-circles": {5},
          "profile:old-reading-club": {3}, "case-study:citywide-reading": {3},
          "template:five-whys": {3}}


def key(record) -> str:
    return f"{record.kind}:{record.slug}"


def test_sample_loads_without_problems(load_files):
    result = load_files(SAMPLE)
    assert [i.text() for i in result.issues] == []
    assert {key(r) for r in result.collection.published()} == PUBLISHED


def test_level_index_lists_each_item_once_at_every_level_it_claims(load_files):
    ix = indexes.build(load_files(SAMPLE).collection, vocabulary())
    assert [lv.level for lv in ix.levels] == [1, 2, 3, 4, 5]
    for lv in ix.levels:
        keys = [key(r) for r in lv.records()]
        assert len(keys) == len(set(keys)), f"level {lv.level} lists something twice"
        assert set(keys) == {k for k, levels in LEVELS.items() if lv.level in levels}
    level3 = ix.levels[2]
    # Profiles are grouped under their first topic, in vocabulary order.
    assert [(slug, [e.profile.slug for e in entries]) for slug, _, entries in level3.groups] == [
        ("english-learners", ["newcomer-academy"]),
        ("literacy", ["literacy-nights", "old-reading-club", "reading-across-grades"])]
    nights = next(e for _, _, entries in level3.groups for e in entries
                  if e.profile.slug == "literacy-nights")
    assert [r.level for r in nights.resources] == [3]  # only the resources at this level
    assert level3.resource_count == 4 and level3.total == 6
    assert [g.title for g in level3.guides] == ["About level 3"]


def test_facet_buckets_hold_published_records_only(load_files):
    ix = indexes.build(load_files(SAMPLE).collection, vocabulary())
    topics = {b.value: [key(r) for r in b.records] for b in ix.facets["topic"]}
    assert "profile:secret-draft" not in [k for v in topics.values() for k in v]
    assert set(topics) == {"english-learners", "literacy", "family-engagement", "mathematics",
                           "data-use"}  # values nobody uses get no page
    states = {b.value: b for b in ix.facets["state"]}
    assert [b.facet.url_value(b.value) for b in ix.facets["state"]] == ["dc", "ma", "ny"]
    assert states["MA"].src_uri == "states/ma/index.md"
    assert states["MA"].count("profile") == 3 and states["MA"].count("case-study") == 1
    tiers = {b.value: [r.slug for r in b.records] for b in ix.facets["tier"]}
    # A profile without a tier counts as "not rated", like one that says `none`.
    assert tiers == {2: ["reading-across-grades"], 4: ["literacy-nights"],
                     "none": ["math-circles", "newcomer-academy", "old-reading-club"]}
    assert ix.facets["tier"][-1].src_uri == "evidence/not-rated/index.md"
    stages = {b.value: [key(r) for r in b.records] for b in ix.facets["stage"]}
    assert stages == {"plan": ["template:five-whys"], "implement": ["case-study:citywide-reading"]}


def test_newest_profiles_by_submission_date(load_files):
    ix = indexes.build(load_files(SAMPLE).collection, vocabulary())
    assert [p.slug for p in ix.newest(3)] == [
        "reading-across-grades", "literacy-nights", "newcomer-academy"]


def test_facet_choices_count_values_and_drop_filters_that_cannot_narrow(load_files):
    ix = indexes.build(load_files(SAMPLE).collection, vocabulary())
    choices = {c.facet.param: c.values for c in indexes.facet_choices(
        ix.levels[2].records(), vocabulary(), {"profiles": "Profiles"}, skip=("level",))}
    assert "level" not in choices
    assert choices["state"] == (("DC", "District of Columbia", 1), ("MA", "Massachusetts", 4))
    assert choices["kind"][0] == ("profile", "Profiles", 4)
    assert choices["sector"] == (("charter", "Charter", 4), ("district", "District", 1))
    assert "approach" not in choices  # no record at level 3 names one: nothing to narrow


def test_related_content_shares_facets_and_skips_self_and_cross_references(load_files):
    coll = load_files(SAMPLE).collection
    rel = related.compute(coll)
    found = {k: [f"{r.record.kind}:{r.record.slug}" for r in v] for k, v in rel.items()}
    reading = found[("profile", "reading-across-grades")]
    assert "profile:reading-across-grades" not in reading
    assert "profile:secret-draft" not in [k for v in found.values() for k in v]
    assert reading[0] == "case-study:citywide-reading"  # literacy, level 3, 6-8, MA
    top = rel[("profile", "reading-across-grades")][0]
    assert set(top.shared) == {("topics", "literacy"), ("levels", 3), ("grade_bands", "6-8"),
                               ("states", "MA")}
    assert all(len(v) <= 5 for v in rel.values())
    assert related.compute(coll) == rel  # the same every build


def _synthetic(n: int) -> Collection:
    school = School(name="S", sector="charter", state="MA")
    return Collection.of(
        Profile(slug=f"p{i:05d}", path=f"profiles/p{i:05d}.md", title=f"Practice {i}",
                school=school, topics=("literacy", "mathematics"), levels=(1, 3),
                grade_bands=("6-8",), states=("MA",),
                resources=(Resource(level=1, title="Video", format="video"),))
        for i in range(n))


def test_related_content_scores_a_bounded_number_of_candidates(monkeypatch):
    """Not O(N²): with every record alike, each still scores at most a few dozen others."""
    calls = 0
    real = related._score

    def counting(shared):
        nonlocal calls
        calls += 1
        return real(shared)

    monkeypatch.setattr(related, "_score", counting)
    n = 1500
    rel = related.compute(_synthetic(n))
    assert calls <= n * (related.ENOUGH + related.PER_KEY)
    assert calls < n * n / 10
    # Among equally good candidates, pages do not all recommend the same few records.
    recommended = {r.record.slug for v in rel.values() for r in v}
    assert len(recommended) > n / 2


def test_every_vocabulary_term_has_only_known_keys():
    """A comma in an unquoted flow-mapping value silently cuts a label or description."""
    import yaml
    from practice_commons.core.rules.vocabulary import VOCABULARY_FILE
    raw = yaml.safe_load(VOCABULARY_FILE.read_text(encoding="utf-8"))
    odd = [(name, item) for name, items in raw.items() for item in items
           if set(item) - {"slug", "label", "name", "description", "aliases"}]
    assert odd == []
