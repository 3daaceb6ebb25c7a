"""File names that work on every disk the site is checked out on or served from.

A repository made on Linux is checked out on Windows and macOS and deployed to
hosts whose file systems ignore case: two names that differ only in case, or
only in Unicode normalisation (macOS writes é as e + U+0301, NFD), become one
file there, and one of the two profiles or attachments silently disappears.
Windows cannot create ``CON``, ``NUL``, ``COM1``… (with any extension) or names
ending in a dot or a space, and no common file system takes a name of more than
255 bytes. Each is refused with the name shown quoted, so a trailing space shows.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from pathlib import PurePosixPath

from ..rules.issues import Issue
from .model import Record

KIND_NAMES = {"profile": "profile", "case-study": "case study", "template": "template"}

MAX_NAME_BYTES = 255
RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                      *(f"lpt{i}" for i in range(1, 10))})
_KINDS = {"profile": "profile", "case-study": "case study", "template": "template"}


def name_issues(paths: Iterable[str]) -> list[Issue]:
    """Problems with the names of ``paths`` (repository-relative, as found on disk)."""
    out: list[Issue] = []
    first: dict[str, str] = {}
    for rel in sorted(paths):
        for part in PurePosixPath(rel).parts:
            problem = _part_problem(part)
            if problem:
                out.append(Issue(rel, 1, None, *problem))
                break
        key = unicodedata.normalize("NFC", rel).casefold()
        other = first.setdefault(key, rel)
        if other != rel:
            if unicodedata.normalize("NFC", rel) == unicodedata.normalize("NFC", other):
                how = ("looks the same as {other!r} but stores its accented letters another way "
                       "(one as a single character, one as a letter plus an accent)")
            else:
                how = "differs from {other!r} only in upper and lower case"
            out.append(Issue(rel, 1, None, "this name " + how.format(other=other) + ": Windows, "
                             "macOS and many web hosts see one file",
                             "rename one of the two (retype the name), or remove the copy"))
    return out


def _part_problem(part: str) -> tuple[str, str] | None:
    size = len(part.encode("utf-8", "surrogateescape"))
    if size > MAX_NAME_BYTES:
        return (f"the name {part[:40]!r}… is {size} bytes long; at most {MAX_NAME_BYTES} work "
                "everywhere", "shorten it")
    if part.endswith((".", " ")):
        end = "a dot" if part.endswith(".") else "a space"
        return (f"the name {part!r} ends with {end}, which Windows removes",
                f"rename it to {part.rstrip('. ')!r}")
    if part.split(".", 1)[0].strip().lower() in RESERVED:
        return (f"the name {part!r} is reserved for a device on Windows, which cannot check it out",
                "rename it, e.g. with a word before it")
    return None


def duplicate_title_issues(records: Iterable[Record]) -> list[Issue]:
    """A warning for each record whose title another of its kind already has."""
    out: list[Issue] = []
    first: dict[tuple[str, str], Record] = {}
    for record in sorted(records, key=lambda r: r.path):
        if (record.kind not in _KINDS or not isinstance(record.title, str)
                or not getattr(record, "published", True)):
            continue  # a draft is never listed beside the other
        title = " ".join(unicodedata.normalize("NFKC", record.title).casefold().split())
        key = (record.kind, title)
        other = first.setdefault(key, record)
        if other is not record:
            out.append(Issue(record.path, record.line_of(("title",)), "title",
                             f"{_KINDS[record.kind]} {other.path} has the same title",
                             "give each a title that tells them apart in listings and search",
                             severity="warning"))
    return out


def duplicate_slug_issues(built: list[Record]) -> list[Issue]:
    """Two records of one kind at one address (file names or ``slug:``)."""
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


def address_clash_issues(built: list[Record]) -> list[Issue]:
    """A page of content/ at the address of a published record: the build refuses to pick one."""
    from ..outputs.pages import source_uri

    def address(src: str) -> str:
        stem = src.removesuffix(".md")
        return "" if stem == "index" else stem.removesuffix("/index")

    taken = {address(source_uri(r)): r for r in built
             if r.kind != "page" and getattr(r, "published", True)}
    out: list[Issue] = []
    for record in built:
        other = taken.get(address(source_uri(record))) if record.kind == "page" else None
        if other is not None:
            out.append(Issue(record.path, 1, None,
                             f"this page would be published at /{address(source_uri(record))}/, "
                             f"the address of {other.path}",
                             "move or rename the page: two pages cannot share one address"))
    return out
