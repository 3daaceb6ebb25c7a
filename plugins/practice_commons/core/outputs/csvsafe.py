"""The one guard for every CSV cell we write: text a spreadsheet shows, never runs.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return as a formula ("CSV injection", OWASP), and contributors' text is
untrusted, so such a cell gets a leading apostrophe, which Excel, LibreOffice and
Google Sheets read as "this is text" and do not show.

The rule has no exceptions, numbers included: "+1 617-555-0100" typed as a
formula is arithmetic (−1271), and "-5" may be a list item's dash. With the
apostrophe a phone number reads exactly as written in the sheet; the JSON
exports carry every value unchanged for programs.
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    """``value`` as a CSV cell that a spreadsheet shows as text."""
    if value is None:
        return ""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
