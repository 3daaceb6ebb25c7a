"""Freshness and `commons report`: which profiles are due for review, judged on which date."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from practice_commons.cli import main
from practice_commons.core import Layout, load
from practice_commons.core.hosting.freshness import BuildDateError, build_date, staleness
from practice_commons.core.hosting.report import build_report

from tests.conftest import VALID_PROFILE, write_files


def profile(title: str, state: str = "MA", reviewed: str | None = "2025-02-01",
            status: str = "published", topics: str = "[literacy, family-engagement]") -> str:
    text = (VALID_PROFILE.replace("Family Literacy Nights", title)
            .replace("state: MA", f"state: {state}")
            .replace("status: published", f"status: {status}")
            .replace("topics: [literacy, family-engagement]", f"topics: {topics}"))
    if reviewed is None:
        return text.replace("last_reviewed: 2025-02-01\n", "")
    return text.replace("last_reviewed: 2025-02-01", f"last_reviewed: {reviewed}")


REPO_FILES = {
    "profiles/old-boston.md": profile("Old Boston", "MA", "2021-05-01"),
    "profiles/never-reviewed.md": profile("Never Reviewed", "MA", None),  # submitted 2024-09-01
    "profiles/fresh-dc.md": profile("Fresh DC", "DC", "2025-01-10", topics="[mathematics]"),
    "profiles/old-bronx.md": profile("Old Bronx", "NY", "2020-01-15", topics="[literacy]"),
    "profiles/retired.md": profile("Retired", "MA", "2015-01-01", status="archived"),
    "profiles/draft.md": profile("Draft", "MA", "2015-01-01", status="draft"),
}


@pytest.fixture
def repo(tmp_path):
    write_files(tmp_path, REPO_FILES)
    return tmp_path


def test_build_date_prefers_the_explicit_date_then_source_date_epoch():
    assert build_date("2025-03-04", {"SOURCE_DATE_EPOCH": "0"}) == dt.date(2025, 3, 4)
    assert build_date(dt.date(2024, 1, 2)) == dt.date(2024, 1, 2)
    assert build_date(None, {"SOURCE_DATE_EPOCH": "1735689600"}) == dt.date(2025, 1, 1)
    assert build_date(None, {}) == dt.datetime.now(tz=dt.timezone.utc).date()
    with pytest.raises(BuildDateError, match="'March 4' is not a date; write it as YYYY-MM-DD"):
        build_date("March 4")
    with pytest.raises(BuildDateError, match="SOURCE_DATE_EPOCH='soon' is not a number"):
        build_date(None, {"SOURCE_DATE_EPOCH": "soon"})


def test_staleness_counts_from_review_else_submission_and_spares_archived(repo):
    coll = load(Layout(root=repo)).collection
    get = {p.slug: p for p in coll.profiles}
    today = dt.date(2025, 6, 1)
    old = staleness(get["old-boston"], today, 730)
    assert old is not None and old.reviewed == dt.date(2021, 5, 1) and old.age_days == 1492
    assert old.months == 49
    assert staleness(get["fresh-dc"], today, 730) is None
    assert staleness(get["never-reviewed"], today, 730) is None  # submitted 2024-09-01
    assert staleness(get["never-reviewed"], today, 200).reviewed == dt.date(2024, 9, 1)
    assert staleness(get["retired"], today, 730) is None
    assert staleness(get["old-boston"], today, 0) is None  # 0 turns the check off


def test_report_lists_due_profiles_oldest_first_and_counts_what_is_published(repo):
    coll = load(Layout(root=repo)).collection
    r = build_report(coll, dt.date(2025, 6, 1), 730)
    assert [s.profile.slug for s in r.needs_review] == ["old-bronx", "old-boston"]
    assert (len(r.published), r.archived, r.drafts) == (5, 1, 1)
    assert dict(r.by_state) == {"MA": 3, "DC": 1, "NY": 1}
    assert dict(r.by_level) == {1: 5, 3: 5, 4: 5}
    assert dict(r.by_topic) == {"literacy": 4, "family-engagement": 3, "mathematics": 1}
    only_ma = build_report(coll, dt.date(2025, 6, 1), 730, ["MA"])
    assert [s.profile.slug for s in only_ma.needs_review] == ["old-boston"]
    assert dict(only_ma.by_state) == {"MA": 3}


def test_commons_report_prints_due_profiles_and_counts(repo, capsys):
    assert main(["report", "--root", str(repo), "--today", "2025-06-01"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:5] == [
        "5 published profile(s) (1 archived); 1 draft(s) not published.",
        "",
        "Due for review: 2 (last reviewed more than 730 days before 2025-06-01)",
        "  profiles/old-bronx.md: Old Bronx (NY) — last reviewed 2020-01-15, 64 months ago",
        "  profiles/old-boston.md: Old Boston (MA) — last reviewed 2021-05-01, 49 months ago",
    ]
    text = "\n".join(out)
    assert ("By state:\n  Massachusetts (MA)            3\n  District of Columbia (DC)     1\n"
            "  New York (NY)                 1\n") in text
    assert ("By pyramid level:\n  1 Inspire                         5\n"
            "  3 Foundational Implementation     5\n") in text
    assert ("By topic:\n  Literacy              4\n  Family engagement     3\n"
            "  Mathematics           1") in text


def test_commons_report_follows_mkdocs_yml_and_flags_override_it(repo, capsys):
    (repo / "mkdocs.yml").write_text(
        "site_name: x\nplugins:\n  - search\n  - practice-commons/hosting:\n"
        "      states: [MA]\n      stale_after_days: 200\n      today: 2025-06-01\n"
        "extra: {a: !ENV [HOME, x]}\n", encoding="utf-8")
    assert main(["report", "--root", str(repo), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["today"] == "2025-06-01" and data["stale_after_days"] == 200
    assert data["states_filter"] == ["MA"]
    assert [d["slug"] for d in data["needs_review"]] == ["old-boston", "never-reviewed"]
    assert data["needs_review"][1]["reviewed_field"] == "submitted"
    assert data["by_state"] == {"MA": 3}
    assert main(["report", "--root", str(repo), "--format", "json", "--all-states",
                 "--stale-after", "730"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["slug"] for d in data["needs_review"]] == ["old-bronx", "old-boston"]


def test_fail_if_stale_exits_1_only_when_something_is_due(repo, capsys):
    assert main(["report", "--root", str(repo), "--today", "2025-06-01", "--fail-if-stale"]) == 1
    assert main(["report", "--root", str(repo), "--today", "2022-01-01", "--state", "DC",
                 "--fail-if-stale"]) == 0


def test_usage_errors_say_what_to_write(repo, capsys):
    assert main(["report", "--root", str(repo), "--today", "June"]) == 2
    assert "'June' is not a date; write it as YYYY-MM-DD" in capsys.readouterr().err
    assert main(["report", "--root", str(repo), "--state", "Mass"]) == 2
    assert "unknown state code 'Mass' — did you mean 'MA'?" in capsys.readouterr().err
