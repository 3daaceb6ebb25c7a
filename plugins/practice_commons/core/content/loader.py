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
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..hosting.publishing import HostRoute, host_issues, route_issues
from ..rules.attachments import attachment_issues
from ..rules.issues import Issue, errors
from ..rules.vocabulary import Term, suggest
from . import records
from .collection import REFERENCE_FIELDS, Collection
from .filecache import FileCache, user_cache_dir
from .filecheck import Checker, Job, check_all
from .frontmatter import Document
from .model import Profile, Record
from .names import (
    KIND_NAMES,
    address_clash_issues,
    duplicate_slug_issues,
    duplicate_title_issues,
    name_issues,
)
from .slug import slugify

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
RESERVED_SLUGS = frozenset({"index"})


@dataclass(frozen=True)
class Layout:
    """Where each kind of content lives, relative to the repository root."""

    root: Path
    profiles_dir: str = "profiles"
    content_dir: str = "content"
    case_studies_dir: str = "case-studies"  # inside content_dir
    templates_dir: str = "templates"  # inside content_dir
    # Refuse published profiles whose text sections are missing or unfilled
    # (core/rules/completeness.py). The build and `commons validate` turn it on from
    # mkdocs.yml (profiles plugin option `require_complete`, default true).
    require_complete: bool = False
    states: tuple[str, ...] = ()  # the site's states (core/hosting/publishing.py); empty: all
    support: HostRoute | None = None  # the host's support route; None: not checked

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
    # Path -> digest of the file's bytes, when loaded with the cache (serve compares them).
    digests: dict[str, bytes] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not errors(self.issues)


def discover(layout: Layout, linked_dirs: list[str] | None = None) -> list[str]:
    """Every file under the profile and content folders, repository-relative, sorted.

    Symbolically linked folders are not entered; their paths go into ``linked_dirs``.
    """
    found: list[str] = []
    for top in (layout.profiles_dir, layout.content_dir):
        base = layout.root / top
        if not base.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(base, followlinks=False):
            if linked_dirs is not None:
                linked_dirs.extend(Path(dirpath, d).relative_to(layout.root).as_posix()
                                   for d in dirnames if os.path.islink(os.path.join(dirpath, d)))
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in filenames:
                if name.startswith("."):
                    continue
                full = Path(dirpath, name)
                found.append(full.relative_to(layout.root).as_posix())
    return sorted(found)


def load(layout: Layout, *, today: dt.date | None = None,
         only: Iterable[str] | None = None, cache: bool = False, workers: int = 1) -> LoadResult:
    """Parse, validate and index the repository at ``layout.root``.

    ``only`` limits the reported issues to those paths (files or folders,
    repository-relative); the whole repository is still read so cross-references
    and duplicate slugs are judged against everything. ``cache`` keeps each file's
    checks in the user's cache folder (core/content/filecache.py), so unchanged files are not
    parsed again; ``workers`` processes share the files that must be checked.
    """
    # Parsing allocates millions of short-lived, acyclic YAML nodes, and the cyclic
    # collector kept rescanning them and every document kept so far: a quarter of
    # the time at 1,000 profiles (commons bench). Reference counting frees them.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _load(layout, today, only, cache, workers)
    finally:
        if enabled:
            gc.enable()


