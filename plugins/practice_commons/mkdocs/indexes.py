"""``practice-commons/indexes``: index pages, search shards, related content and open data.

From the one shared collection (never from the pages rendered in this build,
so ``--dirty`` cannot shrink anything) it adds:

- ``levels/<n>/`` for each pyramid level and a page per stage, topic, state,
  grade band and ESSA tier, with overviews and ``indexes/`` (the index of indexes);
- ``browse/``, the one search (full text and filters over everything published), and
  a search box in every page's header that sends its words there;
- the search files under ``practice-commons/search/`` and lunr.js copied from MkDocs;
- ``api/*.json``, ``api/profiles.csv``, ``feed.xml`` and the ``data/`` page;
- related content and the pyramid home page, through the ``pc`` template context.

Index pages are rendered by templates from precomputed data rather than as
Markdown: a level page of 10,000 profiles is a few megabytes that Python-Markdown
would take many seconds to parse.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import mkdocs
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from ..core.content.model import Record
from ..core.hosting import host_settings
from ..core.outputs import exports, feed, index_pages, indexes, related, search
from ..core.outputs.pages import source_uri
from . import shared

log = shared.log
SEARCH_DIR = "practice-commons/search"
LUNR_JS = Path(mkdocs.__file__).parent / "contrib" / "search" / "templates" / "search" / "lunr.js"
CSS = "practice-commons/assets/search-ui/search.css"
MATERIAL_SEARCH = ("search", "material/search")
# Listing pages shown as cards of one kind (practice_commons/listing.html).
LISTINGS = {"profiles/index.md": "profile", "case-studies/index.md": "case-study",
            "templates/index.md": "template"}
HEADER_DIR = Path(__file__).resolve().parent.parent / "templates" / "header"


def _put_header_first(config: MkDocsConfig) -> None:
    """Our header (Material's, with the site search form in place of Material's search)
    goes right before the theme's own templates: after a host's custom_dir, so a host
    can still override it, but before Material's partials/header.html."""
    dirs = config.theme.dirs
    if str(HEADER_DIR) in dirs:
        return
    theme_dir = next((i for i, d in enumerate(dirs)
                      if Path(d, "partials", "header.html").is_file()), None)
    if theme_dir is not None:
        dirs.insert(theme_dir, str(HEADER_DIR))


def _choices(memo: dict, plan: index_pages.IndexPage, vocab, t: dict[str, str]) -> list:
    key = (id(plan.scope), plan.fixed)  # the plans, and so their scopes, outlive the memo
    if key not in memo:
        memo[key] = indexes.facet_choices(plan.scope, vocab, t, plan.fixed)
    return memo[key]


class IndexesConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off."""
    search = c.Type(bool, default=True)
    """Build the search files, show the search box in the header and the search on browse/."""
    exports = c.Type(bool, default=True)
    """Publish api/*.json, api/profiles.csv, feed.xml and the data/ page."""
    related = c.Type(int, default=5)
    """How many related records each profile, case study and template shows (0: none)."""
    newest = c.Type(int, default=6)
    """How many of the newest profiles the home page lists."""
    home = c.Type(bool, default=True)
    """Render the home page (index.md) with the pyramid, unless it sets its own template."""
    feed_entries = c.Type(int, default=50)
    """How many profiles the Atom feed holds."""


class IndexesPlugin(BasePlugin[IndexesConfig]):
    def __init__(self) -> None:
        self.ix: indexes.Indexes | None = None
        self.urls: dict[tuple[str, str], str] = {}  # (kind, slug) -> site-relative URL
        self.page_urls: dict[str, str] = {}  # generated page src_uri -> URL
        self.views: dict[str, index_pages.IndexPage] = {}
        self.widgets: dict[str, dict[str, Any]] = {}
        self.related: dict[tuple[str, str], list[related.Related]] = {}
        self.context: dict[str, Any] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        if "practice-commons/profiles" not in config.plugins:
            raise PluginError("practice-commons/indexes needs practice-commons/profiles: list "
                              "it under `plugins:` in mkdocs.yml, before practice-commons/indexes.")
        if CSS not in config.extra_css:
            config.extra_css.append(CSS)
        if self.config.search:
            for name in MATERIAL_SEARCH:
                if name in config.plugins:
                    log.warning(
                        f"mkdocs.yml lists Material's search plugin ('{name}'): every page would "
                        "download its whole-site search_index.json, which nothing here uses. "
                        f"Remove '- {name}' from `plugins:`; practice-commons/indexes provides "
                        "the site's search.")
            _put_header_first(config)
        return config

    @event_priority(-50)  # after the profiles plugin has added its pages and removed drafts
    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        profiles_dir = config.plugins["practice-commons/profiles"].config.profiles_dir
        coll = shared.collection_for(config, profiles_dir)
        vocab, t = shared.vocab(), shared.ui_strings(config)
        self.ix = ix = indexes.build(coll, vocab)
        self.related = related.compute(coll, self.config.related) if self.config.related else {}
        self.urls = {}
        for record in [*ix.published, *coll.pages]:
            f = files.get_file_from_path(source_uri(record))
            self.urls[(record.kind, record.slug)] = f.url if f is not None else record.url
        self.views, self.widgets, self.page_urls = {}, {}, {}
        # Every page of browse/ searches the same scope: count its filters once, not once a
        # page (that made this step grow with the square of the collection).
        choices: dict[tuple[int, tuple[str, ...]], list[indexes.FacetChoice]] = {}
        for plan in index_pages.plan(ix, t, data_page=self.config.exports):
            if files.get_file_from_path(plan.src_uri) is not None:
                log.info(f"{plan.src_uri} is in docs_dir, so it replaces the generated page")
                self.page_urls[plan.src_uri] = files.get_file_from_path(plan.src_uri).url
                continue
            f = File.generated(config, plan.src_uri, content=plan.source())
            f.inclusion = InclusionLevel.INCLUDED if plan.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(f)
            self.views[plan.src_uri] = plan
            self.page_urls[plan.src_uri] = f.url
            if plan.shard and self.config.search:
                self.widgets[plan.src_uri] = {
                    "index": f"{SEARCH_DIR}/{search.MANIFEST}", "total": len(plan.scope),
                    "root": SEARCH_DIR,
                    "choices": _choices(choices, plan, vocab, t)}
        if self.config.search:
            self._search_files(files, config, ix, coll.pages)
        if self.config.exports:
            self._export_files(files, config, ix)
        self.context = {
            "ix": ix, "href": self.href, "page_url": self.page_url, "level_url": self.level_url,
            "facet_url": self.facet_url, "bucket_url": self.bucket_url,
            "lunr_js": f"{SEARCH_DIR}/lunr.js", "page_facets": indexes.PAGE_FACETS,
            "search": self.config.search, "browse_url": self.page_url(index_pages.BROWSE),
            "facet_names": {f.param: t[f"facet_{f.param}"] for f in indexes.SEARCH_FACETS},
            "plural": index_pages.PLURAL, "exports": self.config.exports,
            "feed_entries": self.config.feed_entries,
            "newest": ix.newest(self.config.newest), "featured": [],
            "data_columns": exports.column_docs(t, shared.language(config)),
            "level_labels": {str(lv.level): f"{lv.level} {lv.label}" for lv in ix.levels},
            "state_labels": vocab.labels("states"),
        }
        return files

    def _search_files(self, files: Files, config: MkDocsConfig, ix: indexes.Indexes,
                      pages: tuple[Record, ...]) -> None:
        lang = str(config.theme.get("language") or "en")
        # Copied from the installed MkDocs at each build, so the site never carries a stale copy.
        files.append(File.generated(config, f"{SEARCH_DIR}/lunr.js", abs_src_path=str(LUNR_JS)))
        built = search.build([*ix.published, *pages], self.href, shared.vocab(),
                             shared.ui_strings(config), lang)
        for path, content in built.items():
            files.append(File.generated(config, f"{SEARCH_DIR}/{path}", content=content))

    def _export_files(self, files: Files, config: MkDocsConfig, ix: indexes.Indexes) -> None:
        prefix = config.site_url.rstrip("/") + "/" if config.site_url else ""

        def absolute(record: Record) -> str:
            return prefix + self.href(record)

        for kind, path in exports.JSON_FILES.items():
            chosen = [r for r in ix.published if r.kind == kind]
            files.append(File.generated(config, path, content=exports.records_json(
                kind, chosen, absolute)))
        profiles = [r for r in ix.published if r.kind == "profile"]
        files.append(File.generated(config, exports.CSV_FILE, content=exports.profiles_csv(
            profiles, absolute)))
        files.append(File.generated(config, feed.FEED_FILE, content=feed.atom_feed(
            profiles, absolute, title=host_settings.display_name(config.site_name),
            site=config.site_url or config.site_name,
            home=prefix or "./", self_url=prefix + feed.FEED_FILE,
            limit=self.config.feed_entries)))

    def href(self, record: Record, level: int | None = None) -> str:
        """A record's site-relative URL; a profile's at ``level`` points at that level's heading."""
        url = self.urls.get((record.kind, record.slug), record.url)
        return f"{url}#level-{level}" if level is not None and record.kind == "profile" else url

    def page_url(self, src_uri: str) -> str:
        return self.page_urls.get(src_uri, src_uri.removesuffix("index.md"))

    def level_url(self, level: int) -> str:
        return self.page_url(f"levels/{level}/index.md")

    def facet_url(self, facet: indexes.Facet) -> str:
        return self.page_url(f"{facet.folder}/index.md")

    def bucket_url(self, bucket: indexes.Bucket) -> str:
        return self.page_url(bucket.src_uri)

    def _featured(self, slugs: Any, where: str) -> list[Record]:
        """The profiles named by the home page's ``featured:`` front matter, in its order."""
        assert self.ix is not None
        profiles = {r.slug: r for r in self.ix.published if r.kind == "profile"}
        fix = ("Use the name of a profile's file or folder under profiles/ (also its address, "
               "/profiles/<slug>/), or remove it from the list.")
        if not isinstance(slugs, list) or not all(isinstance(x, str) for x in slugs):
            raise PluginError(f"{where}, front matter, featured: expected a list of profile "
                              f"slugs, got {slugs!r}. {fix}")
        unknown = [x for x in slugs if x not in profiles]
        if unknown:
            raise PluginError(f"{where}, front matter, featured: no published profile has the "
                              f"slug {', '.join(map(repr, unknown))}. {fix}")
        return [profiles[x] for x in slugs]

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files):
        if not self.config.enabled:
            return markdown
        src = page.file.src_uri
        if self.config.home and src == "index.md":
            page.meta.setdefault("template", "practice_commons/home.html")
            where = f"{config.docs_dir.rstrip('/').rsplit('/', 1)[-1]}/index.md"
            self.context["featured"] = self._featured(page.meta.get("featured", []), where)
        if src in LISTINGS and "template" not in page.meta:
            page.meta["template"] = "practice_commons/listing.html"
            # The generated profile list is the cards themselves; a host's own page keeps its text.
            page.meta["pc_listing"] = {"kind": LISTINGS[src],
                                       "text": page.file.generated_by is None}
        # Catalogue pages: the tabs already say where one is, so no sidebar repeats them.
        catalogue = (src == "index.md" or src in LISTINGS or src in self.views
                     or page.meta.get("template") == "practice_commons/profile.html")
        if catalogue:
            hide = page.meta.setdefault("hide", [])
            # A profile keeps its table of contents; the generated pages and listings need none.
            wanted = (["navigation"] if page.meta.get("template") == "practice_commons/profile.html"
                      else ["navigation", "toc"])
            if isinstance(hide, list):
                hide.extend(h for h in wanted if h not in hide)
        return markdown

    @event_priority(-50)  # after the profiles plugin has created context["pc"]
    def on_page_context(self, context, page: Page, config: MkDocsConfig, nav):
        if not self.config.enabled or "pc" not in context:
            return context
        pc = context["pc"]
        plan = self.views.get(page.file.src_uri)
        record = pc.get("record")
        pc.update(self.context)
        pc["view"] = plan.data if plan else None
        pc["widget"] = self.widgets.get(page.file.src_uri)
        pc["related_items"] = self.related.get((record.kind, record.slug), []) if record else []
        return context
