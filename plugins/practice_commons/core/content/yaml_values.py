"""YAML nodes to plain values, each with its line, refusing what a profile may not hold.

:mod:`.frontmatter` composes the node graph with :data:`Loader` and hands it here:
duplicate keys, anchors and aliases, tags, absurd nesting and numbers YAML 1.1 would
read differently from how they were written become problems, never silent values.
"""

from __future__ import annotations

import math
import re
from typing import Any

import yaml

from ..rules.issues import Issue

Path_ = tuple  # a path into the data: ("resources", 0, "level")

try:  # libyaml's C parser is several times faster; fall back when it is missing.
    _Base: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Base = yaml.SafeLoader

STR_TAG = "tag:yaml.org,2002:str"
_resolved: dict[str, str] = {}


class Loader(_Base):  # type: ignore[misc, valid-type]
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
                return STR_TAG
            tag = _resolved.get(value)
            if tag is None:
                tag = _Base.resolve(self, kind, value, implicit)
                if len(value) <= 40 and len(_resolved) < 50_000:  # field names, slugs, numbers
                    _resolved[value] = tag
            return tag
        return self.DEFAULT_SEQUENCE_TAG if kind is yaml.SequenceNode else self.DEFAULT_MAPPING_TAG

MAX_DEPTH = 12
MAX_NODES = 5000
MAX_BYTES = 1_000_000

SCALAR_TAGS = {
    STR_TAG,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_constructor = yaml.constructor.SafeConstructor()
YAML_TAG = "tag:yaml.org,2002:"
# YAML 1.1 (what PyYAML reads) turns 0x3, 017, 0b11, 20:18 and 2_0_0 into numbers a
# contributor did not write (3, 15, 3, 1218, 200); only plain decimals are taken as numbers.
_PLAIN_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_PLAIN_FLOAT = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\Z")


class ValueBuilder:
    """Turns a composed node graph into plain data, recording lines and refusals."""

    def __init__(self, doc: Any, offset: int) -> None:
        self.doc = doc  # a frontmatter.Document: its path, lines and problems
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
        if tag not in SCALAR_TAGS:
            return self._bad_tag(node, path)
        if tag == STR_TAG or tag == "tag:yaml.org,2002:timestamp":
            # Dates stay text (validated by the schema's `format: date`), so data is JSON.
            return node.value
        if not (_PLAIN_INT if tag.endswith(":int") else _PLAIN_FLOAT).match(node.value) \
                and tag in (YAML_TAG + "int", YAML_TAG + "float"):
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
        tag = "!!" + node.tag[len(YAML_TAG):] if node.tag.startswith(YAML_TAG) else node.tag
        self._problem(node, path, f"YAML tag '{tag}' is not allowed",
                      "remove the '!' tag and write a plain value")
        return None


def dotted(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out

