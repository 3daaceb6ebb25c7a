"""The Word (.docx) version of a toolkit template, made with python-docx.

Built for a team meeting: real heading styles (so the navigation pane and
screen readers see the structure), tables whose header row repeats on every
page, rating scales with one column per scale point, boxes to tick, ruled room
to write, and the source citation. The file's bytes depend only on the inputs
(fixed dates in the document properties and in the zip), so rebuilds are
byte-identical.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt

from .bundle import rezip
from .sheet import Checklist, Prompt, RatingScale, Section, Table

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.table import Table as DocxTable

    from ..model import Template
    from . import Meta

BOX = "\u2610"  # ☐ BALLOT BOX: prints as an empty box in every common font
DOC_DATE = dt.datetime(2020, 1, 1)  # fixed, so identical input gives identical bytes
WIDE_TABLE = 6  # columns from which the document turns to landscape
WRITE_ROW = Inches(0.55)
RULED_LINE = Inches(0.33)


def docx_bytes(template: Template, parts: tuple[Section, ...], meta: Meta) -> bytes:
    """The .docx file for ``template`` (its sections already read into ``parts``)."""
    t = meta.strings
    doc = Document()
    _setup(doc, template, parts, meta)
    _para(doc, template.title, "Title")
    doc.add_paragraph(template.summary)
    facts = [(t["stage"], meta.label("stages", template.stage)),
             (t["level"], f"{template.level}: {meta.label('levels', template.level)}"),
             (t["audience"], template.audience)]
    if template.time_needed:
        facts.append((t["time_needed"], template.time_needed))
    for name, value in facts:
        p = doc.add_paragraph()
        p.add_run(f"{name}: ").bold = True
        p.add_run(value)
        p.paragraph_format.space_after = Pt(2)
    _para(doc, t["purpose"], "Heading1")
    doc.add_paragraph(template.purpose)
    if template.instructions:
        _para(doc, t["instructions"], "Heading1")
        for step in template.instructions:
            _para(doc, step, "ListNumber")
    _para(doc, t["worksheet"], "Heading1")
    for part in parts:
        _para(doc, part.label, "Heading2")
        if part.help:
            help_p = doc.add_paragraph()
            help_p.add_run(part.help).italic = True
            help_p.paragraph_format.keep_with_next = True  # never strand it above a page break
        if isinstance(part, Prompt):
            _ruled(doc, part.lines, part.label)
        elif isinstance(part, Table):
            _table(doc, part)
        elif isinstance(part, RatingScale):
            _rating(doc, part, t)
        elif isinstance(part, Checklist):
            for item in part.items:
                p = doc.add_paragraph(f"{BOX}  {item}")
                p.paragraph_format.left_indent = Inches(0.3)
                p.paragraph_format.first_line_indent = Inches(-0.3)
    if template.sources:
        _para(doc, t["sources"], "Heading1")
        for source in template.sources:
            _para(doc, citation(source, t), "ListNumber2")
    out = io.BytesIO()
    doc.save(out)
    return rezip(out.getvalue())


def citation(source, strings: Mapping[str, str]) -> str:
    """One source as text: "Author (Year). Title. Publisher, pages N. URL"."""
    title = source.title.rstrip(".")
    year = f" ({source.year})" if source.year else ""
    text = f"{source.author.rstrip('.')}{year}. {title}." if source.author else f"{title}{year}."
    tail = [x for x in (source.publisher,
                        strings["source_pages"].format(pages=source.pages) if source.pages else "")
            if x]
    if tail:
        text += " " + ", ".join(tail) + "."
    if source.url:
        text += " " + source.url
    return text


def _para(container, text: str, style_id: str):
    """A paragraph in a style given by id: python-docx's lookup by style name scans every
    style in the document and made up most of the time spent on a file."""
    p = container.add_paragraph(text)
    p._p.get_or_add_pPr().style = style_id
    return p


def _setup(doc: DocxDocument, template: Template, parts: Iterable[Section], meta: Meta) -> None:
    props = doc.core_properties
    props.title = template.title
    props.author = meta.site_name
    props.last_modified_by = meta.site_name
    props.comments = template.summary
    props.subject = meta.strings["template"]
    props.keywords = ""
    props.language = meta.docx_language
    props.created = props.modified = DOC_DATE
    props.revision = 1
    # python-docx's blank document carries a thumbnail of an empty page; drop it
    # so file browsers do not show a misleading preview.
    for rid, rel in list(doc.part.package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            doc.part.package.rels.pop(rid)
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    lang.set(qn("w:val"), meta.docx_language)  # spelling and hyphenation language
    section = doc.sections[0]
    if any(isinstance(p, Table) and len(p.columns) >= WIDE_TABLE for p in parts):
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Inches(0.8))
    footer = section.footer.paragraphs[0]
    footer.text = " · ".join(x for x in (meta.site_name, meta.page_url(template)) if x)
    footer.runs[0].font.size = Pt(8)


def _text_width(doc: DocxDocument):
    s = doc.sections[0]
    return s.page_width - s.left_margin - s.right_margin


def _grid(doc: DocxDocument, rows: int, widths: list[float], caption: str) -> DocxTable:
    """A bordered table with column widths in fractions of the text width."""
    table = doc.add_table(rows=rows, cols=len(widths))
    table._tbl.tblPr.style = "TableGrid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    total = _text_width(doc)
    for i, frac in enumerate(widths):
        width = int(total * frac)
        table.columns[i].width = width
        for cell in table.columns[i].cells:  # LibreOffice reads cell widths, Word the grid
            cell.width = width
    pr = table._tbl.tblPr
    cap = OxmlElement("w:tblCaption")  # Word's "alt text" title for the table
    cap.set(qn("w:val"), caption[:255])
    pr.append(cap)
    for row in table.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    return table


def _header(table: DocxTable, labels: list[str], helps: list[str] | None = None,
            centre_from: int | None = None) -> None:
    """Fill the first row and make it a header row that repeats on every page."""
    row = table.rows[0]
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for i, label in enumerate(labels):
        cell = row.cells[i]
        p = cell.paragraphs[0]
        if centre_from is not None and i >= centre_from:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(label)
        run.bold = True
        run.font.size = Pt(9)  # narrow columns: long labels would break mid-word at 11 pt
        if helps and helps[i]:
            run = cell.add_paragraph().add_run(helps[i])
            run.italic = True
            run.font.size = Pt(8)
        shade = OxmlElement("w:shd")
        shade.set(qn("w:val"), "clear")
        shade.set(qn("w:color"), "auto")
        shade.set(qn("w:fill"), "E7E6E6")
        cell._tc.get_or_add_tcPr().append(shade)


def _table(doc: DocxDocument, part: Table) -> None:
    table = _grid(doc, len(part.rows) + 1, _widths(part), part.label)
    _header(table, [c.label for c in part.columns], [c.help for c in part.columns])
    for r, row in enumerate(part.rows, start=1):
        cells = table.rows[r].cells
        for c, text in enumerate(row.cells):
            if text:
                run = cells[c].paragraphs[0].add_run(text)
                run.bold = part.label_column and c == 0
        if not row.given:
            table.rows[r].height = WRITE_ROW
            table.rows[r].height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST


def _widths(part: Table) -> list[float]:
    """Column widths by how much each column holds: a long printed text gets room, a
    column to write in gets at least a fair share, a short label column stays narrow."""
    weights = []
    writable_rows = any(not r.given for r in part.rows)
    for c, col in enumerate(part.columns):
        longest = max([len(col.label), *(len(r.cells[c]) for r in part.rows)])
        if part.label_column and c == 0:
            weight = min(max(longest * 1.4, 16), 60)  # bold labels: a short one fits one line
        else:
            weight = min(max(longest, 12), 60)
            if writable_rows:
                weight = max(weight, 30)
        weights.append(weight)
    total = sum(weights)
    return [w / total for w in weights]


def _rating(doc: DocxDocument, part: RatingScale, t) -> None:
    points = len(part.scale)
    first = 0.36 if points <= 5 else 0.3
    widths = [first] + [(1 - first) / points] * points
    table = _grid(doc, len(part.items) + 1, widths, part.label)
    _header(table, [t["statement"], *part.scale], centre_from=1)
    for r, item in enumerate(part.items, start=1):
        cells = table.rows[r].cells
        cells[0].paragraphs[0].add_run(item.statement).bold = True
        for example in item.examples:
            run = _para(cells[0], "", "ListBullet").add_run(example)
            run.font.size = Pt(8)
        for c in range(points):
            p = cells[c + 1].paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.add_run(BOX).font.size = Pt(14)
    if part.next_steps:
        p = doc.add_paragraph()
        p.paragraph_format.space_before = Pt(8)
        p.add_run(f"{t['next_steps']}: ").bold = True
        p.add_run(part.next_steps)


def _ruled(doc: DocxDocument, lines: int, caption: str) -> None:
    """Room to write: ``lines`` ruled lines (a borderless table with horizontal rules)."""
    table = doc.add_table(rows=lines, cols=1)
    table.autofit = False
    pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        ruled = edge in ("bottom", "insideH")
        el.set(qn("w:val"), "single" if ruled else "nil")
        if ruled:
            el.set(qn("w:sz"), "4")
            el.set(qn("w:color"), "808080")
        borders.append(el)
    # OOXML fixes the order of a table's properties; Word rejects a file that breaks it.
    later = [pr.find(qn(f"w:{name}")) for name in ("shd", "tblLayout", "tblCellMar", "tblLook")]
    later = [el for el in later if el is not None]
    if later:
        later[0].addprevious(borders)
    else:
        pr.append(borders)
    cap = OxmlElement("w:tblCaption")
    cap.set(qn("w:val"), caption[:255])
    pr.append(cap)
    for row in table.rows:
        row.height = RULED_LINE
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        row.cells[0].width = _text_width(doc)
    doc.add_paragraph()
