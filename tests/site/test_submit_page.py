"""The "Submit a profile" page as built: a control for every schema field, labelled and
described, choices from the vocabularies, the embedded schema, the repository setting."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from mkdocs.exceptions import Abort, PluginError
from practice_commons.core import load_schema, vocabulary
from practice_commons.core.contributing.formspec import SKIPPED
from practice_commons.core.contributing.scaffold import iter_fields

from tests.conftest import BASE_CONFIG, build, write_files

SUBMIT = {"plugins": ["practice-commons/profiles",
                      {"practice-commons/submit": {"repository": "example-state/commons"}}]}
CASE_STUDY = """\
---
title: "Shared </script><b>buses</b>"
summary: Two schools share buses so that students can attend each other's programmes.
location: {state: MA}
organizations: [{name: Town School District, sector: district}]
stages: [implement]
dimensions: [capacity]
sources: [{title: A report on shared buses}]
status: published
---

Body.
"""



@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """One build shared by the tests that only read the page."""
    root = tmp_path_factory.mktemp("submit-page")
    write_files(root, {"content/index.md": "# Home\n",
                       "content/case-studies/shared-buses.md": CASE_STUDY})
    cfg = {**BASE_CONFIG, **SUBMIT}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(cfg, sort_keys=False), encoding="utf-8")
    return build(root)

def test_every_schema_field_has_a_labelled_described_control(site):
    html = site.html("submit/")
    form = html.select_one("#pc-submit-form")
    fields = {el["data-field"] for el in form.select("[data-field]")}
    templates = {el["data-field"] for t in form.select("template")
                 for el in t.select("[data-field]")}
    paths = {re.sub(r"\[(__i__|0)\]", "[]", f) for f in fields | templates}
    wanted = set(iter_fields()) - SKIPPED - {"templates"}  # no templates to choose from
    assert wanted <= paths, wanted - paths
    for box in form.select("[data-field]"):
        if box.name == "fieldset":
            assert box.find("legend").get_text(strip=True)
            control = box
        else:
            control = box.select_one("input, select, textarea")
            assert form.select_one(f"label[for='{control['id']}']").get_text(strip=True)
        for ref in (control.get("aria-describedby") or "").split():
            assert html.find(id=ref) is not None, ref
    # Help text is the schema's description.
    help_ = html.select_one("#pc-f-summary-help").get_text()
    assert help_ == load_schema("profile")["properties"]["summary"]["description"]
    assert html.select_one("#pc-f-contact-name-help").get_text().endswith("only with their consent.")


def test_choices_come_from_the_vocabularies(site):
    html = site.html("submit/")
    states = [(o["value"], o.get_text()) for o in html.select("#pc-f-school-state option")][1:]
    assert states == [(json.dumps(t.slug), t.label) for t in vocabulary().terms("states")]
    topics = [i["value"] for i in html.select("#pc-f-topics input[type=checkbox]")]
    assert topics == [json.dumps(s) for s in vocabulary().slugs("topics")]
    levels = [o["value"] for o in html.select("template")[0].select("select")[0].select("option")][1:]
    assert levels == ["1", "2", "3", "4", "5"]


def test_the_page_embeds_the_schema_the_validator_uses(site):
    data = json.loads(site.html("submit/").select_one("#pc-submit-data").string)
    assert data["schema"] == load_schema("profile")
    assert data["repository"] == "example-state/commons" and data["branch"] == "main"
    assert data["sections"] == ["The practice", "Evidence of success", "How to adopt it",
                                "Lessons learned"]
    assert {"slug": "MA", "label": "Massachusetts", "aliases": ["Mass"]} in data["vocabulary"]["states"]


def test_case_studies_are_offered_by_title_and_escaped(site):
    raw = site.text("submit/")
    assert "</script><b>buses" not in raw
    assert not site.exists("templates/")  # the form offers no empty list of templates
    assert site.html("submit/").select_one("#pc-f-templates") is None
    boxes = site.html("submit/").select("#pc-f-case_studies input")
    assert [b["value"] for b in boxes] == ['"shared-buses"']
    assert boxes[0].parent.get_text(strip=True) == "Shared </script><b>buses</b>"


def test_no_js_fallbacks_link_to_github(site):
    html = site.html("submit/")
    note = html.select_one("#pc-submit-nojs")
    links = {a.get_text(strip=True): a["href"] for a in note.select("a[href]")}
    assert links == {"send the details through a form on GitHub":
                     "https://github.com/example-state/commons/issues/new?template=profile.yml"}
    route = html.select_one("#pc-submit-route")
    assert "free GitHub account" in route.get_text() and route.select_one(
        "a[href='https://github.com/signup']")


def test_aria_labelledby_only_where_html_allows_it(site):
    # The Nu HTML checker's finding: aria-labelledby on a <div> with no role.
    html = site.html("submit/")
    for el in html.select("[aria-labelledby]"):
        assert el.name != "div" or el.get("role"), el.name
        for ref in el["aria-labelledby"].split():
            assert html.find(id=ref) is not None, ref


def test_status_date_and_web_address_are_not_asked(site):
    form = site.html("submit/").select_one("#pc-submit-form")
    asked = {el["data-path"] for el in form.select("[data-path]")}
    assert not asked & {"status", "submitted", "last_reviewed", "slug"}
    steps = form.select(".pc-step")
    assert len(steps) == 3 and site.html("submit/").select_one("#pc-submit-result[data-step='4']")


@pytest.mark.parametrize("repo_url, expected", [
    ("https://github.com/state-ed/commons", "state-ed/commons"),
    ("https://github.com/state-ed/commons.git", "state-ed/commons"),
    ("https://gitlab.com/state-ed/commons", ""),
])
def test_repository_defaults_to_repo_url(make_site, repo_url, expected):
    cfg = {"repo_url": repo_url, "plugins": ["practice-commons/profiles", "practice-commons/submit"]}
    data = json.loads(make_site({}, config=cfg).html("submit/").select_one("#pc-submit-data").string)
    assert data["repository"] == expected


def test_a_malformed_repository_stops_the_build(make_site):
    cfg = {"plugins": ["practice-commons/profiles",
                       {"practice-commons/submit": {"repository": "https://example.org/x"}}]}
    with pytest.raises((PluginError, Abort)):
        make_site({}, config=cfg)
