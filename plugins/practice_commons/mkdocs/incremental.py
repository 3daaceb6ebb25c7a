"""``mkdocs serve``: after an edit, render again only the profile pages it changed.

MkDocs reads and renders every page at every rebuild (``--dirty`` skips only files
older than their output, and a generated page is always new), so one saved profile
cost a full build. The plugin instance lives across serve's rebuilds, and keeps here,
for each profile page, two results with the fingerprint of everything they were
made from:

- the body: its HTML, table of contents and anchors, from the page's Markdown
  source, the site's configuration and the list of files (links resolve against it),
  with the warnings its rendering logged, which are logged again when it is reused;
- the page: the theme's HTML before ``on_post_page``, from the body, the record's
  source, those of the records it shows (related content, case studies and templates
  that name it), the navigation's titles and addresses, and the theme's files.

A page whose fingerprint is unchanged is written from the kept HTML through a
one-line template; every other page (index pages, the listing, content pages and
any profile an edit touched) is rendered as in a full build, from the whole
collection. Nothing here runs outside ``serve``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import sys
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..core.content.filecache import code_version
from ..core.content.model import Record
from . import engine

WRAPPER = "practice_commons/.kept-page.html"
_WRAPPER_SOURCE = ("{%- if pc_kept_page is not none %}{{ pc_kept_page }}"
                   "{%- else %}{% include pc_real_template %}{% endif %}")


@dataclass
class _Body:
    key: bytes
    content: str
    toc: Any
    anchors: set[str] | None
    links: dict[Any, Any] | None
    logged: list[logging.LogRecord]


@dataclass
class _Kept:
    key: bytes
    html: str


class _Bytecode(jinja2.BytecodeCache):
    """Compiled templates for the whole session: MkDocs makes a new environment per build,
    which compiled every template again. Jinja checks each entry against its source."""

    def __init__(self) -> None:
        self.kept: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.kept:
            bucket.bytecode_from_string(self.kept[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.kept[bucket.key] = bucket.bytecode_to_string()


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@dataclass
class PageCache:
    """What one serve session keeps between rebuilds."""

    bodies: dict[str, _Body] = field(default_factory=dict)
    pages: dict[str, _Kept] = field(default_factory=dict)
    site: bytes = b""
    files_key: bytes = b""
    nav_key: bytes | None = None
    digests: dict[str, bytes] = field(default_factory=dict)
    templates: dict[str, str] = field(default_factory=dict)
    reused_bodies: set[str] = field(default_factory=set)
    capture: dict[str, _Capture] = field(default_factory=dict)
    pending: dict[str, bytes] = field(default_factory=dict)
    bytecode: _Bytecode = field(default_factory=_Bytecode)
    listing: bytes | None = None
    rendered: int = 0
    kept: int = 0

    # -- once per build -------------------------------------------------------------

    def start(self, config: MkDocsConfig, files: Files, digests: dict[str, bytes]) -> None:
        self.site = _site_key(config)
        h = hashlib.blake2b(self.site, digest_size=20)
        for f in files:
            h.update(f"{f.src_uri}\0{f.dest_uri}\0{f.url}\n".encode())
        self.files_key = h.digest()
        self.digests = digests
        self.nav_key = self.listing = None
        self.reused_bodies = set()
        self.templates, self.pending = {}, {}
        self.rendered = self.kept = 0
        self.abort()

    def abort(self) -> None:
        """Detach the handlers of pages whose rendering never finished (a failed build)."""
        for capture in self.capture.values():
            engine.root_logger().removeHandler(capture)
        self.capture = {}

    def env(self, env: jinja2.Environment) -> jinja2.Environment:
        env.bytecode_cache = self.bytecode
        if not isinstance(env.loader, jinja2.ChoiceLoader) or not any(
                isinstance(x, jinja2.DictLoader) and WRAPPER in x.mapping for x in env.loader.loaders):
            env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({WRAPPER: _WRAPPER_SOURCE}),
                                              env.loader])
        return env

    # -- the body ---------------------------------------------------------------------

    def pre_page(self, page: Page) -> None:
        """Reuse the kept body if its source is unchanged, else capture what rendering logs."""
        src = page.file.src_uri
        key = self._body_key(page)
        kept = self.bodies.get(src)
        if kept is not None and kept.key == key:
            self.reused_bodies.add(src)

            def render(config: MkDocsConfig, files: Files) -> None:
                page.content, page.toc = kept.content, kept.toc
                page.present_anchor_ids = set(kept.anchors) if kept.anchors is not None else None
                page.links_to_anchors = dict(kept.links) if kept.links is not None else None
                for record in kept.logged:
                    logging.getLogger(record.name).handle(record)

            page.render = render  # type: ignore[method-assign]
            return
        capture = self.capture[src] = _Capture()
        engine.root_logger().addHandler(capture)

    def body_done(self, page: Page, content: str) -> None:
        """Keep the body as rendered and sanitized (later plugins run on it at each reuse)."""
        src = page.file.src_uri
        capture = self.capture.pop(src, None)
        if capture is None:
            return
        engine.root_logger().removeHandler(capture)
        self.bodies[src] = _Body(self._body_key(page), content, page.toc,
                                 set(page.present_anchor_ids or ()) if page.present_anchor_ids
                                 is not None else None,
                                 dict(page.links_to_anchors) if page.links_to_anchors
                                 is not None else None, capture.records)

    def is_reused_body(self, page: Page) -> bool:
        return page.file.src_uri in self.reused_bodies

    def _body_key(self, page: Page) -> bytes:
        h = hashlib.blake2b(self.files_key, digest_size=20)
        h.update(page.file.content_bytes)
        return h.digest()

    # -- the page ---------------------------------------------------------------------

    def choose_template(self, page: Page, template: str) -> None:
        self.templates[page.file.src_uri] = template
        page.meta["template"] = WRAPPER

    def context(self, context: dict[str, Any], page: Page, nav: Navigation, shown: bytes) -> None:
        """Put the kept HTML in the context if nothing the page shows has changed.

        ``shown`` fingerprints what the page shows beyond its own source and the site's
        navigation (see :meth:`records_key` and :meth:`listing_key`)."""
        src = page.file.src_uri
        context["pc_real_template"] = self.templates.get(src, "main.html")
        key = self._page_key(page, nav, shown)
        kept = self.pages.get(src)
        reuse = kept is not None and kept.key == key
        context["pc_kept_page"] = kept.html if reuse else None
        if reuse:
            self.kept += 1
        else:
            self.rendered += 1
            self.pending[src] = key

    def post_page(self, output: str, page: Page) -> None:
        """Keep the page as the theme rendered it, before other plugins' ``on_post_page``."""
        key = self.pending.pop(page.file.src_uri, None)
        if key is not None:
            self.pages[page.file.src_uri] = _Kept(key, output)

    def forget(self, known: set[str]) -> None:
        """Drop what belongs to pages that are gone (a deleted or renamed profile)."""
        for store in (self.bodies, self.pages):
            for src in [s for s in store if s not in known]:
                del store[src]

    def records_key(self, records: list[Record]) -> bytes:
        """The sources of ``records``, for a page that shows them (in full or in part)."""
        h = hashlib.blake2b(digest_size=20)
        for record in records:
            h.update(record.path.encode() + b"\0" + self.digests.get(record.path, b"?"))
        return h.digest()

    def listing_key(self, records: list[Record]) -> bytes:
        """Every field but the body of every record: what index pages and listings show.

        A body edit, the usual one, leaves it as it was, so the index pages are kept."""
        if self.listing is None:
            h = hashlib.blake2b(digest_size=20)
            for record in sorted(records, key=lambda r: r.path):
                shown = [(f.name, getattr(record, f.name)) for f in fields(record)
                         if f.name not in ("body", "data", "lines")]
                h.update(repr(shown).encode())
            self.listing = h.digest()
        return self.listing

    def _page_key(self, page: Page, nav: Navigation, shown: bytes) -> bytes:
        if self.nav_key is None:
            # By now every page has been read, so the titles are final.
            h = hashlib.blake2b(digest_size=20)
            for p in nav.pages:
                h.update(f"{p.url}\0{p.title}\n".encode())
            self.nav_key = h.digest()
        h = hashlib.blake2b(self.site, digest_size=20)
        h.update(self.nav_key)
        h.update(self._body_key(page))
        h.update(repr((page.title, sorted(page.meta.items(), key=lambda kv: kv[0]))).encode())
        h.update(shown)
        return h.digest()


