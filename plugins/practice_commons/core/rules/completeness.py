"""Is a profile ready to publish? Its text sections, beyond what the schema checks.

The schema says what the front matter may hold; a file can satisfy it and still
publish a page of empty headings (the output of ``commons new profile``, or a bare
form submission). A profile that will be published must have every section of
:data:`~.scaffold.BODY_SECTIONS` with text of its own under it: not missing, not
empty, not the template's guidance left in place. Drafts are exempt: they are
not published. (That at least one resource is offered is the schema's
``resources: minItems``.)
"""

from __future__ import annotations

import re

from ..content.frontmatter import Document
from ..contributing.scaffold import BODY_SECTIONS
from .issues import Issue

# A level-two ATX heading, as the profile page and the form write them.
_HEADING = re.compile(r"^ {0,3}##[ \t]+(.+?)[ \t]*#*[ \t]*$")
_COMMENT = re.compile(r"<!--.*?(-->|\Z)", re.DOTALL)
# Text people type to mean "later": it is no more a section than an empty one.
_FILLERS = {"", "…", "...", "tbd", "todo", "tba", "to do", "to come", "coming soon", "n/a", "xxx"}
_FENCE = re.compile(r"^ {0,3}(```|~~~)")


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def sections(body: str) -> dict[str, tuple[int, str]]:
    """Each level-two heading of ``body`` → (0-based line of the heading, its text).

    Headings inside fenced code blocks do not count; a repeated heading keeps the first.
    """
    found: dict[str, tuple[int, list[str]]] = {}
    current: list[str] | None = None
    fenced = False
    for n, line in enumerate(body.splitlines()):
        if _FENCE.match(line):
            fenced = not fenced
        match = None if fenced else _HEADING.match(line)
        if match:
            name = match.group(1).strip()
            current = [] if name not in found else None
            if current is not None:
                found[name] = (n, current)
        elif current is not None:
            current.append(line)
    return {name: (n, "\n".join(lines)) for name, (n, lines) in found.items()}


def profile_issues(doc: Document) -> list[Issue]:
    """What keeps the profile in ``doc`` from being published, one issue per section."""
    data = doc.data if isinstance(doc.data, dict) else {}
    if data.get("status") == "draft":
        return []
    found = {name.casefold(): value for name, value in sections(doc.body).items()}
    out: list[Issue] = []
    for heading, guide in BODY_SECTIONS:
        what = guide[0].lower() + guide[1:]
        if heading.casefold() not in found:
            out.append(Issue(doc.path, doc.body_line, None,
                             f"the section '## {heading}' is missing",
                             f"add the heading '## {heading}' and under it write {what}"))
            continue
        index, text = found[heading.casefold()]
        plain = _COMMENT.sub("", text).strip()
        line = doc.body_line + index
        if _words(plain) in _FILLERS or _words(plain) == _words(guide):
            state = "still holds the template's guidance" if plain or "<!--" in text else "is empty"
            out.append(Issue(doc.path, line, None, f"the section '## {heading}' {state}",
                             f"write {what}"))
    return out
