"""The tables of a Word file: worksheet tables, rating scales and ruled room to write.

Column widths come from the text a column holds, measured with Arial's widths
(see :mod:`.fonts`): no column is narrower than its longest word, so headers wrap
at spaces and never mid-word, in Word or in LibreOffice's metric-compatible
fallback. A table whose words cannot fit across a portrait page turns the page to
landscape (:func:`fits`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt

from .fonts import longest_word
from .sheet import RatingScale, Section, Table
from .word_styles import SMALL_PT

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.table import Table as DocxTable

BOX = "\u2610"  # ☐ BALLOT BOX: prints as an empty box in every common font
BOX_PT = 14
WRITE_ROW = Inches(0.5)
RULED_LINE = Inches(0.33)
CELL_PAD = 2 * 108 / 20  # points: the Table Grid style's left and right cell margins
POINT_MARGIN = 43  # twips: the narrower side margins of a scale point's centred column
SLACK = 1.2  # room for other fonts: DejaVu Sans, the widest common fallback, is 18% wider bold
BULLET_INDENT = 18  # points: List Bullet's hanging indent, inside a rating statement
LONG_WORD_SHARE = 0.45  # a longer unbreakable word (a URL) may break rather than starve
RULED_KEEP = 8  # a ruled block of up to this many lines moves to the next page whole


def _need(texts: Iterable[tuple[str, bool]], total: float, extra: float = 0,
          pad: float = CELL_PAD) -> float:
    """The narrowest a column may be: its widest word, with room to spare, in points."""
    word = max((longest_word(text, SMALL_PT, bold) for text, bold in texts), default=0)
    return min(word * SLACK + extra + pad, total * LONG_WORD_SHARE)


def _fit(weights: Sequence[float], mins: Sequence[float], total: float) -> list[float] | None:
    """Widths in proportion to ``weights``, none below its minimum; None if the minimums
    alone are wider than ``total``."""
    if sum(mins) > total:
        return None
    fixed: dict[int, float] = {}
    while True:
        free = [i for i in range(len(weights)) if i not in fixed]
        if not free:  # every column at its minimum: share what is left by weight
            extra = total - sum(fixed.values())
            return [fixed[i] + extra * weights[i] / sum(weights) for i in range(len(weights))]
        room = total - sum(fixed.values())
        share = sum(weights[i] for i in free)
        widths = {i: room * weights[i] / share for i in free}
        short = [i for i in free if widths[i] < mins[i]]
        if not short:
            return [fixed.get(i, widths.get(i, 0.0)) for i in range(len(weights))]
        fixed.update((i, mins[i]) for i in short)


def table_widths(part: Table, total: float) -> list[float] | None:
    """Column widths in points: by how much each column holds (a long printed text
    gets room, a column to write in at least a fair share, a short label column stays
    narrow), never below a column's longest word."""
    weights, mins = [], []
    writable_rows = any(not r.given for r in part.rows)
    for c, col in enumerate(part.columns):
        label = part.label_column and c == 0
        longest = max([len(col.label), *(len(r.cells[c]) for r in part.rows)])
        if label:
            weight = min(max(longest * 1.4, 16), 60)  # bold labels: a short one fits one line
        else:
            weight = min(max(longest, 12), 60)
            if writable_rows:
                weight = max(weight, 30)
        weights.append(weight)
        mins.append(_need([(col.label, True), (col.help, False),
                           *((r.cells[c], label) for r in part.rows)], total))
    return _fit(weights, mins, total)


def rating_widths(part: RatingScale, total: float) -> list[float] | None:
    """The statement column, then one equal column per scale point."""
    points = len(part.scale)
    first = 0.36 if points <= 5 else 0.3
    point = max(_need([(p, True) for p in part.scale], total, pad=2 * POINT_MARGIN / 20),
                BOX_PT * SLACK + CELL_PAD)
    statement = max(_need([(i.statement, True) for i in part.items], total),
                    _need([(e, False) for i in part.items for e in i.examples], total,
                          BULLET_INDENT))
    return _fit([first] + [(1 - first) / points] * points, [statement] + [point] * points,
                total)


def fits(parts: Iterable[Section], total: float) -> bool:
    """Whether every table's words fit across ``total`` points."""
    for part in parts:
        if isinstance(part, Table) and table_widths(part, total) is None:
            return False
        if isinstance(part, RatingScale) and rating_widths(part, total) is None:
            return False
    return True


