"""Open data: every published profile, case study and template as JSON, profiles as CSV.

Exports hold each published record exactly once and never a draft. Their
bytes depend only on the content (no build time, no dict order), so two builds
of the same commit publish identical files.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ..content.model import Profile, Record
from .csvsafe import safe_cell
from .reference import rows

FORMAT_VERSION = 1
LIST_SEPARATOR = "; "
JSON_FILES = {"profile": "api/profiles.json", "case-study": "api/case-studies.json",
              "template": "api/templates.json"}
CSV_FILE = "api/profiles.csv"


@dataclass(frozen=True)
class Column:
    """A CSV column: its header, where its meaning is documented, and its value."""

    name: str
    doc: str  # a profile schema field path, or "t:<key>" for an interface string
    get: Callable[[Profile, str], Any]


def _join(values: Iterable[Any]) -> str:
    return LIST_SEPARATOR.join(str(v) for v in values)


def _d(*path: str) -> Callable[[Profile, str], Any]:
    def get(p: Profile, _url: str) -> Any:
        node: Any = p.data
        for key in path:
            node = node.get(key) if isinstance(node, dict) else None
        return node
    return get


CSV_COLUMNS: tuple[Column, ...] = (
    Column("slug", "t:data_col_slug", lambda p, u: p.slug),
    Column("url", "t:data_col_url", lambda p, u: u),
    Column("title", "title", _d("title")),
    Column("summary", "summary", _d("summary")),
    Column("status", "status", lambda p, u: p.status),
    Column("school_name", "school.name", _d("school", "name")),
    Column("school_sector", "school.sector", _d("school", "sector")),
    Column("school_state", "school.state", _d("school", "state")),
    Column("school_city", "school.city", _d("school", "city")),
    Column("school_grades", "school.grades", _d("school", "grades")),
    Column("school_website", "school.website", _d("school", "website")),
    Column("topics", "topics", lambda p, u: _join(p.topics)),
    Column("grade_bands", "grade_bands", lambda p, u: _join(p.grade_bands)),
    Column("approaches", "approaches", lambda p, u: _join(p.approaches)),
    Column("levels", "t:data_col_levels", lambda p, u: _join(p.levels)),
    Column("resource_count", "t:data_col_resource_count", lambda p, u: len(p.resources)),
    Column("resource_formats", "t:data_col_resource_formats",
           lambda p, u: _join(dict.fromkeys(r.format for r in p.resources))),
    Column("essa_tier", "evidence.essa_tier", _d("evidence", "essa_tier")),
    Column("evidence_summary", "evidence.summary", _d("evidence", "summary")),
    Column("outcome_count", "t:data_col_outcome_count", lambda p, u: len(p.evidence.outcomes)),
    Column("partners", "partners", lambda p, u: _join(x.name for x in p.partners)),
    Column("funding", "funding", _d("funding")),
    Column("cost", "cost", _d("cost")),
    Column("time_commitment", "time_commitment", _d("time_commitment")),
    Column("contact_name", "contact.name", _d("contact", "name")),
    Column("contact_role", "contact.role", _d("contact", "role")),
    Column("contact_organization", "contact.organization", _d("contact", "organization")),
    Column("contact_email", "contact.email", _d("contact", "email")),
    Column("contact_form", "contact.form", _d("contact", "form")),
    Column("contact_url", "contact.url", _d("contact", "url")),
    Column("contact_phone", "contact.phone", _d("contact", "phone")),
    Column("submitted", "submitted", _d("submitted")),
    Column("last_reviewed", "last_reviewed", _d("last_reviewed")),
    Column("case_studies", "case_studies", lambda p, u: _join(p.case_studies)),
    Column("templates", "templates", lambda p, u: _join(p.templates)),
)


def column_docs(strings: dict[str, str], language: str = "en") -> list[tuple[str, str]]:
    """(column, what it holds) for the Data page, from the schema where the field is one,
    in the site's ``language``."""
    described = {path: desc for path, _t, _r, desc, _a, _e in rows("profile", strings, language)}
    out = []
    for col in CSV_COLUMNS:
        text = strings[col.doc[2:]] if col.doc.startswith("t:") else described.get(col.doc, "")
        if col.name in ("topics", "grade_bands", "approaches", "partners", "levels",
                        "resource_formats", "case_studies", "templates"):
            text = f"{text} {strings['data_list_note']}".strip()
        out.append((col.name, text))
    return out


def profiles_csv(profiles: Iterable[Profile], url: Callable[[Record], str]) -> bytes:
    """One row per published profile, by slug; UTF-8 with a byte-order mark.

    The mark lets Excel, which most of our readers open CSV files with, read
    accented names and en dashes correctly; Python reads it with ``utf-8-sig``.
    """
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([c.name for c in CSV_COLUMNS])
    for p in _published(profiles):
        writer.writerow([safe_cell(c.get(p, url(p))) for c in CSV_COLUMNS])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def records_json(kind: str, records: Iterable[Record], url: Callable[[Record], str]) -> bytes:
    """``{"kind", "version", "count", "items"}``: each published record's front matter as
    its contributor wrote it, plus ``slug``, ``url`` and (profiles) the derived ``levels``.
    """
    items = []
    for r in _published(records):
        if r.kind != kind:
            raise ValueError(f"{r.path}: a {r.kind} in the {kind} export")
        item: dict[str, Any] = {"slug": r.slug, "url": url(r)}
        item.update((k, v) for k, v in r.data.items() if k != "slug")
        if isinstance(r, Profile):
            item["levels"] = list(r.levels)
        items.append(item)
    doc = {"kind": kind, "version": FORMAT_VERSION, "count": len(items), "items": items}
    # allow_nan=False: NaN or Infinity would make JSON.parse refuse the whole file; the
    # front-matter reader refuses them, and this stops the build if one ever gets through.
    text = json.dumps(doc, ensure_ascii=False, indent=1, default=str, allow_nan=False)
    return (text + "\n").encode("utf-8")


def _published(records: Iterable[Record]) -> list[Any]:
    return sorted((r for r in records if r.published), key=lambda r: r.slug)
