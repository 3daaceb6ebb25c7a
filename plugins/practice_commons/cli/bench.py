"""``commons bench``: what the custom plugins cost over plain Material, at archive scale.

Generates ``N`` synthetic profiles beside a copy of this repository's content, then
builds that site (a) with the plugins the repository's mkdocs.yml lists and (b) with
plain mkdocs-material on the same Markdown (profiles copied into ``docs_dir`` and
kept out of the navigation, Material's search, no custom plugins or overrides),
alternating a b a b … so that machine noise hits both alike. It also times
validation, reads the peak memory of every build, sizes the search shards and, in
headless Chromium, what a first query on a level page fetches and how long it takes.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from ..core import load, synthetic
from . import bench_browser
from .common import find_root, layout_for

# Not copied into the benchmark's work folder: tooling, caches, outputs, the code itself
# (the plugins run from the installed package).
SKIP = {".git", ".venv", "site", "plugins", "tests", "scripts", "build", "dist", ".cache",
        "__pycache__", ".pytest_cache", ".ruff_cache", "node_modules"}
# Merged over the repository's mkdocs.yml by MkDocs' INHERIT: plain Material on the same
# pages. Lists replace, so `plugins` and `hooks` lose everything custom; an empty
# custom_dir drops our theme overrides. Profiles stay out of the sidebar as in (a): a nav
# entry per page makes the plain build O(N²), which would flatter our ratio. The `nav:`
# appended is the one our plugins produce (see practice_commons.mkdocs.bench_nav).
PLAIN_CONFIG = """\
INHERIT: mkdocs.yml
docs_dir: plain-docs
plugins: [search]
hooks: []
not_in_nav: |
  /profiles/
theme:
  custom_dir: plain-overrides
