"""One catalogue per language: the same keys and placeholders in every language, and
every schema field's text in it (none left in the schema files)."""

from __future__ import annotations

import re
from pathlib import Path

import practice_commons
import pytest
import yaml
from practice_commons.core.rules import messages, schema_text
from practice_commons.core.rules.schema import KINDS, SCHEMA_DIR, _raw, load_schema

I18N = messages.I18N_DIR
LANGUAGES = sorted(p.stem for p in I18N.glob("*.yaml") if "." not in p.stem)
OTHERS = [lang for lang in LANGUAGES if lang != "en"]
PLACEHOLDER = re.compile(r"\{(\w+)\}")
PACKAGE = Path(practice_commons.__file__).resolve().parent


def _flat(path: Path) -> dict[str, str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out = {}
    for key, value in data.items():
        if isinstance(value, dict):
            out.update({f"{key} / {k}": str(v) for k, v in value.items()})
        else:
            out[str(key)] = str(value)
    return out


@pytest.mark.parametrize("lang", OTHERS)
@pytest.mark.parametrize("part", ["messages", "schema"])
def test_every_language_has_every_key_with_the_same_placeholders(lang, part):
    en, other = _flat(I18N / f"en.{part}.yaml"), _flat(I18N / f"{lang}.{part}.yaml")
    assert sorted(set(en) - set(other)) == [], f"{lang}.{part}.yaml lacks these keys"
    assert sorted(set(other) - set(en)) == [], f"{lang}.{part}.yaml has keys English does not"
    wrong = [k for k in en if set(PLACEHOLDER.findall(en[k])) != set(PLACEHOLDER.findall(other[k]))]
    assert wrong == [], f"placeholders differ in {lang}.{part}.yaml"
    same = [k for k in en if en[k] == other[k] and re.search(r"[a-z]{4,} [a-z]{3,}", en[k])]
    assert same == [], f"left in English in {lang}.{part}.yaml"


def test_the_schema_files_hold_rules_and_the_catalogue_their_words():
    for path in SCHEMA_DIR.glob("*.schema.yaml"):
        for key, node in schema_text.nodes(_raw(path.name)):
            assert not isinstance(node.get("description"), str), f"{path.name} {key}: move it"
    table = schema_text.texts("en")
    for kind in KINDS:
        raw = _raw(f"{kind}.schema.yaml")
        missing = [key for key, node in schema_text.nodes(raw)
                   if _is_field(key)
                   and schema_text.text_key(key, "description") not in table[kind]]
        assert missing == [], f"fields of {kind} without a description in en.schema.yaml"
        known = {k for k, _n in schema_text.nodes(raw)}
        stale = [k for k in table[kind] if k.split("._")[0].lstrip("_") and
                 k.split("._")[0] not in known and not k.startswith("_")]
        assert stale == [], f"en.schema.yaml describes fields {kind} does not have"


def _is_field(key: str) -> bool:
    """``key`` names a field (not the schema itself, a list's items or a shared definition)."""
    return bool(key) and not key.endswith("]") and not key.startswith("#")


@pytest.mark.parametrize("lang", OTHERS)
def test_a_loaded_schema_speaks_the_language(lang):
    ours, english = load_schema("profile", lang), load_schema("profile")
    state = ours["properties"]["school"]["properties"]["state"]
    assert state["description"] != english["properties"]["school"]["properties"]["state"]["description"]
    assert state["enum"] == english["properties"]["school"]["properties"]["state"]["enum"]


def test_every_message_key_is_used():
    keys = set(_flat(I18N / "en.messages.yaml"))
    sources = [PACKAGE / "core/rules/validate.py", PACKAGE / "core/rules/formats.py", PACKAGE / "core/rules/messages.py",
               *sorted((PACKAGE / "assets").rglob("submit-*.js"))]
    text = "\n".join(p.read_text(encoding="utf-8") for p in sources)
    quoted = set(re.findall(r"[\"']([a-z_]+(?:\.[a-z_]+)*)[\"']", text))
    prefixes = {"type", "noun", "wrong_type.hint"}  # looked up as prefix + name
    unused = sorted(k for k in keys if k not in quoted and k.rsplit(".", 1)[0] not in prefixes)
    assert unused == [], "message keys no code uses"