def _site_key(config: MkDocsConfig) -> bytes:
    """Everything every page depends on: configuration, engine, our code, theme files."""
    h = hashlib.blake2b(digest_size=20)
    # Today's date: what counts as out of date moves with it (practice-commons/hosting).
    h.update(f"{engine.current()}\0{code_version()}\0{config.site_url}\0{dt.date.today()}\n"
             .encode())
    if config.config_file_path:
        h.update(Path(config.config_file_path).read_bytes())
    prefix = sys.prefix
    for folder in config.theme.dirs:
        if str(Path(folder).resolve()).startswith(prefix):
            h.update(folder.encode())  # an installed theme changes only with its version
            continue
        for dirpath, _dirs, names in os.walk(folder):
            for name in sorted(names):
                st = os.stat(os.path.join(dirpath, name))
                h.update(f"{dirpath}/{name}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.digest()


def shown_key(kept: PageCache, config: MkDocsConfig, coll: Any, record: Record | None,
              src: str) -> bytes:
    """What a kept page shows besides its source: for a profile, the records of its
    related content and cross-references; for an index page, every record's listing."""
    indexes = config.plugins.get("practice-commons/indexes")
    if record is None:
        widget = (getattr(indexes, "widgets", None) or {}).get(src)
        return kept.listing_key(coll.published()) + repr(widget).encode()
    related = (getattr(indexes, "related", None) or {}).get((record.kind, record.slug), ())
    shown = [r.record for r in related]
    for kind in ("case-study", "template", "profile"):
        shown.extend(coll.linked(record, kind))
    scores = repr([(r.score, r.shared) for r in related]).encode()
    return kept.records_key(shown) + scores
