"""Turn validated front matter into records: one function per kind.

Only called on data that passed validation, so missing optional values get
defaults here and nothing needs re-checking.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from .frontmatter import Document
from .model import (
    CaseStudy,
    Contact,
    Evidence,
    Organization,
    Outcome,
    Page,
    Partner,
    Profile,
    Record,
    Resource,
    School,
    Source,
    Template,
)


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) and value else None


def _t(values: Any) -> tuple:
    return tuple(values or ())


def _sources(data: Mapping[str, Any]) -> tuple[Source, ...]:
    return tuple(Source(**s) for s in data.get("sources") or ())


def _outcomes(items: Any) -> tuple[Outcome, ...]:
    return tuple(Outcome(**o) for o in items or ())


def _common(doc: Document, slug: str) -> dict[str, Any]:
    d = doc.data
    return dict(
        slug=slug, path=doc.path, title=str(d.get("title", "")).strip(),
        summary=str(d.get("summary", "")).strip(), status=d.get("status") or "published",
        body=doc.body, body_line=doc.body_line, data=d, lines=doc.lines,
        topics=_t(d.get("topics")), grade_bands=_t(d.get("grade_bands")),
        approaches=_t(d.get("approaches")), sources=_sources(d),
        last_reviewed=_date(d.get("last_reviewed")),
    )


def profile(doc: Document, slug: str, folder: str | None = None) -> Profile:
    d = doc.data
    school = School(**d["school"])
    resources = tuple(Resource(**r) for r in d.get("resources") or ())
    ev = d.get("evidence") or {}
    partners = tuple(Partner(**p) for p in d.get("partners") or ())
    return Profile(
        **_common(doc, slug),
        school=school,
        levels=tuple(sorted({r.level for r in resources})),
        states=(school.state,),
        sectors=tuple(dict.fromkeys([school.sector, *(p.sector for p in partners if p.sector)])),
        resources=resources,
        evidence=Evidence(essa_tier=ev.get("essa_tier"), summary=ev.get("summary", ""),
                          outcomes=_outcomes(ev.get("outcomes"))),
        partners=partners,
        # `email:` with nothing after it is valid (an absent field): no None in the record.
        contact=Contact(**{k: v or "" for k, v in (d.get("contact") or {"role": ""}).items()}),
        non_negotiables=_t(d.get("non_negotiables")),
        conditions=_t(d.get("conditions")),
        funding=d.get("funding") or "", cost=d.get("cost") or "",
        time_commitment=d.get("time_commitment") or "",
        submitted=_date(d.get("submitted")),
        case_studies=_t(d.get("case_studies")), templates=_t(d.get("templates")),
        folder=folder,
    )


def case_study(doc: Document, slug: str) -> CaseStudy:
    d = doc.data
    orgs = tuple(Organization(**o) for o in d.get("organizations") or ())
    location = d.get("location") or {}
    sectors = d.get("sectors") or [o.sector for o in orgs]
    return CaseStudy(
        **_common(doc, slug),
        levels=tuple(sorted(d.get("levels") or ())),
        states=(location["state"],) if location.get("state") else (),
        sectors=tuple(dict.fromkeys(sectors)),
        stages=_t(d.get("stages")), dimensions=_t(d.get("dimensions")),
        city=location.get("city", ""), organizations=orgs,
        equity_purpose=_t(d.get("equity_purpose")), years=d.get("years") or "",
        program_design=dict(d.get("program_design") or {}),
        outcomes=_outcomes(d.get("outcomes")), lessons=_t(d.get("lessons")),
        profiles=_t(d.get("profiles")), templates=_t(d.get("templates")),
    )


def template(doc: Document, slug: str) -> Template:
    d = doc.data
    return Template(
        **_common(doc, slug),
        levels=(d["level"],), stages=(d["stage"],), dimensions=_t(d.get("dimensions")),
        stage=d["stage"], level=d["level"], purpose=d.get("purpose", ""),
        audience=d.get("audience", ""), time_needed=d.get("time_needed") or "",
        instructions=_t(d.get("instructions")), tabular=bool(d.get("tabular")),
        sections=tuple(d.get("sections") or ()),
        profiles=_t(d.get("profiles")), case_studies=_t(d.get("case_studies")),
    )


def page(doc: Document, slug: str) -> Page:
    d = doc.data
    common = _common(doc, slug)
    common["status"] = "published"  # a page's `status` is Material's badge, not ours
    return Page(
        **common,
        levels=(d["level"],) if d.get("level") else (),
        stages=(d["stage"],) if d.get("stage") else (),
        dimensions=(d["dimension"],) if d.get("dimension") else (),
    )


BUILDERS: dict[str, Callable[..., Record]] = {
    "profile": profile, "case-study": case_study, "template": template, "page": page,
}
