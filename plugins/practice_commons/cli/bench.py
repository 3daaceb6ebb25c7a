"""``commons bench``: what the custom plugins cost over plain Material, at archive scale.

Generates ``N`` synthetic profiles beside a copy of this repository's content, then
builds that site (a) with the plugins the repository's mkdocs.yml lists and (b) with
plain mkdocs-material on the same Markdown (profiles copied into ``docs_dir`` and
kept out of the navigation, Material's search, no custom plugins or overrides),
alternating a b a b … so that machine noise hits both alike. It also times
validation, reads the peak memory of every build, sizes the search files and, in
headless Chromium, what a first search fetches beside Pagefind on the same site.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

from . import bench_browser
from .bench_site import (BenchError, gz_size, prepare, search_sizes, timed_build, tree_bytes,
                         validate_rate)
from .common import find_root


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "bench", help="measure build cost, validation speed and search weight at scale",
        description="Build N synthetic profiles with this repository's plugins and with plain "
                    "Material, alternating runs, and report medians, their ratio, validation "
                    "throughput, peak memory, search file sizes and first-query bytes beside Pagefind.")
    p.add_argument("--profiles", type=int, default=1000, metavar="N",
                   help="number of synthetic profiles (default 1000)")
    p.add_argument("--runs", type=int, default=3, help="builds of each kind (default 3)")
    p.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    p.add_argument("--keep", type=Path, default=None, metavar="DIR",
                   help="build in DIR and keep it (default: a temporary folder, removed after)")
    p.add_argument("--no-browser", action="store_true", help="skip the Chromium measurements")
    p.add_argument("--root", type=Path, default=None,
                   help="repository root (default: the folder holding mkdocs.yml)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.profiles < 1 or args.runs < 1:
        print("commons bench: --profiles and --runs must be at least 1", file=sys.stderr)
        return 2
    root = (args.root or find_root()).resolve()
    if not (root / "mkdocs.yml").is_file():
        print(f"commons bench: no mkdocs.yml in {root}", file=sys.stderr)
        return 2
    work = args.keep.resolve() if args.keep else Path(tempfile.mkdtemp(prefix="commons-bench-"))
    try:
        result = bench(root, work, args.profiles, runs=args.runs, seed=args.seed,
                       browser=not args.no_browser, progress=_progress)
    except BenchError as exc:
        print(f"commons bench: {exc}", file=sys.stderr)
        return 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(table(result))
    return 0


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def bench(root: Path, work: Path, n: int, *, runs: int = 3, seed: int = 0, browser: bool = True,
          progress=None) -> dict[str, Any]:
    """Run the whole benchmark in ``work``; returns the figures (see :func:`table`)."""
    say = progress or (lambda _m: None)
    say(f"Preparing {n} synthetic profiles in {work} …")
    site_root = prepare(root, work, n, seed)
    per_s, profiles_loaded, validate_s, validate_wall = validate_rate(site_root)
    say(f"Validation: {profiles_loaded} profiles in {validate_s:.3f} CPU-s ({per_s:,.0f}/s), "
        f"{validate_wall:.3f} s wall")
    builds: dict[str, list[dict[str, Any]]] = {"a": [], "b": []}
    for i in range(runs):
        for kind, cfg in (("a", "mkdocs.yml"), ("b", "mkdocs-plain.yml")):
            out = timed_build(site_root, cfg, work / f"site-{kind}")
            builds[kind].append(out)
            say(f"Build {i + 1}/{runs} {'plugins' if kind == 'a' else 'plain Material'}: "
                f"{out['seconds']:.1f} s ({out['cpu_s']:.1f} CPU-s), {out['max_rss_mb']:.0f} MB")
    a = statistics.median(b["seconds"] for b in builds["a"])
    b = statistics.median(b["seconds"] for b in builds["b"])
    a_cpu = statistics.median(b["cpu_s"] for b in builds["a"])
    b_cpu = statistics.median(b["cpu_s"] for b in builds["b"])
    site = work / "site-a"
    sizes = search_sizes(site)
    result: dict[str, Any] = {
        "n": n,
        "profiles_total": profiles_loaded,
        "runs": runs,
        "build_s": round(a, 2),
        "plain_material_s": round(b, 2),
        "ratio": round(a / b, 3),
        "build_runs_s": [round(x["seconds"], 2) for x in builds["a"]],
        "plain_runs_s": [round(x["seconds"], 2) for x in builds["b"]],
        # CPU time of each build process: on a busy machine it moves far less than wall time.
        "build_cpu_s": round(a_cpu, 2),
        "plain_material_cpu_s": round(b_cpu, 2),
        "ratio_cpu": round(a_cpu / b_cpu, 3),
        "validate_per_s": round(per_s),
        "validate_cpu_s": round(validate_s, 3),
        "validate_wall_s": round(validate_wall, 3),
        "peak_rss_mb": round(max(x["max_rss_mb"] for x in builds["a"]), 1),
        "plain_peak_rss_mb": round(max(x["max_rss_mb"] for x in builds["b"]), 1),
        "warnings": builds["a"][-1]["warnings"],
        "plain_warnings": builds["b"][-1]["warnings"],
        "site_mb": round(tree_bytes(site) / 1e6, 1),
        "material_search_index_gz_bytes": gz_size(site / "search" / "search_index.json"),
        "search": sizes,
    }
    if browser:
        say("Indexing the same site with Pagefind and measuring first queries in Chromium …")
        result.update(bench_browser.first_query(site))
    else:
        result.update(first_query_gz_bytes=None, pagefind_gz_bytes=None, query_ms=None,
                      queries=[], query_note="skipped (--no-browser)")
    return result


def table(r: dict[str, Any]) -> str:
    """The figures as a readable table, targets beside them."""
    def kb(v: int | None) -> str:
        return "—" if v is None else f"{v / 1000:,.1f} KB"

    rows = [
        ("profiles (synthetic / total)", f"{r['n']:,} / {r['profiles_total']:,}", ""),
        ("build with plugins, median", f"{r['build_s']:.1f} s  {r['build_runs_s']}", ""),
        ("plain Material, median", f"{r['plain_material_s']:.1f} s  {r['plain_runs_s']}", ""),
        ("ratio", f"{r['ratio']:.3f}", "≤ 1.15 at N = 1,000"),
        ("CPU time, plugins / plain",
         f"{r['build_cpu_s']:.1f} / {r['plain_material_cpu_s']:.1f} s (ratio {r['ratio_cpu']:.3f})",
         ""),
        ("commons validate", f"{r['validate_per_s']:,} profiles/CPU-s", "≥ 5,000/s"),
        ("peak memory, plugins / plain",
         f"{r['peak_rss_mb']:,.0f} / {r['plain_peak_rss_mb']:,.0f} MB", "< 24 GiB"),
        ("warnings, plugins / plain", f"{r['warnings']} / {r['plain_warnings']}", ""),
        ("site size", f"{r['site_mb']:,.1f} MB", ""),
        ("Material search index (gzip)", kb(r["material_search_index_gz_bytes"]),
         "none: not built"),
        ("search files, all (gzip)", kb(r["search"]["total_gz_bytes"]),
         f"{r['search']['chunks']:,} term chunks, {r['search']['cards']:,} cards"),
        ("  manifest / facets / largest chunk",
         " / ".join(kb(r["search"][k]) for k in ("manifest_gz_bytes", "facets_gz_bytes",
                                                   "largest_chunk_gz_bytes")), ""),
        ("first query, this search (gzip)", kb(r.get("first_query_gz_bytes")),
         "≤ Pagefind's"),
        ("first query, Pagefind (gzip)", kb(r.get("pagefind_gz_bytes")), "same site, same query"),
        ("answer after the data arrives", "—" if r.get("query_ms") is None
         else f"{r['query_ms']:.1f} ms", "≤ 50 ms"),
    ]
    width = max(len(a) for a, _, _ in rows)
    lines = [f"{a:<{width}}  {b:<34} {c}".rstrip() for a, b, c in rows]
    for q in r.get("queries", []):
        lines += ["", f"query {q['query']!r}: this search {kb(q['ours'])} "
                      f"({q['results']} shown, {q['query_ms']:.1f} ms), "
                      f"Pagefind {kb(q.get('pagefind'))} ({q.get('pagefind_results', '—')} found)"]
        lines += [f"  {f['url']}: {kb(f['gz_bytes'])}" for f in q["our_files"]]
        lines += [f"  {f['url']}: {kb(f['gz_bytes'])}" for f in q.get("pagefind_files", [])]
    if r.get("query_note"):
        lines += ["", f"note: {r['query_note']}"]
    return "\n".join(lines)

