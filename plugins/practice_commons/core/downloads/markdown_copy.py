"""The Markdown (.md) copy of a toolkit template: readable as plain text, renderable anywhere.

Written for someone who opens it in a text editor or pastes it into a shared
document, so the worksheet is laid out as lists and task boxes (``- [ ]``)
rather than wide tables where long text would be unreadable unrendered; tables
are kept for the template's own tables.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .sheet import Checklist, Prompt, RatingScale, Section, Table
from .word import citation

if TYPE_CHECKING:
    from ..content.model import Template
    from . import Meta

# Escaped with a backslash, which CommonMark accepts before any punctuation: text
# such as "***" (a rating in the barrier matrix) must not turn into a rule or
# emphasis, and "<" must not start HTML. Fewer characters than core.markdown.md_text
# escapes, so the file stays readable in a text editor.
_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_BLOCK_START = re.compile(r"^(\s*)([#+=-]|\d+[.)])")


def esc(value: object) -> str:
    """``value`` as inline Markdown text, on one line."""
    text = " ".join(str(value).split())
    text = _INLINE.sub(r"\\\1", text)
    return _BLOCK_START.sub(lambda m: m.group(1) + re.sub(r"([#+=.)-])", r"\\\1", m.group(2), count=1),
                            text)


def cell(value: object) -> str:
    """``value`` for a table cell; an empty cell keeps a space so the row stays a row."""
    return esc(value) or " "


def markdown_bytes(template: Template, parts: tuple[Section, ...], meta: Meta) -> bytes:
    """The .md copy of ``template``, UTF-8."""
    t = meta.strings
    out = [f"# {esc(template.title)}", "", esc(template.summary), ""]
    out.append(f"- **{esc(t['stage'])}:** {esc(meta.label('stages', template.stage))}")
    out.append(f"- **{esc(t['level'])}:** {template.level}: "
               f"{esc(meta.label('levels', template.level))}")
    out.append(f"- **{esc(t['audience'])}:** {esc(template.audience)}")
    if template.time_needed:
        out.append(f"- **{esc(t['time_needed'])}:** {esc(template.time_needed)}")
    out += ["", f"## {esc(t['purpose'])}", "", esc(template.purpose), ""]
    if template.instructions:
        out += [f"## {esc(t['instructions'])}", ""]
        out += [f"{n}. {esc(step)}" for n, step in enumerate(template.instructions, 1)]
        out.append("")
    out += [f"## {esc(t['worksheet'])}", ""]
    for part in parts:
        out += [f"### {esc(part.label)}", ""]
        if part.help:
            out += [f"*{esc(part.help)}*", ""]
        out += _section(part, t)
    if template.sources:
        out += [f"## {esc(t['sources'])}", ""]
        out += [f"{n}. {esc(citation(s, t))}" for n, s in enumerate(template.sources, 1)]
        out.append("")
    url = meta.page_url(template)
    out += ["---", "", esc(meta.site_name) + (f": <{url}>" if url else "")]
    return ("\n".join(out) + "\n").encode("utf-8")


def _section(part: Section, t) -> list[str]:
    if isinstance(part, Prompt):
        return [""] * part.lines  # room to write, in a text editor
    if isinstance(part, Table):
        return table_lines(part) + [""]
    if isinstance(part, Checklist):
        return [f"- [ ] {esc(item)}" for item in part.items] + [""]
    assert isinstance(part, RatingScale)
    out: list[str] = []
    for n, item in enumerate(part.items, 1):
        out += [f"**{n}. {esc(item.statement)}**", ""]
        out += [f"- {esc(e)}" for e in item.examples]
        if item.examples:
            out.append("")
        out += ["   ".join(f"[ ] {esc(p)}" for p in part.scale), ""]
    if part.next_steps:
        out += [f"**{esc(t['next_steps'])}:** {esc(part.next_steps)}", ""]
    return out


def table_lines(part: Table) -> list[str]:
    """A GitHub-flavoured Markdown table of ``part``: printed text, blank cells to fill in."""
    rows = ["| " + " | ".join(cell(c.label) for c in part.columns) + " |",
            "|" + "---|" * len(part.columns)]
    for row in part.rows:
        rows.append("| " + " | ".join(cell(x) for x in row.cells) + " |")
    return rows
