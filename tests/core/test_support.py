"""Issue 13: a way to ask for support from every published profile, checked by `commons
validate` as the build checks it, and what the profile page's panel is made of."""

from __future__ import annotations

import urllib.parse

import pytest
import yaml
from practice_commons.cli import main
from practice_commons.core import parse
from practice_commons.core.content.records import profile as profile_record
from practice_commons.core.hosting.i18n import strings
from practice_commons.core.hosting.support import check_setting, host_route, repository_of
from practice_commons.core.outputs.support_panel import _dialable, panel
from practice_commons.core.rules.schema import vocabulary

from tests.conftest import VALID_PROFILE, write_files

EMAIL_LINE = "  email: families@riverside.example.org\n"
ROLE_ONLY = VALID_PROFILE.replace(EMAIL_LINE, "")
CONTACT_LINE = ROLE_ONLY.splitlines().index("contact:") + 1


def mkdocs_yml(support=None, **top) -> str:
    config = {"site_name": "Test", "docs_dir": "content", **top,
              "plugins": [{"practice-commons/profiles": {"require_complete": False}}]}
    if support is not None:
        config["extra"] = {"host": {"support": support}}
    return yaml.safe_dump(config, sort_keys=False)


def validate(tmp_path, capsys, files, monkeypatch=None) -> tuple[int, list[str]]:
    write_files(tmp_path, files)
    code = main(["validate", "--root", str(tmp_path)])
    return code, capsys.readouterr().out.splitlines()


@pytest.fixture(autouse=True)
def no_actions_repository(monkeypatch):
    # conftest names a repository as GitHub Actions would; these tests decide for themselves.
    monkeypatch.delenv("GITHUB_REPOSITORY", raising=False)


def test_a_role_only_profile_on_a_site_without_a_route_is_refused_with_both_fixes(tmp_path, capsys):
    code, out = validate(tmp_path, capsys, {"mkdocs.yml": mkdocs_yml(),
                                            "profiles/nights.md": ROLE_ONLY})
    assert code == 1
    assert out == [
        f"profiles/nights.md:{CONTACT_LINE}: field 'contact': gives no way to ask for support "
        "(a role alone reaches nobody), and this site has no support route of its own "
        "(extra.host.support in mkdocs.yml) — add the contact's email:, form:, url: or phone: "
        "if the school agrees to be contacted; otherwise the site's host sets "
        "extra.host.support (email:, form: or issues: true) for every profile without one"]


@pytest.mark.parametrize("channel", [
    "  email: families@riverside.example.org\n", "  form: https://riverside.example.org/ask\n",
    "  url: https://riverside.example.org/contact\n", "  phone: +1 (978) 555-0100 x12\n"])
def test_any_one_channel_of_the_profile_is_enough(tmp_path, capsys, channel):
    text = ROLE_ONLY.replace("  role: Family engagement coordinator\n",
                             "  role: Family engagement coordinator\n" + channel)
    code, out = validate(tmp_path, capsys, {"mkdocs.yml": mkdocs_yml(),
                                            "profiles/nights.md": text})
    assert (code, out) == (0, [])


def test_drafts_need_no_channel_until_they_are_published(tmp_path, capsys):
    draft = ROLE_ONLY.replace("status: published", "status: draft")
    code, out = validate(tmp_path, capsys, {"mkdocs.yml": mkdocs_yml(),
                                            "profiles/nights.md": draft})
    assert (code, out) == (0, [])


@pytest.mark.parametrize("support, top", [
    ({"email": "support@example.gov"}, {}),
    ({"form": "https://example.gov/ask"}, {}),
    ({"issues": True}, {"repo_url": "https://github.com/example/commons"}),
])
def test_a_host_route_serves_every_profile_without_a_channel(tmp_path, capsys, support, top):
    code, out = validate(tmp_path, capsys, {"mkdocs.yml": mkdocs_yml(support, **top),
                                            "profiles/nights.md": ROLE_ONLY})
    assert (code, out) == (0, [])


def test_the_issue_form_without_a_repository_is_refused_at_the_setting(tmp_path, capsys):
    config = mkdocs_yml({"issues": True})
    line = config.splitlines().index("    support:") + 1
    code, out = validate(tmp_path, capsys, {"mkdocs.yml": config, "profiles/nights.md": ROLE_ONLY})
    assert code == 1
    assert out == [
        f"mkdocs.yml:{line}: field 'extra.host.support.issues': 1 published profile(s) give no "
        "contact of their own and rely on the repository's issue form, but no GitHub repository "
        "is known — set repo_url: https://github.com/<owner>/<name> in mkdocs.yml (or the "
        "practice-commons/submit option repository:), or give extra.host.support an email: or "
        "form:"]


def test_github_actions_names_the_repository_on_a_forks_first_deploy(tmp_path, capsys,
                                                                      monkeypatch):
    monkeypatch.setenv("GITHUB_REPOSITORY", "my-state/commons")
    code, out = validate(tmp_path, capsys, {"mkdocs.yml": mkdocs_yml({"issues": True}),
                                            "profiles/nights.md": ROLE_ONLY})
    assert (code, out) == (0, [])


def test_repository_order_explicit_settings_before_the_environment():
    env = {"GITHUB_REPOSITORY": "ci/repo"}
    assert repository_of("own/repo", "https://github.com/url/repo", env) == "own/repo"
    assert repository_of("", "https://github.com/url/repo.git", env) == "url/repo"
    assert repository_of("", "https://gitlab.com/url/repo", env) == "ci/repo"
    assert repository_of("", "", {}) == ""


