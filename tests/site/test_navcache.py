"""The sidebar rendered once per folder (mkdocs/navcache.py) gives every page the same HTML
as Material rendering it page by page."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from practice_commons.mkdocs import navcache

from tests.conftest import REPO, build


@pytest.fixture(scope="module")
def uncached(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's site built with the cache switched off."""
    root = tmp_path_factory.mktemp("uncached")
    for name in ("content", "profiles", "overrides"):
        if (REPO / name).exists():
            shutil.copytree(REPO / name, root / name, symlinks=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(navcache, "install", lambda env: None)
        return build(root, strict=True).site


def test_every_page_is_the_same_with_and_without_the_cache(bundled_site, uncached):
    pages = sorted(p.relative_to(bundled_site.site) for p in bundled_site.site.rglob("*.html"))
    assert pages == sorted(p.relative_to(uncached) for p in uncached.rglob("*.html"))
    profiles = [p for p in pages if p.parts[0] == "profiles" and len(p.parts) == 3]
    assert len(profiles) >= 2  # pages outside the sidebar, sharing one folder
    for rel in pages:
        assert (bundled_site.site / rel).read_bytes() == (uncached / rel).read_bytes(), rel
    sidebar = bundled_site.html(str(profiles[0])).select_one("nav.md-nav--primary")
    assert sidebar is not None and sidebar.select("a.md-nav__link")


def test_a_listed_page_inside_the_folder_makes_the_sidebar_page_specific():
    from mkdocs.structure.files import File
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

    def page(url: str) -> Page:
        f = File(url + "index.md", "/docs", "/site", use_directory_urls=True)
        return Page(None, f, {})

    listed, inside = page("guides/"), page("guides/a/b/")
    nav = Navigation([listed, inside], [listed, inside])
    listed_ = {}
    # Pages beside each other outside the sidebar share one key ...
    one, two = page("profiles/x/"), page("profiles/y/")
    assert navcache._key(one, nav, listed_) == navcache._key(two, nav, listed_) is not None
    # ... but not a page of the sidebar, nor one with a listed page below it.
    assert navcache._key(listed, nav, listed_) is None
    assert navcache._key(page("guides/a/"), nav, listed_) is None
    assert navcache._key(page("guides/z/"), nav, listed_) is not None
