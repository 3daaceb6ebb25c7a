"""The self-assessment's "fill it in here" form in Chromium: ratings and their summary per
dimension, answers that survive a reload, downloads of the answers, clearing, printing,
keyboard use, axe, and the page without JavaScript."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from practice_commons.core import Layout, load
from practice_commons.core.downloads import sheet

from tests.conftest import REPO

pytestmark = pytest.mark.browser

PAGE = "templates/self-assessment/"
# Ratings to give, per dimension (section id → one scale point per statement).
RATINGS = {
    "unifying-purpose": ["Agree", "Strongly agree", "Disagree", "Not applicable"],
    "environment": ["Disagree", "Strongly disagree", "Agree", None],
    "partners": ["Agree", "Disagree"],  # a tie is not "most": needs work
}


@pytest.fixture(scope="module")
def ratings_sections():
    """The self-assessment's rating scales as the Python side reads them."""
    result = load(Layout(REPO))
    template = result.collection.get("template", "self-assessment")
    assert template is not None, "the bundled self-assessment template is missing"
    return {p.id: p for p in sheet(template.sections) if p.type == "rating_scale"}


def radio(section: str, item: int, point: int) -> str:
    return f"#pc-fill-{section}--{item}-{point}"


def verdict_text(page, section: str) -> str:
    return page.locator(f"[data-pc-summary='{section}'] [data-pc-verdict]").inner_text()


def counts(page, section: str) -> list[int]:
    return [int(x) for x in page.locator(
        f"[data-pc-summary='{section}'] [data-pc-count]").all_inner_texts()]


def fill(page, ratings_sections) -> None:
    for sid, points in RATINGS.items():
        scale = ratings_sections[sid].scale
        for i, point in enumerate(points):
            if point:
                page.check(radio(sid, i, scale.index(point)))
    # The toolkit's own "current status" box, which the team ticks itself.
    page.check("#pc-fill-status-unifying-purpose--0")
    page.fill("#pc-fill-next-steps-unifying-purpose", "Gather attendance data\nwith the district")


def test_fill_summarise_reload_download_and_clear(page, bundled_url, ratings_sections, tmp_path):
    page.goto(bundled_url + PAGE)
    form = page.locator("section.pc-fill")
    form.wait_for(state="visible")
    assert page.locator("section.pc-worksheet").is_hidden()
    assert verdict_text(page, "unifying-purpose") == "Not rated yet"

    fill(page, ratings_sections)
    assert counts(page, "unifying-purpose") == [0, 1, 1, 1, 1]
    assert verdict_text(page, "unifying-purpose") == (
        "Ready for next steps. 2 of 3 counted ratings are Agree or Strongly agree.")
    assert counts(page, "environment") == [1, 1, 1, 0, 0]
    # Environment factor 2 is worded as a risk: counted in the table, left out of the verdict.
    assert verdict_text(page, "environment") == (
        "Needs work. 1 of 2 counted ratings are Agree or Strongly agree.")
    # The browser's verdict is the Python rule's verdict for the same ratings.
    for sid, points in RATINGS.items():
        expected = ratings_sections[sid].verdict(points)
        shown = page.locator(f"[data-pc-summary='{sid}'] [data-pc-verdict]")
        assert shown.get_attribute("data-verdict") == expected
    assert "not part of the toolkit" in page.locator(
        "[data-pc-summary='unifying-purpose'] .pc-fill__aid").inner_text()
    overview = page.locator("[data-pc-overview]").all_inner_texts()
    assert overview[:2] == [verdict_text(page, "unifying-purpose"),
                            verdict_text(page, "environment")]
    assert overview[2:] == [
        "Needs work. 1 of 2 counted ratings are Agree or Strongly agree.", "Not rated yet"]
    assert page.locator("[data-pc-status]").first.inner_text().startswith(
        "Saved in this browser at")

    page.reload()
    page.locator("section.pc-fill").wait_for(state="visible")
    scale = ratings_sections["unifying-purpose"].scale
    assert page.is_checked(radio("unifying-purpose", 0, scale.index("Agree")))
    assert page.is_checked(radio("environment", 1, scale.index("Strongly disagree")))
    assert not page.is_checked(radio("environment", 3, 0))
    assert page.input_value("#pc-fill-next-steps-unifying-purpose") == (
        "Gather attendance data\nwith the district")
    assert counts(page, "unifying-purpose") == [0, 1, 1, 1, 1]
    assert verdict_text(page, "environment").startswith("Needs work.")

    with page.expect_download() as info:
        page.locator("[data-pc-action='download-md']").first.click()
    md_dl = info.value
    assert md_dl.suggested_filename == "self-assessment-answers.md"
    md = Path(md_dl.path()).read_text(encoding="utf-8")
    lines = md.splitlines()
    assert lines[0] == ("# Self-Assessment: Is Our Environment Ready for Collaboration?: "
                        "our answers")
    assert ("| We have named a shared problem or concern that working together could help "
            "solve. | Agree |") in lines
    assert "| Public opinion in our community generally favors school options. |   |" in lines
    assert ("**Summary (this site's aid, not part of the toolkit):** Strongly disagree: 0 · Disagree: 1 · Agree: 1 · Strongly agree: 1 · "
            "Not applicable: 1. Ready for next steps. 2 of 3 counted ratings are Agree or "
            "Strongly agree.") in lines
    assert "Gather attendance data\nwith the district" in md

    with page.expect_download() as info:
        page.locator("[data-pc-action='download-json']").first.click()
    data = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert info.value.suggested_filename == "self-assessment-answers.json"
    assert data["template"]["slug"] == "self-assessment"
    first = data["sections"][0]
    assert first["id"] == "unifying-purpose"
    assert [i["rating"] for i in first["items"]] == RATINGS["unifying-purpose"]
    assert first["summary"] == {
        "counts": {"Strongly disagree": 0, "Disagree": 1, "Agree": 1, "Strongly agree": 1,
                   "Not applicable": 1},
        "ready": 2, "needs_work": 1, "verdict": "ready"}
    assert data["sections"][1] == {
        "id": "status-unifying-purpose", "type": "checklist",
        "label": "Unifying purpose: current status (summary of your ratings)",
        "items": [{"item": "We're ready for next steps, in good shape here", "checked": True},
                  {"item": "We need to do some work here before we launch an effort",
                   "checked": False}]}
    assert data["sections"][2] == {"id": "next-steps-unifying-purpose", "type": "prompt",
                                   "label": "Our next steps on unifying purpose",
                                   "answer": "Gather attendance data\nwith the district"}

    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("[data-pc-action='clear']").first.click()
    assert page.locator("[data-pc-status]").first.inner_text() == "Your answers have been cleared."
    assert verdict_text(page, "unifying-purpose") == "Not rated yet"
    page.reload()
    page.locator("section.pc-fill").wait_for(state="visible")
    assert page.locator("section.pc-fill input:checked").count() == 0
    assert page.input_value("#pc-fill-next-steps-unifying-purpose") == ""