def test_mistakes_in_the_route_setting_name_the_key_and_the_fix():
    assert check_setting({"issues": "yes", "emial": "x", "email": "support",
                          "form": "javascript:alert(1)"}) == [
        "extra.host.support.issues: expected true or false, not 'yes'",
        "extra.host.support.emial: unknown setting — use email:, form: or issues:",
        "extra.host.support.email: 'support' is not an email address — write it as "
        "name@example.gov",
        "extra.host.support.form: 'javascript:alert(1)' is not a web address — write the "
        "form's full address, starting with https://"]
    assert check_setting("support@example.gov")[0].startswith(
        "extra.host.support: expected email:, form: or issues:")
    assert not host_route({"issues": "yes"}).configured


@pytest.mark.parametrize("value, message", [
    ("call the office", "'call the office' is not a phone number"),
    ("555", "'555' is not a phone number"),
    ("+1 202 555 0100 ext", "'+1 202 555 0100 ext' is not a phone number"),
])
def test_a_phone_that_is_not_a_number_is_refused_with_its_line(tmp_path, capsys, value, message):
    text = VALID_PROFILE.replace(EMAIL_LINE, EMAIL_LINE + f'  phone: "{value}"\n')
    line = text.splitlines().index(f'  phone: "{value}"') + 1
    code, out = validate(tmp_path, capsys, {"profiles/nights.md": text})
    assert code == 1
    assert out == [f"profiles/nights.md:{line}: field 'contact.phone': {message} — write the "
                   "number with its area code, using digits, spaces, hyphens, dots, parentheses "
                   "and a leading + only, e.g. +1 202-555-0100"]


def test_a_contact_form_must_be_a_web_address(tmp_path, capsys):
    text = VALID_PROFILE.replace(EMAIL_LINE, EMAIL_LINE + "  form: mailto:x@example.org\n")
    code, out = validate(tmp_path, capsys, {"profiles/nights.md": text})
    assert code == 1 and len(out) == 1
    assert "field 'contact.form': links must start with https:// or http://, not mailto:" in out[0]


def _profile(text: str):
    doc = parse("profiles/nights.md", text.encode())
    return profile_record(doc, "nights")


T, V = strings("en"), vocabulary()
URL = "https://example.org/profiles/nights/"


def test_the_panel_offers_the_profiles_own_channels_with_the_practice_named():
    text = VALID_PROFILE.replace(EMAIL_LINE, EMAIL_LINE + "  phone: +1 (978) 555-0100 x12\n")
    p = panel(_profile(text), host_route({"issues": True}, "example/commons"), T, V, URL)
    assert p.own and p.heading == "How to ask for support"
    assert p.intro == ("Questions about adopting “Family Literacy Nights” go to: Family "
                       "engagement coordinator, Riverside Charter School.")
    assert [(x.kind, x.text, x.detail) for x in p.links] == [
        ("email", "Email about “Family Literacy Nights”", "families@riverside.example.org"),
        ("phone", "Call about “Family Literacy Nights”", "+1 (978) 555-0100 x12")]
    mail = urllib.parse.urlsplit(p.links[0].href)
    assert mail.scheme == "mailto" and mail.path == "families@riverside.example.org"
    assert urllib.parse.parse_qs(mail.query) == {
        "subject": ["Support for “Family Literacy Nights”"]}
    assert p.links[1].href == "tel:+19785550100;ext=12"
    # Each level the profile offers (1, 3, 4) says how to ask for it; email carries the level.
    assert sorted(p.levels) == [1, 3, 4]
    ask = p.level(3)
    assert ask.link.text == "Ask for level 3 support (Foundational Implementation)"
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(ask.link.href).query)["subject"] == [
        "Level 3 support (Foundational Implementation) for “Family Literacy Nights”"]
    assert ask.note == "" and p.note == ""


def test_the_panel_falls_back_to_the_hosts_issue_form_naming_practice_page_and_level():
    p = panel(_profile(ROLE_ONLY), host_route({"issues": True}, "example/commons"), T, V, URL,
              host_name="Office of Charter Schools")
    assert not p.own
    assert p.intro == ("This profile gives no direct contact, so questions about adopting "
                       "“Family Literacy Nights” go to Office of Charter Schools, who can pass "
                       "them on to Riverside Charter School.")
    (issue,) = p.links
    parts = urllib.parse.urlsplit(issue.href)
    assert (parts.netloc, parts.path) == ("github.com", "/example/commons/issues/new")
    query = urllib.parse.parse_qs(parts.query)
    assert query["title"] == ["Support for “Family Literacy Nights”"]
    assert f"Profile: {URL}" in query["body"][0] and "no student names" in query["body"][0]
    level = urllib.parse.parse_qs(urllib.parse.urlsplit(p.level(4).link.href).query)
    assert "Support asked for: Level 4, Full Implementation" in level["body"][0]
    assert "public" in p.note


def test_channels_that_cannot_carry_the_level_tell_the_visitor_to_name_it():
    p = panel(_profile(ROLE_ONLY), host_route({"form": "https://example.gov/ask"}), T, V, URL)
    assert [(x.kind, x.href) for x in p.links] == [("form", "https://example.gov/ask")]
    assert p.level(1).note == " When you ask, name level 1, Inspire."
    assert panel(_profile(ROLE_ONLY), host_route(None), T, V, URL) is None


@pytest.mark.parametrize("number, dialable", [
    ("+1 202-555-0100", "tel:+12025550100"), ("(617) 555.0100", "tel:6175550100"),
    ("617-555-0100 ext. 4", "tel:6175550100;ext=4")])
def test_phone_links_dial_the_digits(number, dialable):
    assert "tel:" + _dialable(number) == dialable