def _grid(doc: DocxDocument, rows: int, widths: list[float], caption: str) -> DocxTable:
    """A bordered table with column widths in points."""
    table = doc.add_table(rows=rows, cols=len(widths))
    table._tbl.tblPr.style = "TableGrid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for i, points in enumerate(widths):
        width = Pt(points)
        table.columns[i].width = width
        for cell in table.columns[i].cells:  # LibreOffice reads cell widths, Word the grid
            cell.width = width
    _caption(table, caption)
    for row in table.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    return table


def _caption(table: DocxTable, caption: str) -> None:
    cap = OxmlElement("w:tblCaption")  # Word's "alt text" title for the table
    cap.set(qn("w:val"), caption[:255])
    table._tbl.tblPr.append(cap)


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
        run.font.size = Pt(SMALL_PT)
        if helps and helps[i]:
            run = cell.add_paragraph().add_run(helps[i])
            run.italic = True
            run.font.size = Pt(SMALL_PT)
        shade = OxmlElement("w:shd")
        shade.set(qn("w:val"), "clear")
        shade.set(qn("w:color"), "auto")
        shade.set(qn("w:fill"), "E7E6E6")
        cell._tc.get_or_add_tcPr().append(shade)


def add_table(doc: DocxDocument, part: Table, total: float) -> None:
    widths = table_widths(part, total) or [total / len(part.columns)] * len(part.columns)
    table = _grid(doc, len(part.rows) + 1, widths, part.label)
    _header(table, [c.label for c in part.columns], [c.help for c in part.columns])
    for r, row in enumerate(part.rows, start=1):
        cells = table.rows[r].cells
        for c, text in enumerate(row.cells):
            if text:
                run = cells[c].paragraphs[0].add_run(text)
                run.bold = part.label_column and c == 0
                run.font.size = Pt(SMALL_PT)
        if not row.given:
            table.rows[r].height = WRITE_ROW
            table.rows[r].height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST


def add_rating(doc: DocxDocument, part: RatingScale, t, total: float) -> None:
    points = len(part.scale)
    widths = rating_widths(part, total) or [total / (points + 1)] * (points + 1)
    table = _grid(doc, len(part.items) + 1, widths, part.label)
    _header(table, [t["statement"], *part.scale], centre_from=1)
    for row in table.rows:
        for cell in row.cells[1:]:
            _side_margins(cell, POINT_MARGIN)
    for r, item in enumerate(part.items, start=1):
        cells = table.rows[r].cells
        run = cells[0].paragraphs[0].add_run(item.statement)
        run.bold = True
        run.font.size = Pt(SMALL_PT)
        for example in item.examples:
            p = cells[0].add_paragraph()
            p._p.get_or_add_pPr().style = "ListBullet"
            p.add_run(example).font.size = Pt(SMALL_PT)
        for c in range(points):
            p = cells[c + 1].paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.add_run(BOX).font.size = Pt(BOX_PT)
    if part.next_steps:
        p = doc.add_paragraph()
        p.paragraph_format.space_before = Pt(6)
        p.add_run(f"{t['next_steps']}: ").bold = True
        p.add_run(part.next_steps)


def _side_margins(cell, twips: int) -> None:
    mar = OxmlElement("w:tcMar")
    for side in ("left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(twips))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    # After w:tcW and w:shd, before w:vAlign: the order OOXML fixes for a cell's properties.
    cell._tc.get_or_add_tcPr().append(mar)


def add_ruled(doc: DocxDocument, lines: int, caption: str, total: float) -> None:
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
    _caption(table, caption)
    for row in table.rows:
        row.height = RULED_LINE
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        row.cells[0].width = Pt(total)


def keep_with_next(block) -> None:
    """Keep a body block (a ``w:p`` or ``w:tbl``) on the same page as what follows it:
    a short ruled block whole, a longer table by its last row."""
    if block.tag == qn("w:p"):
        paragraphs = [block]
    else:
        rows = block.findall(qn("w:tr"))
        ruled = block.find(f"{qn('w:tblPr')}/{qn('w:tblBorders')}") is not None
        keep = rows if ruled and len(rows) <= RULED_KEEP else rows[-1:]
        paragraphs = [p for row in keep for p in row.iter(qn("w:p"))]
    for p in paragraphs:
        p.get_or_add_pPr().keepNext_val = True
