"""The Word file as printed: page numbers, text sizes, declared fonts, paper sizes, column
widths that fit their words, and an ending that cannot leave a near-empty page.

Each check reads the .docx package a visitor downloads (its XML parts), not the
generator's objects; ``docx_parts`` and the ``check_*`` helpers are shared with the
bundled-site test, which runs them on every bundled template.
"""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from lxml import etree
from practice_commons.core.downloads import Meta, cache_key, generate
from practice_commons.core.downloads.fonts import longest_word, text_width

from tests.core.test_downloads_checks import TEMPLATE
from tests.core.test_downloads_files import EN, META

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def q(name: str) -> str:
    return f"{{{W}}}{name}"


def docx_parts(data: bytes) -> dict[str, etree._Element]:
    """Every XML part of a .docx, parsed, by its name in the zip."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {n: etree.fromstring(zf.read(n)) for n in zf.namelist()
                if n.endswith((".xml", ".rels"))}


def footer_xml(parts) -> etree._Element:
    names = [n for n in parts if re.fullmatch(r"word/footer\d*\.xml", n)]
    assert len(names) == 1, names
    return parts[names[0]]


def check_page_numbers(parts, site: str) -> None:
    """"<site> … Page {PAGE} of {NUMPAGES}" as complete fields in the footer."""
    footer = footer_xml(parts)
    first = footer.find("w:p", NS)
    codes = [t.text.strip() for t in first.iter(q("instrText"))]
    assert codes == ["PAGE", "NUMPAGES"]
    kinds = [f.get(q("fldCharType")) for f in first.iter(q("fldChar"))]
    assert kinds == ["begin", "separate", "end"] * 2
    shown = "".join(t.text for t in first.iter(q("t")))
    assert shown == f"{site}Page 1 of 1"
    tabs = first.findall("w:pPr/w:tabs/w:tab", NS)
    assert [t.get(q("val")) for t in tabs][-1] == "right"


def check_sizes(parts, smallest: int = 20) -> None:
    """No text below 10 pt (20 half-points): direct sizes, and those of every style used."""
    styles = parts["word/styles.xml"]
    default = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:sz", NS)
    assert int(default.get(q("val"))) >= 22
    used: set[str] = set()
    for name, root in parts.items():
        if name.startswith("word/") and name != "word/styles.xml":
            for el in root.iter(q("sz"), q("szCs")):
                assert int(el.get(q("val"))) >= smallest, (name, etree.tostring(el.getparent()))
            used |= {s.get(q("val")) for s in root.iter(q("pStyle"), q("rStyle"), q("tblStyle"))}
    by_id = {s.get(q("styleId")): s for s in styles.findall("w:style", NS)}
    todo = used | {"Normal"}
    while todo:
        style = by_id[todo.pop()]
        for el in style.iter(q("sz"), q("szCs")):
            assert int(el.get(q("val"))) >= smallest, style.get(q("styleId"))
        for ref in ("basedOn", "link"):
            el = style.find(f"w:{ref}", NS)
            if el is not None and el.get(q("val")) not in used:
                used.add(el.get(q("val")))
                todo.add(el.get(q("val")))


def check_fonts(parts, data: bytes) -> None:
    """Every font named is declared, with Arial's metric-compatible alternate; no theme font
    (Calibri, Cambria) is left for an application to guess at."""
    table = parts["word/fontTable.xml"]
    declared = {f.get(q("name")): f for f in table.findall("w:font", NS)}
    arial = declared["Arial"]
    assert arial.find("w:altName", NS).get(q("val")) == "Liberation Sans"
    assert arial.find("w:panose1", NS).get(q("val")) == "020B0604020202020204"
    assert arial.find("w:family", NS).get(q("val")) == "swiss"
    named: set[str] = set()
    for name, root in parts.items():
        for fonts in root.iter(q("rFonts")):
            assert not any(k.endswith("Theme") or k.endswith("theme") for k in
                           (etree.QName(a).localname for a in fonts.attrib)), name
            named |= {v for k, v in fonts.attrib.items() if etree.QName(k).localname != "hint"}
    assert "Arial" in named and named <= set(declared), named - set(declared)
    theme = parts["word/theme/theme1.xml"]
    assert {el.get("typeface") for el in theme.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/main}latin")} == {"Arial"}
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for n in zf.namelist():
            body = zf.read(n)
            # (settings.xml names Cambria Math for equations, which are never written)
            assert not re.search(rb"Calibri|Cambria(?! Math)", body), n


def check_ending(parts) -> None:
    """No page breaks; the document ends on its last source, not an empty paragraph."""
    doc = parts["word/document.xml"]
    assert not [b for b in doc.iter(q("br")) if b.get(q("type")) == "page"]
    assert not list(doc.iter(q("pageBreakBefore")))
    body = doc.find("w:body", NS)
    blocks = [el for el in body if el.tag != q("sectPr")]
    last = blocks[-1]
    assert last.tag == q("p") and "".join(last.itertext()).strip()
    assert last.find("w:pPr/w:pStyle", NS).get(q("val")) == "ListNumber2"
    # No two empty paragraphs in a row anywhere: nothing that could spill onto a page.
    empty = ["".join(b.itertext()).strip() == "" and b.tag == q("p") for b in blocks]
    assert not any(a and b for a, b in zip(empty, empty[1:]))


def check_headers_fit(parts) -> None:
    """Each header cell is at least as wide as its longest word in 10 pt bold Arial,
    plus the cell's side margins."""
    doc = parts["word/document.xml"]
    for tbl in doc.iter(q("tbl")):
        header = tbl.find("w:tr", NS)
        if header.find("w:trPr/w:tblHeader", NS) is None:
            continue
        widths = [int(g.get(q("w"))) / 20 for g in tbl.findall("w:tblGrid/w:gridCol", NS)]
        for width, cell in zip(widths, header.findall("w:tc", NS), strict=True):
            label = "".join(cell.find("w:p", NS).itertext())
            margins = cell.findall("w:tcPr/w:tcMar/*", NS)
            pad = sum(int(m.get(q("w"))) for m in margins) / 20 if margins else 10.8
            assert width >= longest_word(label, 10, bold=True) * 1.15 + pad, (label, width)


