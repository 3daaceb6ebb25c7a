"""The page of a Word file: paper size, margins, orientation, and a footer with page numbers.

US Letter is the default; a host outside North America sets ``paper: a4`` in the
downloads plugin's options. The footer names the host site and says "Page X of Y"
with Word's PAGE and NUMPAGES fields, so a loose printed page can be put back.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import TYPE_CHECKING

from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Length, Mm, Twips

if TYPE_CHECKING:
    from docx.section import Section as DocxSection
    from docx.text.paragraph import Paragraph

# width, height (portrait) and the paper code printer drivers read from w:pgSz.
PAPERS: dict[str, tuple[Length, Length, int]] = {
    "letter": (Inches(8.5), Inches(11), 1),
    "a4": (Mm(210), Mm(297), 9),
}
MARGIN = Inches(0.75)
FOOTER_DISTANCE = Inches(0.35)  # leaves the two footer lines room inside the bottom margin


def paper_size(paper: str, landscape: bool = False) -> tuple[Length, Length]:
    """Page width and height for ``paper`` ("letter" or "a4")."""
    try:
        width, height, _ = PAPERS[paper]
    except KeyError:
        raise ValueError(f"unknown paper size {paper!r}: use one of {', '.join(PAPERS)}") \
            from None
    return (Length(height), Length(width)) if landscape else (Length(width), Length(height))


def text_width(paper: str, landscape: bool = False) -> Length:
    """The width between the margins."""
    return Length(paper_size(paper, landscape)[0] - 2 * MARGIN)


def setup(section: DocxSection, paper: str, landscape: bool) -> None:
    """Paper size, orientation and margins of the document's one section."""
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = paper_size(paper, landscape)
    section._sectPr.find(qn("w:pgSz")).set(qn("w:code"), str(PAPERS[paper][2]))
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)
    section.footer_distance = FOOTER_DISTANCE


def footer(section: DocxSection, site: str, url: str, strings: Mapping[str, str]) -> None:
    """"<site>  …  Page X of Y" on one line, the template's web address under it."""
    width = Length(section.page_width - section.left_margin - section.right_margin)
    first = section.footer.paragraphs[0]
    tabs = first.paragraph_format.tab_stops
    for pos in (4680, 9360):  # the Footer style's centre and right tabs, set for 1" margins
        tabs.add_tab_stop(Twips(pos), WD_TAB_ALIGNMENT.CLEAR)
    tabs.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
    first.add_run(site + "\t")
    page_of(first, strings["page_of"])
    if url:
        section.footer.add_paragraph(url)._p.get_or_add_pPr().style = "Footer"


def page_of(paragraph: Paragraph, pattern: str) -> None:
    """``pattern`` (the interface string "Page {n} of {total}") with both numbers as fields."""
    for literal, name, _, _ in string.Formatter().parse(pattern):
        if literal:
            paragraph.add_run(literal)
        if name is not None:
            _field(paragraph, {"n": "PAGE", "total": "NUMPAGES"}[name])


def _field(paragraph: Paragraph, code: str) -> None:
    """A field as begin / instruction / separate / shown value / end runs: the form
    Word writes, and the one LibreOffice and Google Docs read back as page numbers."""
    def run_with(tag: str, **attrs: str) -> None:
        el = OxmlElement(tag)
        for key, value in attrs.items():
            el.set(qn(key), value)
        if tag == "w:instrText":
            el.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            el.text = f" {code} "
        elif tag == "w:t":
            el.text = "1"  # shown until the application updates the field
        paragraph.add_run()._r.append(el)

    run_with("w:fldChar", **{"w:fldCharType": "begin"})
    run_with("w:instrText")
    run_with("w:fldChar", **{"w:fldCharType": "separate"})
    run_with("w:t")
    run_with("w:fldChar", **{"w:fldCharType": "end"})
