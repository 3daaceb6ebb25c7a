"""A disk cache of generated downloads, so unchanged templates are not rebuilt.

One entry per template: ``<root>/<slug>/<key>.zip``, where the key hashes every
input of the generators (see :func:`practice_commons.core.downloads.cache_key`).
An entry is a stored (uncompressed) zip of the template's files, so a truncated
or damaged entry fails zip's CRC checks and is simply generated again: a
missing, corrupt or unwritable cache only costs time. Writing a new entry for a
template removes its older ones, so the cache stays the size of one build.
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from pathlib import Path

from .bundle import ZIP_DATE


class DownloadCache:
    """Files by (name, key); ``root=None`` turns caching off."""

    def __init__(self, root: Path | None) -> None:
        self.root = root
        self.hits = 0
        self.misses = 0

    def get(self, name: str, key: str) -> dict[str, bytes] | None:
        """The files stored for ``name`` under ``key``, or None if absent or unreadable."""
        if self.root is None:
            return None
        path = self.root / name / f"{key}.zip"
        try:
            with zipfile.ZipFile(path) as zf:
                files = {info.filename: zf.read(info) for info in zf.infolist()}
        except (OSError, zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, ValueError,
                EOFError, RuntimeError):
            # zipfile reports damage through several exception types (a CRC mismatch
            # is BadZipFile, a truncated member EOFError); all mean "generate again".
            self.misses += 1
            return None
        self.hits += 1
        return files

    def put(self, name: str, key: str, files: dict[str, bytes]) -> bool:
        """Store ``files``; False (and nothing raised) if the cache cannot be written."""
        if self.root is None:
            return False
        folder = self.root / name
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
            for fname, data in files.items():
                zf.writestr(zipfile.ZipInfo(fname, date_time=ZIP_DATE), data)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            # Write then rename, so a build running alongside never reads half a file.
            fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                fh.write(buf.getvalue())
            os.replace(tmp, folder / f"{key}.zip")
            for old in folder.iterdir():
                if old.name != f"{key}.zip" and old.suffix == ".zip":
                    old.unlink(missing_ok=True)
        except OSError:
            return False
        return True