def page(parts) -> dict[str, int | str | None]:
    sect = parts["word/document.xml"].find("w:body/w:sectPr", NS)
    size = sect.find("w:pgSz", NS)
    mar = sect.find("w:pgMar", NS)
    return {"w": int(size.get(q("w"))), "h": int(size.get(q("h"))),
            "code": size.get(q("code")), "orient": size.get(q("orient")),
            "left": int(mar.get(q("left"))), "right": int(mar.get(q("right")))}


def readiness_of(load_files):
    result = load_files({"content/templates/readiness.md": TEMPLATE})
    assert result.issues == []
    return result.collection.templates[0]


@pytest.fixture
def readiness(load_files):
    return readiness_of(load_files)


def docx(template, **meta) -> bytes:
    m = META if not meta else Meta(**{**vars(META), **meta})
    return next(d.data for d in generate(template, m) if d.format == "docx")


def test_the_footer_names_the_site_and_numbers_the_pages(readiness):
    parts = docx_parts(docx(readiness))
    check_page_numbers(parts, "Test Commons")
    lines = footer_xml(parts).findall("w:p", NS)
    assert "".join(lines[1].itertext()) == "https://example.org/commons/templates/readiness/"
    assert all(p.find("w:pPr/w:pStyle", NS).get(q("val")) == "Footer" for p in lines)
    # In Spanish the words around the numbers change, the fields stay.
    es = Meta(**{**vars(META), "strings": {**EN, "page_of": "Página {n} de {total}"}})
    first = footer_xml(docx_parts(docx(readiness, strings=es.strings))).find("w:p", NS)
    assert "".join(t.text for t in first.iter(q("t"))) == "Test CommonsPágina 1 de 1"


def test_text_is_10_pt_or_more_and_examples_are_not_smaller(readiness):
    parts = docx_parts(docx(readiness))
    check_sizes(parts)
    doc = parts["word/document.xml"]
    example = next(r for r in doc.iter(q("r"))
                   if "".join(r.itertext()) == "Staff are available and their roles are clear.")
    assert example.find("w:rPr/w:sz", NS).get(q("val")) == "20"
    body = parts["word/styles.xml"].find("w:docDefaults/w:rPrDefault/w:rPr/w:sz", NS)
    assert body.get(q("val")) == "22"


