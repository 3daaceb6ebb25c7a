"""The bundled content says what its sources say: the toolkit's instruments as the
toolkit wrote them, and the site's own aids kept apart and labelled (issue 15)."""

from __future__ import annotations

from docx import Document

SA = "templates/self-assessment"


def docx_text(path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [c.text for row in table.rows for c in row.cells]
    return "\n".join(parts)


def test_self_assessment_keeps_the_toolkit_status_boxes_and_risk_item(bundled_site):
    for text in (docx_text(bundled_site.site / SA / "self-assessment.docx"),
                 bundled_site.text(f"{SA}/self-assessment.md")):
        # The toolkit's two "Current status" boxes after each of the four dimensions.
        assert text.count("We're ready for next steps, in good shape here") == 4
        assert text.count("We need to do some work here before we launch an effort") == 4
        # Environment factor 2 is a risk, as the toolkit words it, not its opposite.
        assert "events that could harm the collaboration's chances of success" in text
        assert "unlikely to derail" not in text
        # The site's majority rule and advice are not the toolkit's: not in the downloads.
        assert "If most ratings" not in text and "Mostly Agree" not in text
        assert "this site's aid" not in text


def test_self_assessment_tally_is_labelled_as_the_sites_aid(bundled_site):
    article = bundled_site.article(f"{SA}/index.html")
    notes = [p.get_text(" ", strip=True) for p in article.select(".pc-fill__aid")]
    assert len(notes) == 5  # one per dimension's tally, one over the overview
    assert all("not part of the toolkit" in n for n in notes)
    risky = [leg.get_text(" ", strip=True) for leg in article.select("legend")
             if "worded as a risk" in leg.get_text()]
    assert len(risky) == 1 and risky[0].startswith("2. We have been through events")


def test_risk_items_stay_out_of_the_verdict(bundled_site):
    from practice_commons.core import Layout, load
    from practice_commons.core.downloads import sheet

    from tests.conftest import REPO

    template = load(Layout(REPO)).collection.get("template", "self-assessment")
    env = next(p for p in sheet(template.sections) if p.id == "environment")
    assert [i.risk for i in env.items] == [False, True, False, False]
    # Agreeing with the risk item does not count towards "ready".
    assert env.verdict(["Disagree", "Strongly agree", "Agree", "Disagree"]) == "needs-work"
    assert env.verdict(["Agree", "Strongly disagree", "Agree", "Disagree"]) == "ready"



STATE_PAGES = {"dc": "District of Columbia", "ma": "Massachusetts"}
IN_STATE = {
    "dc": ["case-studies/my-school-dc", "case-studies/dc-equity-reports",
           "case-studies/bridge-to-high-school-data-exchange-kid-talk",
           "case-studies/dc-cross-sector-task-force", "case-studies/dc-common-core-collaborative",
           "profiles/esl-after-the-bell", "profiles/two-rivers-evening-of-learning"],
    "ma": ["case-studies/massachusetts-dese-dissemination-grants", "case-studies/boston-compact",
           "case-studies/boston-educators-collaborative",
           "profiles/boston-collegiate-cross-sector-partnerships",
           "profiles/neighborhood-house-arts-integration-and-school-consulting",
           "profiles/boston-day-and-evening-academy-competency-based-model"],
}


def links(site, page: str) -> set[str]:
    return {a["href"] for a in site.article(f"{page}/index.html").select("a[href]")}


def test_state_profiles_are_linked_from_what_they_contain_and_from_the_reflection_sheet(
        bundled_site):
    for code, name in STATE_PAGES.items():
        article = bundled_site.article(f"state-profiles/{code}/index.html")
        assert article.h1.get_text(strip=True).startswith(name)
        # The figures table gives a year and the toolkit's source for every row.
        table = article.find("table")
        assert [th.get_text(strip=True) for th in table.select("thead th")] == [
            "What", "Figure", "When", "The toolkit's source"]
        assert all(td.get_text(strip=True) for row in table.select("tbody tr")
                   for td in row.select("td"))
        for page in IN_STATE[code]:
            assert f"../../state-profiles/{code}/" in links(bundled_site, page), page
            # and the state page links back to each case study it contains
            if page.startswith("case-studies/"):
                assert f"../../{page}/" in {a["href"] for a in article.select("a[href]")}, page
        assert f"../../state-profiles/{code}/" in links(bundled_site, "templates/reflection-sheet")
    # Not the generated state index, which lists profiles by state.
    assert bundled_site.exists("states/dc/index.html")


def test_no_tag_or_place_the_sources_do_not_give(bundled_site):
    items = {i["slug"]: i for i in bundled_site.json("api/profiles.json")["items"]}
    every_band = {"k-2", "3-5", "6-8", "9-12"}
    for slug in ("dc-common-core-lesson-study-collaborative",
                 "lawrence-family-development-teacher-to-teacher-partnership",
                 "two-rivers-evening-of-learning", "uncommon-schools-great-habits-great-readers",
                 "esl-after-the-bell"):
        assert items[slug]["grade_bands"] == ["not-stated"], slug
    assert not any(set(i["grade_bands"]) >= every_band and "grades" not in (i.get("school") or {})
                   for i in items.values())
    assert items["boston-day-and-evening-academy-competency-based-model"]["grade_bands"] == \
        ["9-12"]
    # Quote-only pages were folded into the guide that carries the quotes.
    assert "salem-academy-dissemination-as-administrative-responsibility" not in items
    assert "veritas-prep-codifying-proven-practices" not in items
    guide = bundled_site.article("guides/conditions-for-dissemination/index.html").get_text()
    assert "Salem Academy" in guide and "Veritas" in guide
    cases = {i["slug"]: i for i in bundled_site.json("api/case-studies.json")["items"]}
    assert "state" not in cases["achievement-first-hartford-principal-residency"]["location"]
    hartford = bundled_site.article(
        "case-studies/achievement-first-hartford-principal-residency/index.html")
    assert "Connecticut" not in hartford.get_text()
    assert "Houston-area" not in bundled_site.article(
        "case-studies/colocation-spring-branch-aldine-texas/index.html").get_text()


def test_passing_notes_is_cited_with_the_address_the_source_prints(bundled_site):
    # The toolkit prints the address with "www." (the full address is in each page's sources).
    printed = "https://www.crpe.org/publications/passing-notes"
    for page in ("case-studies/summit-learning-chicago-public-schools",
                 "case-studies/uncommon-schools-impact-nyc-doe",
                 "case-studies/boston-educators-collaborative",
                 "profiles/uncommon-schools-great-habits-great-readers"):
        assert any(h.startswith(printed) for h in links(bundled_site, page)), page
