"""Split a Markdown file into YAML front matter and body, keeping every key's line.

MkDocs swallows YAML errors (the page silently gets ``{}``), and ``yaml.safe_load``
forgets where each value came from, so we compose the node graph ourselves: that
gives every value a line for error messages, and lets us refuse what safe loading
alone would accept (duplicate keys, aliases, unknown tags, absurd nesting).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .issues import Issue

try:  # libyaml's C parser is several times faster; fall back when it is missing.
    _Base: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Base = yaml.SafeLoader

_STR_TAG = "tag:yaml.org,2002:str"
_resolved: dict[str, str] = {}


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """The C loader with tag resolution made cheap; composes the same nodes.

    Even with libyaml, PyYAML calls back into Python for every node to resolve its
    tag (regular expressions over each plain scalar) and to track path resolvers,
    which we never register: that was about a third of compose time (commons bench).
    """

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            if not implicit[0]:  # quoted or block scalars are always strings
                return _STR_TAG
            tag = _resolved.get(value)
            if tag is None:
                tag = _Base.resolve(self, kind, value, implicit)
                if len(value) <= 40 and len(_resolved) < 50_000:  # field names, slugs, numbers
                    _resolved[value] = tag
            return tag
        return self.DEFAULT_SEQUENCE_TAG if kind is yaml.SequenceNode else self.DEFAULT_MAPPING_TAG

Path_ = tuple  # a path into the data: ("resources", 0, "level")

MAX_DEPTH = 12
MAX_NODES = 5000
MAX_BYTES = 1_000_000

_STR = "tag:yaml.org,2002:str"
_SCALAR_TAGS = {
    _STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_constructor = yaml.constructor.SafeConstructor()
_YAML = "tag:yaml.org,2002:"
# YAML 1.1 (what PyYAML reads) turns 0x3, 017, 0b11, 20:18 and 2_0_0 into numbers a
# contributor did not write (3, 15, 3, 1218, 200); only plain decimals are taken as numbers.
_PLAIN_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_PLAIN_FLOAT = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\Z")


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
        root = yaml.compose(yaml_text, Loader=_Loader)
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
    builder = _Builder(doc, offset)
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
    for event in yaml.parse(yaml_text, Loader=_Loader):
        tag = getattr(event, "tag", None)
        if tag is None or tag not in _SCALAR_TAGS | {"!", _YAML + "seq", _YAML + "map"}:
            continue
        written = "!!" + tag[len(_YAML):] if tag != "!" else "!"
        hint = ("remove it and put the value in quotes" if tag in ("!", _STR)
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


class _Builder:
    """Turns a composed node graph into plain data, recording lines and refusals."""

    def __init__(self, doc: Document, offset: int) -> None:
        self.doc = doc
        self.offset = offset
        self.seen: set[int] = set()
        self.count = 0
        self.stopped = False

    def _problem(self, node: yaml.Node, path: Path_, message: str, hint: str) -> None:
        self.doc.problems.append(
            Issue(self.doc.path, node.start_mark.line + self.offset, dotted(path) or None, message, hint))

    def build(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        if self.stopped:
            return None
        self.count += 1
        if self.count > MAX_NODES or depth > MAX_DEPTH:
            self.stopped = True
            self._problem(node, path, "front matter is too large or too deeply nested",
                          f"keep it under {MAX_NODES} values and {MAX_DEPTH} levels deep")
            return None
        if id(node) in self.seen:
            # compose() shares one node between an anchor and its aliases.
            self.stopped = True
            self._problem(node, path, "YAML anchors and aliases (& and *) are not allowed",
                          "write the value out in full")
            return None
        self.seen.add(id(node))
        self.doc.lines.setdefault(path, node.start_mark.line + self.offset)
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                return self._bad_tag(node, path)
            return [self.build(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        if node.tag != "tag:yaml.org,2002:map":
            return self._bad_tag(node, path)
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem(key_node, path, "a field name must be plain text", "write 'name: value'")
                continue
            key = key_node.value
            child = path + (key,)
            if key in out:
                self._problem(key_node, child, f"field '{key}' appears twice",
                              "keep one of them: later lines would silently replace earlier ones")
                continue
            self.doc.lines[child] = key_node.start_mark.line + self.offset
            out[key] = self.build(value_node, child, depth + 1)
        return out

    def _scalar(self, node: yaml.ScalarNode, path: Path_) -> Any:
        tag = node.tag
        if tag not in _SCALAR_TAGS:
            return self._bad_tag(node, path)
        if tag == _STR or tag == "tag:yaml.org,2002:timestamp":
            # Dates stay text (validated by the schema's `format: date`), so data is JSON.
            return node.value
        if not (_PLAIN_INT if tag.endswith(":int") else _PLAIN_FLOAT).match(node.value) \
                and tag in (_YAML + "int", _YAML + "float"):
            return self._number_form(node, path, tag)
        try:
            # Call the constructor function directly: construct_object() caches every
            # node it sees, which would grow without bound across thousands of files.
            return _constructor.yaml_constructors[tag](_constructor, node)
        except (yaml.constructor.ConstructorError, ValueError):
            return node.value

    def _number_form(self, node: yaml.ScalarNode, path: Path_, tag: str) -> Any:
        value = node.value
        read = _constructor.yaml_constructors[tag](_constructor, node)
        if isinstance(read, float) and not math.isfinite(read):
            # JSON has no NaN or Infinity: one such value would make api/profiles.json unreadable.
            self._problem(node, path, f"{value!r} is not a number the data files can hold",
                          "write a number such as 12.5, or leave the value out")
            return None
        if ":" in value or "_" in value:
            plain = value.replace(":", "").replace("_", "")
        elif value.lstrip("+-")[:2].lower() in ("0x", "0b", "0o"):
            plain = str(read)
        else:  # 017: YAML 1.1 reads a leading zero as octal
            plain = value.lstrip("0") or "0"
        shown = read if isinstance(read, int) else f"{read:g}"
        self._problem(node, path, f"YAML reads {value!r} as the number {shown}, not as written",
                      f"write {plain} if that is the number you mean, or put it in quotes "
                      f'("{value}") if it is text')
        return None

    def _bad_tag(self, node: yaml.Node, path: Path_) -> None:
        tag = "!!" + node.tag[len(_YAML):] if node.tag.startswith(_YAML) else node.tag
        self._problem(node, path, f"YAML tag '{tag}' is not allowed",
                      "remove the '!' tag and write a plain value")
        return None


def dotted(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out

