"""The host's brand settings without MkDocs: the name, the home heading, images."""

from __future__ import annotations

import pytest
from practice_commons.core.hosting import host_files, host_settings


def test_the_display_name_is_site_name_tidied_and_never_empty():
    assert host_settings.display_name("  Bay State \n Practice  Exchange ") == \
        "Bay State Practice Exchange"
    with pytest.raises(host_settings.SiteNameError, match="site_name: empty — set the site's"):
        host_settings.display_name("   ")


def test_home_heading_falls_back_to_the_name():
    assert host_settings.home_heading("Exchange", {"heading": " Practices  that work "}) == \
        "Practices that work"
    assert host_settings.home_heading("Exchange", {}) == "Exchange"
    assert host_settings.home_heading("Exchange", None) == "Exchange"


@pytest.mark.parametrize("markdown, has", [
    ("# Welcome\n", True), ("Welcome\n=======\n", True), ("Intro\n\n#\n", True),
    ("#hashtag in text\n", False), ("## A section\n", False), ("Plain text.\n", False),
    ("```sh\n# a shell comment\n```\n", False), ("    # indented code\n", False),
])
def test_a_home_page_heading_of_its_own_is_recognized(markdown, has):
    assert host_settings.own_heading(markdown) is has


def test_home_markdown_puts_an_escaped_heading_and_the_intro_first():
    out = host_settings.home_markdown("\n\nThe rest.\n", "Site", {
        "heading": "Schools <b>& [partners]", "intro": "See [levels](levels/index.md)."})
    assert out == ("# Schools &lt;b&gt;&amp; \\[partners\\]\n\nSee [levels](levels/index.md).\n\n"
                   "The rest.\n")
    assert host_settings.home_markdown("Body\n", "Site", None) == "# Site\n\nBody\n"


def test_the_credit_is_on_unless_switched_off():
    assert host_settings.shows_credit(None) and host_settings.shows_credit({})
    assert not host_settings.shows_credit({"credit": False})
    assert host_settings.check({"credit": "off"}) == [
        "extra.host.credit: expected true or false, got 'off'"]
    assert host_settings.check({"credit": True, "heading": "Hi", "intro": "Text."}) == []


def test_images_are_found_from_the_repository_top_or_the_content_folder(tmp_path):
    (tmp_path / "brand").mkdir()
    (tmp_path / "content" / "assets").mkdir(parents=True)
    (tmp_path / "brand" / "seal.SVG").write_text("<svg/>")
    (tmp_path / "content" / "assets" / "tab.png").write_bytes(b"png")
    found, problems = host_files.locate(
        {"logo": "brand/seal.SVG", "favicon": "assets/tab.png",
         "share_image": "https://cdn.example.gov/share.png"}, tmp_path, tmp_path / "content")
    assert problems == []
    by_key = {f.key: f for f in found}
    assert by_key["logo"].dest == "assets/host/logo.svg" and not by_key["logo"].in_docs
    assert by_key["favicon"].dest == "assets/tab.png" and by_key["favicon"].in_docs
    assert "share_image" not in by_key  # an address elsewhere: nothing to publish


def test_image_problems_name_the_setting_the_path_and_the_fix(tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "outside.png").write_bytes(b"png")
    repo = tmp_path / "site"
    found, problems = host_files.locate(
        {"logo": "brand/none.svg", "favicon": "icon.bmp", "share_image": "../outside.png"},
        repo, repo / "content")
    assert found == []
    assert problems == [
        f"extra.host.logo: 'brand/none.svg' not found — put the file at "
        f"{(repo / 'brand/none.svg').as_posix()} (paths start at the folder of mkdocs.yml), "
        "or fix the path",
        "extra.host.favicon: 'icon.bmp' — use a .png, .svg or .ico file",
        f"extra.host.share_image: '../outside.png' not found — put the file at "
        f"{(repo / '../outside.png').as_posix()} (paths start at the folder of mkdocs.yml), "
        "or fix the path",
    ]
