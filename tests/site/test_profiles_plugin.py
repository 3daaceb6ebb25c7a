"""Build tiny real sites and check what a visitor would get."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import Abort, PluginError

from tests.conftest import VALID_PROFILE


def test_published_profile_page_has_card_pyramid_resources_and_body(make_site):
    site = make_site({"profiles/literacy-nights.md": VALID_PROFILE})
    art = site.article("profiles/literacy-nights/")
    assert art.h1.get_text() == "Family Literacy Nights"
    facts = {dt.get_text(): dd.get_text(" ", strip=True) for dt, dd in
             zip(art.select(".pc-card dt"), art.select(".pc-card dd"))}
    assert facts["School"] == "Riverside Charter School"
    assert facts["State"] == "Lowell, Massachusetts"
    assert facts["ESSA evidence"] == "Tier 4: demonstrates a rationale"
    assert [li.get_text() for li in art.select(".pc-tags li")] == ["Literacy", "Family engagement"]
    # The pyramid has a text equivalent naming the offered levels, top (level 5) down as
    # drawn, each linking to its section of resources.
    legend = [li.get_text(" ", strip=True) for li in art.select(".pc-pyramid__legend li.pc-on")]
    assert [x.split("(")[0].strip() for x in legend] == [
        "✓ Level 4: Full Implementation", "✓ Level 3: Foundational Implementation", "✓ Level 1: Inspire"]
    assert [a["href"] for a in art.select(".pc-pyramid__legend a")] == ["#level-4", "#level-3", "#level-1"]
    assert all(art.select_one(f"#level-{n}") for n in (4, 3, 1))
    assert art.select_one(".pc-pyramid svg")["aria-hidden"] == "true"
    assert [h.get_text() for h in art.select(".pc-resources h3")] == [
        "Level 1: Inspire", "Level 3: Foundational Implementation", "Level 4: Full Implementation"]
    rows = [[c.get_text() for c in tr.find_all(["th", "td"])] for tr in art.select("tbody tr")]
    assert rows == [["Families attending at least one evening", "40", "120", "2023-24", ""]]
    assert art.select_one(".pc-body h2").get_text().startswith("The practice")
    assert "Family engagement coordinator" in art.select_one(".pc-contact").get_text()


def test_profiles_stay_out_of_the_navigation_but_are_listed(make_site):
    site = make_site({"profiles/literacy-nights.md": VALID_PROFILE})
    home = site.html("index.html")
    nav_links = [a.get("href") for a in home.select("nav.md-nav a")]
    assert not any("literacy-nights" in (h or "") for h in nav_links)
    listing = site.article("profiles/")
    links = [a["href"] for a in listing.select("a") if "literacy-nights" in a.get("href", "")]
    assert links == ["literacy-nights/"]


def test_drafts_are_not_published_and_archived_show_a_notice(make_site):
    site = make_site({
        "profiles/draft-one.md": VALID_PROFILE.replace("status: published", "status: draft"),
        "profiles/old-one.md": VALID_PROFILE.replace("status: published", "status: archived")
                                            .replace("Family Literacy Nights", "Old Nights"),
    })
    assert not site.exists("profiles/draft-one/")
    assert "draft-one" not in site.text("profiles/index.html")
    notice = site.article("profiles/old-one/").select_one(".pc-archived")
    assert notice is not None and "archived" in notice.get_text()


def test_front_matter_values_are_escaped(make_site):
    evil = VALID_PROFILE.replace(
        "title: Family Literacy Nights", 'title: "<script>alert(1)</script> Nights"').replace(
        "  name: Riverside Charter School", '  name: "<img src=x onerror=alert(1)>"')
    site = make_site({"profiles/evil.md": evil})
    for rel in ("profiles/evil/", "profiles/"):
        html = site.text(rel)
        assert "<script>alert(1)" not in html and "<img src=x" not in html
    art = site.article("profiles/evil/")
    assert art.h1.get_text() == "<script>alert(1)</script> Nights"


def test_schema_files_and_field_reference_are_published(make_site):
    site = make_site({"profiles/literacy-nights.md": VALID_PROFILE})
    schema = site.json("schema/profile.schema.json")
    assert schema["$schema"].endswith("2020-12/schema")
    assert "english-learners" in schema["properties"]["topics"]["items"]["enum"]
    ref = site.article("reference/profile-fields/")
    cells = [tr.find("td").get_text() for tr in ref.select("tbody tr")]
    assert {"title", "school.state", "resources[].level", "evidence.essa_tier"} <= set(cells)


def test_an_invalid_profile_stops_the_build_with_the_validator_message(make_site, caplog):
    bad = VALID_PROFILE.replace("state: MA", "state: Mass")
    with pytest.raises((PluginError, Abort)):
        make_site({"profiles/ok.md": VALID_PROFILE, "profiles/bad.md": bad})
    messages = [r.getMessage() for r in caplog.records]
    assert any("profiles/bad.md:7: field 'school.state': unknown state code 'Mass'" in m
               for m in messages)


def test_case_studies_and_templates_get_pages_and_nav_entries(make_site):
    case = """\
    ---
    title: A Shared Enrollment System
    summary: A district and its charter schools run one application and one lottery for families.
    location: {city: Washington, state: DC}
    organizations:
      - {name: Example District, sector: district}
    stages: [implement]
    dimensions: [unifying-purpose]
    outcomes:
      - {metric: Schools taking part, value: 200, year: 2015}
    sources:
      - {title: Example source, year: 2019}
    status: published
    ---
    What happened.
    """
    tmpl = """\
    ---
    title: Five Whys Worksheet
    summary: A worksheet that helps a team find the root cause of a problem.
    stage: plan
    level: 3
    purpose: Find the root causes before planning.
    audience: The collaboration team
    sections:
      - {type: prompt, id: problem, label: Problem statement}
      - type: table
        id: whys
        label: The five whys
        columns: [{label: Reason}, {label: How do we know?}]
        rows: ["1. Why", "2. Why"]
    sources:
      - {title: Example source}
    status: published
    ---
    Guidance.
    """
    site = make_site(
        {"content/case-studies/index.md": "# Case studies\n", "content/case-studies/shared.md": case,
         "content/templates/index.md": "# Toolkit\n", "content/templates/five-whys.md": tmpl},
        config={"nav": ["index.md", {"Case studies": "case-studies/index.md"},
                        {"Toolkit": "templates/index.md"}]})
    nav = [a.get_text(strip=True) for a in site.html("index.html").select("nav.md-nav--primary a")]
    assert "A Shared Enrollment System" in nav and "Five Whys Worksheet" in nav
    # Our status field must not turn into Material's page-status badge in the nav.
    assert not site.html("index.html").select("nav.md-nav--primary .md-status")
    art = site.article("case-studies/shared/")
    assert "Example District" in art.get_text()
    tpl = site.article("templates/five-whys/")
    assert [th.get_text() for th in tpl.select(".pc-worksheet tbody th")] == ["1. Why", "2. Why"]
