"""``practice-commons/safe-build``: atomic, reproducible, bounded builds.

- Atomic: the site is built in a folder beside ``site_dir`` and swapped in only
  when the build succeeded, strict mode included (core/outputs/atomic.py); a failed
  build leaves the previous site as it was. ``mkdocs serve`` builds into its own
  temporary folder and is left alone.
- Reproducible: a page's date in ``sitemap.xml`` (and the gzip header of
  ``sitemap.xml.gz``) is its record's ``last_reviewed`` or ``submitted`` date,
  and the newest such date for other pages, instead of the day of the build.
- Bounded: one page's Markdown may take at most ``render_seconds`` to render
  (Python-Markdown needs minutes for some ten-kilobyte inputs, such as
  thousands of nested brackets), and no file may be written outside
  ``site_dir`` or over another page.
- No links: symbolic links in the theme's ``custom_dir`` stop the build (the
  content folders are checked by the loader, so ``commons validate`` sees them).
"""

from __future__ import annotations

import errno
import logging
import os
import signal
import threading
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from ..core.outputs import atomic, pages
from . import engine, shared

log = get_plugin_logger("practice_commons.safe_build")


class SafeBuildConfig(base.Config):
    enabled = c.Type(bool, default=True)
    atomic = c.Type(bool, default=True)
    """Build beside ``site_dir`` and replace it only when the build succeeded."""
    render_seconds = c.Type((int, float), default=10)
    """The longest one page may take from Markdown to finished HTML; 0 means no limit.

    A normal profile takes a twentieth of a second; `commons validate` refuses the
    shapes known to be slow (core/rules/bodycheck.py), this stops the ones it does not know."""


_PLAIN_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM}


class RenderTimeout(PluginError):
    pass


