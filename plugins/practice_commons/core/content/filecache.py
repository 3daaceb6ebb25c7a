"""Parsed and checked content files, kept by content hash outside the checkout.

Reading a profile and checking it (front matter, schema, body limits, completeness)
depends only on its path, its bytes, its kind, the options of the check, the date
and this package's code. So each result is kept under a key that hashes all of
them: an unchanged file costs a hash and a lookup instead of a parse, and a
changed one is simply checked again. Results are stored in the user's cache
folder (``$XDG_CACHE_HOME``, else ``~/.cache``), never in the repository, so a
pull request cannot plant an entry; a missing, damaged or unwritable cache only
costs time. ``mkdocs serve`` keeps the results of its last rebuild in memory too,
so a rebuild after one edit parses one file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import marshal
import os
import tempfile
import threading
from functools import cache
from pathlib import Path
from typing import Any

from ..rules.issues import Issue
from .frontmatter import Document

FORMAT = 1
# An entry: marshal's bytes of (data, lines, body offset, body_line, has_front_matter,
# problems, issues). Plain values only, so loading runs no code; kept as bytes so that
# each load makes fresh objects a build may change without changing the cache.
Entry = bytes

_memory: dict[str, dict[bytes, Entry]] = {}  # cache file -> entries, for serve's rebuilds
_lock = threading.Lock()


def user_cache_dir(root: Path, name: str) -> Path:
    """``<cache home>/practice-commons/<checkout tag>/<name>``: per checkout, not inside it."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    tag = hashlib.sha256(str(Path(root).resolve()).encode()).hexdigest()[:16]
    return base / "practice-commons" / tag / name


@cache
def code_version() -> str:
    """A digest of this package's code, schemas and vocabularies: a change empties the cache."""
    here = next(p for p in Path(__file__).resolve().parents if p.name == "practice_commons")
    h = hashlib.sha256()
    for path in sorted(here.rglob("*")):
        if path.suffix in (".py", ".json", ".yml", ".yaml") and "__pycache__" not in path.parts:
            st = path.stat()
            h.update(f"{path.relative_to(here)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def normalized(raw: bytes) -> str | None:
    """The text :func:`~.frontmatter.parse` reads, or None if it is not UTF-8."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


class FileCache:
    """Check results by key; ``folder=None`` keeps them in this process only."""

    def __init__(self, folder: Path | None, *, today: dt.date, options: str = "") -> None:
        self.file = folder / "checked.marshal" if folder is not None else None
        self.salt = f"{FORMAT}\0{code_version()}\0{today.isoformat()}\0{options}".encode()
        self.entries: dict[bytes, Entry] | None = None
        self.used: dict[bytes, Entry] = {}
        self.hits = 0
        self.misses = 0

    def key(self, kind: str, rel: str, raw: bytes) -> bytes:
        h = hashlib.blake2b(self.salt, digest_size=20)
        h.update(f"\0{kind}\0{rel}\0".encode())
        h.update(raw)
        return h.digest()

    def get(self, key: bytes, rel: str, raw: bytes) -> tuple[Document, list[Issue]] | None:
        if self.entries is None:
            self.entries = self._read()
        entry = self.entries.get(key)
        if entry is None:
            self.misses += 1
            return None
        found = unpack(entry, rel, raw)
        if found is None:
            self.misses += 1
            return None
        self.hits += 1
        self.used[key] = entry
        return found

    def put(self, key: bytes, entry: Entry) -> None:
        self.used[key] = entry

    def save(self) -> None:
        """Keep exactly this run's entries (the cache stays the size of one checkout)."""
        name = str(self.file)
        with _lock:
            _memory[name] = dict(self.used)
        if self.file is None or (self.misses == 0 and len(self.used) == len(self.entries or {})):
            return
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.file.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                fh.write(self.salt + b"\n")
                marshal.dump(self.used, fh)
            # Write then rename: a build running alongside never reads half a file.
            os.replace(tmp, self.file)
        except (OSError, ValueError):
            pass

    def _read(self) -> dict[bytes, Entry]:
        with _lock:
            kept = _memory.get(str(self.file))
        if kept is not None:
            return kept
        if self.file is None:
            return {}
        try:
            with open(self.file, "rb") as fh:
                if fh.readline() != self.salt + b"\n":
                    return {}  # other code, another day or other options: start again
                entries = marshal.load(fh)
        except (OSError, EOFError, ValueError, TypeError):
            return {}
        return entries if isinstance(entries, dict) else {}


def pack(doc: Document, issues: list[Issue], raw: bytes) -> Entry:
    """``doc`` and its issues as plain values; the body is kept as its offset in the file."""
    text = normalized(raw)
    body: Any = doc.body
    if text is not None and doc.body and text.endswith(doc.body):
        body = len(text) - len(doc.body)
    return marshal.dumps((doc.data, doc.lines, body, doc.body_line, doc.has_front_matter,
                          [_issue(i) for i in doc.problems], [_issue(i) for i in issues]))


def unpack(entry: Entry, rel: str, raw: bytes) -> tuple[Document, list[Issue]] | None:
    try:
        data, lines, body, body_line, has_fm, problems, issues = marshal.loads(entry)
        if isinstance(body, int):
            text = normalized(raw)
            if text is None:
                return None
            body = text[body:]
        doc = Document(path=rel, data=data, lines=lines, body=body, body_line=body_line,
                       has_front_matter=has_fm, problems=[Issue(*i) for i in problems])
        return doc, [Issue(*i) for i in issues]
    except (TypeError, ValueError, EOFError):
        return None  # an entry of another shape: check the file again


def _issue(i: Issue) -> tuple[Any, ...]:
    return (i.path, i.line, i.field, i.message, i.hint, i.severity, i.code)
