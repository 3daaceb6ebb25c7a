"""Split a Markdown file into YAML front matter and body, keeping every key's line.

MkDocs swallows YAML errors (the page silently gets ``{}``), and ``yaml.safe_load``
forgets where each value came from, so we compose the node graph ourselves: that
gives every value a line for error messages, and lets us refuse what safe loading
alone would accept (duplicate keys, aliases, unknown tags, absurd nesting).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from ..rules.issues import Issue
from .yaml_values import (
    MAX_BYTES,
    SCALAR_TAGS,
    STR_TAG,
    YAML_TAG,
    Loader,
    Path_,
    ValueBuilder,
    dotted,
)

__all__ = ["Document", "Path_", "dotted", "parse"]

@dataclass
class Document:
    """A parsed content file: its data, the line of every value, and its body."""

    path: str
    data: dict[str, Any]
    lines: dict[Path_, int]
    body: str
    body_line: int
    has_front_matter: bool = True
    problems: list[Issue] = field(default_factory=list)

    def line_of(self, path: Path_) -> int:
        """The line of ``path``, or of its nearest ancestor that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


def parse(path: str, raw: bytes, *, required: bool = True) -> Document:
    """Parse ``raw`` bytes of the file at ``path`` (used only in messages).

    Never raises for bad content: every problem becomes an :class:`Issue` in
    ``document.problems`` and the data holds whatever could be read.
    """
    doc = Document(path=path, data={}, lines={(): 1}, body="", body_line=1)
    if len(raw) > MAX_BYTES:
        doc.problems.append(Issue(path, 1, None, f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}",
                                  "move long material into a linked document"))
        return doc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        doc.problems.append(Issue(path, line, None, "file is not UTF-8 text",
                                  "save it with UTF-8 encoding (in most editors: Save As → Encoding → UTF-8)"))
        return doc
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        doc.problems.append(Issue(path, line, None, "file contains a NUL byte",
                                  "this is not a text file; re-save it as plain UTF-8 text"))
        return doc
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        doc.has_front_matter = False
        doc.body = text
        if required:
            doc.problems.append(Issue(path, 1, None, "missing front matter",
                                      "start the file with a line '---', the fields, then another '---'"))
        return doc
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        doc.problems.append(Issue(path, 1, None, "front matter opened on line 1 is never closed",
                                  "add a line with just '---' after the last field"))
        return doc
    doc.body = "\n".join(lines[end + 1:])
    if lines[end].rstrip() == "...":
        # '...' ends a YAML document; a '---' after it starts a second one, which a
        # front-matter reader would drop without a word (and Markdown shows as text).
        nxt = next((i for i in range(end + 1, len(lines)) if lines[i].strip()), None)
        if nxt is not None and lines[nxt].rstrip() == "---":
            doc.problems.append(Issue(path, nxt + 1, None, "a second YAML document starts here, "
                                      f"after the '...' on line {end + 1}",
                                      "keep every field in one block between two '---' lines"))
    doc.body_line = end + 2
    yaml_text = "\n".join(lines[1:end])
    _compose_into(doc, yaml_text, offset=2)
    return doc


def _compose_into(doc: Document, yaml_text: str, offset: int) -> None:
    if "\t" in yaml_text:
        # YAML forbids tabs for indentation; PyYAML's own message is cryptic.
        for n, line in enumerate(yaml_text.split("\n")):
            stripped = line.lstrip(" ")
            if stripped.startswith("\t"):
                doc.problems.append(Issue(doc.path, n + offset, None, "tab used for indentation",
                                          "indent with spaces, not tabs"))
                return
    try:
        root = yaml.compose(yaml_text, Loader=Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + offset if mark else offset
        col = f", column {mark.column + 1}" if mark else ""
        what = (exc.problem or exc.context or "invalid YAML").strip()
        doc.problems.append(Issue(doc.path, line, None, f"YAML syntax error{col}: {what}",
                                  _yaml_hint(what)))
        return
    except yaml.reader.ReaderError as exc:
        # A control character (escape, bell …); often pasted from a terminal or a PDF.
        line = yaml_text[: exc.position].count("\n") + offset
        message = f"invisible control character U+{exc.character:04X} is not allowed"
        doc.problems.append(Issue(doc.path, line, None, message,
                                  "delete it: retype the line, or paste it as plain text"))
        return
    except yaml.YAMLError as exc:
        doc.problems.append(Issue(doc.path, offset, None, f"YAML error: {exc}",
                                  "remove control characters from the front matter"))
        return
    if root is None:
        return
    if not isinstance(root, yaml.MappingNode):
        doc.problems.append(Issue(doc.path, root.start_mark.line + offset, None,
                                  "front matter must be a set of 'field: value' lines",
                                  "write one 'field: value' per line"))
        return
    builder = ValueBuilder(doc, offset)
    doc.data = builder.build(root, (), 0)
    if "!" in yaml_text:
        _explicit_tags(doc, yaml_text, offset)


def _explicit_tags(doc: Document, yaml_text: str, offset: int) -> None:
    """Refuse '!!str', '!!int', '!' …: compose() resolves them, so the node graph hides them.

    Other tags ('!include') reach the builder as unknown tags and are refused there.
    """
    at_line: dict[int, Path_] = {}
    for path, line in doc.lines.items():
        if len(path) >= len(at_line.get(line, ())):
            at_line[line] = path
    for event in yaml.parse(yaml_text, Loader=Loader):
        tag = getattr(event, "tag", None)
        if tag is None or tag not in SCALAR_TAGS | {"!", YAML_TAG + "seq", YAML_TAG + "map"}:
            continue
        written = "!!" + tag[len(YAML_TAG):] if tag != "!" else "!"
        hint = ("remove it and put the value in quotes" if tag in ("!", STR_TAG)
                else "remove it and write the plain value")
        line = event.start_mark.line + offset
        doc.problems.append(Issue(doc.path, line, dotted(at_line.get(line, ())) or None,
                                  f"YAML tag '{written}' is not allowed", hint))


def _yaml_hint(problem: str) -> str:
    if "mapping values are not allowed" in problem:
        return "a value contains ': ' — put the whole value in double quotes"
    if "found character" in problem and "cannot start any token" in problem:
        return "put the value in double quotes"
    if "could not find expected ':'" in problem:
        return "each line needs 'field: value'; check the indentation and quotes of this line"
    return "check the indentation and quotes on this line and the one before"
