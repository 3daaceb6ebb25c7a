"""The whole body of content: every record, by kind and slug, with cross-references."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .model import CaseStudy, Page, Profile, Record, Template

# Which fields of each kind point at which other kind.
REFERENCE_FIELDS: dict[str, dict[str, str]] = {
    "profile": {"case_studies": "case-study", "templates": "template"},
    "case-study": {"profiles": "profile", "templates": "template"},
    "template": {"profiles": "profile", "case_studies": "case-study"},
}


@dataclass(frozen=True)
class Collection:
    """All records of a site. Drafts are included; use :meth:`published` for output."""

    profiles: tuple[Profile, ...] = ()
    case_studies: tuple[CaseStudy, ...] = ()
    templates: tuple[Template, ...] = ()
    pages: tuple[Page, ...] = ()
    _index: dict[tuple[str, str], Record] = field(default_factory=dict, repr=False, compare=False)
    _links: dict[tuple[str, str], set[tuple[str, str]]] = field(
        default_factory=dict, repr=False, compare=False)

    @classmethod
    def of(cls, records: Iterable[Record]) -> Collection:
        """Build a collection from records in any order; sorts each kind by slug."""
        by_kind: dict[str, list[Record]] = {"profile": [], "case-study": [], "template": [], "page": []}
        for record in records:
            by_kind[record.kind].append(record)
        for items in by_kind.values():
            items.sort(key=lambda r: (r.slug, r.path))
        coll = cls(
            profiles=tuple(by_kind["profile"]),  # type: ignore[arg-type]
            case_studies=tuple(by_kind["case-study"]),  # type: ignore[arg-type]
            templates=tuple(by_kind["template"]),  # type: ignore[arg-type]
            pages=tuple(by_kind["page"]),  # type: ignore[arg-type]
        )
        for record in coll.all():
            coll._index.setdefault((record.kind, record.slug), record)
        # References are declared on either side; store them both ways.
        for record in coll.all():
            for fld, target_kind in REFERENCE_FIELDS.get(record.kind, {}).items():
                for slug in getattr(record, fld, ()):
                    if (target_kind, slug) in coll._index:
                        a, b = (record.kind, record.slug), (target_kind, slug)
                        coll._links.setdefault(a, set()).add(b)
                        coll._links.setdefault(b, set()).add(a)
        return coll

    def all(self) -> Iterator[Record]:
        yield from self.profiles
        yield from self.case_studies
        yield from self.templates
        yield from self.pages

    def get(self, kind: str, slug: str) -> Record | None:
        return self._index.get((kind, slug))

    def published(self, kind: str | None = None) -> list[Record]:
        """Published and archived records (never drafts), optionally of one kind."""
        if kind == "page":
            return list(self.pages)
        return [r for r in self.all()
                if r.kind != "page" and r.published and (kind is None or r.kind == kind)]

    def linked(self, record: Record, kind: str) -> list[Record]:
        """Published records of ``kind`` that ``record`` references or is referenced by."""
        keys = sorted(k for k in self._links.get((record.kind, record.slug), ()) if k[0] == kind)
        found = [self._index[k] for k in keys]
        return [r for r in found if r.published]
