"""The Word (.docx) version of a toolkit template, made with python-docx.

Built to be printed and handed out at a team meeting: real heading styles (so the
navigation pane and screen readers see the structure), tables whose header row
repeats on every page, rating scales with one column per scale point, boxes to
tick, ruled room to write, the source citation, and a footer with the host's name
and "Page X of Y". Fonts, sizes and spacing are in :mod:`.word_styles`, the page in
:mod:`.page`, the tables in :mod:`.word_tables`. The file's bytes depend only on
the inputs (fixed dates in the document properties and in the zip), so rebuilds
are byte-identical.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Inches, Pt

from . import page, word_styles
from .bundle import rezip
from .fonts import SANS, font_table
from .sheet import Checklist, Prompt, RatingScale, Section, Table
from .word_tables import BOX, add_rating, add_ruled, add_table, fits, keep_with_next

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

    from ..content.model import Template
    from . import Meta

DOC_DATE = dt.datetime(2020, 1, 1)  # fixed, so identical input gives identical bytes
WIDE_TABLE = 6  # columns from which the document turns to landscape


def docx_bytes(template: Template, parts: tuple[Section, ...], meta: Meta) -> bytes:
    """The .docx file for ``template`` (its sections already read into ``parts``)."""
    t = meta.strings
    doc = Document()
    width = _setup(doc, template, parts, meta)
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
            add_ruled(doc, part.lines, part.label, width)
        elif isinstance(part, Table):
            add_table(doc, part, width)
        elif isinstance(part, RatingScale):
            add_rating(doc, part, t, width)
        elif isinstance(part, Checklist):
            for item in part.items:
                p = doc.add_paragraph(f"{BOX}  {item}")
                p.paragraph_format.left_indent = Inches(0.3)
                p.paragraph_format.first_line_indent = Inches(-0.3)
                p.paragraph_format.space_after = Pt(3)
    if template.sources:
        # The sources follow the last part of the worksheet onto its page: a last page
        # holding only the citations would look like a printing mistake.
        keep_with_next(_last_block(doc))
        _para(doc, t["sources"], "Heading1")
        items = [_para(doc, citation(s, t), "ListNumber2") for s in template.sources]
        for item in items:
            item.paragraph_format.keep_together = True
            item.paragraph_format.keep_with_next = item is not items[-1]
    out = io.BytesIO()
    doc.save(out)
    return rezip(out.getvalue(), {"word/fontTable.xml": lambda _: font_table(),
                                  "word/theme/theme1.xml": _theme_fonts})


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


def _last_block(doc: DocxDocument):
    return [el for el in doc.element.body if el.tag != qn("w:sectPr")][-1]


def _theme_fonts(xml: bytes) -> bytes:
    # The theme's heading and body fonts (Calibri, Cambria) are what Word offers as
    # "+Headings" and "+Body" when someone edits the file: make them the file's font.
    return re.sub(rb'(<a:latin typeface=")[^"]*(")', rb"\g<1>" + SANS.encode() + rb"\g<2>", xml)


def _setup(doc: DocxDocument, template: Template, parts: tuple[Section, ...],
           meta: Meta) -> float:
    """Properties, styles, page and footer; returns the text width in points."""
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
    word_styles.apply(doc)
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    lang.set(qn("w:val"), meta.docx_language)  # spelling and hyphenation language
    portrait = page.text_width(meta.paper).pt
    landscape = (any(isinstance(p, Table) and len(p.columns) >= WIDE_TABLE for p in parts)
                 or not fits(parts, portrait))
    section = doc.sections[0]
    page.setup(section, meta.paper, landscape)
    page.footer(section, meta.site_name, meta.page_url(template), meta.strings)
    return page.text_width(meta.paper, landscape).pt
