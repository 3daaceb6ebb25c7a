"""Which index pages the site has: source path, title, template and the data each shows.

Kept apart from the MkDocs adapter so another engine could emit the same pages.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, replace
from typing import Any

from .indexes import PAGE_FACETS, Bucket, Indexes, LevelIndex
from .pages import front_matter

BROWSE = "browse/index.md"
INDEXES = "indexes/index.md"
LEVELS = "levels/index.md"
DATA = "data/index.md"
BROWSE_PER_PAGE = 20  # result cards on each page of browse/ (the search shows 10 at a time)
PER_PAGE = 50  # entries on each page of a level or facet listing
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


@dataclass(frozen=True)
class Part:
    """One page of a level or facet listing: ``whole`` for its counts, ``part`` (the same
    kind of object, its lists cut to this page) for what the page lists."""

    whole: Any
    part: Any
    page: int
    pages: int
    first_uri: str

    def uri(self, n: int) -> str:
        return paged_uri(self.first_uri, n)

    def window(self, around: int = 2) -> list[int | None]:
        return Listing((), self.page, self.pages, self.first_uri).window(around)


def level_parts(level: LevelIndex, per_page: int = PER_PAGE) -> list[Part]:
    """A level's listing cut into pages: profiles by topic, then case studies, templates."""
    flat: list[tuple[str, Any, Any]] = [("g", (slug, label), e) for slug, label, entries
                                        in level.groups for e in entries]
    flat += [("c", None, r) for r in level.case_studies]
    flat += [("t", None, r) for r in level.templates]
    pages = max(1, -(-len(flat) // per_page))
    out = []
    for n in range(1, pages + 1):
        chunk = flat[(n - 1) * per_page:n * per_page]
        groups: list[tuple[str, str, list]] = []
        for kind, key, item in chunk:
            if kind == "g":
                if not groups or groups[-1][0] != key[0]:
                    groups.append((key[0], key[1], []))
                groups[-1][2].append(item)
        part = replace(level, groups=groups,
                       case_studies=[r for k, _, r in chunk if k == "c"],
                       templates=[r for k, _, r in chunk if k == "t"])
        out.append(Part(level, part, n, pages, level.src_uri))
    return out


def bucket_parts(bucket: Bucket, per_page: int = PER_PAGE) -> list[Part]:
    """A facet value's listing cut into pages, in its order (by kind, then title)."""
    pages = max(1, -(-len(bucket.records) // per_page))
    return [Part(bucket, replace(bucket, records=bucket.records[(n - 1) * per_page:n * per_page]),
                 n, pages, bucket.src_uri) for n in range(1, pages + 1)]


def _paged_title(title: str, t: dict[str, str], page: int, pages: int) -> str:
    if page == 1:
        return title
    return f"{title} ({t['page_of'].replace('{n}', str(page)).replace('{total}', str(pages))})"


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
    everything = tuple(ix.published)  # one object for every browse page: its filters count once
    for view in listings(ix.published, BROWSE, BROWSE_PER_PAGE):
        title = _paged_title(t["browse_title"], t, view.page, view.pages)
        pages.append(IndexPage(view.uri(view.page), title, "browse", view, view.page == 1,
                               t["browse_intro"], "all", everything))
    pages += [
        IndexPage(INDEXES, t["indexes_title"], "index-of-indexes", None, True, t["indexes_intro"]),
        IndexPage(LEVELS, t["levels_title"], "index-levels", None, True, t["levels_intro"]),
    ]
    for level in ix.levels:
        for part in level_parts(level):
            title = _paged_title(f"{t['pyramid_level']} {level.level}: {level.label}", t,
                                 part.page, part.pages)
            pages.append(IndexPage(part.uri(part.page), title, "index-level", part,
                                   description=level.description))
    for facet in PAGE_FACETS:
        if facet.param == "level":
            continue
        pages.append(IndexPage(f"{facet.folder}/index.md", t[f"facet_{facet.param}_plural"],
                               "index-facet", facet,
                               description=t[f"facet_{facet.param}_intro"]))
        for bucket in ix.facets[facet.param]:
            intro = t[f"bucket_intro_{facet.param}"].replace("{label}", bucket.label)
            for part in bucket_parts(bucket):
                pages.append(IndexPage(part.uri(part.page),
                                       _paged_title(bucket.label, t, part.page, part.pages),
                                       "index-bucket", part,
                                       description=bucket.description or intro))
    if data_page:
        pages.append(IndexPage(DATA, t["data_title"], "index-data", None, True, t["data_intro"]))
    return pages
