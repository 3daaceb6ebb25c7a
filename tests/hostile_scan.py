"""Reading a built site for payloads that could run: HTML, feeds, JSON, CSV, Markdown, Word.

Every payload of the hostile corpus (tests/fixtures/hostile/) carries the marker
``pcx``. Text that shows the marker is what escaping should give; the marker in
a script, an event handler, a style, a frame, a script or data URL, a URL the
page would fetch, a feed's HTML, a spreadsheet formula or a Word field code
means a payload survived.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from bs4 import BeautifulSoup

MARKER = re.compile("pcx", re.IGNORECASE)

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
    if suffix == ".json":
        # Every JSON file, marked or not, must parse as JSON.parse would: no NaN, no Infinity.
        return _scan_json(data, where)
    if suffix in (".xml", ".rss", ".atom"):
        return _scan_xml(data.decode("utf-8", "replace"), where)  # well-formed, always
    if suffix == ".gz" or not MARKER.search(data.decode("utf-8", "replace")):
        return []
    text = data.decode("utf-8")
    if suffix in (".html", ".htm"):
        return scan_html(text, where)
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


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def _scan_json(data: bytes, where: str) -> list[str]:
    try:
        json.loads(data.decode("utf-8"), parse_constant=_refuse_constant)
    except ValueError as exc:  # UnicodeDecodeError is one too
        return [f"{where}: JSON does not parse: {exc}"]
    return []


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
