"""The "Submit a profile" form, described from the profile schema.

The form has a control for every field of ``load_schema("profile")`` and nothing
else: its labels come from the interface strings, its help text from each
field's ``description``, its choices from the vocabularies. The page embeds the
same expanded schema (in the site's language) with the validator's message
catalogue and formats' table, which ``submit-validate.js`` interprets as
:mod:`.validate` does, so the form cannot ask for something the validator refuses.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..content.collection import Collection
from ..hosting.scope import narrowed_schema
from ..rules import formats, messages
from ..rules.schema import load_schema, resolve_ref, vocabulary
from ..rules.vocabulary import Vocabulary
from .scaffold import BODY_SECTIONS, FLOW_MAX

# Fields the form leaves out, and why: an attached file needs the profile in its own
# folder with the file beside it, which a single generated file cannot provide; the
# web address is made from the title (reviewers can change it); a submission is always
# for review, so its status and date are set by the page (submit.js AUTOMATIC), and
# "last reviewed" is the reviewers' to fill in.
SKIPPED = {"resources[].file", "slug", "status", "submitted", "last_reviewed"}
REPEAT_MIN = {"resources": 1}  # groups shown once to start with (the schema's minItems)
TEXTAREA_MIN = 300  # text fields allowed this many characters or more get a textarea
# The form's steps (at most four, the last being the review). A top-level field not
# named here goes to step 3, so a field added to the schema still appears.
STEPS = ("school", "practice", "offer", "review")
STEP_OF = {"school": 1, "contact": 1, "title": 2, "summary": 2, "topics": 2, "grade_bands": 2}
DEFAULT_STEP = 3


@dataclass
class Field:
    """One control (or group of controls) of the form."""

    key: str          # name inside its parent: "state"
    path: str         # data path with [__i__] for repeated items: "resources[__i__].level"
    generic: str      # path as in the field reference: "resources[].level"
    kind: str         # text, textarea, select, checkboxes, date, email, url, tel, number, group…
    label: str
    help: str = ""
    required: bool = False
    choices: list[tuple[str, str]] = field(default_factory=list)  # (JSON value, label)
    children: list[Field] = field(default_factory=list)
    start: int = 0    # repeat: how many items to show at first
    item_label: str = ""
    types: str = ""   # the schema's type(s), space-separated, so the script can read numbers
    step: int = DEFAULT_STEP  # top-level fields only: the step of the form that asks it

    @property
    def id(self) -> str:
        return "pc-f-" + re.sub(r"[^A-Za-z0-9_]+", "-", self.path).strip("-")


def _slot(generic: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", generic.replace("[]", "")).strip("_")


def _label(strings: dict[str, str], generic: str, key: str) -> str:
    # submit_label_<path> first: the form's words for school staff, where the field
    # reference's label (field_<path>) would not do.
    slot = _slot(generic)
    return (strings.get("submit_label_" + slot) or strings.get("field_" + slot)
            or key.replace("_", " ").capitalize())


def _help(strings: dict[str, str], generic: str, node: dict[str, Any]) -> str:
    """The schema's description, unless the form has plainer words for it."""
    own = strings.get("submit_help_" + _slot(generic))
    return own if own is not None else " ".join(str(node.get("description", "")).split())


def _choices(node: dict[str, Any], vocab: Vocabulary | None) -> list[tuple[str, str]]:
    labels = node.get("x-enum-labels", {})
    name = node.get("x-vocabulary")
    if vocab is not None and name:  # the site's language, when the vocabulary is translated
        return [(json.dumps(v), vocab.label(name, v)) for v in node.get("enum", ())]
    return [(json.dumps(v), str(labels.get(str(v), v))) for v in node.get("enum", ())]


def build(strings: dict[str, str], collection: Collection | None = None,
          vocab: Vocabulary | None = None, language: str = "en",
          states: Iterable[str] = ()) -> list[Field]:
    """Every field of the profile schema as form controls, in the schema's order.

    ``vocab`` gives the choices' labels (default: the schema's labels in ``language``);
    the help text is the schema's, in ``language``. On a state-scoped site the state
    choices are ``states`` only.
    """
    root = narrowed_schema(load_schema("profile", language), states)
    refs = {}
    if collection is not None:
        refs = {"case-study": collection.published("case-study"),
                "template": collection.published("template")}
    return _fields(root, root, "", "", strings, refs, vocab)


def steps(fields: list[Field]) -> list[list[Field]]:
    """The top-level fields of each input step (all steps but the review), in order."""
    return [[f for f in fields if f.step == n] for n in range(1, len(STEPS))]


def required_answers(fields: list[Field]) -> int:
    """How many answers the front matter needs: each required control; a required group
    counts its required controls (the contact: its role), a required list of items (the
    resources) counts once. The four text sections come on top (core/rules/completeness.py)."""
    return sum((required_answers(f.children) if f.kind == "group" else 1)
               for f in fields if f.required)


