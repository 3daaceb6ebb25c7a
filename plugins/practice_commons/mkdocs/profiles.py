"""``practice-commons/profiles``: validate all content and publish profiles.

Adds every published profile from ``profiles/`` (outside ``docs_dir``) as a
generated page at ``/profiles/<slug>/``, the "Profiles" listing, the field
reference pages and the published JSON Schemas; gives case studies and
templates their page templates and navigation entries; drops drafts.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from ..core.content.model import Record
from ..core.outputs import pages, reference
from ..core.outputs.support_panel import panel as support_panel
from ..core.rules.sanitize import ID_PREFIX, sanitize_html, text_only
from ..core.rules.schema import schema_json
from . import navcache, serving, shared
from .incremental import PageCache, shown_key
from .page_parts import edit_uri, pages_in, prefix_anchors, toc_items
from .support import route_for

TEMPLATES = {
    "profile": "practice_commons/profile.html",
    "case-study": "practice_commons/case-study.html",
    "template": "practice_commons/template.html",
}
# Section index pages whose navigation section lists every record of a kind.
LISTING = "profiles/index.md"
NAV_SECTIONS = {"case-study": "case-studies/index.md", "template": "templates/index.md"}


class ProfilesConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off (for a plain-Material comparison build, say)."""
    profiles_dir = c.Type(str, default="profiles")
    """Folder of profiles, relative to mkdocs.yml."""
    listing = c.Type(bool, default=True)
    """Generate the "Profiles" page at profiles/ unless docs_dir has profiles/index.md."""
    reference = c.Type(bool, default=True)
    """Generate the field reference pages under reference/."""
    require_complete = c.Type(bool, default=True)
    """Refuse a published profile whose text sections are missing, empty or still the
    template's guidance (`commons validate` reads the same option)."""
    cache = c.Type(bool, default=True)
    """Keep each content file's checks by content hash in the user's cache folder
    (~/.cache/practice-commons, outside the repository), so unchanged files are not
    parsed again; `mkdocs serve` also renders again only the profile pages an edit
    changed."""


