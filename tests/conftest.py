"""Shared fixtures: tiny real sites built in a temp dir, the bundled site, a browser.

``make_site`` writes mkdocs.yml and content under ``tmp_path`` and builds it in
strict mode in this process; any warning fails the build, so a test sees every
unexpected message. ``bundled_site`` builds the repository's own content once per
session. ``page`` gives a Playwright page in Debian's Chromium against a site
served on 127.0.0.1.
"""

from __future__ import annotations

import functools
import http.server
import json
import logging
import os
import shutil
import socketserver
import sys
import tempfile
import textwrap
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from practice_commons.mkdocs.engine import root_logger as engine_logger
from practice_commons.mkdocs.engine import select as select_engine

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
# The engine these tests build with: MkDocs, or ProperDocs with PC_ENGINE=properdocs
# (the PR workflow and .ci/run run the site and browser tests on both).
ENGINE = os.environ.get("PC_ENGINE", "mkdocs")
select_engine(ENGINE)
# The engine's own command, for tests that build in a subprocess as a user would.
ENGINE_CMD = [sys.executable, "-m", ENGINE]
# Material's end-of-life notice and ProperDocs' notice are shown to people who build
# (scripts/dev.py, the workflows); here they would only bury the test output.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")
# The bundled mkdocs.yml leaves site_url to the Pages workflow (PC_SITE_URL), and its
# support route is the repository's issue form, whose repository GitHub Actions names
# (GITHUB_REPOSITORY): set both as a deploy would, the same here and in CI. A root
# address, so absolute links (the 404 page's) also work on the local test server.
os.environ["PC_SITE_URL"] = "https://example.org/"
os.environ["GITHUB_REPOSITORY"] = "example/practice-commons"
# Keep the downloads cache (which lives in the user's cache folder) out of the real one.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="pc-test-cache-")


@dataclass
class BuiltSite:
    """A built site: its folder, and helpers that parse what a visitor would get."""

    root: Path
    site: Path
    log: list[logging.LogRecord] = field(default_factory=list)

    def file(self, rel: str) -> Path:
        path = self.site / rel
        if path.is_dir() or rel.endswith("/"):
            path = path / "index.html"
        return path

    def exists(self, rel: str) -> bool:
        return self.file(rel).exists()

    def html(self, rel: str) -> BeautifulSoup:
        return BeautifulSoup(self.file(rel).read_text(encoding="utf-8"), "html.parser")

    def text(self, rel: str) -> str:
        return self.file(rel).read_text(encoding="utf-8")

    def json(self, rel: str) -> Any:
        return json.loads(self.file(rel).read_text(encoding="utf-8"))

    def article(self, rel: str) -> BeautifulSoup:
        """The page's main content (Material's article), without the theme's chrome."""
        found = self.html(rel).select_one("article.md-content__inner")
        assert found is not None, f"no article in {rel}"
        return found


