"""Render Material's sidebar navigation once per folder for pages that are not in it.

Material renders the whole navigation into every page. For a page the navigation does
not list (every profile, every generated index page) nothing in it is marked active, and
its links are relative to the page's folder, so every such page in the same folder gets
the same HTML: at 10,000 profiles that is 10,000 renderings of one string. This keeps
the first and hands it out again.

Only Material's own ``partials/nav.html`` and ``nav-item.html`` are cached: a theme or
host that overrides either may put page-specific markup in it, so then every page
renders its own. The cache lives on the template for one build (``reset``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import material
from jinja2 import Environment, Template, TemplateNotFound
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

NAV = "partials/nav.html"
PARTS = (NAV, "partials/nav-item.html")
MARK = "_pc_nav_cache"
MATERIAL = Path(material.__file__).resolve().parent / "templates"


def install(env: Environment) -> None:
    """Wrap the navigation template of ``env`` so it renders once per (navigation, folder)."""
    try:
        templates = [env.get_template(name) for name in PARTS]
    except TemplateNotFound:  # a theme without Material's navigation: nothing to do
        return
    if not all(_is_from(t, MATERIAL) for t in templates):
        return
    nav = templates[0]
    if getattr(nav, MARK, None) is not None:
        getattr(nav, MARK).clear()
        return
    cache: dict[Any, str] = {}
    setattr(nav, MARK, cache)
    nav.root_render_func = _cached(nav.root_render_func, cache)


def _is_from(template: Template, theme_dir: Path) -> bool:
    return (template.filename is not None
            and Path(template.filename).resolve().is_relative_to(theme_dir))


def _cached(render: Callable[[Any], Iterator[str]], cache: dict[Any, str]):
    listed: dict[int, tuple[frozenset[int], tuple[tuple[str, ...], ...]]] = {}

    def root(context: Any) -> Iterator[str]:
        key = _key(context.get("page"), context.get("nav"), listed)
        if key is None:
            yield from render(context)
            return
        html = cache.get(key)
        if html is None:
            html = cache[key] = "".join(render(context))
        yield html

    return root


def _key(page: Any, nav: Any, listed: dict) -> tuple | None:
    """The folder whose pages all get this navigation, or None when it is page-specific."""
    if not isinstance(page, Page) or not isinstance(nav, Navigation) or page.url is None:
        return None
    if id(nav) not in listed:
        listed.clear()  # one navigation per build: the previous one's pages are gone
        listed[id(nav)] = (frozenset(id(p) for p in nav.pages),
                           tuple(_parts(p.url) for p in nav.pages if p.url is not None))
    pages, urls = listed[id(nav)]
    if id(page) in pages:
        return None
    here = _parts(page.url)
    # A listed page inside this page's own folder gets a link that differs per page.
    if any(u[:len(here)] == here for u in urls):
        return None
    return (id(nav), here[:-1], len(here))


def _parts(url: str) -> tuple[str, ...]:
    # As mkdocs.utils.get_relative_url reads a page's URL: a last part with a dot is a file.
    head, _, last = url.rpartition("/")
    path = head if "." in last else url
    return tuple(p for p in path.split("/") if p and p != ".")
