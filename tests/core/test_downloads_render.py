"""The bundled templates' Word files laid out by LibreOffice, as a teacher would print them.

The XML checks (test_downloads_print) say what the file asks for; this says what a
real layout engine makes of it: page size, "Page X of Y" filled in, no table header
broken inside a word, and a last page that holds more than the list of sources.
Needs LibreOffice and poppler (Debian: libreoffice-writer-nogui, poppler-utils);
skipped where they are not installed.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from docx import Document
from docx.oxml.ns import qn
from practice_commons.core import Layout, load
from practice_commons.core.downloads import Meta, generate, sheet
from practice_commons.core.hosting.i18n import strings

from tests.conftest import REPO

pytestmark = pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftotext") and shutil.which("pdfinfo")),
    reason="needs LibreOffice and poppler: apt-get install libreoffice-writer-nogui poppler-utils")


PAPERS = ("letter", "a4")


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    """Every bundled template's .docx on each paper, and its PDF, in one LibreOffice run
    (starting LibreOffice takes longer than laying the files out)."""
    folder = tmp_path_factory.mktemp("render")
    templates = list(load(Layout(REPO)).collection.published("template"))
    for paper in PAPERS:
        meta = Meta(site_name="Practice Commons", strings=strings("en"),
                    site_url="https://example.org/", paper=paper)
        for t in templates:
            (folder / f"{t.slug}-{paper}.docx").write_bytes(
                next(d.data for d in generate(t, meta) if d.format == "docx"))
    # A profile of its own, so a LibreOffice the user has open is left alone.
    subprocess.run(["soffice", f"-env:UserInstallation=file://{folder}/profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder),
                    *sorted(str(p) for p in folder.glob("*.docx"))],
                   check=True, capture_output=True, timeout=300)
    return folder, templates


@pytest.fixture(params=PAPERS)
def rendered(request, converted):
    folder, templates = converted
    return request.param, folder, templates


def pdf_pages(pdf) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    return text.split("\f")[:-1]


def test_pages_are_the_paper_chosen_and_numbered(rendered):
    paper, folder, templates = rendered
    for t in templates:
        pdf = folder / f"{t.slug}-{paper}.pdf"
        info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True,
                              text=True).stdout
        w, h = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
        assert sorted((round(w), round(h))) == ([612, 792] if paper == "letter" else [595, 842])
        pages = pdf_pages(pdf)
        for n, text in enumerate(pages, 1):
            assert f"Page {n} of {len(pages)}" in text, (t.slug, n)
            assert "Practice Commons" in text


def test_no_header_word_is_broken(rendered):
    paper, folder, templates = rendered
    for t in templates:
        doc = Document(str(folder / f"{t.slug}-{paper}.docx"))
        words = set()
        for table in doc.tables:
            pr = table.rows[0]._tr.trPr
            if pr is not None and pr.find(qn("w:tblHeader")) is not None:
                for cell in table.rows[0].cells:
                    words |= {w.strip("?.,:;()“”\"'") for w in re.split(r"[\s-]+", cell.text)}
        seen = {w.strip("?.,:;()“”\"'")
                for w in re.split(r"[\s-]+", "".join(pdf_pages(folder / f"{t.slug}-{paper}.pdf")))}
        assert {w for w in words if len(w) > 1} <= seen, (t.slug, words - seen)


def test_the_last_page_holds_the_last_part_with_the_sources(rendered):
    paper, folder, templates = rendered
    for t in templates:
        last = pdf_pages(folder / f"{t.slug}-{paper}.pdf")[-1]
        assert "Sources" in last, t.slug
        assert " ".join(sheet(t.sections)[-1].label.split()[:3]) in " ".join(last.split()), \
            t.slug
