"""One verdict: the published JSON Schema and `commons validate` agree (issue 19).

A standard validator (``jsonschema``, as check-jsonschema uses) runs the schema the
site publishes at /schema/profile.schema.json over valid and broken profiles; each
must get the same verdict from ``commons``'s validator, except the rules the field
reference page lists as checked only by ``commons validate`` and the build.
"""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest
from practice_commons.core import Validator, parse
from practice_commons.core.hosting.i18n import strings
from practice_commons.core.outputs.reference import BUILD_ONLY, reference_markdown
from practice_commons.core.rules.schema import KINDS, published_schema, schema_json

from tests.conftest import VALID_PROFILE

TODAY = dt.date(2026, 1, 1)

# (name, replace, with): each applied once to the sample profile.
VALID = [
    ("as it is", None, None),
    ("an empty optional field", "status: published", "status: published\nfunding:"),
    ("an empty optional group", "status: published", "status: published\npartners:"),
    ("an empty optional sub-field", "  email: families@", "  name:\n  email: families@"),
    ("an empty optional date", "last_reviewed: 2025-02-01", "last_reviewed:"),
    ("an upper-case scheme", "https://riverside", "HTTPS://riverside"),
    ("a link with a path and query", "https://video.example.org/literacy-nights",
     "https://video.example.org/a/b?c=d#e"),
    ("a title padded with spaces", "title: Family Literacy Nights",
     'title: "  Family Literacy Nights  "'),
    ("a phone with an extension", "  email: families@",
     '  phone: "+1 (978) 555-0100 x12"\n  email: families@'),
    ("a contact form", "  email: families@",
     "  form: https://riverside.example.org/ask\n  email: families@"),
]
INVALID = [
    ("a javascript: link", "https://riverside.example.org", '"javascript:alert(1)"'),
    ("an ftp: link", "https://riverside.example.org", "ftp://riverside.example.org"),
    ("a link without a host", "https://riverside.example.org", "https://"),
    ("a link with a space", "https://riverside.example.org", '"https://riverside.example.org/a b"'),
    ("a link with a tab", "https://riverside.example.org", '"https://riverside.example.org/a\\tb"'),
    ("a link that is a bare word", "https://riverside.example.org", "riverside"),
    ("an email without a domain", "families@riverside.example.org", "families@riverside"),
    ("an email that is a sentence", "families@riverside.example.org", "write to the office"),
    ("a phone that is words", "  email: families@",
     '  phone: "call the office"\n  email: families@'),
    ("a phone too short", "  email: families@", '  phone: "555"\n  email: families@'),
    ("a contact form that is an email link", "  email: families@",
     '  form: "mailto:x@example.org"\n  email: families@'),
    ("a date without leading zeros", "submitted: 2024-09-01", "submitted: 2024-9-1"),
    ("a date in another order", "submitted: 2024-09-01", "submitted: 09/01/2024"),
    ("a thirteenth month", "submitted: 2024-09-01", "submitted: 2024-13-01"),
    ("a title of spaces", "title: Family Literacy Nights", 'title: "       "'),
    ("a title too short once trimmed", "title: Family Literacy Nights", 'title: "  Fam   "'),
    ("an empty required field", "status: published", "status:"),
    ("an empty required sub-field", "  role: Family engagement coordinator", "  role:"),
    ("a list item left empty", "topics: [literacy, family-engagement]", "topics: [literacy, null]"),
]
# What JSON Schema cannot say, and the field named in the reference page's list of it.
BUILD_ONLY_CASES = [
    ("a date in the future", "submitted: 2024-09-01", "submitted: 2999-01-01", "submitted"),
    ("a day its month does not have", "submitted: 2024-09-01", "submitted: 2024-02-30",
     "submitted"),
]


def _doc(old, new):
    text = VALID_PROFILE if old is None else VALID_PROFILE.replace(old, new, 1)
    assert old is None or text != VALID_PROFILE, old
    doc = parse("profiles/x.md", text.encode())
    assert not doc.problems, doc.problems
    return doc


def _verdicts(doc, formats: bool) -> tuple[bool, bool]:
    """(commons accepts, the published schema accepts) for ``doc``'s front matter."""
    ours = Validator("profile", today=TODAY).validate(doc)
    # Through JSON, as an editor reads the published file.
    schema = json.loads(schema_json("profile"))
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER if formats else None
    theirs = list(jsonschema.Draft202012Validator(schema, format_checker=checker)
                  .iter_errors(doc.data))
    return not ours, not theirs


@pytest.mark.parametrize("formats", [False, True], ids=["no-formats", "formats"])
@pytest.mark.parametrize("name,old,new", VALID, ids=[c[0] for c in VALID])
def test_both_accept(name, old, new, formats):
    assert _verdicts(_doc(old, new), formats) == (True, True)


@pytest.mark.parametrize("formats", [False, True], ids=["no-formats", "formats"])
@pytest.mark.parametrize("name,old,new", INVALID, ids=[c[0] for c in INVALID])
def test_both_refuse(name, old, new, formats):
    assert _verdicts(_doc(old, new), formats) == (False, False)


@pytest.mark.parametrize("name,old,new,field", BUILD_ONLY_CASES,
                         ids=[c[0] for c in BUILD_ONLY_CASES])
def test_what_only_commons_refuses_is_listed_on_the_reference_page(name, old, new, field):
    ours, theirs = _verdicts(_doc(old, new), formats=False)
    assert (ours, theirs) == (False, True)
    t = strings("en")
    page = reference_markdown("profile", t)
    listed = page.split("## " + t["ref_build_only_title"], 1)[1]
    assert f"`{field}`" in listed
    assert [line for line in listed.splitlines() if line.startswith("- ")] == [
        f"- {t[item]}" for item in BUILD_ONLY["profile"]]


@pytest.mark.parametrize("kind", KINDS)
def test_published_schemas_are_valid_and_leave_the_validators_schema_alone(kind):
    published = published_schema(kind)
    jsonschema.Draft202012Validator.check_schema(published)
    # Only the published copy says null is allowed: the form and validator use the original.
    from practice_commons.core.rules.schema import load_schema
    assert "null" not in json.dumps(load_schema(kind))
