"""Writing Markdown that carries untrusted text safely.

Generated pages put contributors' titles and summaries into Markdown; a title
like ``[x](javascript:…)`` or ``<script>`` must come out as the literal text.
"""

from __future__ import annotations

import html
import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>])")


def md_text(value: object) -> str:
    """Escape ``value`` for Markdown inline text: HTML entities plus Markdown punctuation."""
    text = html.escape(str(value), quote=False).replace("\n", " ")
    return _MD_SPECIAL.sub(r"\\\1", text)


def md_cell(value: object) -> str:
    """Escape for a Markdown table cell (also keeps pipes from splitting the cell)."""
    return md_text(value).replace("\\|", "&#124;")