def test_cancelling_clear_keeps_the_answers(page, bundled_url, ratings_sections):
    page.goto(bundled_url + PAGE)
    page.check(radio("capacity", 0, 2))
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.locator("[data-pc-action='clear']").last.click()
    assert page.is_checked(radio("capacity", 0, 2))


def test_ratings_by_keyboard(page, bundled_url):
    page.goto(bundled_url + PAGE)
    page.locator("section.pc-fill").wait_for(state="visible")
    page.focus(radio("partners", 0, 0))
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")  # a radio group moves its choice with the arrow keys
    page.keyboard.press("ArrowRight")
    assert page.is_checked(radio("partners", 0, 2))
    assert counts(page, "partners") == [0, 0, 1, 0, 0]
    assert verdict_text(page, "partners").startswith("Ready for next steps.")


def test_print_view_shows_answers_as_text_without_controls(page, bundled_url, ratings_sections):
    page.goto(bundled_url + PAGE)
    fill(page, ratings_sections)
    page.emulate_media(media="print")
    assert page.locator(".pc-fill__actions").first.is_hidden()
    assert page.locator(".pc-downloads").is_hidden()
    assert page.locator("#pc-fill-next-steps-unifying-purpose").is_hidden()
    copy = page.locator("#pc-fill-next-steps-unifying-purpose + .pc-fill__print")
    assert copy.is_visible()
    assert copy.inner_text() == "Gather attendance data\nwith the district"
    assert page.locator("section.pc-worksheet").is_hidden()


def test_the_form_passes_axe(page, bundled_url, ratings_sections):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(bundled_url + PAGE)
    fill(page, ratings_sections)
    # The form and the download panel only: tests/browser/test_a11y.py checks whole pages.
    results = Axe().run(page, context={"include": [["#pc-fill"], [".pc-downloads"]]},
                        options={"runOnly": {"type": "tag", "values": [
                            "wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
    assert results.violations_count == 0, results.generate_report()
    # It did look at the form: the rules for labels, radio groups and contrast ran and passed.
    passed = {rule["id"] for rule in results.response["passes"]}
    assert {"label", "color-contrast", "aria-valid-attr-value"} <= passed, passed


def test_without_javascript_the_static_worksheet_stays(browser, bundled_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(bundled_url + PAGE)
        assert page.locator("section.pc-worksheet").is_visible()
        assert page.locator("section.pc-fill").is_hidden()
        assert page.locator(".pc-downloads a").count() >= 2
    finally:
        context.close()
