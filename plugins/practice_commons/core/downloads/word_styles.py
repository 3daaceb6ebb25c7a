"""The styles of the Word files: fonts every office suite has, print sizes, tight spacing.

python-docx's blank document takes its fonts from a theme it does not ship (so each
application guessed: Calibri, Cambria or a fallback), sets heading colours through
theme slots that Word maps to other colours than the ones written, and spaces
paragraphs for reading on screen. A worksheet is printed and handed out, so here
every style names its font outright, text is 10 pt or larger, and the spacing is
tight enough that a template does not end on a page of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.styles.style import StyleFactory

from .fonts import MONO, SANS

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

BODY_PT = 11
SMALL_PT = 10  # table text, help lines, examples, sources and the footer: never below this
HEADING = RGBColor(0x1F, 0x3A, 0x60)  # dark blue: 11:1 on white, prints legibly in grey too
FOOTER = RGBColor(0x40, 0x40, 0x40)
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
_THEME_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")

# style id: (size in points, bold, space before, space after), None keeps the template's.
_STYLES = {
    "Title": (20, True, 0, 8),
    "Heading1": (14, True, 14, 3),
    "Heading2": (12, True, 10, 3),
    "ListNumber": (None, None, None, 2),
    "ListNumber2": (SMALL_PT, None, None, 2),
    "ListBullet": (None, None, None, 0),
    "Footer": (SMALL_PT, None, 0, 0),
}


def apply(doc: DocxDocument) -> None:
    """Fonts, sizes, colours and spacing of every style the generator uses."""
    styles = doc.styles.element
    for fonts in styles.iter(qn("w:rFonts")):
        name = MONO if fonts.get(qn("w:ascii"), "").startswith("Courier") else SANS
        for attr in _THEME_ATTRS:
            fonts.attrib.pop(qn(f"w:{attr}"), None)
        for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
            fonts.set(qn(f"w:{attr}"), name)
    for color in styles.iter(qn("w:color")):
        # Without a theme part Word would still map themeColor to its own palette.
        for attr in ("themeColor", "themeShade", "themeTint"):
            color.attrib.pop(qn(f"w:{attr}"), None)
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    rpr.find(qn("w:sz")).set(qn("w:val"), str(BODY_PT * 2))
    rpr.find(qn("w:szCs")).set(qn("w:val"), str(BODY_PT * 2))
    spacing = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:spacing')}")
    spacing.set(qn("w:after"), str(6 * 20))  # twentieths of a point
    spacing.set(qn("w:line"), "264")  # 1.1 lines
    for style_id, (size, bold, before, after) in _STYLES.items():
        style = StyleFactory(styles.get_by_id(style_id))
        font, fmt = style.font, style.paragraph_format
        if size is not None:
            font.size = Pt(size)
        if bold is not None:
            font.bold = bold
        if before is not None:
            fmt.space_before = Pt(before)
        if after is not None:
            fmt.space_after = Pt(after)
        if style_id.startswith(("Title", "Heading")):
            font.color.rgb = HEADING
    title = styles.get_by_id("Title").get_or_add_rPr()
    for name in ("w:spacing", "w:kern"):  # letter-spacing meant for a 26 pt display face
        el = title.find(qn(name))
        if el is not None:
            title.remove(el)
    StyleFactory(styles.get_by_id("Footer")).font.color.rgb = FOOTER
    # Word 2010's second copy of the styles, with the same theme fonts: later versions
    # ignore it, and it would bring Calibri back in Word 2010.
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype == STYLES_WITH_EFFECTS:
            doc.part.drop_rel(rid)
