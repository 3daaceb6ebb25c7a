"""The schema is valid JSON Schema, and our validator agrees with the reference implementation."""

from __future__ import annotations

import jsonschema
import pytest
import yaml
from practice_commons.core import KINDS, Validator, load_schema, parse
from practice_commons.core.outputs.reference import rows

from tests.conftest import VALID_PROFILE

BREAKAGES = [
    ("state: MA", "state: ZZ"),
    ("level: 3", "level: 9"),
    ("topics: [literacy, family-engagement]", "topics: []"),
    ("title: Family Literacy Nights", "title: 42"),
    ("  sector: charter\n", ""),
    ("status: published", "status: published\nextra: 1"),
    ("essa_tier: 4", "essa_tier: 7"),
    ("grades: K-5", "grades: kindergarten"),
]


@pytest.mark.parametrize("kind", KINDS)
def test_schemas_are_valid_json_schema(kind):
    jsonschema.Draft202012Validator.check_schema(load_schema(kind))


@pytest.mark.parametrize("old,new", [(None, None), *BREAKAGES])
def test_validator_agrees_with_jsonschema(old, new):
    text = VALID_PROFILE if old is None else VALID_PROFILE.replace(old, new, 1)
    doc = parse("profiles/x.md", text.encode())
    ours = Validator("profile").validate(doc)
    reference = list(jsonschema.Draft202012Validator(load_schema("profile")).iter_errors(doc.data))
    assert bool(ours) == bool(reference), (ours, reference)


def test_vocabulary_expands_into_enums_with_labels():
    schema = load_schema("profile")
    state = schema["properties"]["school"]["properties"]["state"]
    assert "MA" in state["enum"] and state["x-enum-labels"]["MA"] == "Massachusetts"


def test_field_reference_lists_every_profile_field():
    fields = {r[0] for r in rows("profile")}
    raw = yaml.safe_load(VALID_PROFILE.split("---")[1])
    for key, value in raw.items():
        assert key in fields
        if isinstance(value, dict):
            assert {f"{key}.{k}" for k in value} <= fields
    assert "resources[].level" in fields
    assert "evidence.outcomes[].metric" in fields