class SafeBuildPlugin(BasePlugin[SafeBuildConfig]):
    def __init__(self) -> None:
        self.command: str | None = None
        self.dirty = False
        self.target: Path | None = None  # the real site_dir
        self.configured_site_dir = ""
        self.staged: Path | None = None
        self.counter: CountHandler | None = None
        self.dates: dict[str, str] = {}
        self.newest = ""
        self.sources: dict[str, str] = {}
        self.rendering: Page | None = None
        self._previous_alarm = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command, self.dirty = command, dirty

    def on_shutdown(self) -> None:
        # MkDocs reuses this instance for every later build in the process (see on_startup).
        self.command, self.dirty = None, False

    @event_priority(100)  # first: no other plugin may see, or write to, the real site_dir
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        if config.theme.custom_dir:
            _refuse_links(Path(config.theme.custom_dir), shared.repo_root(config))
        if config.strict:
            # MkDocs counts warnings for strict mode itself, but only acts on the count
            # after on_post_build, when the site would already be swapped in.
            self.counter = CountHandler()
            self.counter.setLevel(logging.WARNING)
            engine.root_logger().addHandler(self.counter)
        if self.config.atomic and self.command != "serve":
            self.configured_site_dir = config.site_dir
            self.target = Path(os.path.realpath(config.site_dir))
            try:
                self.staged = atomic.staging_dir(self.target, keep_existing=self.dirty)
            except atomic.PublishError as exc:
                raise PluginError(str(exc)) from None
            config.site_dir = str(self.staged)
        return config

    @event_priority(-100)  # last: every plugin has added its files
    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        _check_destinations(files, Path(config.site_dir))
        profiles = config.plugins.get("practice-commons/profiles")
        profiles_dir = getattr(getattr(profiles, "config", None), "profiles_dir", "profiles")
        self.dates, self.sources = {}, {}
        for record in shared.collection_for(config, profiles_dir).all():
            day = getattr(record, "last_reviewed", None) or getattr(record, "submitted", None)
            src = pages.source_uri(record)
            self.sources[src] = record.path
            if day:
                self.dates[src] = day.isoformat()
        self.newest = max(self.dates.values(), default="")
        return files

    @event_priority(-100)  # last before Markdown is rendered, so the clock times only that
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files):
        if not self.config.enabled:
            return
        date = self.dates.get(page.file.src_uri) or self.newest
        if date:
            page.update_date = date  # what sitemap.xml shows, instead of the build's date
        self._start_clock(page)

    # Last: the clock covers Markdown and every plugin's work on the page's HTML (the
    # sanitiser's included), the per-file work an untrusted body can make expensive.
    @event_priority(-10_000)
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files):
        self._stop_clock()

    @event_priority(-10_000)  # after every other plugin has written its files
    def on_post_build(self, config: MkDocsConfig) -> None:
        counted = self.counter.get_counts() if self.counter else []
        self._detach_counter()
        if self.staged is None or self.target is None:
            return
        staged, self.staged = self.staged, None
        if counted:
            # Strict mode aborts right after this event: keep the previous site.
            atomic.discard(staged)
            log.info("strict mode: warnings were logged, so the previous site was kept")
        else:
            config.site_dir = self.configured_site_dir
            try:
                atomic.publish(staged, self.target)
            except atomic.PublishError as exc:
                raise PluginError(str(exc)) from None  # said plainly, not as a traceback
        config.site_dir = self.configured_site_dir

    @event_priority(-100)  # last: it may raise, and every other plugin should clean up first
    def on_build_error(self, *, error: Exception) -> None:
        page, self.rendering = self.rendering, None
        self._stop_clock()
        self._detach_counter()
        if page is not None and isinstance(error, RecursionError):
            log.error(f"{self.sources.get(page.file.src_uri, page.file.src_uri)}: its Markdown "
                      "is nested too deeply to render (lists, quotes or emphasis inside one "
                      "another); flatten it")
        kept = self.staged is not None
        if self.staged is not None:
            atomic.discard(self.staged)
            self.staged = None
            log.info("the build failed, so the previous site was left as it was")
        if isinstance(error, OSError) and error.errno in _PLAIN_ERRORS:
            # A full disk or a read-only folder is the machine's problem, not the content's:
            # say so in a sentence (MkDocs would print a traceback) and what the site is now.
            outcome = ("The previous site is unchanged" if kept
                       else "The site folder may be incomplete")
            raise PluginError(f"could not write the site: {atomic.why(error)}. {outcome}") \
                from None

    # -- the render clock ---------------------------------------------------------

    def _start_clock(self, page: Page) -> None:
        self.rendering = page
        seconds = self.config.render_seconds
        if not seconds or not hasattr(signal, "setitimer"):
            return
        if threading.current_thread() is not threading.main_thread():
            return  # signals reach only the main thread (mkdocs serve rebuilds elsewhere)
        source = self.sources.get(page.file.src_uri, page.file.src_uri)

        def timeout(signum, frame):
            raise RenderTimeout(
                f"{source}: rendering its Markdown took more than {seconds:g} s, so the build "
                "stopped. Deeply nested lists, quotes or thousands of brackets do this; "
                "simplify the text (or raise render_seconds of practice-commons/safe-build)")

        self._previous_alarm = signal.signal(signal.SIGALRM, timeout)
        signal.setitimer(signal.ITIMER_REAL, seconds)

    def _stop_clock(self) -> None:
        self.rendering = None
        if self._previous_alarm is not None:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._previous_alarm)
            self._previous_alarm = None

    def _detach_counter(self) -> None:
        if self.counter is not None:
            engine.root_logger().removeHandler(self.counter)
            self.counter = None


def _refuse_links(folder: Path, root: Path) -> None:
    """Stop the build if ``folder`` holds a symbolic link: the theme would copy its target."""
    links = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        for name in dirnames + filenames:
            if os.path.islink(os.path.join(dirpath, name)):
                links.append(Path(dirpath, name))
    if links:
        shown = ", ".join(_relative(p, root) for p in sorted(links))
        raise PluginError(f"symbolic links are not allowed in the theme folder: {shown}. "
                          "Replace each with the file it points to.")


def _check_destinations(files: Files, site_dir: Path) -> None:
    """Refuse a file that would be written outside site_dir, or two pages with one address."""
    root = os.path.normpath(site_dir)
    pages_at: dict[str, str] = {}
    for f in files:
        dest = os.path.normpath(os.path.join(root, f.dest_uri))
        if dest != root and not dest.startswith(root + os.sep):
            raise PluginError(f"{f.src_uri} would be written outside the site folder "
                              f"(to {f.dest_uri}); refusing to build")
        if f.is_documentation_page():
            other = pages_at.setdefault(dest, f.src_uri)
            if other != f.src_uri:
                raise PluginError(f"{f.src_uri} and {other} would both be published at "
                                  f"/{f.url}; rename one of them")


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
