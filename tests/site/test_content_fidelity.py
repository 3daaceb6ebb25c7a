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

