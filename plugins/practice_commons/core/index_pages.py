"""Which index pages the site has: source path, title, template and the data each shows.

Kept apart from the MkDocs adapter so another engine could emit the same pages.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from .indexes import PAGE_FACETS, Indexes
from .pages import front_matter

BROWSE = "browse/index.md"
INDEXES = "indexes/index.md"
LEVELS = "levels/index.md"
DATA = "data/index.md"
BROWSE_PER_PAGE = 20  # result cards on each page of browse/ (the search shows 10 at a time)
# Plural names of each kind in the interface strings.
PLURAL = {"profile": "profiles", "case-study": "case_studies", "template": "templates"}


@dataclass(frozen=True)
class Listing:
    """One page of a listing cut into pages, so no page grows with the collection."""

    items: tuple
    page: int
    pages: int
    first_uri: str  # the source path of page 1; page n is <folder>/page/<n>/index.md
    total: int = 0

    def uri(self, n: int) -> str:
        return paged_uri(self.first_uri, n)

    def window(self, around: int = 2) -> list[int | None]:
        """Page numbers to link: the first, the last and those near this one (None: a gap)."""
        keep = sorted({1, self.pages, *range(max(1, self.page - around),
                                             min(self.pages, self.page + around) + 1)})
        out: list[int | None] = []
        for n in keep:
            if out and n - (out[-1] or 0) > 1:
                out.append(None)
            out.append(n)
        return out


def paged_uri(first_uri: str, n: int) -> str:
    return first_uri if n == 1 else first_uri.replace("index.md", f"page/{n}/index.md")


def listings(items: list, first_uri: str, per_page: int) -> list[Listing]:
    """``items`` cut into pages of ``per_page`` (at least one page, even when empty)."""
    pages = max(1, -(-len(items) // per_page))
    return [Listing(tuple(items[(n - 1) * per_page:n * per_page]), n, pages, first_uri,
                    len(items)) for n in range(1, pages + 1)]


@dataclass(frozen=True)
class IndexPage:
    src_uri: str
    title: str
    view: str  # template practice_commons/<view>.html
    data: Any = None
    in_nav: bool = False  # top-level pages only: thousands of index pages stay out of the nav
    description: str = ""
    shard: str | None = None  # "all": the page carries the site search (browse/ only)
    scope: tuple = ()  # the records its filters count
    fixed: tuple[str, ...] = ()  # facets the scope already fixes (no filter shown)

    def source(self) -> str:
        """Front matter only: the template renders the page from ``data``."""
        meta: dict = {"title": html.escape(self.title),
                      "template": f"practice_commons/{self.view}.html"}
        if self.view == "browse":  # a catalogue needs the width: no sidebars beside it
            meta["hide"] = ["navigation", "toc"]
        if self.description:
            meta["description"] = html.escape(self.description)
        return front_matter(meta)


def plan(ix: Indexes, t: dict[str, str], *, data_page: bool = True) -> list[IndexPage]:
    """Every generated index page, in a stable order."""
    pages = []
    for view in listings(ix.published, BROWSE, BROWSE_PER_PAGE):
        title = t["browse_title"] if view.page == 1 else (
            f"{t['browse_title']} ({t['page_of'].replace('{n}', str(view.page))}"
            .replace("{total}", str(view.pages)) + ")")
        pages.append(IndexPage(view.uri(view.page), title, "browse", view, view.page == 1,
                               t["browse_intro"], "all", tuple(ix.published)))
    pages += [
        IndexPage(INDEXES, t["indexes_title"], "index-of-indexes", None, True, t["indexes_intro"]),
        IndexPage(LEVELS, t["levels_title"], "index-levels", None, True, t["levels_intro"]),
    ]
    for level in ix.levels:
        pages.append(IndexPage(
            level.src_uri, f"{t['pyramid_level']} {level.level}: {level.label}", "index-level",
            level, description=level.description))
    for facet in PAGE_FACETS:
        if facet.param == "level":
            continue
        pages.append(IndexPage(f"{facet.folder}/index.md", t[f"facet_{facet.param}_plural"],
                               "index-facet", facet,
                               description=t[f"facet_{facet.param}_intro"]))
        for bucket in ix.facets[facet.param]:
            intro = t[f"bucket_intro_{facet.param}"].replace("{label}", bucket.label)
            pages.append(IndexPage(bucket.src_uri, bucket.label, "index-bucket", bucket,
                                   description=bucket.description or intro))
    if data_page:
        pages.append(IndexPage(DATA, t["data_title"], "index-data", None, True, t["data_intro"]))
    return pages
