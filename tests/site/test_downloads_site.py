"""practice-commons/downloads in a tiny real site: files, panel, form, bundle, cache."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
import yaml
from docx import Document
from mkdocs.exceptions import Abort, PluginError

from tests.conftest import BASE_CONFIG, build, write_files
from tests.core.test_downloads_checks import TEMPLATE

PLUGINS = {"plugins": ["practice-commons/profiles", "practice-commons/downloads"]}
FILES = {"content/templates/index.md": "# Toolkit\n\n[The whole toolkit](toolkit.zip)\n",
         "content/templates/readiness.md": TEMPLATE}
NAMES = ["readiness.docx", "readiness.md", "readiness-steps.csv", "readiness-whys.csv",
         "readiness-matrix.csv"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """One build shared by the tests that only read it."""
    root = tmp_path_factory.mktemp("downloads")
    write_files(root, {"content/index.md": "# Home\n", **FILES})
    (root / "mkdocs.yml").write_text(yaml.safe_dump({**BASE_CONFIG, **PLUGINS}), encoding="utf-8")
    return build(root)


def downloads(site) -> dict[str, bytes]:
    folder = site.site / "templates" / "readiness"
    out = {n: (folder / n).read_bytes() for n in NAMES}
    out["toolkit.zip"] = (site.site / "templates" / "toolkit.zip").read_bytes()
    return out


def test_files_are_published_beside_the_page_and_not_written_into_content(site):
    assert sorted(p.name for p in (site.site / "templates" / "readiness").iterdir()) == sorted(
        NAMES + ["index.html"])
    # The Markdown copy is a download, not a page of the site.
    assert not (site.site / "templates" / "readiness" / "readiness").exists()
    content = sorted(p.relative_to(site.root / "content").as_posix()
                     for p in (site.root / "content").rglob("*") if p.is_file())
    assert content == ["index.md", "templates/index.md", "templates/readiness.md"]
    doc = Document(io.BytesIO(downloads(site)["readiness.docx"]))
    assert doc.core_properties.author == "Test Commons"
    assert doc.sections[0].footer.paragraphs[0].text.startswith("Test Commons\t")
    assert doc.sections[0].footer.paragraphs[1].text == (
        "https://example.org/commons/templates/readiness/")


def test_download_panel_lists_each_file_with_type_and_size(site):
    panel = site.article("templates/readiness/").select_one(".pc-downloads")
    items = [(li.a["href"], li.get_text(" ", strip=True)) for li in panel.select("li")]
    sizes = {n: len(b) for n, b in downloads(site).items()}

    def kb(n):
        return f"{round(n / 1000)} KB" if n >= 1000 else f"{n} bytes"

    assert items == [
        ("readiness.docx", f"Word document (.docx, {kb(sizes['readiness.docx'])})"),
        ("readiness.md", f"Markdown text (.md, {kb(sizes['readiness.md'])})"),
        ("readiness-steps.csv",
         f"Spreadsheet (CSV): Action steps (.csv, {kb(sizes['readiness-steps.csv'])})"),
        ("readiness-whys.csv",
         f"Spreadsheet (CSV): The whys (.csv, {kb(sizes['readiness-whys.csv'])})"),
        ("readiness-matrix.csv",
         f"Spreadsheet (CSV): Barrier matrix (.csv, {kb(sizes['readiness-matrix.csv'])})"),
        ("../toolkit.zip", ("The whole toolkit: every template in every format "
                           f"(.zip, {kb(sizes['toolkit.zip'])})")),
    ]
    assert all(a.has_attr("download") for a in panel.select("a"))
    # The toolkit page's link to the bundle resolves (strict mode checks it too).
    assert site.article("templates/").select_one("a[href='toolkit.zip']")


def test_bundle_unzips_to_every_file_of_every_template(make_site):
    second = TEMPLATE.replace("title: Readiness Worksheet", "title: Second Worksheet") \
                     .replace("tabular: true", "tabular: false")
    site = make_site({**FILES, "content/templates/second.md": second,
                      "content/templates/draft.md": second.replace("status: published",
                                                                   "status: draft")},
                     config=PLUGINS)
    with zipfile.ZipFile(io.BytesIO(downloads(site)["toolkit.zip"])) as zf:
        names = zf.namelist()
        assert names == ["toolkit/README.md"] + sorted(
            [f"toolkit/readiness/{n}" for n in NAMES]
            + ["toolkit/second/second.docx", "toolkit/second/second.md"])
        for n in NAMES:
            assert zf.read(f"toolkit/readiness/{n}") == downloads(site)[n]
    assert not site.exists("templates/draft/")
    assert not (site.site / "templates" / "draft").exists()


def test_fill_in_form_is_labelled_grouped_and_hidden_until_scripted(site):
    art = site.article("templates/readiness/")
    form_box = art.select_one("section.pc-fill")
    assert form_box.has_attr("hidden")  # no JavaScript: the static worksheet is what shows
    assert art.select_one("section.pc-worksheet") is not None
    ids = {el["id"] for el in art.select("[id]")}
    assert len(ids) == len(art.select("[id]")), "duplicate ids"
    fields = form_box.select("textarea, input")
    assert len(fields) == 11 + 3 * 5 + 2  # textareas, radios, checkboxes (counted below)
    for field in fields:
        if field.has_attr("aria-labelledby"):
            assert all(i in ids for i in field["aria-labelledby"].split()), field
        else:
            assert art.select_one(f"label[for='{field['id']}']") is not None, field
    names = [f["name"] for f in form_box.select("textarea")]
    # The prompt; the blank rows after the example row (2 rows × 3 columns); the labelled
    # rows' writable columns (2 × 2); the matrix is printed text only.
    assert names == ["goal", "steps.1.0", "steps.1.1", "steps.1.2", "steps.2.0", "steps.2.1",
                     "steps.2.2", "whys.0.1", "whys.0.2", "whys.1.1", "whys.1.2"]
    fieldsets = form_box.select("fieldset.pc-fill__item")
    assert [fs.legend.get_text(strip=True) for fs in fieldsets] == [
        "1. We can commit staff to the work.", "2. We can fund the joint activities.",
        "3. We know a neutral convener."]
    for i, fs in enumerate(fieldsets):
        radios = fs.select("input[type=radio]")
        assert {r["name"] for r in radios} == {f"capacity.{i}"}
        assert [r["value"] for r in radios] == ["Strongly disagree", "Disagree", "Agree",
                                                 "Strongly agree", "Not applicable"]
    summary = form_box.select_one("[data-pc-summary='capacity']")
    assert "Capacity, resources and structures" in summary.h4.get_text()
    assert [th.get_text(" ", strip=True) for th in summary.select("th")][-1] == \
        "Not applicable (not counted)"
    assert "move on" in summary.select_one(".pc-fill__next").get_text()
    checks = form_box.select("input[type=checkbox]")
    assert [c["name"] for c in checks] == ["check.0", "check.1"]
    data = json.loads(art.select_one("#pc-fill--data").string)
    assert [s["id"] for s in data["sections"]] == ["goal", "steps", "whys", "matrix", "capacity",
                                                   "check"]
    assert art.select_one("script[src$='practice-commons/assets/fill-in/fill-in.js']") is not None
    html = site.text("templates/readiness/")
    assert "<script>alert(1)" not in html


def test_static_worksheet_uses_the_label_column_and_printed_cells(site):
    tables = site.article("templates/readiness/").select(".pc-worksheet table")
    whys, matrix = tables[1], tables[2]
    assert [th.get_text() for th in whys.select("thead th")] == ["Why", "Reason", "Evidence"]
    assert [[c.get_text() for c in tr.find_all(["th", "td"])] for tr in whys.select("tbody tr")] \
        == [["First why", "", ""], ["Second why", "", ""]]
    assert [[c.get_text() for c in tr.find_all(["th", "td"])] for tr in matrix.select("tbody tr")] \
        == [["Hoarding", "***", "*"], ["Search", "", "***"]]
    steps = tables[0]
    assert [[c.get_text() for c in tr.find_all("td")] for tr in steps.select("tbody tr")][:2] == [
        ["Example: book the room", "Ana", "May"], ["", "", ""]]


def test_rebuilds_give_identical_bytes_from_the_cache_and_regenerate_only_changes(
        make_site, tmp_path_factory, monkeypatch):
    first = downloads(make_site(FILES, config=PLUGINS))

    def boom(*args, **kwargs):
        raise AssertionError("an unchanged template was generated again")

    with monkeypatch.context() as m:
        m.setattr("practice_commons.core.downloads.generate", boom)
        again = downloads(make_site(FILES, config=PLUGINS))
    assert again == first
    # An edited template is generated again; the others' files are unchanged.
    changed = downloads(make_site({**FILES, "content/templates/readiness.md": TEMPLATE.replace(
        "label: Our goal", "label: Our shared goal")}, config=PLUGINS))
    assert changed["readiness.docx"] != first["readiness.docx"]
    assert b"Our shared goal" in changed["readiness.md"]
    assert changed["readiness-whys.csv"] == first["readiness-whys.csv"]
    # A fresh folder with the cache turned off: the same bytes, made from scratch.
    other = tmp_path_factory.mktemp("uncached")
    write_files(other, {"content/index.md": "# Home\n", **FILES})
    (other / "mkdocs.yml").write_text(yaml.safe_dump({**BASE_CONFIG, "plugins": [
        "practice-commons/profiles", {"practice-commons/downloads": {"cache_dir": ""}}]}))
    assert downloads(build(other)) == first
    assert not (other / ".cache").exists()


def test_an_invalid_template_definition_stops_the_build(make_site, caplog):
    bad = TEMPLATE.replace("ready_at: [Agree, Strongly agree]", "ready_at: [Agreed]")
    with pytest.raises((PluginError, Abort)):
        make_site({**FILES, "content/templates/readiness.md": bad}, config=PLUGINS)
    line = next(n for n, text in enumerate(bad.splitlines(), 1) if "ready_at" in text)
    assert any(
        f"content/templates/readiness.md:{line}: field 'sections[4].ready_at[0]': 'Agreed' is not "
        "one of this section's scale points — did you mean 'Agree'?" in r.getMessage()
        for r in caplog.records)


def test_options_turn_the_bundle_and_the_form_off(make_site):
    site = make_site(FILES, config={"plugins": [
        "practice-commons/profiles",
        {"practice-commons/downloads": {"bundle": "", "fill_in": False}}],
        "validation": {"links": {"not_found": "info"}}})
    assert not (site.site / "templates" / "toolkit.zip").exists()
    art = site.article("templates/readiness/")
    assert art.select_one(".pc-fill") is None and art.select_one(".pc-downloads") is not None
    assert "fill-in.css" not in site.text("templates/readiness/")


def test_the_plugin_needs_the_profiles_plugin(make_site):
    with pytest.raises((PluginError, Abort)):
        make_site(FILES, config={"plugins": ["practice-commons/downloads"]})


def test_paper_a4_reaches_the_word_file_and_is_not_served_stale_from_the_cache(make_site):
    from tests.core.test_downloads_print import check_page_numbers, docx_parts, page

    letter = docx_parts(downloads(make_site(FILES, config=PLUGINS))["readiness.docx"])
    assert (page(letter)["w"], page(letter)["h"]) == (12240, 15840)
    # The same folder, so the same cache: only the setting changes.
    a4 = docx_parts(downloads(make_site(FILES, config={"plugins": [
        "practice-commons/profiles", {"practice-commons/downloads": {"paper": "a4"}}]}))[
        "readiness.docx"])
    assert (page(a4)["w"], page(a4)["h"], page(a4)["code"]) == (11906, 16838, "9")
    check_page_numbers(a4, "Test Commons")


def test_an_unknown_paper_size_stops_the_build_naming_the_choices(make_site, caplog):
    with pytest.raises((PluginError, Abort)):
        make_site(FILES, config={"plugins": [
            "practice-commons/profiles", {"practice-commons/downloads": {"paper": "A5"}}]})
    assert any("paper" in r.getMessage() and "'letter', 'a4'" in r.getMessage()
               for r in caplog.records), [r.getMessage() for r in caplog.records]
