"""Small page helpers of the profiles plugin: anchors, tables of contents, edit links."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Section
from mkdocs.structure.pages import Page

from ..core.rules.sanitize import ID_PREFIX


def prefix_anchors(page: Page) -> None:
    """MkDocs checks #anchor links after every page is built, against the ids it saw when
    rendering: tell it the ids the sanitiser publishes, so a link from another page must
    name #u-… (and finds it), and the body's own links, which the sanitiser prefixes, pass."""
    def prefixed(anchor: str) -> str:
        return anchor if anchor.startswith(ID_PREFIX) else ID_PREFIX + anchor

    if page.present_anchor_ids is not None:
        page.present_anchor_ids = {prefixed(a) for a in page.present_anchor_ids}
    own = (page.links_to_anchors or {}).get(page.file)
    if own:
        page.links_to_anchors[page.file] = {prefixed(a): url for a, url in own.items()}


def toc_items(items):
    for item in items:
        yield item
        yield from toc_items(item.children)


def pages_in(items):
    for item in items:
        if isinstance(item, Page):
            yield item
        elif isinstance(item, Section):
            yield from pages_in(item.children)


def edit_uri(config: MkDocsConfig, root: Path, source: str) -> str | None:
    """Point "edit this page" at the profile's real file, not the generated copy."""
    if not config.edit_uri:
        return None
    docs = Path(config.docs_dir).resolve().relative_to(root).as_posix()
    depth = len([p for p in docs.split("/") if p])
    # edit_uri conventionally ends in the docs folder (edit/main/content/); climb out of it.
    base = config.edit_uri.rstrip("/")
    return ("../" * depth if base.endswith(docs) else "") + source
