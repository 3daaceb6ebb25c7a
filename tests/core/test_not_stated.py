"""Grades a source does not give: 'not-stated' is its own value, never a band (issue 15)."""

from __future__ import annotations

from practice_commons.core.outputs import related

from tests.core.conftest import profile_with, texts
from tests.core.test_indexes import profile

P = "profiles/lit.md"


def test_not_stated_is_accepted_alone(load_files):
    result = load_files({P: profile_with("grade_bands: [k-2, 3-5]", "grade_bands: [not-stated]")})
    assert result.issues == []
    (p,) = result.collection.profiles
    assert p.grade_bands == ("not-stated",)


def test_not_stated_beside_a_band_is_refused_with_its_line(load_files):
    bad = profile_with("grade_bands: [k-2, 3-5]", "grade_bands: [k-2, not-stated]")
    line = next(n for n, t in enumerate(bad.splitlines(), 1) if t.startswith("grade_bands"))
    assert texts(load_files({P: bad})) == [
        f"{P}:{line}: field 'grade_bands[1]': 'not-stated' cannot be listed with grade bands — "
        "keep only the bands a source gives, or only not-stated if none does"]


def test_two_profiles_without_grades_are_not_related_by_that(load_files):
    files = {
        f"profiles/{slug}.md": profile(title, state=state, topics=[topic], grades=["not-stated"],
                                       levels=[lv], summary="A practice whose grades are unknown.")
        for slug, title, state, topic, lv in (
            ("a", "Practice Alpha", "MA", "literacy", 2),
            ("b", "Practice Beta", "DC", "mathematics", 2))}
    coll = load_files(files).collection
    out = related.compute(coll)
    # They share a level (1 point) and would have shared "not-stated" (1 more): not enough.
    assert out[("profile", "a")] == [] and out[("profile", "b")] == []
