"""The "Submit a profile" form in Chromium, used as school staff would (issue 19): four
steps, plain messages, answers kept between visits, the routes with and without a
repository or an account, repeatable groups by keyboard, and axe."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import yaml
from practice_commons.cli import main
from practice_commons.core.contributing.formspec import build as form_fields
from practice_commons.core.contributing.formspec import required_answers
from practice_commons.core.contributing.scaffold import BODY_SECTIONS, render_profile
from practice_commons.core.hosting.i18n import strings

from tests.conftest import BASE_CONFIG, build, serve_dir, write_files

pytestmark = pytest.mark.browser

CONTACT = {"name": "Office of Charter Schools", "email": "charters@example.gov"}
# Words of the file format and its tools that a school's staff should never meet (GitHub's
# own button names, which the page quotes so people can find them, are not among them).
DEVELOPER_WORDS = re.compile(r"\b(slugs?|yaml|front matter|markdown|draft|published|archived"
                             r"|repository)\b|'[a-z_]+:'", re.IGNORECASE)
SECTIONS = {h: f"Our own words on {h.lower()}, written by the school." for h, _ in BODY_SECTIONS}


def _site(root: Path, submit: dict, extra: dict | None = None) -> str:
    write_files(root, {"content/index.md": "# Home\n"})
    cfg = {**BASE_CONFIG, "plugins": ["practice-commons/profiles",
                                      {"practice-commons/submit": submit}]}
    if extra:
        cfg["extra"] = extra
    (root / "mkdocs.yml").write_text(yaml.safe_dump(cfg, sort_keys=False), encoding="utf-8")
    return str(build(root).site)


def _served(tmp_path_factory, name, submit, extra=None):
    server, url = serve_dir(Path(_site(tmp_path_factory.mktemp(name), submit, extra)))
    return server, url + "submit/"


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    server, url = _served(tmp_path_factory, "submit", {"repository": "example-state/commons"},
                          {"host": {"contact": CONTACT}})
    yield url
    server.shutdown()


@pytest.fixture(scope="module")
def email_url(tmp_path_factory):
    """The default: no repository; the host has a contact."""
    server, url = _served(tmp_path_factory, "submit-email", {}, {"host": {"contact": CONTACT}})
    yield url
    server.shutdown()


@pytest.fixture(scope="module")
def bare_url(tmp_path_factory):
    """No repository and no contact."""
    server, url = _served(tmp_path_factory, "submit-bare", {})
    yield url
    server.shutdown()


def step1(page) -> int:
    page.fill("#pc-f-school-name", "Riverside Charter School")
    page.select_option("#pc-f-school-sector", label="Charter")
    page.select_option("#pc-f-school-state", label="Massachusetts")
    page.fill("#pc-f-contact-role", "Family engagement coordinator")
    return 4


def step2(page) -> int:
    page.fill("#pc-f-title", "Family Literacy Nights")
    page.fill("#pc-f-summary", "Monthly evenings where families and teachers practise reading "
                               "strategies together.")
    page.check("#pc-f-topics input[value='\"literacy\"']")
    page.check("#pc-f-grade_bands input[value='\"k-2\"']")
    for heading, text in SECTIONS.items():
        page.fill(f"textarea[data-body='{heading}']", text)
    return 4 + len(SECTIONS)


def step3(page) -> int:
    page.select_option("#pc-f-resources-0-level", label="Inspire")
    page.fill("#pc-f-resources-0-title", "Two-minute overview video")
    page.select_option("#pc-f-resources-0-format", label="Video")
    return 1  # one resource


def next_step(page, n: int) -> None:
    page.click(f".pc-step[data-step='{n}'] button[data-next]")


def fill_all(page) -> int:
    answers = step1(page)
    next_step(page, 1)
    answers += step2(page)
    next_step(page, 2)
    answers += step3(page)
    next_step(page, 3)
    page.wait_for_selector("#pc-submit-result", state="visible")
    return answers


def validate_text(tmp_path: Path, rel: str, text: str, capsys) -> list[dict]:
    """`commons validate` on the file, completeness included (no mkdocs.yml: the default)."""
    write_files(tmp_path, {rel: text})
    capsys.readouterr()
    code = main(["validate", "--root", str(tmp_path), "--format", "json"])
    out = capsys.readouterr().out
    issues = json.loads(out) if out.strip() else []
    assert code == (1 if issues else 0)
    return issues


def test_a_school_submits_a_complete_profile_in_four_steps(page, site_url, tmp_path, capsys,
                                                           make_site):
    page.goto(site_url)
    assert page.is_hidden("#pc-submit-nojs") and page.is_visible("#pc-submit-form")
    assert page.inner_text(".pc-step[data-step='1'] h2").startswith("Step 1 of 4:")
    required_on_page = page.evaluate("""() => {
        const form = document.getElementById('pc-submit-form');
        const controls = [...form.querySelectorAll('[aria-required=true]')]
            .filter(e => !e.closest('.pc-item'));
        const checks = [...form.querySelectorAll('fieldset.pc-checks')]
            .filter(f => f.querySelector(':scope > legend .pc-req'));
        const repeats = [...form.querySelectorAll('fieldset[data-repeat]')]
            .filter(f => f.querySelector(':scope > legend .pc-req'));
        return controls.length + checks.length + repeats.length; }""")
    answers = fill_all(page)
    assert answers == required_on_page == required_answers(form_fields(strings())) + 4
    assert answers <= 15
    assert page.inner_text("#pc-result-heading").startswith("Step 4 of 4:")
    assert page.get_attribute("[data-step-mark='4']", "aria-current") == "step"
    # The review shows the profile as it will look.
    preview = page.inner_text("#pc-preview")
    assert "Family Literacy Nights" in preview and "Massachusetts" in preview
    for heading, text in SECTIONS.items():
        assert heading in preview and text in preview
    file = page.evaluate("PracticeCommonsSubmit.markdown()")
    rel, text = file["path"], file["text"]
    assert rel == "profiles/family-literacy-nights.md"
    assert validate_text(tmp_path / "check", rel, text, capsys) == []
    data = yaml.safe_load(text.split("---")[1])
    assert data["status"] == "published" and data["school"]["state"] == "MA"
    assert text == render_profile(data, SECTIONS)  # the same writer as `commons new`
    download = page.get_attribute("#pc-download", "href")
    assert unquote(download.split(",", 1)[1]) == text
    link = urlsplit(page.get_attribute("#pc-open-github", "href"))
    assert link.path == "/example-state/commons/new/main"
    assert parse_qs(link.query)["filename"] == [rel] and parse_qs(link.query)["value"] == [text]
    # The file renders with every section filled in.
    # The form asks only for the contact's role, so the site's support route serves it.
    site = make_site({rel: text},
                     config={"plugins": [{"practice-commons/profiles": {"require_complete": True}}],
                             "extra": {"host": {"support": {"email": "support@example.gov"}}}})
    article = site.article("profiles/family-literacy-nights/")
    headings = [h.get_text(" ", strip=True).rstrip("¶").strip() for h in article.select("h2")]
    assert [h for h in headings if h in SECTIONS] == list(SECTIONS)
    for h2 in article.select("h2"):
        if h2.get_text(" ", strip=True).rstrip("¶").strip() in SECTIONS:
            assert h2.find_next_sibling().get_text(strip=True)


def test_problems_are_said_against_the_label_the_school_sees(page, site_url):
    page.goto(site_url)
    page.fill("#pc-f-school-website", "ftp://riverside.example.org")
    next_step(page, 1)
    page.wait_for_selector("#pc-submit-summary", state="visible")
    shown = page.eval_on_selector_all("#pc-submit-summary li", """els => els.map(li => [
        li.dataset.field, li.querySelector('.pc-err-msg').textContent])""")
    assert shown == [
        ["school.name", "Give your school's full name."],
        ["school.sector", 'Choose "Kind of school".'],
        ["school.state", 'Choose "State".'],
        ["school.website", '"School website" must be a full web address starting with '
                           "https://, such as https://www.example.org."],
        ["contact.role", "Say which role or office other schools should contact."],
    ]
    assert page.evaluate("document.activeElement.id") == "pc-submit-summary"
    assert page.get_attribute("#pc-f-school-website", "aria-invalid") == "true"
    assert "pc-f-school-website-error" in page.get_attribute(
        "#pc-f-school-website", "aria-describedby").split()
    assert page.is_visible(".pc-step[data-step='1']")  # not moved on
    page.fill("#pc-f-school-website", "")
    step1(page)
    next_step(page, 1)
    page.fill("#pc-f-title", "Hi")
    for value in ("mathematics", "equity", "attendance", "leadership", "data-use", "literacy",
                  "arts-integration"):
        page.check(f"#pc-f-topics input[value='\"{value}\"']")
    next_step(page, 2)
    messages = page.eval_on_selector_all("#pc-submit-summary .pc-err-msg",
                                         "els => els.map(e => e.textContent)")
    assert messages[:4] == [
        '"Name of the practice" is too short: write at least 5 characters (now 2).',
        "Say in a sentence or two what the practice is and what it achieves.",
        'Choose at most 6 under "Topics" (now 7).',
        'Tick at least one box under "Grade bands".',
    ]
    assert messages[4] == ('Write "The practice": What the practice is, who runs it and how it '
                           'works day to day.')
    assert len(messages) == 8
    page.click("#pc-submit-summary li[data-field='summary'] a")
    assert page.evaluate("document.activeElement.id") == "pc-f-summary"


def test_no_developer_words_anywhere_on_the_page(page, site_url):
    page.goto(site_url)
    texts = []
    for n in (1, 2, 3):
        page.evaluate(f"PracticeCommonsSubmit.show({n}, false)")
        texts.append(page.inner_text("article"))
    page.evaluate("PracticeCommonsSubmit.show(4, false)")
    texts.append(page.inner_text("article"))
    found = sorted({m.group(0) for t in texts for m in DEVELOPER_WORDS.finditer(t)})
    assert found == []
    assert page.locator("input[type=date], #pc-f-status, #pc-f-submitted, #pc-f-slug").count() == 0


def test_answers_are_kept_between_visits_until_start_again(page, site_url):
    page.goto(site_url)
    step1(page)
    next_step(page, 1)
    page.fill("#pc-f-title", "Family Literacy Nights")
    page.check("#pc-f-topics input[value='\"literacy\"']")
    page.reload()
    assert page.is_visible(".pc-step[data-step='2']")
    assert page.input_value("#pc-f-title") == "Family Literacy Nights"
    assert page.is_checked("#pc-f-topics input[value='\"literacy\"']")
    assert page.input_value("#pc-f-school-name") == "Riverside Charter School"
    assert "Welcome back" in page.inner_text("#pc-submit-status")
    page.click("#pc-start-again")
    assert page.is_visible(".pc-step[data-step='1']")
    assert page.input_value("#pc-f-title") == "" and page.input_value("#pc-f-school-name") == ""
    assert page.locator("#pc-f-resources .pc-item").count() == 1
    page.reload()
    assert page.input_value("#pc-f-title") == "" and page.is_visible(".pc-step[data-step='1']")
    assert page.inner_text("#pc-submit-status") == ""


def test_the_github_need_and_the_way_without_an_account_come_first(page, site_url):
    page.goto(site_url)
    route = page.locator("#pc-submit-route")
    assert "free GitHub account" in route.inner_text()
    assert route.locator("a[href='https://github.com/signup']").count() == 1
    assert "No GitHub account?" in route.inner_text()
    assert route.locator("a[href='mailto:charters@example.gov']").count() == 1


def test_with_no_repository_the_file_goes_to_the_hosts_contact(page, email_url):
    page.goto(email_url)
    route = page.inner_text("#pc-submit-route")
    assert "email it to Office of Charter Schools" in route and "GitHub" not in route
    assert "Prefer another way" not in page.inner_text("article")
    assert page.locator("a[href*='github.com']").count() == 0
    fill_all(page)
    assert page.locator("#pc-open-github").count() == 0
    assert page.is_visible("#pc-download") and page.is_visible("#pc-copy")
    mail = page.locator("#pc-submit-result a[data-pc-contact='email']")
    assert mail.count() == 1
    href = urlsplit(mail.get_attribute("href"))
    assert href.scheme == "mailto" and href.path == "charters@example.gov"
    assert parse_qs(href.query)["subject"] == ["A profile for the archive: Family Literacy Nights"]
    page.click("#pc-copy")
    page.wait_for_function("document.getElementById('pc-copy-status').textContent !== ''")


def test_with_neither_repository_nor_contact_the_page_still_says_what_to_do(page, bare_url):
    page.goto(bare_url)
    route = page.inner_text("#pc-submit-route")
    assert route.startswith("At the end, download your profile as a file and send it")
    assert page.locator("#pc-submit-route a, #pc-submit-nojs a").count() == 0
    assert "Prefer another way" not in page.inner_text("article")


@pytest.mark.parametrize("which", ["site_url", "email_url", "bare_url"])
def test_without_javascript_every_named_way_is_a_real_link(browser, request, which):
    url = request.getfixturevalue(which)
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(url)
        assert page.is_visible("#pc-submit-nojs") and page.is_hidden("#pc-submit-form")
        note = page.inner_text("#pc-submit-nojs")
        assert "above" not in note and "CONTRIBUTING" not in note
        hrefs = page.eval_on_selector_all("#pc-submit-nojs a, #pc-submit-route a",
                                          "els => els.map(a => a.getAttribute('href'))")
        expected = {
            "site_url": {"https://github.com/signup", "mailto:charters@example.gov",
                         "https://github.com/example-state/commons/issues/new?template=profile.yml"},
            "email_url": {"mailto:charters@example.gov"},
            "bare_url": set(),
        }[which]
        assert set(hrefs) == expected
    finally:
        context.close()


def test_repeatable_groups_add_and_remove_by_keyboard(page, site_url):
    page.goto(site_url)
    page.evaluate("PracticeCommonsSubmit.show(3, false)")
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
    assert page.locator("#pc-f-resources .pc-item legend").all_inner_texts() == [
        "Resource 1", "Resource 2"]
    assert page.input_value("#pc-f-resources-1-title") == "Third"
    assert page.evaluate("document.activeElement.id") == "pc-f-resources-1-level"
    data = page.evaluate("PracticeCommonsSubmit.collect().data")
    assert [r.get("title") for r in data["resources"]] == ["Third"]


def _axe(page) -> list:
    axe = pytest.importorskip("axe_playwright_python.sync_playwright")
    results = axe.Axe().run(page, options={"runOnly": {"type": "tag", "values": [
        "wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
    return [(v["id"], [n["target"] for n in v["nodes"]][:3])
            for v in results.response["violations"]]


def test_a_step_with_problems_passes_axe(page, site_url):
    page.goto(site_url)
    next_step(page, 1)
    page.wait_for_selector("#pc-submit-summary", state="visible")
    assert _axe(page) == []


def test_the_review_step_passes_axe(page, email_url):
    page.goto(email_url)
    fill_all(page)
    assert _axe(page) == []
