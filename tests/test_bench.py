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
from practice_commons.cli.bench_table import table

from tests.conftest import REPO

SIZES = (10, 20)
N = SIZES[-1]
KEYS = {"n", "build_s", "plain_material_s", "ratio", "build_cpu_s", "plain_material_cpu_s",
        "ratio_cpu", "peak_rss_mb", "plain_peak_rss_mb", "ratio_rss", "validate_per_s",
        "validate_per_cpu_s", "validate_wall_s", "validate_cpu_s", "edit_s", "plain_edit_s",
        "search", "first_query_gz_bytes", "pagefind_gz_bytes", "query_ms"}


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, Path]:
    work = tmp_path_factory.mktemp("bench")
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(["bench", "--profiles", ",".join(map(str, SIZES)), "--runs", "1", "--json",
                     "--no-browser", "--edits", "1", "--keep", str(work), "--root", str(REPO)])
    assert code == 0
    return json.loads(out.getvalue()), work


@pytest.fixture(scope="module")
def report(run) -> tuple[dict, Path]:
    """The figures and the work folder of the largest size."""
    whole, work = run
    return whole["sizes"][-1], work / str(N)


def test_json_report_has_every_key_with_plausible_values(report):
    r, _ = report
    assert KEYS <= set(r)
    assert r["n"] == N
    bundled = len(list((REPO / "profiles").rglob("*.md")))
    assert r["profiles_total"] >= N + 1 and r["profiles_total"] <= N + bundled
    assert r["build_s"] > 0 and r["plain_material_s"] > 0
    assert r["ratio"] == pytest.approx(r["build_s"] / r["plain_material_s"], rel=0.01)
    assert r["ratio_cpu"] == pytest.approx(r["build_cpu_s"] / r["plain_material_cpu_s"], rel=0.01)
    assert r["ratio_rss"] == pytest.approx(r["peak_rss_mb"] / r["plain_peak_rss_mb"], rel=0.01)
    # A build process needs CPU time, though never more than its wall time on two cores.
    assert 0 < r["build_cpu_s"] < 2 * r["build_s"] + 1
    assert r["validate_per_s"] > 0 and r["validate_per_cpu_s"] > 0
    assert r["validate_per_s"] == pytest.approx(r["profiles_total"] / r["validate_wall_s"], rel=0.01)
    # A Python process that imported MkDocs and built pages holds tens of MB at least.
    assert 20 < r["peak_rss_mb"] < 4096 and 20 < r["plain_peak_rss_mb"] < 4096
    assert r["first_query_gz_bytes"] is None and "skipped" in r["query_note"]
    # Edits are timed at the smallest size only.
    assert r["edit_s"] is None and r["plain_edit_s"] is None


def test_an_edit_under_serve_is_timed_for_both_at_the_smallest_size(run):
    whole, _ = run
    small = whole["sizes"][0]
    assert small["n"] == SIZES[0]
    for key in ("edit_s", "plain_edit_s"):
        # From the save to the page served with the new sentence: more than a poll, less
        # than the timeout.
        assert 0.02 < small[key] < 300
        assert len(small[key.replace("_s", "_runs_s")]) == 1


def test_growth_per_thousand_profiles_between_the_sizes(run):
    whole, _ = run
    (g,) = whole["growth"]
    lo, hi = whole["sizes"]
    assert (g["from"], g["to"]) == SIZES
    per = (SIZES[1] - SIZES[0]) / 1000
    assert g["build_cpu_s"] == pytest.approx((hi["build_cpu_s"] - lo["build_cpu_s"]) / per,
                                             abs=0.01)
    assert g["peak_rss_mb"] == pytest.approx((hi["peak_rss_mb"] - lo["peak_rss_mb"]) / per,
                                             abs=0.01)
    # Ten more profiles make more search files.
    assert g["search_gz_bytes"] > 0


def test_the_table_puts_the_sizes_side_by_side(run):
    whole, _ = run
    text = table(whole)
    head = text.splitlines()[0]
    assert "N = 10" in head and "N = 20" in head and "per 1,000, 10→20" in head
    for label in ("build CPU, plugins / plain", "ratio (CPU)", "build wall", "ratio (wall)",
                  "peak RSS", "ratio (RSS)", "edit to visible", "validate, wall / CPU",
                  "search files, all (gzip)", "first query, ours / Pagefind"):
        assert label in text
    assert f"{whole['sizes'][0]['ratio_cpu']:.3f}" in text


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