class ProfilesPlugin(BasePlugin[ProfilesConfig]):
    def __init__(self) -> None:
        self.records: dict[str, Record] = {}
        self.route = None
        self.kept: PageCache | None = None  # serve only: what rebuilds reuse
        self.kept_pages: set[str] = set()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this instance for all of serve's rebuilds.
        self.kept = PageCache() if command == "serve" else None

    def on_shutdown(self) -> None:
        self.kept = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        templates = Path(__file__).resolve().parent.parent / "templates"
        # Our templates sit after the host's custom_dir, so a host can override any of them.
        config.theme.dirs.append(str(templates))
        assets = Path(__file__).resolve().parent.parent / "assets"
        config.theme.dirs.append(str(assets))
        for css in ("practice-commons/assets/theme/practice-commons.css",
                    "practice-commons/assets/theme/catalogue.css"):
            if css not in config.extra_css:
                config.extra_css.append(css)
        # Validate everything now, so a broken file stops the build before any output.
        shared.collection_for(config, self.config.profiles_dir)
        return config

    def on_serve(self, server, config: MkDocsConfig, builder):
        """Rebuild when a profile or an attachment changes; show a failed rebuild's
        problems in the browser instead of holding every request (mkdocs/serving.py)."""
        if not self.config.enabled:
            return None
        return serving.install(server, [shared.repo_root(config) / self.config.profiles_dir])

    @event_priority(50)  # before other plugins look at the files: they see what we publish
    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        coll = shared.collection_for(config, self.config.profiles_dir)
        self.records = {}
        self.route = route_for(config)  # once per build, for every profile's support panel
        strings = shared.ui_strings(config)
        root = shared.repo_root(config)
        for record in coll.all():
            if record.kind in ("profile", "page"):
                continue
            src = pages.source_uri(record)
            existing = files.get_file_from_path(src)
            if existing is None:
                continue
            if record.published:
                self.records[src] = record
                if record.kind in NAV_SECTIONS:
                    existing.inclusion = InclusionLevel.NOT_IN_NAV  # on_nav places them
            else:
                files.remove(existing)  # drafts are never published
        for profile in coll.published("profile"):
            src = pages.source_uri(profile)
            f = File.generated(config, src, content=pages.record_page(profile, TEMPLATES["profile"]))
            # Profiles are reached through listings and indexes: a nav entry per profile
            # makes every page render every other (N² build time; see README).
            f.inclusion = InclusionLevel.NOT_IN_NAV
            f.edit_uri = edit_uri(config, root, profile.path)
            files.append(f)
            self.records[src] = profile
            for res in profile.resources:
                if res.file and profile.folder:
                    with open(root / profile.folder / res.file, "rb") as fh:
                        files.append(File.generated(
                            config, f"profiles/{profile.slug}/{res.file}", content=fh.read()))
        if self.config.listing and files.get_file_from_path(LISTING) is None:
            files.append(File.generated(config, LISTING, content=pages.profile_listing(
                coll.published("profile"), shared.vocab(), strings)))
        if self.config.reference:
            for kind in ("profile", "case-study", "template"):
                src = f"reference/{kind}-fields.md"
                if files.get_file_from_path(src) is None:
                    files.append(File.generated(config, src, content=reference.reference_markdown(
                        kind, strings, shared.published_states(config),
                        language=shared.language(config))))
        for kind in ("profile", "case-study", "template", "page"):
            files.append(File.generated(config, f"schema/{kind}.schema.json", content=schema_json(
                kind, shared.published_states(config), shared.language(config))))
        return files

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation | None:
        """Put every published case study and template under its section's index page."""
        if not self.config.enabled:
            return None
        coll = shared.collection_for(config, self.config.profiles_dir)
        if self.kept is not None and not self.config.cache:
            self.kept = None
        if self.kept is not None:
            # Every plugin has added its files now: links resolve against all of them.
            self.kept.start(config, files, shared.digests(config))
            views = getattr(config.plugins.get("practice-commons/indexes"), "views", None) or {}
            self.kept_pages = {src for src, r in self.records.items() if r.kind == "profile"}
            self.kept_pages.update(views)
            listing = files.get_file_from_path(LISTING)
            if listing is not None and listing.generated_by is not None:
                self.kept_pages.add(LISTING)
            self.kept.forget(self.kept_pages)
        for kind, index_src in NAV_SECTIONS.items():
            index = files.get_file_from_path(index_src)
            if index is None or index.page is None or index.page not in nav.pages:
                continue
            children = []
            for record in sorted(coll.published(kind), key=lambda r: r.title.casefold()):
                f = files.get_file_from_path(pages.source_uri(record))
                if f is not None and f.page is not None:
                    children.append(f.page)
            section = index.page.parent
            if section is None:
                # The index is a top-level nav entry: make it the first page of a new section.
                section = Section(index.page.title or index_src, [index.page])
                nav.items[nav.items.index(index.page)] = section
                index.page.parent = section
            for page in children:
                page.parent = section
                section.children.append(page)
        nav.pages = list(pages_in(nav.items))
        for i, page in enumerate(nav.pages):
            page.previous_page = nav.pages[i - 1] if i else None
            page.next_page = nav.pages[i + 1] if i + 1 < len(nav.pages) else None
        return nav

    def on_env(self, env, config: MkDocsConfig, files: Files):
        if self.config.enabled and config.theme.name == "material":
            # Every page outside the sidebar shares its folder's sidebar (mkdocs/navcache.py).
            navcache.install(env)
        if self.kept is not None:
            return self.kept.env(env)
        return env

    def on_pre_page(self, page: Page, config: MkDocsConfig, files: Files):
        if self._kept_page(page):
            self.kept.pre_page(page)
        return page

    def on_page_context(self, context, page: Page, config: MkDocsConfig, nav: Navigation):
        if not self.config.enabled:
            return None
        record = self.records.get(page.file.src_uri)
        coll = shared.collection_for(config, self.config.profiles_dir)
        context["pc"] = {
            "record": record,
            "t": shared.ui_strings(config),
            "vocab": shared.vocab(),
            "collection": coll,
        }
        if record is not None and record.kind == "profile":  # how to ask for support
            host = (config.extra or {}).get("host") or {}
            context["pc"]["support"] = support_panel(
                record, self.route, context["pc"]["t"], context["pc"]["vocab"],
                page.canonical_url or page.abs_url or "", str(host.get("organization") or ""))
        if record is not None and record.kind != "profile":
            page.meta.setdefault("template", TEMPLATES[record.kind])
        if self._kept_page(page):
            self.kept.context(context, page, nav, shown_key(self.kept, config, coll, record,
                                                                 page.file.src_uri))
        return context

    @event_priority(100)  # first: keep the theme's HTML before other plugins change it
    def on_post_page(self, output: str, page: Page, config: MkDocsConfig):
        if self._kept_page(page):
            self.kept.post_page(output, page)
        return output

    def on_build_error(self, *, error: Exception) -> None:
        if self.kept is not None:
            self.kept.abort()

    def _kept_page(self, page: Page) -> bool:
        """Pages serve may reuse: profiles, the generated index pages and the listing."""
        return self.kept is not None and page.file.src_uri in self.kept_pages

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files):
        record = self.records.get(page.file.src_uri)
        if record is not None and record.kind in TEMPLATES:
            # The template is chosen from meta after rendering; set it for files in docs_dir.
            page.meta["template"] = TEMPLATES[record.kind]
            head = pages.head_meta(record)
            page.meta.update(head)
            page.title = head["title"]
            # Our `status` (published/archived) is not Material's page-status badge,
            # which it would otherwise show as an unknown-status icon in the nav.
            page.meta.pop("status", None)
        if self._kept_page(page):
            self.kept.choose_template(page, page.meta.get("template") or "main.html")
        return markdown

    @event_priority(100)  # first, so other plugins and the search index only see clean HTML
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files):
        record = self.records.get(page.file.src_uri)
        if self._kept_page(page):
            if self.kept.is_reused_body(page):
                return None  # the kept body: sanitized when it was rendered
            html = self._sanitized(html, page) if record is not None else html
            self.kept.body_done(page, html)
            return html
        return self._sanitized(html, page) if record is not None else None

    def _sanitized(self, html: str, page: Page) -> str:
        # Bodies of contributed records: raw HTML and Markdown links pass an allowlist
        # (core/rules/sanitize.py); the table of contents is shown unescaped by the theme.
        for item in toc_items(page.toc):
            item.title = text_only(item.title)
            item.id = ID_PREFIX + item.id  # as the sanitiser prefixes the heading's own id
        prefix_anchors(page)
        return sanitize_html(html)
