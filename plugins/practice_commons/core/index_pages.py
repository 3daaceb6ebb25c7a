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
# Plural names of each kind in the interface strings.
PLURAL = {"profile": "profiles", "case-study": "case_studies", "template": "templates"}


@dataclass(frozen=True)
class IndexPage:
    src_uri: str
    title: str
    view: str  # template practice_commons/<view>.html
    data: Any = None
    in_nav: bool = False  # top-level pages only: thousands of index pages stay out of the nav
    description: str = ""
    shard: str | None = None  # the search shard its widget uses, if it has one
    scope: tuple = ()  # the records its widget searches
    fixed: tuple[str, ...] = ()  # facets the scope already fixes (no filter shown)

    def source(self) -> str:
        """Front matter only: the template renders the page from ``data``."""
        meta = {"title": html.escape(self.title), "template": f"practice_commons/{self.view}.html"}
        if self.description:
            meta["description"] = html.escape(self.description)
        return front_matter(meta)


def plan(ix: Indexes, t: dict[str, str], *, data_page: bool = True) -> list[IndexPage]:
    """Every generated index page, in a stable order."""
    pages = [
        IndexPage(BROWSE, t["browse_title"], "browse", None, True, t["browse_intro"],
                  "all", tuple(ix.published)),
        IndexPage(INDEXES, t["indexes_title"], "index-of-indexes", None, True, t["indexes_intro"]),
        IndexPage(LEVELS, t["levels_title"], "index-levels", None, True, t["levels_intro"]),
    ]
    for level in ix.levels:
        pages.append(IndexPage(
            level.src_uri, f"{t['pyramid_level']} {level.level}: {level.label}", "index-level",
            level, description=level.description, shard=f"level-{level.level}",
            scope=tuple(level.records()), fixed=("level",)))
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