def test_fonts_are_declared_with_metric_compatible_fallbacks(readiness):
    data = docx(readiness)
    check_fonts(docx_parts(data), data)
    # Arial's widths, which the column widths rely on: "Communications" in 10 pt bold.
    assert text_width("Communications", 10, bold=True) == pytest.approx(81.12)
    assert longest_word("Not applicable", 10, bold=True) == pytest.approx(48.91)
    assert longest_word("Not-invented-here", 10) == pytest.approx(text_width("invented-", 10))


@pytest.mark.parametrize("paper, size, code", [("letter", (12240, 15840), "1"),
                                               ("a4", (11906, 16838), "9")])
def test_paper_sizes(readiness, paper, size, code):
    got = page(docx_parts(docx(readiness, paper=paper)))
    assert (got["w"], got["h"], got["code"]) == (*size, code)
    assert got["orient"] in (None, "portrait")
    assert got["left"] == got["right"] == 1080  # 0.75 in


def test_a_wide_table_turns_either_paper_to_landscape(load_files):
    wide = TEMPLATE.replace('      - {label: "=SUM(A1) when"}\n',
                            '      - {label: "=SUM(A1) when"}\n' + "      - {label: More}\n" * 3)
    wide = wide.replace('"Ana", "May"]', '"Ana", "May", "", "", ""]')
    template = load_files({"content/templates/readiness.md": wide}).collection.templates[0]
    for paper, (w, h) in (("letter", (15840, 12240)), ("a4", (16838, 11906))):
        got = page(docx_parts(docx(template, paper=paper)))
        assert (got["w"], got["h"], got["orient"]) == (w, h, "landscape")


def test_headers_too_long_for_a_portrait_page_turn_it_to_landscape(load_files):
    # Five columns (fewer than turn the page by count), each header one long word: in
    # 10 pt bold they need about 7.5 inches, more than a portrait page's 7.
    long = TEMPLATE.replace("columns: [{label: Why}, {label: Reason}, {label: Evidence}]",
                            "columns: [{label: Responsibilities}, {label: Communications}, "
                            "{label: Recommendations}, {label: Accountabilities}, "
                            "{label: Implementations}]")
    template = load_files({"content/templates/readiness.md": long}).collection.templates[0]
    parts = docx_parts(docx(template))
    assert page(parts)["orient"] == "landscape"
    check_headers_fit(parts)
    assert page(docx_parts(docx(readiness_of(load_files))))["orient"] is None


def test_header_cells_are_wide_enough_for_their_words(readiness):
    parts = docx_parts(docx(readiness))
    check_headers_fit(parts)
    doc = parts["word/document.xml"]
    for tbl in doc.iter(q("tbl")):  # and the columns fill the text width, no more
        total = sum(int(g.get(q("w"))) for g in tbl.findall("w:tblGrid/w:gridCol", NS))
        assert 12240 - 2 * 1080 - 10 <= total <= 12240 - 2 * 1080, total


def test_the_sources_follow_the_last_part_and_nothing_trails(readiness):
    parts = docx_parts(docx(readiness))
    check_ending(parts)
    body = parts["word/document.xml"].find("w:body", NS)
    blocks = [el for el in body if el.tag != q("sectPr")]
    heading = next(i for i, b in enumerate(blocks)
                   if b.find("w:pPr/w:pStyle", NS) is not None
                   and b.find("w:pPr/w:pStyle", NS).get(q("val")) == "Heading1"
                   and "".join(b.itertext()) == "Sources")
    before = blocks[heading - 1]  # the checklist's last box
    assert "".join(before.itertext()).startswith("☐  Data gathered")
    assert before.find("w:pPr/w:keepNext", NS) is not None
    assert blocks[heading + 1:] == blocks[-1:]  # one source, and it ends the document


def test_the_paper_size_is_part_of_the_cache_key_and_checked(readiness):
    a4 = Meta(**{**vars(META), "paper": "a4"})
    assert cache_key(readiness, a4) != cache_key(readiness, META)
    with pytest.raises(ValueError, match="unknown paper size 'a5': use one of letter, a4"):
        Meta(**{**vars(META), "paper": "a5"})
