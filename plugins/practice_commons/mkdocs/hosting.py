"""``practice-commons/hosting``: what a state or association needs to publish the site as its own.

- checks the host's settings under ``extra.host`` (contact, footer, colors …) and
  turns brand colors into a stylesheet whose text shades meet WCAG AA;
- puts the host's brand in place (see ``brand.py``): the home page's heading and intro,
  the logo, favicon and share image, from mkdocs.yml alone;
- ``states:`` publishes only the profiles of those states (applied to the shared
  collection, so every other plugin sees the same set);
- marks profiles whose last review is older than ``stale_after_days``, judged
  against a reproducible build date;
- gives every page what ``overrides/main.html`` needs for sharing (Open Graph);
- an empty ``site_url`` is taken from ``PC_SITE_URL`` (the Pages workflow sets it from
  the repository's Pages address), else the build warns with what breaks and the fix.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..core.hosting import colors, freshness, host_settings
from ..core.hosting.i18n import strings
from ..core.hosting.states import state_problems
from ..core.rules.schema import vocabulary
from . import brand, shared, support

BRAND_CSS = "practice-commons/assets/theme/brand.css"
# Pages a lost visitor is offered on the 404 page, when the site has them.
NOT_FOUND_LINKS = [("index.md", "home"), ("browse/index.md", "browse"),
                   ("profiles/index.md", "profiles"), ("case-studies/index.md", "case_studies"),
                   ("templates/index.md", "templates")]


class StateCodes(c.ListOfItems):
    """A list of state codes from the vocabulary; a wrong code gets the nearest ones."""

    def __init__(self) -> None:
        super().__init__(c.Type(str), default=[])

    def run_validation(self, value: object) -> list[str]:
        codes = super().run_validation(value)
        problems = state_problems(codes, vocabulary())
        if problems:
            raise c.ValidationError("; ".join(problems))
        return codes


class HostingConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off."""
    states = StateCodes()
    """Publish only profiles whose school is in these states (codes such as MA, DC); empty: all."""
    stale_after_days = c.Type(int, default=freshness.DEFAULT_STALE_AFTER_DAYS)
    """A profile last reviewed longer ago than this shows "may be out of date"; 0 turns it off."""
    today = c.Optional(c.Type((str, dt.date)))
    """The date freshness is judged against (YYYY-MM-DD). Unset: SOURCE_DATE_EPOCH, else today."""
    translations_dir = c.Optional(c.Type(str))
    """A folder in docs_dir of translated pages at the same paths (e.g. ``es``): in this build
    each replaces the page it translates. Set it in the language's own config file."""


class HostingPlugin(BasePlugin[HostingConfig]):
    def __init__(self) -> None:
        self.today = dt.date.min
        self.host: dict[str, Any] = {}
        self.not_found: list[tuple[str, str]] = []
        self.host_files: list[Any] = []

    def on_startup(self, *, command: str, dirty: bool) -> None:
        support.note_command(command)  # `serve` previews a route its copy cannot use yet

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        problems = host_settings.check(config.extra.get("host"))
        problems += host_settings.check_analytics(config.extra.get("analytics"),
                                                  _analytics_providers(config))
        self.host_files, brand_problems = brand.check(config)
        problems += brand_problems
        if problems:
            raise PluginError("mkdocs.yml has problems in its host settings:\n  "
                              + "\n  ".join(problems))
        self.host = dict(config.extra.get("host") or {})
        _site_url(config)
        try:
            self.today = freshness.build_date(self.config.today)
        except freshness.BuildDateError as exc:
            raise PluginError(f"practice-commons/hosting option 'today': {exc}") from None
        _translate_palette_toggles(config)
        brand.point_theme(config, self.host_files)
        if self._colors() and BRAND_CSS not in config.extra_css:
            config.extra_css.append(BRAND_CSS)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        if self.config.translations_dir:
            _overlay_translations(files, config, self.config.translations_dir)
        brand.publish(files, config, self.host_files)
        palette = self._colors()
        if palette:
            files.append(File.generated(config, BRAND_CSS, content=colors.brand_css(
                palette.get("primary"), palette.get("accent"))))
        t = shared.ui_strings(config)
        self.not_found = []
        for src, key in NOT_FOUND_LINKS:
            f = files.get_file_from_path(src)
            if f is not None:
                self.not_found.append((f.url.removeprefix("./"), t[key]))
        return files

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig,
                         files: Files) -> str | None:
        if not self.config.enabled:
            return None
        return brand.home_markdown(markdown, page, config)

    @event_priority(-50)  # after the profiles plugin has put `pc` in the context
    def on_page_context(self, context: dict[str, Any], page: Page, config: MkDocsConfig,
                        nav: Navigation) -> dict[str, Any] | None:
        if not self.config.enabled:
            return None
        pc = context.setdefault("pc", {"t": shared.ui_strings(config)})
        record = pc.get("record")
        pc["share"] = self._share(page, record, config)
        if record is not None and record.kind == "profile":
            pc["stale"] = self._stale(record, pc["t"])
        return context

    def on_template_context(self, context: dict[str, Any], template_name: str,
                            config: MkDocsConfig) -> dict[str, Any] | None:
        if not self.config.enabled or template_name != "404.html":
            return None
        context["pc"] = {"t": shared.ui_strings(config), "not_found": self.not_found,
                         "share": None}
        return context

    def _colors(self) -> dict[str, str]:
        return (self.host.get("colors") or {}) if self.config.enabled else {}

    def _stale(self, profile: Any, t: dict[str, str]) -> dict[str, Any] | None:
        found = freshness.staleness(profile, self.today, self.config.stale_after_days)
        if found is None:
            return None
        if found.reviewed is None:
            return {"title": t["stale_title"], "text": t["stale_undated"], "date": None}
        return {"title": t["stale_title"], "date": found.reviewed.isoformat(),
                "text": t["stale_notice"].format(date=found.reviewed.isoformat(),
                                                 months=found.months)}

    def _share(self, page: Page, record: Any, config: MkDocsConfig) -> dict[str, Any]:
        """Open Graph values, unescaped (the template escapes them)."""
        meta = page.meta or {}
        name = host_settings.display_name(config.site_name)
        if record is not None:
            title, description = record.title, record.summary
        else:
            title = name if page.is_homepage else (meta.get("title") or page.title or name)
            description = meta.get("description") or ""
        # The same order as the page's <meta name="description"> (Material's), then the
        # tagline for a site without a description.
        description = description or config.site_description or self.host.get("tagline") or ""
        image = brand.share_image(config, self.host_files)
        lang = str(config.theme.get("language") or "en").replace("-", "_")
        return {
            "title": str(title), "description": str(description), "url": page.canonical_url,
            "type": "article" if record is not None else "website", "image": image,
            "locale": lang if "_" in lang else f"{lang}_US", "site_name": name,
        }


