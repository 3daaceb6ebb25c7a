"""A maintainer's report on the archive: what needs review, and what it holds.

Pure: from a collection, a date and the freshness rule to plain data; the
``commons report`` command prints it as text or JSON.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..content.collection import Collection
from ..content.model import Profile
from .freshness import Staleness, needing_review
from .states import only_states


@dataclass
class Report:
    today: dt.date
    stale_after_days: int
    states_filter: tuple[str, ...]
    published: list[Profile]  # published and archived: what the site shows
    archived: int
    drafts: int
    needs_review: list[Staleness]
    by_state: Counter = field(default_factory=Counter)
    by_level: Counter = field(default_factory=Counter)
    by_topic: Counter = field(default_factory=Counter)

    def to_dict(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "stale_after_days": self.stale_after_days,
            "states_filter": list(self.states_filter),
            "published": len(self.published),
            "archived": self.archived,
            "drafts": self.drafts,
            "needs_review": [{
                "path": s.profile.path, "slug": s.profile.slug, "title": s.profile.title,
                "state": s.profile.school.state, "url": s.profile.url,
                "last_reviewed": s.reviewed.isoformat() if s.reviewed else None,
                "reviewed_field": "last_reviewed" if s.profile.last_reviewed else "submitted",
                "age_days": s.age_days,
                "contact": s.profile.contact.email or s.profile.contact.url or "",
            } for s in self.needs_review],
            "by_state": dict(sorted(self.by_state.items())),
            "by_level": {str(k): v for k, v in sorted(self.by_level.items())},
            "by_topic": dict(sorted(self.by_topic.items())),
        }


def build_report(collection: Collection, today: dt.date, stale_after_days: int,
                 states: Iterable[str] = ()) -> Report:
    """What needs review on ``today``, and counts of the profiles the site publishes.

    Counts are of profiles (published and archived, never drafts): a profile offering
    levels 1 and 3 counts once under each level; one with three topics once under each.
    """
    states = tuple(states)
    drafts = sum(1 for p in collection.profiles if not p.published
                 and (not states or p.school.state in states))
    if states:
        collection = only_states(collection, states)
    published = [p for p in collection.published("profile") if isinstance(p, Profile)]
    report = Report(
        today=today, stale_after_days=stale_after_days, states_filter=states,
        published=published, archived=sum(1 for p in published if p.archived), drafts=drafts,
        needs_review=needing_review(published, today, stale_after_days))
    for p in published:
        report.by_state[p.school.state] += 1
        report.by_level.update(p.levels)
        report.by_topic.update(p.topics)
    return report