BASE_CONFIG: dict[str, Any] = {
    "site_name": "Test Commons",
    "site_url": "https://example.org/commons/",
    "docs_dir": "content",
    "exclude_docs": "!/templates/\n",
    "theme": {"name": "material", "language": "en"},
    "plugins": ["practice-commons/profiles"],
    "markdown_extensions": ["admonition", "attr_list", "tables", {"toc": {"permalink": True}}],
}


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def write_files(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")


def build(root: Path, *, strict: bool = True) -> BuiltSite:
    """Build the site whose mkdocs.yml is in ``root``; raise on failure (strict)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    capture = _Capture()
    logger = engine_logger()  # "mkdocs", or "properdocs" under that engine
    logger.addHandler(capture)
    try:
        config = load_config(str(root / "mkdocs.yml"), strict=strict)
        mkdocs_build(config)
    finally:
        logger.removeHandler(capture)
    return BuiltSite(root=root, site=Path(config.site_dir), log=capture.records)


def completeness_off(plugin: Any) -> Any:
    """The profiles plugin with ``require_complete: false`` unless the test set it.

    Most fixtures' profiles have a body of a line or two, since they test something
    else; the rule that a published profile has every section written is on by default
    for real sites and has tests of its own (tests/core/test_completeness.py and those
    that pass ``require_complete: true``).
    """
    name = "practice-commons/profiles"
    if plugin == name:
        return {name: {"require_complete": False}}
    if isinstance(plugin, dict) and name in plugin:
        return {name: {"require_complete": False, **(plugin[name] or {})}}
    return plugin


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[..., BuiltSite]:
    """``make_site(files, config=None, strict=True)`` → BuiltSite.

    ``files`` maps repository-relative paths (``profiles/x.md``, ``content/index.md``)
    to text. ``config`` is merged over a minimal mkdocs.yml (see ``completeness_off``).
    """

    def _make(files: dict[str, str | bytes], config: dict[str, Any] | None = None,
              strict: bool = True) -> BuiltSite:
        files = {"content/index.md": "# Home\n", **files}
        write_files(tmp_path, files)
        cfg = {**BASE_CONFIG, **(config or {})}
        cfg["plugins"] = [completeness_off(p) for p in cfg.get("plugins", [])]
        (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(cfg, sort_keys=False), encoding="utf-8")
        return build(tmp_path, strict=strict)

    return _make


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The repository's own content and mkdocs.yml, built once per session."""
    root = tmp_path_factory.mktemp("bundled")
    for name in ("content", "profiles", "overrides"):
        if (REPO / name).exists():
            shutil.copytree(REPO / name, root / name, symlinks=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return build(root, strict=True)


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """Every inert fixture of tests/fixtures/hostile/ in one site built with the
    repository's mkdocs.yml (its plugins, theme and Markdown extensions), once per session."""
    from tests.hostile_corpus import fixtures, write_site

    root = tmp_path_factory.mktemp("hostile")
    write_site(root, REPO, fixtures("inert"))
    return build(root, strict=True)


# A sample profile that validates; tests copy and break it.
VALID_PROFILE = """\
---
title: Family Literacy Nights
summary: Monthly evenings where families and teachers practise reading strategies together, shared with two district schools.
school:
  name: Riverside Charter School
  sector: charter
  state: MA
  city: Lowell
  grades: K-5
  website: https://riverside.example.org
topics: [literacy, family-engagement]
grade_bands: [k-2, 3-5]
approaches: [site-visit, coaching]
resources:
  - level: 1
    title: Two-minute overview video
    format: video
    url: https://video.example.org/literacy-nights
  - level: 3
    title: Planning toolkit
    format: toolkit
  - level: 4
    title: Coaching for a partner school's first three evenings
    format: coaching
evidence:
  essa_tier: 4
  summary: Attendance at the evenings grew each year.
  outcomes:
    - metric: Families attending at least one evening
      before: 40
      after: 120
      year: 2023-24
contact:
  role: Family engagement coordinator
  email: families@riverside.example.org
status: published
submitted: 2024-09-01
last_reviewed: 2025-02-01
---

## The practice

Families and teachers read together once a month.

## Evidence of success

More families come each year.

## How to adopt it

Plan one evening with a partner school first.

## Lessons learned

Serve dinner: turnout doubles.
"""


def serve_dir(directory: Path) -> tuple[socketserver.TCPServer, str]:
    handler = functools.partial(_QuietHandler, directory=str(directory))
    # Threaded: Chromium opens speculative connections that a one-at-a-time server
    # would block on, stalling every other request of the page for seconds.
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="session")
def bundled_url(bundled_site: BuiltSite) -> Iterator[str]:
    """The bundled site served on 127.0.0.1 (random port)."""
    server, url = serve_dir(bundled_site.site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's headless Chromium through Playwright; skipped only outside CI."""
    required = os.environ.get("PC_REQUIRE_BROWSER") == "1"
    if not Path(CHROMIUM).exists():
        if required:
            pytest.fail(f"{CHROMIUM} is missing; CI installs Debian's chromium package")
        pytest.skip(f"browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if required:
            raise
        pytest.skip("playwright is not installed")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh browser page (its own context: no shared storage between tests)."""
    context = browser.new_context()
    pg = context.new_page()
    yield pg
    context.close()
