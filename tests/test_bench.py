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
        "largest_shard_gz_bytes", "first_query_gz_bytes", "query_ms"}


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


def test_shards_are_sized_raw_and_gzipped(report):
    r, _ = report
    if not r["shards"]:
        pytest.skip("no search shards: the search plugin is not in mkdocs.yml")
    for shard in r["shards"]:
        assert 0 < shard["gz_bytes"] < shard["raw_bytes"]
        assert not shard["path"].startswith("search/")  # Material's index is not a shard
    assert r["largest_shard_gz_bytes"] == max(s["gz_bytes"] for s in r["shards"])


@pytest.mark.browser
def test_first_query_on_a_level_page_in_chromium(report, browser):
    r, work = report
    if not r["shards"]:
        pytest.skip("no search shards: the search plugin is not in mkdocs.yml")
    found = bench_browser.first_query(work / "site-a", r["shards"], browser)
    assert found["query_note"] is None or "search_index.json" in found["query_note"]
    assert found["level_page"].startswith("levels/")
    assert found["query"]["shown"] >= 1  # the two words come from a document with both facets
    fetched = {f["url"] for f in found["fetched"]}
    assert any(u.endswith(".json") and "level-" in u for u in fetched)
    assert found["first_query_gz_bytes"] == sum(
        f["gz_bytes"] for f in found["fetched"] if f["url"] != bench_browser.MATERIAL_INDEX)
    assert 0 < found["query_ms"] < 5000
