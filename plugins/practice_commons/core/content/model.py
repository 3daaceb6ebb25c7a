"""Typed, immutable records for each kind of content, built from validated data.

Records carry what pages, indexes, exports and downloads need; the raw front
matter stays available as ``data`` for anything more specific.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

PUBLISHED_STATUSES = ("published", "archived")


@dataclass(frozen=True)
class Source:
    title: str
    publisher: str = ""
    author: str = ""
    year: int | None = None
    url: str = ""
    pages: str = ""


@dataclass(frozen=True)
class Outcome:
    metric: str
    before: Any = None
    after: Any = None
    value: Any = None
    year: Any = None
    source: str = ""


@dataclass(frozen=True, kw_only=True)
class Record:
    """What every kind shares: identity, listing fields and facets."""

    kind: str
    slug: str
    path: str
    title: str
    summary: str = ""
    status: str = "published"
    body: str = ""
    body_line: int = 1
    data: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)
    lines: Mapping[tuple, int] = field(default_factory=dict, repr=False, compare=False)
    levels: tuple[int, ...] = ()
    topics: tuple[str, ...] = ()
    grade_bands: tuple[str, ...] = ()
    approaches: tuple[str, ...] = ()
    states: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    stages: tuple[str, ...] = ()
    dimensions: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    last_reviewed: dt.date | None = None

    def line_of(self, path: tuple) -> int:
        """The source line of a front-matter value, or of its nearest ancestor."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return 1

    @property
    def published(self) -> bool:
        return self.status in PUBLISHED_STATUSES

    @property
    def archived(self) -> bool:
        return self.status == "archived"

    @property
    def url(self) -> str:
        """Site-relative URL of the record's page, with a trailing slash."""
        return f"{URL_PREFIX[self.kind]}{self.slug}/"


URL_PREFIX = {"profile": "profiles/", "case-study": "case-studies/", "template": "templates/", "page": ""}


@dataclass(frozen=True)
class School:
    name: str
    sector: str
    state: str
    city: str = ""
    grades: str = ""
    website: str = ""


@dataclass(frozen=True)
class Resource:
    level: int
    title: str
    format: str
    description: str = ""
    url: str = ""
    file: str = ""


@dataclass(frozen=True)
class Evidence:
    essa_tier: int | str | None = None
    summary: str = ""
    outcomes: tuple[Outcome, ...] = ()


@dataclass(frozen=True)
class Contact:
    role: str
    name: str = ""
    organization: str = ""
    email: str = ""
    form: str = ""
    url: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Partner:
    name: str
    sector: str = ""


@dataclass(frozen=True, kw_only=True)
class Profile(Record):
    kind: str = "profile"
    school: School
    resources: tuple[Resource, ...] = ()
    evidence: Evidence = Evidence()
    partners: tuple[Partner, ...] = ()
    contact: Contact = Contact(role="")
    non_negotiables: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()
    funding: str = ""
    cost: str = ""
    time_commitment: str = ""
    submitted: dt.date | None = None
    case_studies: tuple[str, ...] = ()
    templates: tuple[str, ...] = ()
    folder: str | None = None  # profiles/<slug>/ when the profile has its own folder

    def resources_at(self, level: int) -> tuple[Resource, ...]:
        return tuple(r for r in self.resources if r.level == level)


@dataclass(frozen=True)
class Organization:
    name: str
    sector: str
    role: str = ""


@dataclass(frozen=True, kw_only=True)
class CaseStudy(Record):
    kind: str = "case-study"
    city: str = ""
    organizations: tuple[Organization, ...] = ()
    equity_purpose: tuple[str, ...] = ()
    years: str = ""
    program_design: Mapping[str, str] = field(default_factory=dict)
    outcomes: tuple[Outcome, ...] = ()
    lessons: tuple[str, ...] = ()
    profiles: tuple[str, ...] = ()
    templates: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Template(Record):
    kind: str = "template"
    stage: str = ""
    level: int = 3
    purpose: str = ""
    audience: str = ""
    time_needed: str = ""
    instructions: tuple[str, ...] = ()
    tabular: bool = False
    sections: tuple[Mapping[str, Any], ...] = ()
    profiles: tuple[str, ...] = ()
    case_studies: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Page(Record):
    kind: str = "page"

    @property
    def url(self) -> str:
        stem = self.path.split("/", 1)[-1].removesuffix(".md")
        if stem == "index" or stem.endswith("/index"):
            return stem.removesuffix("index")
        return stem + "/"
