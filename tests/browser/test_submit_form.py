"""The "Submit a profile" form in Chromium: a valid profile, the validator's messages,
the GitHub link, repeatable groups by keyboard, and axe."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from practice_commons.cli import main
from practice_commons.core.scaffold import render_profile

from tests.conftest import BASE_CONFIG, build, serve_dir, write_files

pytestmark = pytest.mark.browser


def _site(root: Path, **submit: str) -> str:
    write_files(root, {"content/index.md": "# Home\n"})
    cfg = {**BASE_CONFIG, "plugins": ["practice-commons/profiles", {"practice-commons/submit": submit}]}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(cfg, sort_keys=False), encoding="utf-8")
    return str(build(root).site)


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    server, url = serve_dir(Path(_site(tmp_path_factory.mktemp("submit"),
                                       repository="example-state/commons", branch="main")))
    yield url + "submit/"
    server.shutdown()


@pytest.fixture(scope="module")
def bare_url(tmp_path_factory):
    server, url = serve_dir(Path(_site(tmp_path_factory.mktemp("submit-bare"))))
    yield url + "submit/"
    server.shutdown()


def fill_valid(page) -> None:
    page.fill("#pc-f-title", "Family Literacy Nights")
    page.fill("#pc-f-summary", "Monthly evenings where families and teachers practise reading "
                               "strategies together.")
    page.fill("#pc-f-school-name", "Riverside Charter School")
    page.select_option("#pc-f-school-sector", label="Charter")
    page.select_option("#pc-f-school-state", label="Massachusetts")
    page.fill("#pc-f-school-grades", "K-5")
    page.check("#pc-f-topics input[value='\"literacy\"']")
    page.check("#pc-f-topics input[value='\"family-engagement\"']")
    page.check("#pc-f-grade_bands input[value='\"k-2\"']")
    page.select_option("#pc-f-resources-0-level", label="Inspire")
    page.fill("#pc-f-resources-0-title", "Two-minute overview video")
    page.select_option("#pc-f-resources-0-format", label="Video")
    page.fill("#pc-f-resources-0-url", "https://video.example.org/nights")
    page.fill("#pc-f-contact-role", "Family engagement coordinator")
    page.fill("#pc-f-contact-email", "families@riverside.example.org")
    page.fill("textarea[data-body='The practice']", "Families and teachers read together.")


def validate_text(tmp_path: Path, rel: str, text: str, capsys) -> list[dict]:
    write_files(tmp_path, {rel: text})
    capsys.readouterr()
    code = main(["validate", "--root", str(tmp_path), "--format", "json"])
    out = capsys.readouterr().out
    issues = json.loads(out) if out.strip() else []
    assert code == (1 if issues else 0)
    return issues


def test_valid_input_gives_a_file_commons_validate_accepts_and_a_github_link(
        page, site_url, tmp_path, capsys):
    page.goto(site_url)
    assert page.is_hidden("#pc-submit-nojs") and page.is_visible("#pc-submit-form")
    fill_valid(page)
    page.click("button[type=submit]")
    page.wait_for_selector("#pc-submit-result", state="visible")
    assert page.evaluate("document.activeElement.id") == "pc-result-heading"
    rel = page.inner_text("#pc-result-path")
    text = page.input_value("#pc-result-text")
    assert rel == "profiles/family-literacy-nights.md"
    assert validate_text(tmp_path, rel, text, capsys) == []
    data = yaml.safe_load(text.split("---")[1])
    assert data["school"]["state"] == "MA" and data["resources"][0]["level"] == 1
    assert data["topics"] == ["literacy", "family-engagement"] and data["status"] == "published"
    # The browser wrote exactly what the Python writer writes from the same values.
    assert text == render_profile(data, {"The practice": "Families and teachers read together."})
    link = urlsplit(page.get_attribute("#pc-open-github", "href"))
    assert (link.scheme, link.netloc, link.path) == ("https", "github.com",
                                                     "/example-state/commons/new/main")
    query = parse_qs(link.query)
    assert query["filename"] == [rel] and query["value"] == [text]
    assert page.is_visible("#pc-open-github") and page.is_visible("#pc-download")
    download = page.get_attribute("#pc-download", "download")
    assert download == "family-literacy-nights.md"


def test_invalid_input_shows_the_messages_commons_validate_gives(page, site_url, tmp_path, capsys):
    page.goto(site_url)
    fill_valid(page)
    page.fill("#pc-f-title", "Hi")
    page.select_option("#pc-f-school-state", value="")
    page.fill("#pc-f-school-grades", "K to 5")
    page.fill("#pc-f-school-website", "ftp://riverside.example.org")
    page.fill("#pc-f-contact-email", "families at riverside")
    page.fill("#pc-f-submitted", "2099-01-01")
    for value in ("mathematics", "equity", "attendance", "leadership", "data-use"):
        page.check(f"#pc-f-topics input[value='\"{value}\"']")
    page.select_option("#pc-f-resources-0-format", value="")
    page.click("button[type=submit]")
    page.wait_for_selector("#pc-submit-summary", state="visible")
    assert page.evaluate("document.activeElement.id") == "pc-submit-summary"
    shown = page.eval_on_selector_all("#pc-submit-summary li", """els => els.map(li => [
        li.dataset.field, li.querySelector('.pc-err-msg').textContent,
        (li.querySelector('.pc-err-hint') || {}).textContent || null])""")
    file = page.evaluate("PracticeCommonsSubmit.markdown()")
    issues = validate_text(tmp_path, file["path"], file["text"], capsys)
    expected = sorted((i["field"], i["message"], i["hint"]) for i in issues)
    assert sorted(tuple(x) for x in shown) == expected
    assert {f for f, _, _ in expected} == {
        "title", "school.state", "school.grades", "school.website", "contact.email", "submitted",
        "topics", "resources[0].format"}
    # Each message is also beside its field, and the field points at it.
    err = page.get_attribute("#pc-f-school-website", "aria-describedby").split()
    assert "pc-f-school-website-error" in err and "pc-f-school-website-help" in err
    assert "links must start with https:// or http://, not ftp:" in page.inner_text(
        "#pc-f-school-website-error")
    assert page.get_attribute("#pc-f-school-website", "aria-invalid") == "true"
    # A link in the summary takes keyboard focus to the field.
    page.click("#pc-submit-summary li[data-field='contact.email'] a")
    assert page.evaluate("document.activeElement.id") == "pc-f-contact-email"
    assert page.is_hidden("#pc-submit-result")


def test_repeatable_groups_add_and_remove_by_keyboard(page, site_url):
    page.goto(site_url)
    add = "#pc-f-resources > button[data-add]"
    page.focus(add)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "pc-f-resources-1-level"
    page.fill("#pc-f-resources-1-title", "Second")
    page.focus(add)
    page.keyboard.press("Space")
    page.fill("#pc-f-resources-2-title", "Third")
    assert page.locator("#pc-f-resources .pc-item legend").all_inner_texts() == [
        "Resource 1", "Resource 2", "Resource 3"]
    page.focus("#pc-f-resources-1 button[data-remove]")
    page.keyboard.press("Enter")
    # The third became the second, under the right number, and kept its value.
    assert page.locator("#pc-f-resources .pc-item legend").all_inner_texts() == [
        "Resource 1", "Resource 2"]
    assert page.input_value("#pc-f-resources-1-title") == "Third"
    assert page.evaluate("document.activeElement.id") == "pc-f-resources-1-level"
    data = page.evaluate("PracticeCommonsSubmit.collect().data")
    assert [r.get("title") for r in data["resources"]] == ["Third"]
    assert page.get_attribute("label[for='pc-f-resources-1-title']", "for") == "pc-f-resources-1-title"


def test_without_a_repository_the_page_offers_copy_and_download_only(page, bare_url):
    page.goto(bare_url)
    assert "has no GitHub repository set" in page.inner_text("#pc-submit-js")
    assert page.locator("a[href*='github.com']").count() == 0
    fill_valid(page)
    page.click("button[type=submit]")
    page.wait_for_selector("#pc-submit-result", state="visible")
    assert page.is_hidden("#pc-open-github")
    assert page.is_visible("#pc-copy") and page.is_visible("#pc-download")
    page.click("#pc-copy")
    page.wait_for_function("document.getElementById('pc-copy-status').textContent !== ''")


def test_the_form_with_errors_passes_axe(page, site_url):
    axe = pytest.importorskip("axe_playwright_python.sync_playwright")
    page.goto(site_url)
    page.click("button[type=submit]")
    page.wait_for_selector("#pc-submit-summary", state="visible")
    results = axe.Axe().run(page, options={"runOnly": {"type": "tag", "values": [
        "wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
    violations = [(v["id"], [n["target"] for n in v["nodes"]][:3])
                  for v in results.response["violations"]]
    assert violations == []


def test_the_finished_file_view_passes_axe(page, site_url):
    axe = pytest.importorskip("axe_playwright_python.sync_playwright")
    page.goto(site_url)
    fill_valid(page)
    page.click("button[type=submit]")
    page.wait_for_selector("#pc-submit-result", state="visible")
    results = axe.Axe().run(page, options={"runOnly": {"type": "tag", "values": [
        "wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
    assert [(v["id"], [n["target"] for n in v["nodes"]], v["nodes"][0].get("failureSummary")) for v in results.response["violations"]] == []


def test_without_javascript_the_page_points_to_the_other_ways(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url)
        assert page.is_visible("#pc-submit-nojs")
        assert page.is_hidden("#pc-submit-form")
        links = page.locator("article a[href^='https://github.com/example-state/commons/']")
        assert links.count() == 2
    finally:
        context.close()
