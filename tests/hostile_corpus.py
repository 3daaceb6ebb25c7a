"""The hostile corpus in tests/fixtures/hostile/, and the checks that a built site is inert.

Each fixture is a folder holding repository-relative files (``profiles/…``,
``content/…``) and an ``expect.yaml`` saying what must happen:

- ``outcome: refused`` — ``issues`` lists every line ``commons validate`` prints;
- ``outcome: inert`` — the file is accepted; its page (``page``, else the
  profile's) shows each ``shows`` text as text, keeps each ``keeps`` selector
  (for allowed markup) and no output file of the site lets a payload run;
- ``outcome: build-fails`` — the build stops, logging each ``log`` text.

``make`` lists what git cannot or should not hold (symbolic links, a file of
11 MB, names that clash on case-insensitive disks), made when the fixture is used.

Every payload that would run says so through the marker ``pcx``: ``alert('pcx')``,
``console.log('PCX-RAN')``, a request to ``/pcx-marker…`` or ``pcx-marker.example``.
The scanner below reads every file of a built site for the marker in a place
where it would run or load; the browser test watches for it happening.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import yaml
from bs4 import BeautifulSoup

from tests.conftest import VALID_PROFILE

CORPUS = Path(__file__).resolve().parent / "fixtures" / "hostile"
MARKER = re.compile("pcx", re.IGNORECASE)
PAD = "@@PAD@@"


@dataclass(frozen=True)
class Fixture:
    name: str
    folder: Path
    expect: dict[str, Any]

    @property
    def outcome(self) -> str:
        return self.expect["outcome"]

    def files(self) -> dict[str, bytes]:
        out = {}
        for path in sorted(self.folder.rglob("*")):
            if path.is_file() and path.name != "expect.yaml":
                out[path.relative_to(self.folder).as_posix()] = path.read_bytes()
        return out

    def page(self) -> str:
        """The site path of the fixture's own page."""
        if "page" in self.expect:
            return self.expect["page"]
        (profile,) = [p for p in self.files() if p.startswith("profiles/") and p.endswith(".md")]
        stem = Path(profile).stem
        return f"profiles/{Path(profile).parent.name if stem == 'index' else stem}/"

    def materialise(self, root: Path) -> None:
        """Write the fixture's files under ``root``, then make what ``make`` asks for."""
        for rel, data in self.files().items():
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        for step in self.expect.get("make", []):
            _make(root, step)

    def __str__(self) -> str:
        return self.name


def fixtures(*outcomes: str) -> list[Fixture]:
    """The fixtures with one of ``outcomes`` (all when none is given), by name."""
    found = []
    for folder in sorted(p for p in CORPUS.iterdir() if (p / "expect.yaml").is_file()):
        expect = yaml.safe_load((folder / "expect.yaml").read_text(encoding="utf-8"))
        if not outcomes or expect["outcome"] in outcomes:
            found.append(Fixture(folder.name, folder, expect))
    return found


def _make(root: Path, step: dict[str, Any]) -> None:
    if "symlink" in step:
        link = root / step["symlink"]
        link.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(step["to"], link)
    elif "sparse" in step:
        path = root / step["sparse"]
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as fh:  # a hole, not 11 MB of disk
            fh.truncate(step["bytes"])
    elif "write" in step:
        path = root / step["write"]
        path.parent.mkdir(parents=True, exist_ok=True)
        text = VALID_PROFILE if step.get("from") == "VALID_PROFILE" else step["text"]
        path.write_text(text, encoding="utf-8")
    elif "expand" in step:
        path = root / step["expand"]
        text = path.read_text(encoding="utf-8")
        if "to_bytes" in step:
            fill = "a" * (step["to_bytes"] - len(text.encode("utf-8")) + len(PAD))
        else:
            fill = step["with"] * step["count"] + "x" + step["then"] * step["count"]
        path.write_text(text.replace(PAD, fill), encoding="utf-8")
    else:
        raise ValueError(f"unknown make step {step}")


def copy_repository_theme(root: Path, repo: Path) -> None:
    """The repository's overrides/, so a hostile site renders with the real theme."""
    if (repo / "overrides").is_dir():
        shutil.copytree(repo / "overrides", root / "overrides")


# -- the scanner ---------------------------------------------------------------------

