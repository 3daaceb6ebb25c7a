"""Every bundled toolkit template's downloads, checked against its own definition:
headings, tables, header rows, scale columns and row counts in the .docx, every CSV
parsed, the bundle unzipped, and the toolkit page's link to it."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn
from practice_commons.core import Layout, load
from practice_commons.core.downloads import sheet
from practice_commons.core.downloads.sheet import Checklist, Prompt, RatingScale, Table

from tests.conftest import REPO
from tests.core.test_downloads_print import (
    check_ending,
    check_fonts,
    check_headers_fit,
    check_page_numbers,
    check_sizes,
    docx_parts,
    page,
)


@pytest.fixture(scope="module")
def templates():
    found = [t for t in load(Layout(REPO)).collection.published("template")]
    assert len(found) >= 8, "the bundled toolkit should have its eight templates"
    return found


def is_header(row) -> bool:
    pr = row._tr.trPr
    return pr is not None and pr.find(qn("w:tblHeader")) is not None


def test_every_docx_matches_its_template(bundled_site, templates):
    for t in templates:
        parts = sheet(t.sections)
        doc = Document(str(bundled_site.site / "templates" / t.slug / f"{t.slug}.docx"))
        assert doc.core_properties.title == t.title
        assert doc.core_properties.author == "Practice Commons"
        headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
        assert headings == [p.label for p in parts], t.slug
        tables = iter(doc.tables)
        for part in parts:
            if isinstance(part, Checklist):
                continue
            table = next(tables)
            if isinstance(part, Prompt):
                assert (len(table.rows), len(table.columns)) == (part.lines, 1), part.id
                continue
            header = [c.paragraphs[0].text for c in table.rows[0].cells]
            assert is_header(table.rows[0]), (t.slug, part.id)
            assert not any(is_header(r) for r in table.rows[1:])
            if isinstance(part, Table):
                assert header == [c.label for c in part.columns], (t.slug, part.id)
                assert len(table.rows) == len(part.rows) + 1, (t.slug, part.id)
                if part.label_column:
                    assert [r.cells[0].text for r in table.rows[1:]] == \
                        [r.label for r in part.rows]
            else:
                assert isinstance(part, RatingScale)
                assert header == ["Statement", *part.scale], (t.slug, part.id)
                assert len(table.rows) == len(part.items) + 1
        assert next(tables, None) is None, f"{t.slug}: unexpected extra table"
        boxes = sum(p.text.startswith("☐") for p in doc.paragraphs)
        assert boxes == sum(len(p.items) for p in parts if isinstance(p, Checklist)), t.slug
        assert [p.text for p in doc.paragraphs if p.style.name == "List Number 2"], \
            f"{t.slug}: no source citation"


def test_every_docx_prints_as_a_handout(bundled_site, templates):
    """Page numbers, 10 pt or more, declared fonts, header words that fit, US Letter, and
    an ending with no page of its own (the checks are in tests/core/test_downloads_print)."""
    for t in templates:
        data = (bundled_site.site / "templates" / t.slug / f"{t.slug}.docx").read_bytes()
        parts = docx_parts(data)
        check_page_numbers(parts, "Practice Commons")
        check_sizes(parts)
        check_fonts(parts, data)
        check_headers_fit(parts)
        check_ending(parts)
        size = page(parts)
        assert sorted((size["w"], size["h"])) == [12240, 15840], t.slug


def test_every_csv_parses_and_matches_its_table(bundled_site, templates):
    seen = 0
    for t in templates:
        folder = bundled_site.site / "templates" / t.slug
        csvs = sorted(p.name for p in folder.glob("*.csv"))
        tables = [p for p in sheet(t.sections) if isinstance(p, Table)]
        if not t.tabular:
            assert csvs == []
            continue
        assert csvs == sorted(f"{t.slug}-{p.id}.csv" for p in tables)
        for part in tables:
            text = (folder / f"{t.slug}-{part.id}.csv").read_bytes().decode("utf-8-sig")
            rows = list(csv.reader(io.StringIO(text)))
            assert rows[0] == [c.label for c in part.columns]
            assert len(rows) == len(part.rows) + 1
            assert all(len(r) == len(part.columns) for r in rows)
            seen += 1
    assert seen >= 10  # the four tabular templates named in the issue have ten tables


def test_the_bundle_holds_every_file_and_is_linked_from_the_toolkit(bundled_site, templates):
    site_files = {}
    for t in templates:
        for p in (bundled_site.site / "templates" / t.slug).iterdir():
            if p.name != "index.html":
                site_files[f"toolkit/{t.slug}/{p.name}"] = p.read_bytes()
    with zipfile.ZipFile(bundled_site.site / "templates" / "toolkit.zip") as zf:
        assert zf.testzip() is None
        names = zf.namelist()
        assert names[0] == "toolkit/README.md"
        assert sorted(names[1:]) == sorted(site_files)
        for name, data in site_files.items():
            assert zf.read(name) == data, name
    link = bundled_site.article("templates/").select_one("a[href='toolkit.zip']")
    assert link is not None and "whole toolkit" in link.get_text()


def test_every_template_page_offers_its_files(bundled_site, templates):
    for t in templates:
        art = bundled_site.article(f"templates/{t.slug}/")
        hrefs = [a["href"] for a in art.select(".pc-downloads a")]
        assert hrefs[:2] == [f"{t.slug}.docx", f"{t.slug}.md"]
        assert hrefs[-1] == "../toolkit.zip"
        for href in hrefs[:-1]:
            assert (bundled_site.site / "templates" / t.slug / href).is_file()
        assert art.select_one("section.pc-fill[hidden]") is not None
