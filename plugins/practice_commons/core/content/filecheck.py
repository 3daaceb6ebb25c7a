"""Every check of one content file on its own, cached, and spread over processes.

These checks (front matter, schema, hidden characters, completeness, body limits)
read nothing but the file, so their results can be kept by content hash
(:mod:`.filecache`) and computed in worker processes for a large cold set. The
checks across files (slugs, references, titles, attachments) stay in the loader.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

from ..rules.bodycheck import body_issues
from ..rules.completeness import profile_issues
from ..rules.issues import Issue
from ..rules.sanitize import hidden_character_issues
from ..rules.validate import Validator
from .filecache import Entry, FileCache, pack, unpack
from .frontmatter import Document, parse

KINDS = ("profile", "case-study", "template", "page")
# Below this many files to check, starting processes costs more than it saves.
POOL_MIN_FILES = 1500

Job = tuple[str, str, bytes]  # (kind, repository-relative path, bytes)


class Checker:
    """The checks of each kind, built once (compiling a schema is not free)."""

    def __init__(self, today: dt.date | None, require_complete: bool) -> None:
        self.validators = {k: Validator(k, today) for k in KINDS}
        self.today = self.validators["profile"].today
        self.require_complete = require_complete

    def check(self, kind: str, rel: str, raw: bytes) -> tuple[Document, list[Issue]]:
        doc = parse(rel, raw, required=kind != "page")
        issues = list(doc.problems)
        if not doc.problems:
            issues.extend(self.validators[kind].validate(doc))
            issues.extend(hidden_character_issues(doc))
            if kind == "profile" and self.require_complete:
                issues.extend(profile_issues(doc))
        issues.extend(body_issues(doc))
        return doc, issues


def check_all(jobs: Sequence[Job], checker: Checker, cache: FileCache | None,
              workers: int = 1, digests: dict[str, bytes] | None = None,
              ) -> list[tuple[Document, list[Issue]]]:
    """The document and issues of each job, in order: from the cache, else checked.

    With a cache, ``digests`` receives each path's cache key (a digest of its bytes).
    """
    out: list[tuple[Document, list[Issue]] | None] = [None] * len(jobs)
    todo: list[int] = []
    keys: list[bytes | None] = [None] * len(jobs)
    for n, (kind, rel, raw) in enumerate(jobs):
        if cache is not None:
            keys[n] = key = cache.key(kind, rel, raw)
            out[n] = cache.get(key, rel, raw)
            if digests is not None:
                digests[rel] = key
        if out[n] is None:
            todo.append(n)
    if workers > 1 and len(todo) >= POOL_MIN_FILES:
        for n, entry in zip(todo, _in_workers([jobs[n] for n in todo], checker, workers)):
            kind, rel, raw = jobs[n]
            found = unpack(entry, rel, raw) if entry else None
            out[n] = found or checker.check(kind, rel, raw)
            if cache is not None and found is not None:
                cache.put(keys[n], entry)
    else:
        for n in todo:
            kind, rel, raw = jobs[n]
            out[n] = doc, issues = checker.check(kind, rel, raw)
            if cache is not None:
                entry = _packed(doc, issues, raw)
                if entry is not None:
                    cache.put(keys[n], entry)
    return out  # type: ignore[return-value]


def _packed(doc: Document, issues: list[Issue], raw: bytes) -> Entry | None:
    try:
        return pack(doc, issues, raw)
    except ValueError:  # a value marshal cannot store: check the file again next time
        return None


# -- worker processes ---------------------------------------------------------------

_worker: Checker | None = None


def _start(today: dt.date | None, require_complete: bool) -> None:
    global _worker
    _worker = Checker(today, require_complete)


def _check_chunk(chunk: list[Job]) -> list[Entry]:
    assert _worker is not None
    out = []
    for kind, rel, raw in chunk:
        doc, issues = _worker.check(kind, rel, raw)
        out.append(_packed(doc, issues, raw) or b"")
    return out


def _in_workers(jobs: list[Job], checker: Checker, workers: int) -> list[Entry]:
    """Entries for ``jobs`` from ``workers`` processes; results travel as marshal bytes."""
    today = checker.today
    size = max(64, len(jobs) // (workers * 4))
    chunks = [jobs[i:i + size] for i in range(0, len(jobs), size)]
    # fork: the workers start with the code already imported, in milliseconds.
    method = "fork" if "fork" in _methods() else None
    with ProcessPoolExecutor(workers, mp_context=get_context(method),
                             initializer=_start, initargs=(today, checker.require_complete)) as pool:
        return [entry for part in pool.map(_check_chunk, chunks) for entry in part]


def _methods() -> list[str]:
    from multiprocessing import get_all_start_methods

    return get_all_start_methods()


def default_workers() -> int:
    """Both cores of a two-core machine; at most four processes."""
    try:
        n = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        n = os.cpu_count() or 1
    return max(1, min(n, 4))