SITE_URL_ENV = "PC_SITE_URL"


def _site_url(config: MkDocsConfig) -> None:
    """Fill an empty ``site_url`` from PC_SITE_URL, or say what its absence breaks.

    ``mkdocs serve`` sets site_url to its own address before plugins run, so this only
    speaks for real builds.
    """
    if config.site_url:
        return
    given = os.environ.get(SITE_URL_ENV, "").strip()
    if given:
        if not given.startswith(("https://", "http://")):
            raise PluginError(f"{SITE_URL_ENV}={given!r} is not a web address; give the "
                              "site's full address, e.g. https://my-state.github.io/commons/")
        config.site_url = given if given.endswith("/") else given + "/"
        return
    shared.log.warning(
        "site_url is empty in mkdocs.yml, so sitemap.xml lists no pages, pages have no "
        "canonical link, and the feed, CSV and share images carry relative links that "
        "break outside the site. Set site_url: https://<the site's address>/ in mkdocs.yml "
        f"(or {SITE_URL_ENV}=… for one build; the GitHub Pages workflow sets it for you).")


def _analytics_providers(config: MkDocsConfig) -> set[str]:
    """Providers with a snippet in any theme folder (the host's overrides first)."""
    found = set()
    for folder in config.theme.dirs:
        snippets = Path(folder) / "partials" / "integrations" / "analytics"
        found.update(p.stem for p in snippets.glob("*.html"))
    return found


def _translate_palette_toggles(config: MkDocsConfig) -> None:
    """Say "switch to dark mode" in the site's language, so language is one setting.

    Only toggle names still in English (as shipped in mkdocs.yml) are replaced; a
    host who wrote their own wording keeps it.
    """
    palette = config.theme.get("palette")
    if not isinstance(palette, list):
        return
    english, local = strings("en"), shared.ui_strings(config)
    for option in palette:
        toggle = option.get("toggle") if isinstance(option, dict) else None
        if not isinstance(toggle, dict):
            continue
        for key in ("palette_to_dark", "palette_to_light"):
            if toggle.get("name") == english[key]:
                toggle["name"] = local[key]


def _overlay_translations(files: Files, config: MkDocsConfig, folder: str) -> None:
    """Serve ``<folder>/x.md`` as ``x.md`` in this build, in place of the original.

    Links in a translated page are written as if it sat at the original's path.
    Case studies and templates are records, published in the language they are written
    in; a "translation" of one would replace its page with a plain one, so it is refused.
    """
    prefix = folder.strip("/") + "/"
    layout = shared.layout_for(config)
    for f in [f for f in files.documentation_pages() if f.src_uri.startswith(prefix)]:
        target = f.src_uri[len(prefix):]
        if layout.classify(f"{layout.content_dir}/{target}") in ("case-study", "template"):
            raise PluginError(
                f"{layout.content_dir}/{f.src_uri}: case studies and toolkit templates cannot "
                f"be translated page by page — publish a translated one as its own file in "
                f"{posixpath.dirname(target)}/ with its own slug")
        original = files.get_file_from_path(target)
        if original is not None:
            files.remove(original)
        files.remove(f)
        translated = File.generated(config, target, abs_src_path=f.abs_src_path)
        translated.edit_uri = f.src_uri  # "edit this page" opens the translation itself
        files.append(translated)
