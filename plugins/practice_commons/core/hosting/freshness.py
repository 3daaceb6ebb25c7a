"""Which profiles may be out of date, judged against one build date.

A profile's age is counted from ``last_reviewed`` (or ``submitted`` when it was
never reviewed). The date it is measured against is chosen so that rebuilding
the same tree gives the same site: an explicit date first, then the
``SOURCE_DATE_EPOCH`` convention of reproducible builds
(https://reproducible-builds.org/specs/source-date-epoch/), and only then the
calendar date (UTC) of the machine doing the build.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..content.model import Profile

DEFAULT_STALE_AFTER_DAYS = 730  # two school years


class BuildDateError(ValueError):
    """An explicit build date that cannot be read; the message says how to write it."""


def build_date(explicit: str | dt.date | None = None,
               environ: Mapping[str, str] | None = None) -> dt.date:
    """The date freshness is judged against: ``explicit``, else SOURCE_DATE_EPOCH, else today."""
    if isinstance(explicit, dt.date):
        return explicit
    if explicit:
        try:
            return dt.date.fromisoformat(str(explicit).strip())
        except ValueError:
            raise BuildDateError(
                f"{explicit!r} is not a date; write it as YYYY-MM-DD, e.g. 2025-09-01") from None
    env = os.environ if environ is None else environ
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
        except (ValueError, OverflowError, OSError):
            raise BuildDateError(
                f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds since 1970-01-01; "
                "set it with e.g. `export SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)`") from None
    return dt.datetime.now(tz=dt.timezone.utc).date()


def reviewed_on(profile: Profile) -> dt.date | None:
    """When someone last vouched for the profile: its review date, else its submission date."""
    return profile.last_reviewed or profile.submitted


@dataclass(frozen=True)
class Staleness:
    profile: Profile
    reviewed: dt.date | None
    age_days: int | None  # None when the profile carries no date at all

    @property
    def months(self) -> int | None:
        return None if self.age_days is None else int(self.age_days // 30.44)


def staleness(profile: Profile, today: dt.date, stale_after_days: int) -> Staleness | None:
    """A :class:`Staleness` if ``profile`` is due for review on ``today``, else None.

    Archived profiles are never "due": they already say they are kept for reference.
    ``stale_after_days`` of 0 or less turns the check off.
    """
    if stale_after_days <= 0 or profile.archived or not profile.published:
        return None
    reviewed = reviewed_on(profile)
    if reviewed is None:
        return Staleness(profile, None, None)
    age = (today - reviewed).days
    return Staleness(profile, reviewed, age) if age > stale_after_days else None


def needing_review(profiles: Iterable[Profile], today: dt.date,
                   stale_after_days: int) -> list[Staleness]:
    """Every published profile due for review, oldest review first (undated ones first of all)."""
    found = [s for p in profiles if (s := staleness(p, today, stale_after_days)) is not None]
    return sorted(found, key=lambda s: (s.reviewed or dt.date.min, s.profile.slug))
