"""Find the content files of a repository, parse and validate them all, build the collection.

This is the pipeline's first half (collect, validate) in one call: ``load``
reports every problem in every file, and returns a collection built from the
files that had none.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Iterable

from . import records
from .collection import REFERENCE_FIELDS, Collection
from .frontmatter import Document, parse
from .issues import Issue, errors
from .model import Profile, Record
from .validate import Validator
from .vocabulary import Term, suggest

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ATTACHMENT_TYPES = {".pdf", ".docx", ".xlsx", ".pptx", ".csv", ".txt", ".png", ".jpg", ".jpeg",
                    ".webp", ".odt", ".ods"}
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
KIND_NAMES = {"profile": "profile", "case-study": "case study", "template": "template"}


@dataclass(frozen=True)
class Layout:
    """Where each kind of content lives, relative to the repository root."""

    root: Path
    profiles_dir: str = "profiles"
    content_dir: str = "content"
    case_studies_dir: str = "case-studies"  # inside content_dir
    templates_dir: str = "templates"  # inside content_dir

    def classify(self, rel: str) -> str | None:
        """The kind of the file at repository-relative ``rel``, or None if it is not content."""
        p = PurePosixPath(rel)
        parts = p.parts
        if not parts:
            return None
        if parts[0] == self.profiles_dir:
            if p.name.startswith(("_", ".")) or p.name.lower() in ("readme.md",):
                return None
            return "profile" if p.suffix == ".md" else "attachment"
        if parts[0] == self.content_dir and p.suffix == ".md":
            if any(part.startswith(".") for part in parts):
                return None
            if len(parts) == 3 and p.name != "index.md":
                if parts[1] == self.case_studies_dir:
                    return "case-study"
                if parts[1] == self.templates_dir:
                    return "template"
            return "page"
        return None


@dataclass
class LoadResult:
    collection: Collection
    issues: list[Issue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not errors(self.issues)


def discover(layout: Layout) -> list[str]:
    """Every file under the profile and content folders, repository-relative, sorted."""
    found: list[str] = []
    for top in (layout.profiles_dir, layout.content_dir):
        base = layout.root / top
        if not base.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(base, followlinks=False):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in filenames:
                if name.startswith("."):
                    continue
                full = Path(dirpath, name)
                found.append(full.relative_to(layout.root).as_posix())
    return sorted(found)


def load(layout: Layout, *, today: dt.date | None = None,
         only: Iterable[str] | None = None) -> LoadResult:
    """Parse, validate and index the repository at ``layout.root``.

    ``only`` limits the reported issues to those paths (files or folders,
    repository-relative); the whole repository is still read so cross-references
    and duplicate slugs are judged against everything.
    """
    # Parsing allocates millions of short-lived, acyclic YAML nodes, and the cyclic
    # collector kept rescanning them and every document kept so far: a quarter of
    # the time at 1,000 profiles (commons bench). Reference counting frees them.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _load(layout, today, only)
    finally:
        if enabled:
            gc.enable()


def _load(layout: Layout, today: dt.date | None, only: Iterable[str] | None) -> LoadResult:
    files = discover(layout)
    validators = {k: Validator(k, today) for k in ("profile", "case-study", "template", "page")}
    issues: list[Issue] = []
    docs: list[tuple[str, Document]] = []
    attachments: list[str] = []
    for rel in files:
        kind = layout.classify(rel)
        if kind is None:
            continue
        if kind == "attachment":
            attachments.append(rel)
            continue
        full = layout.root / rel
        if full.is_symlink():
            issues.append(Issue(rel, 1, None, "content files may not be symbolic links",
                                "replace the link with the file itself"))
            continue
        doc = parse(rel, full.read_bytes(), required=kind != "page")
        issues.extend(doc.problems)
        if not doc.problems:
            issues.extend(validators[kind].validate(doc))
        docs.append((kind, doc))

    built: list[Record] = []
    bad_paths = {i.path for i in errors(issues)}
    for kind, doc in docs:
        slug, problem = _slug_for(kind, doc, layout)
        if problem:
            issues.append(problem)
            continue
        if doc.path in bad_paths:
            continue
        folder = _profile_folder(doc.path, layout) if kind == "profile" else None
        record = records.BUILDERS[kind](doc, slug, folder) if kind == "profile" else \
            records.BUILDERS[kind](doc, slug)
        built.append(record)

    issues.extend(_duplicate_slugs(built))
    profiles = [r for r in built if isinstance(r, Profile)]
    issues.extend(_attachment_issues(layout, profiles, attachments))
    collection = Collection.of(built)
    issues.extend(_reference_issues(collection, docs))
    if only is not None:
        prefixes = [o.rstrip("/") for o in only]
        issues = [i for i in issues if any(i.path == p or i.path.startswith(p + "/") for p in prefixes)]
    return LoadResult(collection, sorted(set(issues)))


def _profile_folder(rel: str, layout: Layout) -> str | None:
    p = PurePosixPath(rel)
    if p.name == "index.md" and len(p.parts) == 3:
        return str(p.parent)
    return None


def _slug_for(kind: str, doc: Document, layout: Layout) -> tuple[str, Issue | None]:
    if kind == "page":
        return PurePosixPath(doc.path).with_suffix("").as_posix(), None
    explicit = doc.data.get("slug") if isinstance(doc.data, dict) else None
    if isinstance(explicit, str) and explicit:
        return explicit, None  # the schema's pattern has checked it
    p = PurePosixPath(doc.path)
    stem = p.parent.name if p.name == "index.md" else p.stem
    if SLUG.match(stem):
        return stem, None
    fixed = slugify(stem)
    return stem, Issue(doc.path, 1, "slug", f"the file name {stem!r} cannot be used as a web address",
                       f"rename the file to '{fixed}.md', or add 'slug: {fixed}'")


def slugify(text: str) -> str:
    """A lowercase ASCII slug: accents folded, anything else becomes one hyphen."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "untitled"


