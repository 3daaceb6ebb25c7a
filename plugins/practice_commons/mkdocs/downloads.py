"""``practice-commons/downloads``: Word, Markdown and CSV files of every toolkit template,
a toolkit bundle, and the "fill it in here" form on each template page.

The files are made by ``core.downloads`` and added with ``File.generated`` (never
written into docs_dir), next to each template's page: ``templates/<slug>/<slug>.docx``.
Unchanged templates come from a disk cache (``cache_dir``).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ..core import downloads as dl
from ..core.content.model import Template
from ..core.downloads.form import fill_json, human_size, rating_sections
from ..core.hosting import host_settings
from . import shared

CSS = "practice-commons/assets/fill-in/fill-in.css"


class DownloadsConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off: no downloads, no fill-in form."""
    cache_dir = c.Optional(c.Type(str))
    """Where generated files are kept between builds (relative to mkdocs.yml); "" turns the
    cache off. By default it lives in the user's cache folder, outside the checkout: the
    build trusts cached files, and a pull request must not be able to plant one."""
    bundle = c.Type(str, default="templates/toolkit.zip")
    """Site path of the toolkit bundle (every template in every format); "" for none."""
    fill_in = c.Type(bool, default=True)
    """Show the "fill it in here" form on template pages."""
    paper = c.Choice(tuple(dl.PAPERS), default="letter")
    """Paper size of the Word files: "letter" (US Letter, 8.5 × 11 in) or "a4" (210 × 297 mm)."""


class DownloadsPlugin(BasePlugin[DownloadsConfig]):
    def __init__(self) -> None:
        self.files: dict[str, list[tuple[dl.Download, File]]] = {}
        self.bundle_file: File | None = None
        self.cache: dl.DownloadCache | None = None
        self.meta: dl.Meta | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        if "practice-commons/profiles" not in config.plugins:
            raise PluginError("practice-commons/downloads needs the practice-commons/profiles "
                              "plugin: list it first under 'plugins:' in mkdocs.yml")
        if self.config.fill_in and CSS not in config.extra_css:
            config.extra_css.append(CSS)
        return config

    @event_priority(-50)  # after the profiles plugin has dropped drafts
    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        cache_dir = self.config.cache_dir
        root = shared.repo_root(config)
        if cache_dir is None:
            self.cache = dl.DownloadCache(_user_cache(root))
        else:
            self.cache = dl.DownloadCache(root / cache_dir if cache_dir else None)
        coll = shared.collection_for(config)
        self.meta = meta = _meta(config, self.config.paper)
        templates = [t for t in coll.published("template") if isinstance(t, Template)]
        self.files = {}
        made: dict[str, list[dl.Download]] = {}
        for template in templates:
            made[template.slug] = dl.generate_cached(template, meta, self.cache)
            self.files[template.slug] = [
                (d, self._add(files, config, f"templates/{template.slug}/{d.name}", d.data))
                for d in made[template.slug]]
        self.bundle_file = None
        if self.config.bundle and templates:
            folder = Path(self.config.bundle).stem
            data = dl.bundle(templates, made, meta, folder)
            self.bundle_file = self._add(files, config, self.config.bundle, data)
        shared.log.debug("downloads: %d template(s), %d from the cache, %d generated",
                         len(templates), self.cache.hits, self.cache.misses)
        return files

    def _add(self, files: Files, config: MkDocsConfig, src: str, data: bytes) -> File:
        existing = files.get_file_from_path(src)
        if existing is not None:
            shared.log.warning(f"{existing.src_uri} in docs_dir has the name of a generated "
                               "download and is replaced by it: rename or remove it")
            files.remove(existing)
        if src.endswith(".md"):
            # A generated .md would become a page; give it another source name and keep
            # the file name visitors download.
            f = File.generated(config, src + ".download", content=data)
            f.dest_uri = src
        else:
            f = File.generated(config, src, content=data)
        f.inclusion = InclusionLevel.NOT_IN_NAV
        files.append(f)
        return f

    @event_priority(-50)  # after the profiles plugin has set context["pc"]
    def on_page_context(self, context: dict[str, Any], page: Page, config: MkDocsConfig,
                        nav) -> dict[str, Any] | None:
        if not self.config.enabled:
            return None
        pc = context.get("pc")
        record = pc.get("record") if pc else None
        if not isinstance(record, Template) or record.slug not in self.files or self.meta is None:
            return None
        strings = pc["t"]
        pc["downloads"] = [
            {"url": get_relative_url(f.url, page.url), "name": d.name, "format": d.format,
             "label": d.label, "size": human_size(len(d.data), strings)}
            for d, f in self.files[record.slug]]
        if self.bundle_file is not None:
            pc["bundle"] = {"url": get_relative_url(self.bundle_file.url, page.url),
                            "size": human_size(len(self.bundle_file.content_bytes), strings)}
        if self.config.fill_in:
            parts = dl.sheet(record.sections)
            pc["fill"] = {"parts": parts, "ratings": rating_sections(parts),
                          "json": fill_json(record, parts, self.meta),
                          "script": get_relative_url("practice-commons/assets/fill-in/fill-in.js",
                                                     page.url)}
        return context


def host_name(config: MkDocsConfig) -> str:
    """The name the Word files' footer and properties give the host site: the host
    settings' display name, as every other place that names the site (the cache key
    includes it, so a rename makes every file again)."""
    return host_settings.display_name(config.site_name)


def _meta(config: MkDocsConfig, paper: str) -> dl.Meta:
    vocab = shared.vocab()
    labels = {name: {str(k): v for k, v in vocab.labels(name).items()}
              for name in ("stages", "levels", "dimensions")}
    site_url = config.site_url or ""
    if site_url and not site_url.endswith("/"):
        site_url += "/"
    return dl.Meta(site_name=host_name(config), strings=shared.ui_strings(config), labels=labels,
                   language=str(config.theme.get("language") or "en"), site_url=site_url,
                   copyright=config.copyright or "", paper=paper)


def _user_cache(root: Path) -> Path:
    """A cache folder for this checkout under $XDG_CACHE_HOME (~/.cache), not inside it."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    tag = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]
    return base / "practice-commons" / tag / "downloads"
