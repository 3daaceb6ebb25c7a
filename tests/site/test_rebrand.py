"""A fork rebranded and scoped to one state by the hosting guide's steps, built once.

The copy gets another name, home heading and intro, colors, a logo, a favicon, a share
image, its own address, ``states: [MA]`` (with the records from other states removed)
and the credit switched off — each done as content/guides/host-your-own.md says — and
then nothing a visitor can open (pages,
exports, the feed, the search files, Word and Markdown downloads, the toolkit bundle)
may still carry the default name, a default color or a state outside the scope.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from tests.conftest import REPO, BuiltSite, build

NAME = "Bay State Practice Exchange"
HEADING = "Practices from Massachusetts schools"
INTRO = "Charter and district schools in Massachusetts describe what works for them."
URL = "https://practices.example.gov/"
COLORS = {"primary": "#7a1f2b", "accent": "#2e6b3a"}
DEFAULT_NAME = "practice commons"
# The states the bundled profiles and case studies come from, other than the scope.
OUT_OF_SCOPE = {"DC": "District of Columbia", "NY": "New York", "CT": "Connecticut",
                "IL": "Illinois", "TX": "Texas"}
SEAL = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><rect width="4" height="4"/></svg>'
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00"
       b"\x00\x90wS\xde\x00\x00\x00\x0cIDAT\x08\xd7c\xa8\xf1\xd9\x00\x00\x03\x03\x01\x80"
       b"\xd3\x1d\xba\x8b\x00\x00\x00\x00IEND\xaeB`\x82")
# Text a visitor can get: pages, exports, feed, sitemap, search files, downloads.
TEXT_SUFFIXES = {".html", ".xml", ".json", ".csv", ".md", ".txt"}
# Our and Material's stylesheets and scripts name the software in their comments and
# carry Material's stock palette; they are code, not something that names the site.
CODE_SUFFIXES = {".js", ".css", ".map"}


def rebrand(root: Path) -> None:
    """The guide's steps, done to a copy of the repository at ``root``."""
    gone = prune(root, "MA")
    config = _without(yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8")), gone)
    config["site_name"] = NAME
    config["site_description"] = "Massachusetts schools share practices that work."
    config["site_url"] = URL
    host = config.setdefault("extra", {}).setdefault("host", {})
    host.update({"heading": HEADING, "intro": INTRO, "colors": COLORS,
                 "tagline": "Massachusetts schools learning from each other.",
                 "logo": "brand/seal.svg", "favicon": "brand/favicon.png",
                 "share_image": "brand/share.png", "credit": False})
    for i, plugin in enumerate(config["plugins"]):
        if plugin == "practice-commons/hosting" or (
                isinstance(plugin, dict) and "practice-commons/hosting" in plugin):
            options = plugin.get("practice-commons/hosting") if isinstance(plugin, dict) else {}
            config["plugins"][i] = {"practice-commons/hosting": {**(options or {}),
                                                                  "states": ["MA"]}}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    brand = root / "brand"
    brand.mkdir()
    (brand / "seal.svg").write_text(SEAL, encoding="utf-8")
    (brand / "favicon.png").write_bytes(PNG)
    (brand / "share.png").write_bytes(PNG)


def _without(node, gone: set[str]):
    """A setting with the removed records' slugs taken out of its lists (e.g. featured)."""
    if isinstance(node, dict):
        return {k: _without(v, gone) for k, v in node.items()}
    if isinstance(node, list):
        return [_without(v, gone) for v in node if not (isinstance(v, str) and v in gone)]
    return node


# Where each kind of record names its state (as core/hosting/scope.py reads it).
STATE_OF = {"profiles": ("school", "state"), "content/case-studies": ("location", "state")}
LINK = re.compile(r"\[([^\]\n]*)\]\((?:[^)\s]*/)?([a-z0-9-]+)\.md(?:#[^)\s]*)?\)")
REFS = re.compile(r"^(profiles|case_studies): \[([^\]]*)\]\n", re.MULTILINE)
ITEM = re.compile(r"^[ \t]*-[ \t]+([a-z0-9-]+)[ \t]*\n", re.MULTILINE)


def prune(root: Path, state: str) -> set[str]:
    """The guide's scoping step: remove the profiles and case studies from other states,
    then make each link to one of them plain text and drop it from ``profiles:`` and
    ``case_studies:`` lists, or any list of slugs such as the home page's featured
    practices (the build names every such link and slug)."""
    gone = set()
    for folder, (outer, inner) in STATE_OF.items():
        for path in (root / folder).glob("*.md"):
            text = path.read_text(encoding="utf-8")
            if not text.startswith("---\n"):
                continue
            meta = yaml.safe_load(text.split("\n---", 1)[0][4:]) or {}
            named = (meta.get(outer) or {}).get(inner)
            if named and named != state:
                gone.add(path.stem)
                path.unlink()
    assert gone, "nothing from another state to remove: the bundled content changed"

    def unlink(m: re.Match[str]) -> str:
        return m.group(1) if m.group(2) in gone else m.group(0)

    def refs(m: re.Match[str]) -> str:
        kept = [s.strip() for s in m.group(2).split(",") if s.strip() not in gone]
        return f"{m.group(1)}: [{', '.join(kept)}]\n" if kept else ""

    def item(m: re.Match[str]) -> str:
        return "" if m.group(1) in gone else m.group(0)

    for path in [*(root / "content").rglob("*.md"), *(root / "profiles").glob("*.md")]:
        text = path.read_text(encoding="utf-8")
        new = ITEM.sub(item, REFS.sub(refs, LINK.sub(unlink, text)))
        if new != text:
            path.write_text(new, encoding="utf-8")
    return gone


@pytest.fixture(scope="module")
def fork(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    root = tmp_path_factory.mktemp("fork")
    for name in ("content", "profiles", "overrides"):
        shutil.copytree(REPO / name, root / name, symlinks=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    rebrand(root)
    return build(root, strict=True)


def visible_files(site: BuiltSite) -> dict[str, str]:
    """Every text a visitor can download, by its path (archive members as ``a.zip!b``)."""
    out: dict[str, str] = {}
    for path in sorted(site.site.rglob("*")):
        rel = path.relative_to(site.site).as_posix()
        if path.suffix in TEXT_SUFFIXES:
            out[rel] = path.read_text(encoding="utf-8-sig")
        elif path.suffix in (".docx", ".zip"):
            out.update(_members(rel, path.read_bytes()))
        elif path.is_file() and path.suffix not in CODE_SUFFIXES | {".png", ".svg", ".gz"}:
            raise AssertionError(f"{rel}: a kind of file this test does not read yet")
    return out


def _members(rel: str, data: bytes) -> dict[str, str]:
    out = {}
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for info in z.infolist():
            name = f"{rel}!{info.filename}"
            suffix = Path(info.filename).suffix
            if suffix in (".docx", ".zip"):
                out.update(_members(name, z.read(info)))
            elif suffix in TEXT_SUFFIXES | {".rels"}:
                out[name] = z.read(info).decode("utf-8")
    return out


@pytest.fixture(scope="module")
def texts(fork: BuiltSite) -> dict[str, str]:
    return visible_files(fork)


@pytest.fixture(scope="module")
def html(texts: dict[str, str]) -> dict[str, BeautifulSoup]:
    return {rel: BeautifulSoup(text, "html.parser") for rel, text in texts.items()
            if rel.endswith(".html")}


def test_the_default_name_is_nowhere_once_the_credit_is_off(texts):
    assert any(rel.endswith("word/document.xml") for rel in texts), "no Word file was read"
    found = [rel for rel, text in texts.items() if DEFAULT_NAME in text.casefold()]
    assert not found, f"'Practice Commons' is still in: {found[:10]}"


def test_the_new_name_reaches_titles_previews_footer_feed_and_word_files(fork, texts, html):
    home = html["index.html"]
    assert home.title.get_text() == NAME
    article = home.select_one("article")
    assert article.h1.get_text().rstrip("¶").strip() == HEADING
    assert INTRO in article.get_text(" ", strip=True)
    assert home.select_one(".pc-footer__credit") is None
    for rel, page in html.items():
        title = page.title.get_text().strip() if page.title else ""
        parts = title.split(" - ")
        assert parts[-1] == NAME and len(parts) == len(set(parts)), f"{rel}: <title>{title}"
        og = {m["property"]: m["content"] for m in page.head.select("meta[property]")}
        if "og:site_name" in og:
            assert og["og:site_name"] == NAME, rel
    assert html["404.html"].title.get_text() == f"Page not found - {NAME}"
    feed = fork.text("feed.xml")
    assert f"<title>{NAME}</title>" in feed and f"<name>{NAME}</name>" in feed
    word = [rel for rel, text in texts.items() if "!word/footer" in rel and NAME in text]
    assert word, "no Word file's footer names the site"


def test_logo_favicon_and_share_image_come_from_the_host_files(fork, html):
    assert fork.file("assets/host/logo.svg").read_text(encoding="utf-8") == SEAL
    assert fork.file("assets/host/share-image.png").read_bytes() == PNG
    for rel, page in html.items():
        logo = page.select_one(".md-header .md-logo img")
        if logo is None:
            continue
        assert logo["src"].endswith("assets/host/logo.svg"), f"{rel}: {logo['src']}"
        assert page.select_one('link[rel="icon"]')["href"].endswith("assets/host/favicon.png")
    og = {m["property"]: m["content"] for m in html["index.html"].head.select("meta[property]")}
    assert og["og:image"] == URL + "assets/host/share-image.png"


def _hexes(css: str) -> set[str]:
    return {h.lower() for h in re.findall(r"#[0-9a-fA-F]{6}\b", css)}


def test_no_default_color_remains_and_the_new_ones_are_applied(fork, texts, html):
    from practice_commons.core.hosting.colors import brand_css

    shipped = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    default = (shipped.get("extra", {}).get("host", {}) or {}).get("colors") or {}
    assert default, "the bundled mkdocs.yml sets no default colors to compare against"
    new_css = fork.text("practice-commons/assets/theme/brand.css")
    # The default colors and every shade derived from them (unless the new ones share it).
    stale = _hexes(brand_css(default.get("primary"), default.get("accent"))) - _hexes(new_css)
    assert stale, "the default colors are the same as the new ones: nothing to check"
    assert f"--md-primary-fg-color: {COLORS['primary']};" in new_css
    assert f"--md-accent-fg-color: {COLORS['accent']};" in new_css
    assert not stale & _hexes(new_css)
    # Our own stylesheets too (Material's carry its stock palette, which "custom" replaces).
    ours = {css.relative_to(fork.site).as_posix(): css.read_text(encoding="utf-8")
            for css in fork.site.glob("practice-commons/assets/**/*.css")}
    assert "practice-commons/assets/theme/brand.css" in ours
    for rel, text in {**ours, **texts}.items():
        low = text.casefold()
        # Word writes colors without the "#".
        left = [h for h in stale if h in low or ("!word/" in rel and h[1:] in low)]
        assert not left, f"{rel}: default color {left}"
    for rel, page in html.items():
        if page.body is None or page.body.get("data-md-color-primary") is None:
            continue  # a redirect stub, not a page
        assert page.body["data-md-color-primary"] == "custom", rel
        sheets = [link["href"] for link in page.head.select('link[rel="stylesheet"]')]
        assert any(h.endswith("practice-commons/assets/theme/brand.css") for h in sheets), rel


# State scope: the records from elsewhere are gone (the guide's step), and what is built
# from the vocabulary rather than the content — the submission form's choices, the
# published JSON Schema — is narrowed by the scope (issue 13 item 4, the host branch).

def test_scope_the_states_index_and_the_state_filter_list_only_the_scope(fork, html):
    for code in OUT_OF_SCOPE:
        assert not fork.exists(f"states/{code.lower()}/"), code
    assert fork.exists("states/ma/")
    listed = fork.article("states/").get_text(" ", strip=True)
    assert "Massachusetts" in listed
    browse = {i["value"] for i in html["browse/index.html"].select('input[name="state"]')}
    facets = set(fork.json("practice-commons/search/facets.json").get("state", {}))
    assert browse <= {"MA"} and facets == {"MA"}
    for name in OUT_OF_SCOPE.values():
        assert name not in listed, name


def test_scope_the_submit_form_and_the_schema_offer_only_the_scope(fork, html):
    select = html["submit/index.html"].select_one("select#pc-f-school-state")
    offered = [o.get("value", "").strip('"') for o in select.select("option")]
    assert [v for v in offered if v] == ["MA"]
    schema = fork.text("schema/profile.schema.json")
    for code in OUT_OF_SCOPE:
        assert f'"{code}"' not in schema, code


def test_scope_exports_and_the_feed_hold_only_the_scope(fork):
    items = fork.json("api/profiles.json")["items"]
    assert items and {item["school"]["state"] for item in items} == {"MA"}
    rows = list(csv.DictReader(io.StringIO(fork.text("api/profiles.csv").lstrip("\ufeff"))))
    assert {row["school_state"] for row in rows} == {"MA"}
    feed = fork.text("feed.xml")
    for code, name in OUT_OF_SCOPE.items():
        assert f", {code})" not in feed and name not in feed, code