def _duplicate_slugs(built: list[Record]) -> list[Issue]:
    out: list[Issue] = []
    first: dict[tuple[str, str], Record] = {}
    for record in sorted(built, key=lambda r: r.path):
        if record.kind == "page":
            continue
        key = (record.kind, record.slug)
        if key in first:
            other = first[key]
            line = record.line_of(("slug",))
            out.append(Issue(record.path, line, "slug",
                             f"{KIND_NAMES[record.kind]} slug {record.slug!r} is already used by {other.path}",
                             "give one of them a different file name or 'slug:'"))
        else:
            first[key] = record
    return out


def _reference_issues(collection: Collection, docs: list[tuple[str, Document]]) -> list[Issue]:
    out: list[Issue] = []
    by_path = {d.path: d for _, d in docs}
    for record in collection.all():
        doc = by_path.get(record.path)
        for fld, target in REFERENCE_FIELDS.get(record.kind, {}).items():
            slugs = [r.slug for r in (collection.profiles if target == "profile" else
                                      collection.case_studies if target == "case-study" else
                                      collection.templates)]
            for i, slug in enumerate(getattr(record, fld, ())):
                if collection.get(target, slug) is None:
                    near = suggest(slug, [Term(slug=s, label=s) for s in slugs])
                    hint = (f"did you mean {near[0]!r}?" if near else
                            f"check the slug of the {KIND_NAMES[target]} you mean")
                    line = doc.line_of((fld, i)) if doc else 1
                    out.append(Issue(record.path, line, f"{fld}[{i}]",
                                     f"no {KIND_NAMES[target]} with slug {slug!r}", hint))
    return out


def _attachment_issues(layout: Layout, profiles: list[Profile], attachments: list[str]) -> list[Issue]:
    out: list[Issue] = []
    referenced: set[str] = set()
    folders = {p.folder: p for p in profiles if p.folder}
    for profile in profiles:
        for i, res in enumerate(profile.resources):
            if not res.file:
                continue
            field_name = f"resources[{i}].file"
            line = profile.line_of(("resources", i, "file"))
            if not profile.folder:
                out.append(Issue(profile.path, line, field_name,
                                 "attached files need the profile to have its own folder",
                                 f"move the profile to profiles/{profile.slug}/index.md and put "
                                 f"{res.file} beside it"))
                continue
            rel = f"{profile.folder}/{res.file}"
            target = layout.root / rel
            suffix = PurePosixPath(res.file).suffix.lower()
            problem = None
            try:
                st = target.lstat()
            except OSError:
                problem = (f"attached file {res.file!r} is not in {profile.folder}/",
                           "add the file to the profile's folder, or fix the name")
            else:
                if stat.S_ISLNK(st.st_mode) or not stat.S_ISREG(st.st_mode):
                    problem = (f"attached file {res.file!r} is a link or a folder, not a file",
                               "replace it with the file itself")
                elif suffix not in ATTACHMENT_TYPES:
                    problem = (f"files of type {suffix or '(none)'} cannot be attached",
                               f"use one of: {', '.join(sorted(ATTACHMENT_TYPES))}")
                elif st.st_size > ATTACHMENT_MAX_BYTES:
                    problem = (f"attached file is {st.st_size / 1e6:.1f} MB; the limit is 10 MB",
                               "link to a copy hosted elsewhere with 'url:' instead")
            if problem:
                out.append(Issue(profile.path, line, field_name, *problem))
            else:
                referenced.add(rel)
    for rel in attachments:
        folder = str(PurePosixPath(rel).parent)
        if folder not in folders:
            out.append(Issue(rel, 1, None, "only Markdown profiles (.md) belong in profiles/",
                             "rename it to .md if it is a profile, or put attachments in the "
                             "profile's own folder (profiles/<slug>/)"))
        elif rel not in referenced and not (layout.root / rel).is_symlink():
            out.append(Issue(rel, 1, None, "this file is not attached to any resource, so it will "
                             "not be published", f"reference it as 'file:' in a resource of "
                             f"{folders[folder].path}, or remove it", severity="warning"))
        elif (layout.root / rel).is_symlink() and rel not in referenced:
            out.append(Issue(rel, 1, None, "symbolic links are not allowed in profiles/",
                             "replace the link with the file itself"))
    return out
