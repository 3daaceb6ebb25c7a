"""The host's brand in a MkDocs build: name, home heading and intro, logo, favicon.

Used by ``practice-commons/hosting``. What the settings mean and how they are checked
is in ``core/hosting/host_settings.py`` and ``core/hosting/host_files.py``; here they meet the theme.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ..core.hosting import host_files, host_settings
from . import shared


def check(config: MkDocsConfig) -> tuple[list[host_files.HostFile], list[str]]:
    """The host's image files, and every problem with the name and the brand settings."""
    host = config.extra.get("host")
    problems = []
    try:
        host_settings.display_name(config.site_name)
    except host_settings.SiteNameError as exc:
        problems.append(str(exc))
    found, file_problems = host_files.locate(host, Path(config.config_file_path).parent,
                                             Path(config.docs_dir))
    return found, problems + file_problems


def point_theme(config: MkDocsConfig, found: list[host_files.HostFile]) -> None:
    """Make the theme show the host's logo and favicon (published by :func:`publish`)."""
    for f in found:
        if f.key in ("logo", "favicon"):
            config.theme[f.key] = f.dest


def publish(files: Files, config: MkDocsConfig, found: list[host_files.HostFile]) -> None:
    """Add the host's image files to the site at their fixed addresses."""
    for f in (f for f in found if not f.in_docs):
        existing = files.get_file_from_path(f.dest)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, f.dest, abs_src_path=str(f.source)))


def share_image(config: MkDocsConfig, found: list[host_files.HostFile]) -> str:
    """The share image's absolute address ("" without one, or without ``site_url``,
    since link previews ignore relative addresses)."""
    value = str((config.extra.get("host") or {}).get("share_image") or "").strip()
    if value.startswith(("http://", "https://")):
        return value
    dest = next((f.dest for f in found if f.key == "share_image"), "")
    if not dest or not config.site_url:
        return ""
    return config.site_url.rstrip("/") + "/" + dest


def home_markdown(markdown: str, page: Page, config: MkDocsConfig) -> str:
    """The home page's Markdown with the host's heading and intro in front of it.

    A home page that keeps a heading of its own wins; if the host also set a heading or
    an intro, that is said (a strict build stops), since they would not be shown.
    """
    if page.file.src_uri != "index.md":
        return markdown
    host = config.extra.get("host") or {}
    if host_settings.own_heading(markdown):
        unused = [k for k in ("heading", "intro") if host.get(k)]
        if unused:
            shared.log.warning(
                f"{_source(page, config)}: has a heading of its own, "
                f"so extra.host.{' and extra.host.'.join(unused)} in mkdocs.yml "
                f"{'is' if len(unused) == 1 else 'are'} not shown — remove the '# …' heading "
                f"(and the text that repeats the intro) from that page")
        return markdown
    return host_settings.home_markdown(markdown, config.site_name, host)


def _source(page: Page, config: MkDocsConfig) -> str:
    """The page's file as the host knows it (e.g. ``content/index.md``)."""
    top = Path(config.config_file_path).parent.resolve()
    path = Path(page.file.abs_src_path or Path(config.docs_dir) / page.file.src_uri).resolve()
    return path.relative_to(top).as_posix() if path.is_relative_to(top) else path.as_posix()
