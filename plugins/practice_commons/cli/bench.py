"""``commons bench``: what the custom plugins cost over plain Material, at archive scale.

For each size ``N`` asked for (``--profiles 1000,10000``) it generates ``N`` synthetic
profiles beside a copy of this repository's content, then builds that site (a) with
the plugins the repository's mkdocs.yml lists and (b) with plain mkdocs-material on
the same Markdown (profiles copied into ``docs_dir`` and kept out of the navigation,
Material's search, no custom plugins or overrides), alternating a b a b … in fresh
processes so that machine noise hits both alike. It also times validation, reads the
peak memory of every build, sizes the search files and, in headless Chromium, what a
first search fetches beside Pagefind on the same site. At the smallest size it times an
edit under ``mkdocs serve`` for both (plain Material with ``--dirty``). Between sizes it
gives each figure's growth per 1,000 profiles, so that a step that grows faster than
the collection shows.
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
from .bench_edit import edit_to_visible
from .bench_site import (
    BenchError,
    gz_size,
    prepare,
    search_sizes,
    timed_build,
    tree_bytes,
    validate_rate,
)
from .bench_table import growth, table
from .common import find_root, layout_for


def _sizes(text: str) -> list[int]:
    try:
        sizes = sorted({int(part.replace("_", "")) for part in text.split(",") if part.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r}: give profile counts separated by commas, e.g. 1000,10000") from None
    if not sizes or sizes[0] < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: every profile count must be at least 1")
    return sizes


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "bench", help="measure build cost, edit loop, validation speed and search weight at scale",
        description="Build N synthetic profiles with this repository's plugins and with plain "
                    "Material, alternating runs, and report medians, their ratios, an edit under "
                    "`mkdocs serve`, validation throughput, peak memory, search file sizes, "
                    "first-query bytes beside Pagefind and the growth per 1,000 profiles.")
    p.add_argument("--profiles", type=_sizes, default=[1000], metavar="N[,N…]",
                   help="synthetic profile counts, e.g. 1000,10000 (default 1000)")
    p.add_argument("--runs", type=int, default=3, help="builds of each kind per size (default 3)")
    p.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    p.add_argument("--keep", type=Path, default=None, metavar="DIR",
                   help="build in DIR/<N> and keep it (default: a temporary folder, removed after)")
    p.add_argument("--no-browser", action="store_true", help="skip the Chromium measurements")
    p.add_argument("--no-edit", action="store_true", help="skip the edit under `mkdocs serve`")
    p.add_argument("--edits", type=int, default=3, help="edits timed for each build (default 3)")
    p.add_argument("--root", type=Path, default=None,
                   help="repository root (default: the folder holding mkdocs.yml)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.runs < 1 or args.edits < 1:
        print("commons bench: --runs and --edits must be at least 1", file=sys.stderr)
        return 2
    root = (args.root or find_root()).resolve()
    if not (root / "mkdocs.yml").is_file():
        print(f"commons bench: no mkdocs.yml in {root}", file=sys.stderr)
        return 2
    work = args.keep.resolve() if args.keep else Path(tempfile.mkdtemp(prefix="commons-bench-"))
    try:
        sizes = []
        for n in args.profiles:
            sizes.append(bench(root, work / str(n), n, runs=args.runs, seed=args.seed,
                               browser=not args.no_browser,
                               edits=0 if args.no_edit or n != args.profiles[0] else args.edits,
                               progress=_progress))
    except BenchError as exc:
        print(f"commons bench: {exc}", file=sys.stderr)
        return 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    result = {"runs": args.runs, "sizes": sizes, "growth": growth(sizes)}
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(table(result))
    return 0


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def bench(root: Path, work: Path, n: int, *, runs: int = 3, seed: int = 0, browser: bool = True,
          edits: int = 3, progress=None) -> dict[str, Any]:
    """Run the benchmark for one size in ``work``; returns its figures (see bench_table)."""
    say = progress or (lambda _m: None)
    say(f"Preparing {n:,} synthetic profiles in {work} …")
    site_root = prepare(root, work, n, seed)
    valid = validate_rate(site_root)
    say(f"Validation: {valid['profiles_total']} profiles in {valid['validate_wall_s']:.3f} s "
        f"wall ({valid['validate_per_s']:,}/s), {valid['validate_cpu_s']:.3f} CPU-s "
        f"({valid['validate_per_cpu_s']:,}/CPU-s)")
    builds: dict[str, list[dict[str, Any]]] = {"a": [], "b": []}
    for i in range(runs):
        for kind, cfg in (("a", "mkdocs.yml"), ("b", "mkdocs-plain.yml")):
            out = timed_build(site_root, cfg, work / f"site-{kind}")
            builds[kind].append(out)
            say(f"Build {i + 1}/{runs} at {n:,} {'plugins' if kind == 'a' else 'plain Material'}: "
                f"{out['seconds']:.1f} s ({out['cpu_s']:.1f} CPU-s), {out['max_rss_mb']:.0f} MB")

    def median(kind: str, key: str) -> float:
        return statistics.median(b[key] for b in builds[kind])

    site = work / "site-a"
    result: dict[str, Any] = {
        "n": n, "runs": runs, **valid,
        "build_s": round(median("a", "seconds"), 2),
        "plain_material_s": round(median("b", "seconds"), 2),
        "build_runs_s": [round(x["seconds"], 2) for x in builds["a"]],
        "plain_runs_s": [round(x["seconds"], 2) for x in builds["b"]],
        # CPU time of each build process: on a busy machine it moves far less than wall time.
        "build_cpu_s": round(median("a", "cpu_s"), 2),
        "plain_material_cpu_s": round(median("b", "cpu_s"), 2),
        "build_cpu_runs_s": [round(x["cpu_s"], 2) for x in builds["a"]],
        "plain_cpu_runs_s": [round(x["cpu_s"], 2) for x in builds["b"]],
        "peak_rss_mb": round(median("a", "max_rss_mb"), 1),
        "plain_peak_rss_mb": round(median("b", "max_rss_mb"), 1),
        "warnings": builds["a"][-1]["warnings"],
        "plain_warnings": builds["b"][-1]["warnings"],
        "site_mb": round(tree_bytes(site) / 1e6, 1),
        "material_search_index_gz_bytes": gz_size(site / "search" / "search_index.json"),
        "search": search_sizes(site),
    }
    result["ratio"] = round(result["build_s"] / result["plain_material_s"], 3)
    result["ratio_cpu"] = round(result["build_cpu_s"] / result["plain_material_cpu_s"], 3)
    result["ratio_rss"] = round(result["peak_rss_mb"] / result["plain_peak_rss_mb"], 3)
    result.update(_edits(site_root, edits, say))
    if browser:
        say("Indexing the same site with Pagefind and measuring first queries in Chromium …")
        result.update(bench_browser.first_query(site))
    else:
        result.update(first_query_gz_bytes=None, pagefind_gz_bytes=None, query_ms=None,
                      queries=[], query_note="skipped (--no-browser)")
    return result


def _edits(site_root: Path, edits: int, say) -> dict[str, Any]:
    """Edit-to-visible under `mkdocs serve`: ours as is, plain Material with --dirty."""
    if not edits:
        return {"edit_s": None, "plain_edit_s": None, "edit_runs_s": [], "plain_edit_runs_s": []}
    layout = layout_for(site_root)
    profiles = [p for p in sorted((site_root / layout.profiles_dir).glob("*.md"))
                if p.stem[-6:-5] == "-" and p.stem[-5:].isdigit()]  # synthetic: <slug>-00042
    if not profiles:
        raise BenchError("no synthetic profile to edit")
    source = profiles[len(profiles) // 2]
    page = f"profiles/{source.stem}/"
    say(f"Timing {edits} edits of {source.name} under `mkdocs serve` …")
    ours = edit_to_visible(site_root, "mkdocs.yml", source, page, edits=edits)
    say(f"Timing {edits} edits of the same page under plain Material's `mkdocs serve --dirty` …")
    plain = edit_to_visible(site_root, "mkdocs-plain.yml",
                            site_root / "plain-docs" / "profiles" / source.name, page,
                            ("--dirty",), edits=edits)
    return {"edit_s": ours["edit_s"], "edit_runs_s": ours["edit_runs_s"],
            "plain_edit_s": plain["edit_s"], "plain_edit_runs_s": plain["edit_runs_s"]}