def _resolve(root: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    return resolve_ref(root, node["$ref"]) if "$ref" in node else node


def _fields(root: dict[str, Any], schema: dict[str, Any], prefix: str, generic_prefix: str,
            strings: dict[str, str], refs: dict[str, Any],
            vocab: Vocabulary | None = None) -> list[Field]:
    out: list[Field] = []
    required = set(schema.get("required", ()))
    for key, raw in schema.get("properties", {}).items():
        node = _resolve(root, raw)
        path, generic = prefix + key, generic_prefix + key
        if generic in SKIPPED:
            continue
        f = Field(key=key, path=path, generic=generic, kind="text",
                  label=_label(strings, generic, key), help=_help(strings, generic, node),
                  required=key in required, step=STEP_OF.get(generic, DEFAULT_STEP))
        types = node.get("type")
        f.types = " ".join([types] if isinstance(types, str) else types or [])
        items = _resolve(root, node.get("items", {})) if isinstance(node.get("items"), dict) else {}
        if types == "object":
            f.kind = "group"
            f.children = _fields(root, node, path + ".", generic + ".", strings, refs, vocab)
        elif types == "array" and items.get("type") == "object":
            f.kind = "repeat"
            f.start = REPEAT_MIN.get(generic, 0)
            f.item_label = strings.get(f"submit_item_{key}", strings.get("submit_item", "item"))
            f.children = _fields(root, items, f"{path}[__i__].", f"{generic}[].", strings, refs,
                                 vocab)
        elif types == "array" and "enum" in items:
            f.kind, f.choices = "checkboxes", _choices(items, vocab)
        elif types == "array" and items.get("x-ref"):
            f.kind = "checkboxes"
            f.choices = [(json.dumps(r.slug), r.title) for r in
                         sorted(refs.get(items["x-ref"], ()), key=lambda r: r.title.casefold())]
            if not f.choices:
                continue  # nothing on this site to link to yet
        elif types == "array":  # a list of sentences: one box per item
            f.kind = "repeat"
            f.item_label = strings.get(f"submit_item_{key}", strings.get("submit_item", "item"))
            f.children = [Field(key="", path=f"{path}[__i__]", generic=f"{generic}[]",
                                kind="textarea" if items.get("maxLength", 0) >= TEXTAREA_MIN
                                else "text", label=f"{f.item_label.capitalize()} __n__",
                                types=str(items.get("type", "")), required=True)]
        elif "enum" in node:
            f.kind, f.choices = "select", _choices(node, vocab)
        elif node.get("format") in ("date", "email"):
            f.kind = node["format"]
        elif node.get("format") == "uri":
            f.kind = "url"
        elif node.get("format") == "phone":
            f.kind = "tel"
        elif types == "integer":
            f.kind = "number"
        elif node.get("maxLength", 0) >= TEXTAREA_MIN and types == "string":
            f.kind = "textarea"
        out.append(f)
    return out


def _lists_named(node: Any) -> set[str]:
    """The vocabulary lists a schema names (``x-vocabulary``), anywhere inside it."""
    if isinstance(node, dict):
        found = {node["x-vocabulary"]} if isinstance(node.get("x-vocabulary"), str) else set()
        return found.union(*(_lists_named(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(_lists_named(v) for v in node))
    return set()


def page_data(strings: dict[str, str], repository: str | None, branch: str,
              profiles_dir: str, contact: dict[str, Any] | None = None,
              states: Iterable[str] = (), slug_table: str = "",
              language: str = "en") -> dict[str, Any]:
    """What ``submit.js`` needs, embedded in the page as JSON. ``contact`` is the host's
    (``extra.host.contact``): where a file goes when there is no repository. On a
    state-scoped site, ``states`` are the only states the form's checks accept;
    ``slug_table`` is the address of :func:`.slug.char_table`'s file."""
    vocab = vocabulary()
    scope = set(states)
    schema = narrowed_schema(load_schema("profile", language), scope)
    return {
        "schema": schema,
        "messages": messages.table(language),
        "formats": formats.browser_table(),
        # Aliases are needed to make the validator's "did you mean" suggestions (which, on
        # a scoped site, suggest only the states it publishes). Only the lists the profile
        # schema names: the others (case studies' places) are no choice of this form.
        "vocabulary": {name: [{"slug": t.slug, "label": t.label, "aliases": list(t.aliases)}
                              for t in vocab.terms(name)
                              if not scope or name != "states" or t.slug in scope]
                       for name in vocab.lists if name in _lists_named(schema)},
        "sections": [h for h, _ in BODY_SECTIONS],
        "guides": [g for _, g in BODY_SECTIONS],
        "contactEmail": str((contact or {}).get("email") or ""),
        "flowMax": FLOW_MAX,
        "repository": repository or "",
        "branch": branch,
        "profilesDir": profiles_dir,
        "slugTable": slug_table,
        "strings": {k: v for k, v in strings.items() if k.startswith("submit_")},
    }
