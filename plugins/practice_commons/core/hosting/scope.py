"""A state-scoped site (``practice-commons/hosting`` option ``states:``), said everywhere.

A host that publishes only some states gets a site in which nothing else appears: every
record that names a state (a profile's school, a case study's location) must be from
one of them, or ``commons validate`` and the build refuse it with the way to widen the
scope; so no list, index, count, export or search facet can show another state, and no
contributor's file is silently left out. What is built from the vocabulary instead of
the content (the submission form's choices, the published JSON Schema) is narrowed by
:func:`narrowed_schema`.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

from ..content.frontmatter import Document
from ..rules.issues import Issue
from ..rules.vocabulary import Vocabulary

# Where each kind of record names its state.
STATE_FIELD = {"profile": ("school", "state"), "case-study": ("location", "state")}
KIND_NAMES = {"profile": "a profile", "case-study": "a case study"}
OPTION = "states: of practice-commons/hosting in mkdocs.yml"


def scope_issue(kind: str, doc: Document, states: Iterable[str],
                vocab: Vocabulary) -> Issue | None:
    """The problem with a record from outside the site's ``states``, else None."""
    wanted = tuple(states)
    path = STATE_FIELD.get(kind)
    if not wanted or path is None:
        return None
    node: Any = doc.data
    for key in path:
        node = node.get(key) if isinstance(node, dict) else None
    if not isinstance(node, str) or node in wanted:
        return None  # no state named (listed under none), or in scope
    return Issue(doc.path, doc.line_of(path), ".".join(path),
                 f"this site is scoped to {describe(wanted, vocab)}, so {KIND_NAMES[kind]} "
                 f"from {describe((node,), vocab)} cannot be published here",
                 f"to widen the site, add '{node}' to {OPTION} (or remove that list to "
                 "publish every state); otherwise remove this file or publish it on a "
                 f"site for {vocab.label('states', node)}")


def describe(states: Iterable[str], vocab: Vocabulary) -> str:
    """``MA (Massachusetts)``, ``MA (Massachusetts) and DC (District of Columbia)``."""
    names = [f"{s} ({vocab.label('states', s)})" for s in states]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def narrowed_schema(schema: dict[str, Any], states: Iterable[str]) -> dict[str, Any]:
    """``schema`` with every state vocabulary limited to ``states`` (unchanged when empty),
    so editors and the submission form offer only the states the site publishes."""
    wanted = list(states)
    if not wanted:
        return schema
    out = copy.deepcopy(schema)
    _narrow(out, wanted)
    return out


def _narrow(node: Any, wanted: list[str]) -> None:
    if isinstance(node, dict):
        if node.get("x-vocabulary") == "states" and isinstance(node.get("enum"), list):
            node["enum"] = [s for s in node["enum"] if s in wanted]
            labels = node.get("x-enum-labels")
            if isinstance(labels, dict):
                node["x-enum-labels"] = {k: v for k, v in labels.items() if k in wanted}
            if isinstance(node.get("examples"), list):  # the schema's example is DC
                node["examples"] = [s for s in node["examples"] if s in wanted] or wanted[:1]
        for value in node.values():
            _narrow(value, wanted)
    elif isinstance(node, list):
        for value in node:
            _narrow(value, wanted)