"""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "bench", help="measure build cost, validation speed and search weight at scale",
        description="Build N synthetic profiles with this repository's plugins and with plain "
                    "Material, alternating runs, and report medians, their ratio, validation "
                    "throughput, peak memory, search shard sizes and first-query cost.")
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


class BenchError(Exception):
    """A build failed or the site could not be prepared; the message says which."""


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def bench(root: Path, work: Path, n: int, *, runs: int = 3, seed: int = 0, browser: bool = True,
          progress=None) -> dict[str, Any]:
    """Run the whole benchmark in ``work``; returns the figures (see :func:`table`)."""
    say = progress or (lambda _m: None)
    say(f"Preparing {n} synthetic profiles in {work} …")
    site_root = prepare(root, work, n, seed)
    per_s, profiles_loaded, validate_s = validate_rate(site_root)
    say(f"Validation: {profiles_loaded} profiles in {validate_s:.3f} s ({per_s:,.0f}/s)")
    builds: dict[str, list[dict[str, Any]]] = {"a": [], "b": []}
    for i in range(runs):
        for kind, cfg in (("a", "mkdocs.yml"), ("b", "mkdocs-plain.yml")):
            out = timed_build(site_root, cfg, work / f"site-{kind}")
            builds[kind].append(out)
            say(f"Build {i + 1}/{runs} {'plugins' if kind == 'a' else 'plain Material'}: "
                f"{out['seconds']:.1f} s, {out['max_rss_mb']:.0f} MB")
    a = statistics.median(b["seconds"] for b in builds["a"])
    b = statistics.median(b["seconds"] for b in builds["b"])
    site = work / "site-a"
    shard_list = shards(site)
    result: dict[str, Any] = {
        "n": n,
        "profiles_total": profiles_loaded,
        "runs": runs,
        "build_s": round(a, 2),
        "plain_material_s": round(b, 2),
        "ratio": round(a / b, 3),
        "build_runs_s": [round(x["seconds"], 2) for x in builds["a"]],
        "plain_runs_s": [round(x["seconds"], 2) for x in builds["b"]],
        "validate_per_s": round(per_s),
        "validate_s": round(validate_s, 3),
        "peak_rss_mb": round(max(x["max_rss_mb"] for x in builds["a"]), 1),
        "plain_peak_rss_mb": round(max(x["max_rss_mb"] for x in builds["b"]), 1),
        "warnings": builds["a"][-1]["warnings"],
        "plain_warnings": builds["b"][-1]["warnings"],
        "site_mb": round(_tree_bytes(site) / 1e6, 1),
        "material_search_index_gz_bytes": _gz_size(site / "search" / "search_index.json"),
        "shards": shard_list,
        "largest_shard_gz_bytes": max((s["gz_bytes"] for s in shard_list), default=None),
    }
    if browser:
        say("Measuring a first query in headless Chromium …")
        result.update(bench_browser.first_query(site, shard_list))
    else:
        result.update(first_query_gz_bytes=None, query_ms=None, query_note="skipped (--no-browser)")
    return result


def prepare(root: Path, work: Path, n: int, seed: int) -> Path:
    """Copy the repository's site sources into ``work/repo`` and add ``n`` synthetic profiles."""
    dest = work / "repo"
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for item in sorted(root.iterdir()):
        if item.name in SKIP or item.name.endswith(".egg-info"):
            continue
        if item.is_dir():
            shutil.copytree(item, dest / item.name, symlinks=True,
                            ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(item, dest / item.name)
    layout = layout_for(dest)
    content = dest / layout.content_dir
    targets = {kind: sorted(p.stem for p in (content / folder).glob("*.md") if p.stem != "index")
               for kind, folder in (("case-studies", layout.case_studies_dir),
                                    ("templates", layout.templates_dir))}
    synthetic.write(dest / layout.profiles_dir, n, seed=seed, case_studies=targets["case-studies"],
                    templates=targets["templates"])
    # The plain build: the same Markdown in one docs_dir. Drafts are left out, as the plugin
    # leaves them out, so both builds publish the same pages.
    plain = dest / "plain-docs"
    shutil.copytree(content, plain, symlinks=True)
    profiles_src = dest / layout.profiles_dir
    for md in sorted(profiles_src.rglob("*.md")):
        rel = md.relative_to(profiles_src)
        if _is_draft(md):
            continue
        target = plain / "profiles" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(md, target)
        if md.name == "index.md":  # a profile with its own folder: its attachments too
            for extra in md.parent.iterdir():
                if extra.suffix != ".md":
                    shutil.copy2(extra, target.parent / extra.name)
    (dest / "plain-overrides").mkdir()
    nav = dest / "plain-nav.yml"
    done = subprocess.run([sys.executable, "-m", "practice_commons.mkdocs.bench_nav", "mkdocs.yml",
                           str(nav), str(plain)], cwd=dest, env=_env(), capture_output=True,
                          text=True, check=False)
    if done.returncode != 0:
        raise BenchError(f"could not load the site's navigation:\n{done.stderr[-3000:]}")
    (dest / "mkdocs-plain.yml").write_text(PLAIN_CONFIG + nav.read_text(encoding="utf-8"),
                                           encoding="utf-8")
    return dest


def _env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def _is_draft(path: Path) -> bool:
    with path.open(encoding="utf-8") as fh:
        head = fh.read(20_000)
    front = head.split("\n---", 1)[0]
    return "\nstatus: draft" in front


def validate_rate(site_root: Path, repeats: int = 3) -> tuple[float, int, float]:
    """Profiles per second through ``load`` (what ``commons validate`` runs), best of repeats.

    Timed in this process without interpreter start-up, which is a constant, not a rate.
    """
    layout = layout_for(site_root)
    times = []
    count = 0
    for _ in range(repeats):
        start = time.perf_counter()
        result = load(layout)
        times.append(time.perf_counter() - start)
        count = len(result.collection.profiles)
        bad = [i.text() for i in result.issues if i.severity == "error"]
        if bad:
            raise BenchError("the corpus does not validate:\n  " + "\n  ".join(bad[:20]))
    best = statistics.median(times)
    return count / best, count, best


def timed_build(site_root: Path, config: str, site_dir: Path) -> dict[str, Any]:
    """Build in a child process; its wall time and its own peak RSS (from wait4)."""
    if site_dir.exists():
        shutil.rmtree(site_dir)
    env = _env()
    cmd = [sys.executable, "-m", "mkdocs", "build", "-f", config, "-d", str(site_dir)]
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=site_root, env=env, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    if proc.returncode != 0:
        tail = "\n".join(stderr.strip().splitlines()[-20:])
        raise BenchError(f"`mkdocs build -f {config}` failed ({proc.returncode}):\n{tail}")
    return {"seconds": seconds, "max_rss_mb": usage.ru_maxrss / 1024,  # KiB on Linux
            "warnings": sum(1 for line in stderr.splitlines() if line.startswith("WARNING"))}


def shards(site: Path) -> list[dict[str, Any]]:
    """Every prebuilt lunr index in the site except Material's own, with raw and gzip sizes."""
    out = []
    for path in sorted(site.rglob("*.json")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith("search/"):
            continue
        raw = path.read_bytes()
        if b'"invertedIndex"' not in raw:
            continue
        out.append({"path": rel, "raw_bytes": len(raw), "gz_bytes": len(gzip.compress(raw, 6))})
    return out


def _gz_size(path: Path) -> int | None:
    return len(gzip.compress(path.read_bytes(), 6)) if path.is_file() else None


def _tree_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def table(r: dict[str, Any]) -> str:
    """The figures as a readable table, targets beside them."""
    def kb(v: int | None) -> str:
        return "—" if v is None else f"{v / 1000:,.1f} KB"

    rows = [
        ("profiles (synthetic / total)", f"{r['n']:,} / {r['profiles_total']:,}", ""),
        ("build with plugins, median", f"{r['build_s']:.1f} s  {r['build_runs_s']}", ""),
        ("plain Material, median", f"{r['plain_material_s']:.1f} s  {r['plain_runs_s']}", ""),
        ("ratio", f"{r['ratio']:.3f}", "≤ 1.15 at N = 1,000"),
        ("commons validate", f"{r['validate_per_s']:,} profiles/s", "≥ 5,000/s"),
        ("peak memory, plugins / plain", f"{r['peak_rss_mb']:,.0f} / {r['plain_peak_rss_mb']:,.0f} MB",
         "< 24 GiB"),
        ("warnings, plugins / plain", f"{r['warnings']} / {r['plain_warnings']}", ""),
        ("site size", f"{r['site_mb']:,.1f} MB", ""),
        ("Material search index (gzip)", kb(r["material_search_index_gz_bytes"]), ""),
        ("largest shard (gzip)", kb(r["largest_shard_gz_bytes"]), ""),
        ("first query fetches (gzip)", kb(r.get("first_query_gz_bytes")), "≤ 400 KB at 10,000"),
        ("query time", "—" if r.get("query_ms") is None else f"{r['query_ms']:.1f} ms", "≤ 30 ms"),
    ]
    width = max(len(a) for a, _, _ in rows)
    lines = [f"{a:<{width}}  {b:<34} {c}".rstrip() for a, b, c in rows]
    if r["shards"]:
        lines += ["", "search shards (raw / gzip):"]
        lines += [f"  {s['path']}: {kb(s['raw_bytes'])} / {kb(s['gz_bytes'])}" for s in r["shards"]]
    if r.get("fetched"):
        lines += ["", "fetched for the first query (gzip):"]
        lines += [f"  {f['url']}: {kb(f['gz_bytes'])}" for f in r["fetched"]]
    if r.get("query_note"):
        lines += ["", f"note: {r['query_note']}"]
    return "\n".join(lines)
