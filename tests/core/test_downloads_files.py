"""The generated files themselves: open the .docx with python-docx, parse the CSV and
Markdown, unzip the bundle, and check that the bytes depend only on the input."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn
from practice_commons.core.downloads import (
    DownloadCache,
    Meta,
    bundle,
    cache_key,
    generate,
    generate_cached,
    sheet,
)
from practice_commons.core.downloads.bundle import ZIP_DATE
from practice_commons.core.downloads.form import fill_json, human_size
from practice_commons.core.downloads.sheet import RatingScale
from practice_commons.core.hosting.i18n import strings

from tests.core.test_downloads_checks import TEMPLATE

EN = strings("en")
META = Meta(site_name="Test Commons", strings=EN, site_url="https://example.org/commons/",
            labels={"stages": {"assess": "Assess the environment"},
                    "levels": {"3": "Foundational Implementation"},
                    "dimensions": {"capacity": "Capacity, resources and structures"}})
SCALE = ["Strongly disagree", "Disagree", "Agree", "Strongly agree", "Not applicable"]


@pytest.fixture
def template(load_files):
    result = load_files({"content/templates/readiness.md": TEMPLATE})
    assert result.issues == []
    return result.collection.templates[0]


@pytest.fixture
def files(template):
    return {d.name: d for d in generate(template, META)}


def tables_by_caption(doc):
    out = {}
    for table in doc.tables:
        cap = table._tbl.tblPr.find(qn("w:tblCaption"))
        out[cap.get(qn("w:val"))] = table
    return out


def is_header(row) -> bool:
    pr = row._tr.trPr
    return pr is not None and pr.find(qn("w:tblHeader")) is not None


def test_one_file_per_format_and_one_csv_per_table(files):
    assert list(files) == ["readiness.docx", "readiness.md", "readiness-steps.csv",
                           "readiness-whys.csv", "readiness-matrix.csv"]
    assert files["readiness-whys.csv"].label == "The whys"
    assert [d.format for d in files.values()] == ["docx", "md", "csv", "csv", "csv"]


def test_docx_structure_headings_and_properties(files):
    doc = Document(io.BytesIO(files["readiness.docx"].data))
    by_style: dict[str, list[str]] = {}
    for p in doc.paragraphs:
        by_style.setdefault(p.style.name, []).append(p.text)
    assert by_style["Title"] == ["Readiness Worksheet"]
    assert by_style["Heading 1"] == ["Purpose", "How to use it", "The worksheet", "Sources"]
    assert by_style["Heading 2"] == ["Our goal", "Action steps", "The whys", "Barrier matrix",
                                     "Capacity and resources", "Before you start"]
    assert by_style["List Number"] == ["Rate each statement on your own.",
                                       "Compare the ratings as a team."]
    assert by_style["List Number 2"] == [
        "Example Toolkit (2019). Example Center, pages 13–17. https://example.org/toolkit"]
    texts = [p.text for p in doc.paragraphs]
    assert "☐  Room booked" in texts
    assert "☐  Data gathered </script><script>alert(1)</script>" in texts
    assert any(t.startswith("Next steps: If most ratings") for t in texts)
    props = doc.core_properties
    assert (props.title, props.author, props.language) == (
        "Readiness Worksheet", "Test Commons", "en-US")
    assert props.created == props.modified == dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)
    lang = doc.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert lang.get(qn("w:val")) == "en-US"
    # The page numbers are fields; python-docx shows the value stored until Word updates it.
    assert [p.text for p in doc.sections[0].footer.paragraphs] == [
        "Test Commons\tPage 1 of 1", "https://example.org/commons/templates/readiness/"]


def test_docx_tables_have_repeating_headers_rows_and_scale_columns(files):
    doc = Document(io.BytesIO(files["readiness.docx"].data))
    tables = tables_by_caption(doc)
    assert set(tables) == {"Our goal", "Action steps", "The whys", "Barrier matrix",
                           "Capacity and resources"}
    goal = tables["Our goal"]  # ruled room to write: one row per line, no header
    assert (len(goal.rows), len(goal.columns)) == (4, 1)
    steps = tables["Action steps"]
    assert (len(steps.rows), len(steps.columns)) == (4, 3)
    assert [c.paragraphs[0].text for c in steps.rows[0].cells] == ["Step", "Who", "=SUM(A1) when"]
    assert steps.rows[0].cells[0].paragraphs[1].text == "What will be done?"
    assert [c.text for c in steps.rows[1].cells] == ["Example: book the room", "Ana", "May"]
    assert [c.text for c in steps.rows[2].cells] == ["", "", ""]
    whys = tables["The whys"]
    assert [r.cells[0].text for r in whys.rows] == ["Why", "First why", "Second why"]
    matrix = tables["Barrier matrix"]
    assert [[c.text for c in r.cells] for r in matrix.rows[1:]] == [
        ["Hoarding", "***", "*"], ["Search", "", "***"]]
    rating = tables["Capacity and resources"]
    assert [c.text for c in rating.rows[0].cells] == ["Statement", *SCALE]
    assert len(rating.rows) == 4
    assert rating.rows[1].cells[0].paragraphs[0].text == "We can commit staff to the work."
    assert rating.rows[1].cells[0].paragraphs[1].text == "Staff are available and their roles are clear."
    assert all(c.text == "☐" for r in rating.rows[1:] for c in r.cells[1:])
    for name in ("Action steps", "The whys", "Barrier matrix", "Capacity and resources"):
        rows = tables[name].rows
        assert is_header(rows[0]) and not any(is_header(r) for r in rows[1:]), name
    assert not is_header(goal.rows[0])


def test_wide_tables_turn_the_page_to_landscape(load_files):
    wide = TEMPLATE.replace('      - {label: "=SUM(A1) when"}\n',
                            '      - {label: "=SUM(A1) when"}\n' + "      - {label: More}\n" * 3)
    wide = wide.replace('"Ana", "May"]', '"Ana", "May", "", "", ""]')
    result = load_files({"content/templates/readiness.md": wide})
    assert result.issues == []
    doc = Document(io.BytesIO(generate(result.collection.templates[0], META)[0].data))
    section = doc.sections[0]
    assert section.page_width > section.page_height


def test_identical_input_gives_identical_bytes(template, files):
    again = {d.name: d.data for d in generate(template, META)}
    assert again == {name: d.data for name, d in files.items()}
    with zipfile.ZipFile(io.BytesIO(files["readiness.docx"].data)) as zf:
        assert {i.date_time for i in zf.infolist()} == {ZIP_DATE}
        # python-docx's placeholder thumbnail of an empty page is dropped.
        assert not any("thumbnail" in n for n in zf.namelist())
        assert zf.namelist()[0] == "[Content_Types].xml"


def test_markdown_copy(files):
    md = files["readiness.md"].data.decode("utf-8")
    lines = md.splitlines()
    assert lines[0] == "# Readiness Worksheet"
    assert "- **Collaboration stage:** Assess the environment" in lines
    assert "1. Rate each statement on your own." in lines
    assert "| Barrier | Unify people | Nimble networks |" in lines
    assert "| Hoarding | \\*\\*\\* | \\* |" in lines
    assert "| Search |   | \\*\\*\\* |" in lines
    assert "| First why |   |   |" in lines
    assert "- [ ] Room booked" in lines
    assert "- [ ] Data gathered \\</script\\>\\<script\\>alert(1)\\</script\\>" in lines
    assert "[ ] " + "   [ ] ".join(SCALE) in lines
    assert lines[-1] == "Test Commons: <https://example.org/commons/templates/readiness/>"


def test_csv_files_parse_with_header_rows_bom_and_formula_guard(files):
    raw = files["readiness-steps.csv"].data
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows == [["Step", "Who", "'=SUM(A1) when"], ["Example: book the room", "Ana", "May"],
                    ["", "", ""], ["", "", ""]]
    whys = list(csv.reader(io.StringIO(files["readiness-whys.csv"].data.decode("utf-8-sig"))))
    assert whys == [["Why", "Reason", "Evidence"], ["First why", "", ""], ["Second why", "", ""]]


def test_verdict_counts_most_ratings_and_leaves_not_applicable_out():
    scale = RatingScale(id="x", label="X", scale=tuple(SCALE), items=(),
                        ready_at=("Agree", "Strongly agree"))
    assert scale.needs_work_at == ("Strongly disagree", "Disagree")
    assert scale.verdict([]) is None
    assert scale.verdict(["Not applicable", None]) is None
    assert scale.verdict(["Agree", "Agree", "Disagree", "Not applicable"]) == "ready"
    assert scale.verdict(["Agree", "Disagree"]) == "needs-work"  # a tie is not "most"
    assert scale.verdict(["Strongly disagree", "Agree", "Not applicable", "Not applicable"]) == \
        "needs-work"
    assert RatingScale(id="x", label="X", scale=("No", "Yes"), items=()).verdict(["Yes"]) is None


def test_bundle_holds_every_file_and_a_readme(template, files):
    data = bundle([template], {template.slug: list(files.values())}, META, "toolkit")
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = zf.namelist()
        assert names == ["toolkit/README.md"] + sorted(f"toolkit/readiness/{n}" for n in files)
        assert zf.read("toolkit/readiness/readiness.docx") == files["readiness.docx"].data
        readme = zf.read("toolkit/README.md").decode()
        assert {i.date_time for i in zf.infolist()} == {ZIP_DATE}
    assert "## Readiness Worksheet" in readme
    assert "- `readiness/readiness-whys.csv`: Spreadsheet (CSV) (The whys)" in readme
    assert bundle([template], {template.slug: list(files.values())}, META, "toolkit") == data


def test_cache_reuses_files_and_survives_damage(template, files, tmp_path, monkeypatch):
    cache = DownloadCache(tmp_path / "cache")
    first = generate_cached(template, META, cache)
    assert (cache.hits, cache.misses) == (0, 1)
    entry = tmp_path / "cache" / "readiness" / f"{cache_key(template, META)}.zip"
    assert entry.is_file()

    def boom(*args, **kwargs):
        raise AssertionError("regenerated although nothing changed")

    monkeypatch.setattr("practice_commons.core.downloads.generate", boom)
    again = generate_cached(template, META, cache)
    assert [(d.name, d.format, d.label, d.data) for d in again] == \
        [(d.name, d.format, d.label, d.data) for d in first]
    monkeypatch.undo()

    entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])  # a truncated entry
    assert [d.data for d in generate_cached(template, META, cache)] == [d.data for d in first]
    entry.write_bytes(b"not a zip at all")
    assert [d.data for d in generate_cached(template, META, cache)] == [d.data for d in first]


def test_cache_key_follows_every_input_and_old_entries_are_pruned(template, tmp_path):
    other_site = Meta(site_name="Another Commons", strings=EN, labels=META.labels)
    assert cache_key(template, META) != cache_key(template, other_site)
    assert cache_key(template, META) == cache_key(template, Meta(**vars(META)))
    cache = DownloadCache(tmp_path)
    generate_cached(template, META, cache)
    generate_cached(template, other_site, cache)
    assert [p.name for p in (tmp_path / "readiness").iterdir()] == [
        f"{cache_key(template, other_site)}.zip"]


def test_an_unwritable_or_disabled_cache_only_costs_time(template, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert generate_cached(template, META, DownloadCache(blocker / "cache"))  # cannot mkdir
    assert generate_cached(template, META, DownloadCache(None))


def test_fill_json_is_safe_in_a_script_element_and_round_trips(template):
    text = fill_json(template, sheet(template.sections), META)
    assert "</script" not in text.lower() and "<" not in text
    data = json.loads(text)
    check = data["sections"][5]
    assert check["items"][1] == "Data gathered </script><script>alert(1)</script>"
    rating = data["sections"][4]
    assert rating["ready"] == ["Agree", "Strongly agree"]
    assert rating["low"] == ["Strongly disagree", "Disagree"]
    assert rating["dimension"] == "Capacity, resources and structures"
    assert data["sections"][3]["rows"][0] == {"cells": ["Hoarding", "***", "*"], "given": True}
    assert set(data["t"]) >= {"fill_ready", "fill_needs_work", "fill_saved"}


@pytest.mark.parametrize("n, shown", [(850, "850 bytes"), (37_400, "37 KB"),
                                      (1_250_000, "1.2 MB")])
def test_human_sizes(n, shown):
    assert human_size(n, EN) == shown
