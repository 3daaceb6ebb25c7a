"""Zip archives whose bytes depend only on what goes in them.

``zipfile`` stamps every entry with the current time and the host's OS, so the
same files zipped twice differ. Both the toolkit bundle and the .docx files
(which python-docx zips with ``writestr``) pass through :func:`deterministic_zip`.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable, Mapping

# Any fixed date would do; zip cannot store dates before 1980.
ZIP_DATE = (2020, 1, 1, 0, 0, 0)
_UNIX = 3  # "made by" Unix, so the permission bits below are honoured


def deterministic_zip(entries: Iterable[tuple[str, bytes]]) -> bytes:
    """A deflated zip of ``(name, data)`` in the given order, with fixed dates and modes."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = _UNIX
            info.external_attr = 0o644 << 16
            zf.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return buf.getvalue()


def rezip(data: bytes, edits: Mapping[str, Callable[[bytes], bytes]] | None = None) -> bytes:
    """The same archive with its entries' dates and modes fixed (order kept), each entry
    named in ``edits`` passed through its function."""
    edits = edits or {}
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        entries = [(i.filename, zf.read(i)) for i in zf.infolist()]
    return deterministic_zip([(name, edits[name](body) if name in edits else body)
                              for name, body in entries])


def toolkit_bundle(folder: str, files: Iterable[tuple[str, bytes]], readme: str) -> bytes:
    """The toolkit .zip: a README, then every file, all inside one ``folder``.

    One top-level folder, so unzipping never scatters files into the visitor's
    Downloads folder.
    """
    entries = [(f"{folder}/README.md", readme.encode("utf-8"))]
    entries += [(f"{folder}/{name}", data) for name, data in sorted(files)]
    return deterministic_zip(entries)
