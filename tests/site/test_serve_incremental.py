"""``mkdocs serve`` renders again only the profile pages an edit changed (issue 16).

Rebuilds as serve runs them, in this process: one plugin collection for the whole
session (``on_startup(command="serve")``) and a fresh configuration per build. Every
rebuild's pages must equal those of a full build of the same files, whatever was
reused; index pages come from the whole collection; and errors and warnings show at
every rebuild, reused or not.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError
from practice_commons.mkdocs.engine import root_logger

from tests.conftest import BASE_CONFIG, VALID_PROFILE, build, write_files

SERVE_URL = "http://127.0.0.1:8000/commons/"
NAMES = ["family-literacy-nights", "reading-buddies", "math-circles"]
# A link to a page that does not exist: MkDocs warns while rendering the body.
LINKED = "\n\nSee [the guide](../../missing-guide.md).\n"


def _profile(title: str, extra: str = "") -> str:
    return VALID_PROFILE.replace("title: Family Literacy Nights", f"title: {title}") + extra


class Session:
    """A serve session: the same plugin instances for every rebuild, as serve keeps them."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.site = Path(tempfile.mkdtemp(prefix="pc-serve-"))
        self.config().plugins.on_startup(command="serve", dirty=False)
        self.log: list[logging.LogRecord] = []

    def config(self):
        cfg = load_config(str(self.root / "mkdocs.yml"), site_dir=str(self.site))
        cfg.site_url = SERVE_URL
        return cfg

    def rebuild(self) -> dict[str, bytes]:
        class Keep(logging.Handler):
            def emit(inner, record):  # noqa: N805
                self.log.append(record)

        self.log = []
        handler = Keep(logging.WARNING)
        root_logger().addHandler(handler)
        try:
            cfg = self.config()
            self.plugin = cfg.plugins["practice-commons/profiles"]
            mkdocs_build(cfg, serve_url=SERVE_URL)
        finally:
            root_logger().removeHandler(handler)
        return pages(self.site)

    def close(self) -> None:
        self.config().plugins.on_shutdown()


def pages(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.html")}


def full_build(root: Path) -> dict[str, bytes]:
    """What a fresh build (no serve session) of the same files writes, at serve's address."""
    site = Path(tempfile.mkdtemp(prefix="pc-full-"))
    cfg = load_config(str(root / "mkdocs.yml"), site_dir=str(site))
    cfg.site_url = SERVE_URL
    mkdocs_build(cfg, serve_url=SERVE_URL)
    return pages(site)


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    root = tmp_path_factory.mktemp("incremental")
    files = {"content/index.md": "# Home\n"}
    for name in NAMES:
        title = name.replace("-", " ").title()
        files[f"profiles/{name}.md"] = _profile(title, LINKED if name == NAMES[2] else "")
    write_files(root, files)
    cfg = {**BASE_CONFIG, "plugins": ["practice-commons/profiles", "practice-commons/indexes"],
           "validation": {"links": {"not_found": "warn"}}}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(cfg, sort_keys=False), encoding="utf-8")
    s = Session(root)
    s.first = s.rebuild()
    yield s
    s.close()


def _edit(session: Session, name: str, text: str) -> None:
    (session.root / "profiles" / f"{name}.md").write_text(text, encoding="utf-8")


def test_an_unchanged_rebuild_reuses_every_profile_page_and_writes_the_same_site(session):
    again = session.rebuild()
    kept = session.plugin.kept
    # The profile pages, the listing and the index pages, none rendered again.
    assert kept.rendered == 0 and kept.kept > len(NAMES) + 1
    assert again == session.first
    assert again == full_build(session.root)


def test_a_body_edit_renders_that_page_again_and_the_others_stay_the_same(session):
    name = NAMES[0]
    _edit(session, name, _profile("Family Literacy Nights", "\nNew sentence xyzzy-body.\n"))
    out = session.rebuild()
    assert "xyzzy-body" in out[f"profiles/{name}/index.html"].decode()
    assert session.plugin.kept.kept > 0  # the index pages: no listed field changed
    # The other bodies are reused; their pages show this profile as related content,
    # so they are rendered again (only what a page shows decides).
    reused = {src for src in session.plugin.kept.reused_bodies if src.startswith("profiles/")}
    assert reused == {f"profiles/{n}.md" for n in NAMES[1:]} | {"profiles/index.md"}
    assert out == full_build(session.root)


def test_a_title_edit_reaches_the_listing_and_the_pages_that_show_it(session):
    name = NAMES[1]
    _edit(session, name, _profile("Reading Buddies Renamed Qwerty"))
    out = session.rebuild()
    assert "Reading Buddies Renamed Qwerty" in out["profiles/index.html"].decode()
    # Index pages come from the whole collection: every one that lists it shows the title.
    assert "Reading Buddies Renamed Qwerty" in out["browse/index.html"].decode()
    # Related content on the other profiles names it: those pages were rendered again.
    assert "Reading Buddies Renamed Qwerty" in out[f"profiles/{NAMES[0]}/index.html"].decode()
    assert out == full_build(session.root)


def test_a_reused_body_logs_its_warnings_again(session):
    def missing_link(log):
        return [r for r in log if "missing-guide.md" in r.getMessage()]

    session.rebuild()
    assert session.plugin.kept.reused_bodies, "nothing was reused"
    assert f"profiles/{NAMES[2]}.md" in session.plugin.kept.reused_bodies
    assert missing_link(session.log), "the reused page's warning was not logged again"


def test_a_broken_edit_stops_the_rebuild_with_its_message_and_a_fix_recovers(session):
    name = NAMES[0]
    good = (session.root / "profiles" / f"{name}.md").read_text(encoding="utf-8")
    _edit(session, name, good.replace("sector: charter", "sector: pirate"))
    with pytest.raises((PluginError, Abort)):
        session.rebuild()
    assert any("unknown sector 'pirate'" in r.getMessage() for r in session.log)
    _edit(session, name, good)
    out = session.rebuild()
    assert out == full_build(session.root)


def test_a_plain_build_keeps_nothing(tmp_path):
    write_files(tmp_path, {"content/index.md": "# Home\n",
                           f"profiles/{NAMES[0]}.md": _profile("Family Literacy Nights")})
    cfg = {**BASE_CONFIG, "plugins": [{"practice-commons/profiles": {"require_complete": True}}]}
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(cfg, sort_keys=False), encoding="utf-8")
    built = build(tmp_path)
    html = built.text(f"profiles/{NAMES[0]}/")
    assert "Family Literacy Nights" in html
    assert built.exists(f"profiles/{NAMES[0]}/")
