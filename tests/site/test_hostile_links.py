"""Broken internal links and anchors stop a strict build, with the repository's own settings.

mkdocs.yml sets ``validation:`` so a missing page or anchor is a warning, and
strict mode (``mkdocs build --strict``, and every build in these tests) stops on
a warning. Profile bodies are sanitised after rendering: their heading anchors
must survive, so links to them still check out.
"""

from __future__ import annotations

import pytest
import yaml
from mkdocs.exceptions import Abort

from tests.conftest import REPO, VALID_PROFILE

VALIDATION = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["validation"]
BODY = (VALID_PROFILE
        + "\n## Sharing the evenings {#sharing}\n\n[Back to the practice](#the-practice)\n")


def _site(make_site, files, caplog):
    config = {"validation": VALIDATION}
    with pytest.raises(Abort, match="strict mode"):
        make_site(files, config=config)
    return [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]


def test_the_repository_treats_missing_pages_and_anchors_as_warnings():
    assert VALIDATION["links"]["not_found"] == "warn"
    assert VALIDATION["links"]["anchors"] == "warn"


def test_a_link_to_a_missing_page_stops_a_strict_build(make_site, caplog):
    warnings = _site(make_site, {"content/guide.md": "# Guide\n\nSee [the plan](plan.md).\n"},
                     caplog)
    assert any("guide.md" in w and "'plan.md'" in w for w in warnings), warnings


def test_a_link_to_a_missing_anchor_stops_a_strict_build(make_site, caplog):
    warnings = _site(make_site, {
        "content/guide.md":
            "# Guide\n\n## Steps\n\nSee [the steps](#step) and [home](index.md#nope).\n",
    }, caplog)
    assert any("'#step'" in w for w in warnings), warnings
    assert any("index.md#nope" in w for w in warnings), warnings


def test_a_profile_body_linking_to_a_missing_page_stops_a_strict_build(make_site, caplog):
    body = BODY + "\nRead [the case study](../case-studies/missing.md).\n"
    warnings = _site(make_site, {"profiles/literacy-nights.md": body}, caplog)
    assert any("profiles/literacy-nights.md" in w and "missing.md" in w for w in warnings), warnings


def test_links_to_sanitised_profile_headings_still_resolve(make_site):
    site = make_site({
        "profiles/literacy-nights.md": BODY,
        "content/guide.md": "# Guide\n\n[Sharing](profiles/literacy-nights.md#u-sharing)\n",
    }, config={"validation": VALIDATION})
    body = site.article("profiles/literacy-nights/").select_one(".pc-body")
    assert body.select_one("h2#u-sharing") is not None
    assert body.select_one("a[href='#u-the-practice']") is not None
    # Contributed ids live under u- (core/rules/sanitize.py); MkDocs checks links against those.
    assert site.article("guide/").select_one("a[href='../profiles/literacy-nights/#u-sharing']")


def test_a_link_to_a_profile_heading_without_the_prefix_is_reported(make_site, caplog):
    files = {"profiles/literacy-nights.md": BODY,
             "content/guide.md": "# Guide\n\n[Sharing](profiles/literacy-nights.md#sharing)\n"}
    warnings = _site(make_site, files, caplog)
    assert any("guide.md" in w and "anchor '#sharing'" in w for w in warnings), warnings