# Elements that never carry a contributor's text: any mention of the marker means a
# payload survived as markup.
_NEVER_MARKED = {"iframe", "frame", "frameset", "object", "embed", "applet", "portal", "base",
                 "isindex", "svg", "math", "style"}
# Attributes that load a URL as the page loads (or on submit): the marker in one means
# the browser would request it.
_FETCHING = {"src", "srcset", "imagesrcset", "poster", "background", "ping", "lowsrc", "dynsrc",
             "data", "codebase", "action", "formaction", "srcdoc", "manifest"}
_URL_ATTRS = _FETCHING | {"href", "xlink:href", "cite", "longdesc", "usemap", "icon"}
_JSON_TYPES = {"application/ld+json", "application/json", "importmap"}
_CONTROLS = re.compile(r"[\x00-\x20]")


def scan_html(text: str, where: str) -> list[str]:
    """Every place in an HTML document where a marked payload would run or load."""
    problems: list[str] = []
    soup = BeautifulSoup(text, "html.parser")
    for el in soup.find_all(True):
        name = el.name.lower()
        shown = str(el)[:160].replace("\n", " ")
        if name == "script":
            kind = (el.get("type") or "").lower()
            body = el.string or ""
            if kind in _JSON_TYPES:
                try:
                    json.loads(body)
                except ValueError:
                    problems.append(f"{where}: inline JSON does not parse: {shown}")
                if re.search(r"</script|<!--", body, re.IGNORECASE):
                    problems.append(f"{where}: inline JSON holds '</script' or '<!--': {shown}")
            elif MARKER.search(body) or MARKER.search(el.get("src") or ""):
                problems.append(f"{where}: a marked script would run: {shown}")
        elif name in _NEVER_MARKED and MARKER.search(str(el)):
            problems.append(f"{where}: <{name}> carries the marker: {shown}")
        elif name == "meta" and el.get("http-equiv") and MARKER.search(str(el)):
            problems.append(f"{where}: <meta http-equiv> carries the marker: {shown}")
        elif name == "link" and MARKER.search(el.get("href") or ""):
            problems.append(f"{where}: <link> would load the marker: {shown}")
        for attr, value in el.attrs.items():
            value = " ".join(value) if isinstance(value, list) else str(value)
            attr = attr.lower()
            if attr.startswith("on"):
                problems.append(f"{where}: event-handler attribute {attr}: {shown}")
            elif attr == "style" and MARKER.search(value):
                problems.append(f"{where}: marked style attribute: {shown}")
            elif attr in _URL_ATTRS:
                url = _CONTROLS.sub("", value).lower()
                if url.startswith(("javascript:", "vbscript:")):
                    problems.append(f"{where}: {attr} is a script URL: {shown}")
                elif url.startswith("data:") and (name != "img" or MARKER.search(value)):
                    problems.append(f"{where}: {attr} is a data: URL: {shown}")
                elif attr in _FETCHING and MARKER.search(value):
                    problems.append(f"{where}: {attr} would load the marker: {shown}")
    return problems


def scan_file(path: Path, where: str) -> list[str]:
    """Problems in one output file, by its type; files without the marker are skipped fast."""
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix in (".docx", ".xlsx", ".pptx", ".odt", ".ods", ".zip"):
        return _scan_zip(data, where)
    if suffix == ".gz" or not MARKER.search(data.decode("utf-8", "replace")):
        return []
    text = data.decode("utf-8")
    if suffix in (".html", ".htm"):
        return scan_html(text, where)
    if suffix in (".xml", ".rss", ".atom"):
        return _scan_xml(text, where)
    if suffix == ".json":
        try:
            json.loads(text)
        except ValueError as exc:
            return [f"{where}: JSON does not parse: {exc}"]
        return []
    if suffix == ".csv":
        return _scan_csv(text, where)
    if suffix == ".md":
        # A Markdown download is read rendered (a preview, GitHub): render it and look.
        import markdown

        return scan_html(markdown.markdown(text, extensions=["tables"]), f"{where} (rendered)")
    return []


def scan_site(site: Path) -> list[str]:
    """Problems in every file of a built site."""
    problems: list[str] = []
    for path in sorted(site.rglob("*")):
        if path.is_file():
            problems.extend(scan_file(path, path.relative_to(site).as_posix()))
    return problems


