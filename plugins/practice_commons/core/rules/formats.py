"""The value formats the schemas name (``format: date`` …), checked from one table.

``schema/formats.yaml`` holds the patterns; this module applies them for
:mod:`.validate` and hands the browser the same table (:func:`browser_table`), with
the patterns translated to JavaScript's dialect, so the submission form checks
exactly what ``commons validate`` checks and neither side carries its own copy.
A check returns ``None`` or the message keys of :mod:`.messages` with their values.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

FORMATS_FILE = Path(__file__).parent / "schema" / "formats.yaml"
# (message key, hint key, values): what a failed check says.
Problem = tuple[str, str, dict[str, Any]]


@cache
def table() -> dict[str, Any]:
    return yaml.safe_load(FORMATS_FILE.read_text(encoding="utf-8"))


@cache
def _compiled(name: str) -> re.Pattern[str]:
    return re.compile(table()[name])


def check(fmt: str, value: str, today: dt.date) -> Problem | None:
    """The problem with ``value`` as a ``fmt`` (date, email, phone, uri, attachment), if any."""
    if fmt == "date":
        return _date(value, today)
    if fmt == "email":
        return None if _compiled("email").match(value.strip()) else ("not_email", "not_email.hint", {})
    if fmt == "phone":
        return None if _compiled("phone").match(value.strip()) else ("not_phone", "not_phone.hint", {})
    if fmt == "uri":
        return _uri(value)
    if fmt == "attachment":
        return _attachment(value)
    return None


def _date(value: str, today: dt.date) -> Problem | None:
    if not _compiled("date").match(value):
        return "not_date", "not_date.hint", {}
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return "not_real_date", "not_real_date.hint", {}
    if day > today:
        return "future_date", "future_date.hint", {"plain": value}
    return None


def _uri(value: str) -> Problem | None:
    schemes = table()["uri_schemes"]
    try:
        parts = urlsplit(value.strip())
    except ValueError:  # "https://[x": an unclosed IPv6 host
        return "not_uri", "not_uri.hint", {}
    # Any white space, not only spaces: urlsplit silently drops tabs and newlines.
    if parts.scheme in schemes and parts.netloc and not re.search(r"\s", value.strip()):
        return None
    if parts.scheme and parts.scheme not in schemes:
        return "bad_scheme", "bad_scheme.hint", {"scheme": parts.scheme}
    return "not_uri", "not_uri.hint", {}


def _attachment(value: str) -> Problem | None:
    v = value.replace("\\", "/")
    if v.startswith("/") or re.match(r"^[A-Za-z]:", v) or ".." in v.split("/") or "://" in v:
        return "outside_folder", "outside_folder.hint", {}
    if not all(_compiled("file_name").match(part) for part in v.split("/")):
        # The name becomes a link's href: "javascript:x//a.pdf" or "%2e%2e/a.pdf" would
        # be read by the browser as a script or a path outside the folder.
        return "not_plain_file", "not_plain_file.hint", {}
    return None


def js_pattern(pattern: str) -> str:
    """A Python pattern of ours in JavaScript's dialect (used with the ``u`` flag).

    Python's ``\\w`` is Unicode letters, digits and "_"; JavaScript's is ASCII only.
    """
    out, in_class, i = [], False, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            pair = pattern[i:i + 2]
            if pair == "\\w":
                out.append("\\p{L}\\p{N}_" if in_class else "[\\p{L}\\p{N}_]")
            elif pair == "\\Z":
                out.append("$")
            else:
                out.append(pair)
            i += 2
            continue
        if ch == "[" and not in_class:
            in_class = True
        elif ch == "]" and in_class:
            in_class = False
        out.append(ch)
        i += 1
    return "".join(out)


def browser_table() -> dict[str, Any]:
    """The table for ``submit-validate.js``: the same rules, patterns in its dialect."""
    t = table()
    return {"email": js_pattern(t["email"]), "date": js_pattern(t["date"]),
            "phone": js_pattern(t["phone"]),
            "file_name": js_pattern(t["file_name"]), "uri_schemes": list(t["uri_schemes"])}
