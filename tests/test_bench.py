"""``commons bench`` end to end on a tiny corpus: the figures exist and make sense.

No timing assertions (those belong to the benchmark's own report): these check that
both builds ran on the same pages, that every key of the JSON report is there with
a plausible value, and that the browser measurement finds the level page's search.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest
from practice_commons.cli import bench_browser, main

from tests.conftest import REPO

N = 20
KEYS = {"n", "build_s", "plain_material_s", "ratio", "validate_per_s", "peak_rss_mb",
        "search", "first_query_gz_bytes", "pagefind_gz_bytes", "query_ms"}


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, Path]:
    work = tmp_path_factory.mktemp("bench")
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(["bench", "--profiles", str(N), "--runs", "1", "--json", "--no-browser",
                     "--keep", str(work), "--root", str(REPO)])
    assert code == 0
    return json.loads(out.getvalue()), work


def test_json_report_has_every_key_with_plausible_values(report):
    r, _ = report
    assert KEYS <= set(r)
    assert r["n"] == N
    bundled = len(list((REPO / "profiles").rglob("*.md")))
    assert r["profiles_total"] >= N + 1 and r["profiles_total"] <= N + bundled
    assert r["build_s"] > 0 and r["plain_material_s"] > 0
    assert r["ratio"] == pytest.approx(r["build_s"] / r["plain_material_s"], rel=0.01)
    assert r["validate_per_s"] > 0
    # A Python process that imported MkDocs and built pages holds tens of MB at least.
    assert 20 < r["peak_rss_mb"] < 4096 and 20 < r["plain_peak_rss_mb"] < 4096
    assert r["first_query_gz_bytes"] is None and "skipped" in r["query_note"]


def test_both_builds_publish_the_synthetic_profiles(report):
    _, work = report
    synthetic = sorted(p.name for p in (work / "repo" / "profiles").iterdir()
                       if p.name.endswith("-00003.md") or p.name.endswith("-00003"))
    assert len(synthetic) == 1
    slug = synthetic[0].removesuffix(".md")
    for site in ("site-a", "site-b"):
        page = work / site / "profiles" / slug / "index.html"
        assert page.is_file(), page
    # Kept out of the sidebar in both builds, so neither renders an N-item navigation.
    for site in ("site-a", "site-b"):
        home = (work / site / "index.html").read_text(encoding="utf-8")
        assert f"profiles/{slug}/" not in home


def test_search_files_are_sized(report):
    r, work = report
    sizes = r["search"]
    assert r["material_search_index_gz_bytes"] is None  # Material's search is not built
    assert sizes["chunks"] >= 1 and sizes["cards"] >= r["n"]
    assert 0 < sizes["manifest_gz_bytes"] < sizes["total_gz_bytes"]
    assert sizes["largest_chunk_gz_bytes"] <= sizes["total_gz_bytes"]


@pytest.mark.browser
def test_first_search_in_chromium_fetches_only_search_files_and_answers(report, browser):
    r, work = report
    found = bench_browser.first_query(work / "site-a", browser, pagefind=False)
    assert found["query_note"] == "Pagefind skipped"
    assert len(found["queries"]) == 2
    for q in found["queries"]:
        urls = [f["url"] for f in q["our_files"]]
        assert "practice-commons/search/index.json" in urls
        assert any(u.startswith("practice-commons/search/t/") for u in urls)
        assert all(u.startswith(bench_browser.OUR_FILES) for u in urls)
        assert q["ours"] == sum(f["gz_bytes"] for f in q["our_files"])
        assert q["results"] >= 1 and 0 < q["query_ms"] < 5000
    assert found["first_query_gz_bytes"] == max(q["ours"] for q in found["queries"])