def _load(layout: Layout, today: dt.date | None, only: Iterable[str] | None, cache: bool,
          workers: int) -> LoadResult:
    linked_dirs: list[str] = []
    files = discover(layout, linked_dirs)
    checker = Checker(today, layout.require_complete)
    store = FileCache(user_cache_dir(layout.root, "checked"), today=checker.today,
                      options=f"complete={layout.require_complete}") if cache else None
    # MkDocs follows links in docs_dir: a linked file or folder would publish whatever
    # it points to (a key, /etc), so none is allowed where content lives.
    issues: list[Issue] = [Issue(rel, 1, None, "folders may not be symbolic links",
                                 "replace the link with a real folder: the build would "
                                 "publish whatever it points to") for rel in linked_dirs]
    issues.extend(name_issues(files))
    jobs: list[Job] = []
    attachments: list[str] = []
    needing_route: list[str] = []  # published profiles showing the host's support route
    for rel in files:
        kind = layout.classify(rel)
        if kind is None:
            if (layout.root / rel).is_symlink():
                issues.append(Issue(rel, 1, None, "content files may not be symbolic links",
                                    "replace the link with the file itself"))
            continue
        if kind == "attachment":
            attachments.append(rel)
            continue
        full = layout.root / rel
        if full.is_symlink():
            issues.append(Issue(rel, 1, None, "content files may not be symbolic links",
                                "replace the link with the file itself"))
            continue
        jobs.append((kind, rel, full.read_bytes()))
    docs: list[tuple[str, Document]] = []
    digests: dict[str, bytes] = {}
    for (kind, _rel, _raw), (doc, found) in zip(jobs, check_all(jobs, checker, store, workers,
                                                                digests)):
        issues.extend(found)
        # The site's own rules (state scope, support route) are not the file's alone, so
        # they are checked here, after the cache, and never kept in it.
        if not doc.problems:
            issues.extend(host_issues(kind, doc, layout.states, layout.support, needing_route))
        docs.append((kind, doc))
    if store is not None:
        store.save()

    built: list[Record] = []
    bad_paths = {i.path for i in errors(issues)}
    taken = {(kind, _natural_slug(doc.path)): doc.path for kind, doc in reversed(docs)}
    for kind, doc in docs:
        slug, problem = _slug_for(kind, doc, layout, taken)
        if problem:
            issues.append(problem)
            continue
        if doc.path in bad_paths:
            continue
        folder = _profile_folder(doc.path, layout) if kind == "profile" else None
        record = records.BUILDERS[kind](doc, slug, folder) if kind == "profile" else \
            records.BUILDERS[kind](doc, slug)
        built.append(record)

    issues.extend(duplicate_slug_issues(built))
    issues.extend(address_clash_issues(built))
    issues.extend(duplicate_title_issues(built))
    profiles = [r for r in built if isinstance(r, Profile)]
    issues.extend(attachment_issues(layout.root, profiles, attachments))
    collection = Collection.of(built)
    issues.extend(_reference_issues(collection))
    issues.extend(route_issues(layout.support, len(needing_route)))
    if only is not None:
        prefixes = [o.rstrip("/") for o in only]
        issues = [i for i in issues if any(i.path == p or i.path.startswith(p + "/") for p in prefixes)]
    # By place, then text; a field of None sorts first (Issue's own order cannot compare it).
    return LoadResult(collection, sorted(set(issues), key=lambda i: (
        i.path, i.line, i.field or "", i.message, i.hint or "", i.severity)), digests)


def _profile_folder(rel: str, layout: Layout) -> str | None:
    p = PurePosixPath(rel)
    if p.name == "index.md" and len(p.parts) == 3:
        return str(p.parent)
    return None


def _natural_slug(rel: str) -> str:
    """The slug a file gets from its name: profiles/<slug>.md or profiles/<slug>/index.md."""
    p = PurePosixPath(rel)
    return p.parent.name if p.name == "index.md" and len(p.parts) >= 3 else p.stem


def _slug_for(kind: str, doc: Document, layout: Layout,
              taken: dict[tuple[str, str], str] | None = None) -> tuple[str, Issue | None]:
    if kind == "page":
        return PurePosixPath(doc.path).with_suffix("").as_posix(), None
    explicit = doc.data.get("slug") if isinstance(doc.data, dict) else None
    if isinstance(explicit, str) and explicit:
        slug = explicit  # the schema's pattern has checked it
    else:
        slug = _natural_slug(doc.path)
    if slug in RESERVED_SLUGS:
        # <kind>/index.md is the listing of the kind; a record there would replace it.
        return slug, Issue(doc.path, doc.line_of(("slug",)) if explicit else 1, "slug",
                           f"{slug!r} cannot be used as a web address: it is the "
                           f"{KIND_NAMES[kind]} listing's own address",
                           "name the file (or its 'slug:') after the practice it describes")
    if explicit or SLUG.match(slug):
        return slug, None
    fixed = slugify(slug)
    hint = f"rename the file to '{fixed}.md', or add 'slug: {fixed}'"
    other = (taken or {}).get((kind, fixed))
    if other and other != doc.path:
        # Names that differ only in case or accents also clash on Windows and macOS disks.
        hint = (f"'{fixed}' is already used by {other}, so choose another name for this "
                f"file, or add 'slug:' with another address")
    return slug, Issue(doc.path, 1, "slug",
                       f"the file name {slug!r} cannot be used as a web address", hint)


def _reference_issues(collection: Collection) -> list[Issue]:
    out: list[Issue] = []
    for record in collection.all():
        for fld, target in REFERENCE_FIELDS.get(record.kind, {}).items():
            for i, slug in enumerate(getattr(record, fld, ())):
                if collection.get(target, slug) is not None:
                    continue
                # Only a broken reference pays for the list of candidates.
                known = [Term(slug=r.slug, label=r.slug) for r in collection.all()
                         if r.kind == target]
                near = suggest(slug, known)
                hint = (f"did you mean {near[0]!r}?" if near else
                        f"check the slug of the {KIND_NAMES[target]} you mean")
                out.append(Issue(record.path, record.line_of((fld, i)), f"{fld}[{i}]",
                                 f"no {KIND_NAMES[target]} with slug {slug!r}", hint))
    return out