def _scan_xml(text: str, where: str) -> list[str]:
    try:
        root = ElementTree.fromstring(text.encode("utf-8"))
    except ElementTree.ParseError as exc:
        return [f"{where}: XML does not parse (a value broke out?): {exc}"]
    problems = []
    atom = "{http://www.w3.org/2005/Atom}"
    for el in root.iter():
        local = el.tag.rsplit("}", 1)[-1].lower()
        if el.tag.startswith(atom):
            # Atom text constructs are plain text unless type="html" (or xhtml) says otherwise.
            kind = el.get("type", "text")
            as_html = kind == "html" or (kind == "xhtml" and len(el))
            text = ElementTree.tostring(el, encoding="unicode") if kind == "xhtml" else el.text
        else:
            # RSS readers render <description> and <content:encoded> as HTML.
            as_html, text = local in ("description", "encoded"), el.text
        if as_html and text and MARKER.search(text):
            problems.extend(scan_html(text, f"{where} <{local}>"))
    return problems


_FORMULA = re.compile(r"^\s*[=+\-@\t\r]")
_FORMULA_BODY = re.compile(r"pcx|cmd\||SUM\(|HYPERLINK\(", re.IGNORECASE)


def _scan_csv(text: str, where: str) -> list[str]:
    problems = []
    for n, row in enumerate(csv.reader(io.StringIO(text)), 1):
        for cell in row:
            if _FORMULA.match(cell) and _FORMULA_BODY.search(cell):
                problems.append(f"{where}:{n}: a spreadsheet would run this cell as a formula: "
                                f"{cell[:80]!r}")
    return problems


def _scan_zip(data: bytes, where: str) -> list[str]:
    problems = []
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        return [f"{where}: not a readable archive: {exc}"]
    for info in archive.infolist():
        name = info.filename
        body = archive.read(info)
        if name.endswith((".xml", ".rels")):
            try:
                ElementTree.fromstring(body)
            except ElementTree.ParseError as exc:
                problems.append(f"{where}/{name}: XML does not parse (a value broke out?): {exc}")
                continue
            text = body.decode("utf-8", "replace")
            if re.search(r"Target=\"\s*(javascript|vbscript|data):", text, re.IGNORECASE):
                problems.append(f"{where}/{name}: a link to a script URL")
            for m in re.finditer(r"<(?:w:instrText|w:fldSimple)[^>]*>([^<]*)", text):
                if MARKER.search(m.group(0)):
                    problems.append(f"{where}/{name}: a Word field code carries the marker")
            for m in re.finditer(r"<f>([^<]*)</f>", text):
                if _FORMULA_BODY.search(m.group(1)):
                    problems.append(f"{where}/{name}: a spreadsheet formula carries a payload")
        elif name.endswith(".csv"):
            problems.extend(_scan_csv(body.decode("utf-8-sig", "replace"), f"{where}/{name}"))
        elif name.endswith((".html", ".htm")):
            problems.extend(scan_html(body.decode("utf-8", "replace"), f"{where}/{name}"))
    return problems


# -- the hostile site ------------------------------------------------------------------


def site_config(repo: Path) -> dict[str, Any]:
    """The repository's mkdocs.yml with its plugins, theme and Markdown extensions, for a
    small site of its own: so the corpus meets every page type the bundled plugins make."""
    from mkdocs.utils import yaml_load

    with open(repo / "mkdocs.yml", encoding="utf-8") as fh:
        config = yaml_load(fh)
    config.pop("nav", None)  # the repository's pages are not there
    config.update(site_name="Hostile Commons", site_url="https://example.org/commons/",
                  docs_dir="content", strict=True)
    # Markdown links such as [x](&#106;avascript:…) are, to MkDocs, relative links it does
    # not recognise; a real build would stop on them, here the sanitiser must meet them.
    config.setdefault("validation", {}).setdefault("links", {})["unrecognized_links"] = "info"
    return config


def write_site(root: Path, repo: Path, chosen: list[Fixture]) -> None:
    """A repository at ``root`` holding every fixture in ``chosen``."""
    copy_repository_theme(root, repo)
    (root / "content").mkdir(parents=True, exist_ok=True)
    (root / "content" / "index.md").write_text("# Home\n\nA site built from hostile files.\n")
    for fixture in chosen:
        fixture.materialise(root)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(site_config(repo), sort_keys=False),
                                     encoding="utf-8")
