"""The site half of ``commons bench``: the work folder, the timed builds, the measures.

Copies this repository's site sources beside a synthetic corpus, writes the plain
Material configuration, and runs each build in a child process whose own wall time,
CPU time and peak memory (``wait4``) are the figures.
"""

from __future__ import annotations

import gzip
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from ..core import load
from ..core.content import synthetic
from .common import layout_for

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



class BenchError(Exception):
    """A build failed or the site could not be prepared; the message says which."""


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
    # Material's end-of-life notice and ProperDocs' are muted here only to keep the
    # benchmark's output readable (content/guides/platform.md says where else they show).
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true",
            "PYTHONDONTWRITEBYTECODE": "1"}


def _is_draft(path: Path) -> bool:
    with path.open(encoding="utf-8") as fh:
        head = fh.read(20_000)
    front = head.split("\n---", 1)[0]
    return "\nstatus: draft" in front


def validate_rate(site_root: Path, repeats: int = 3) -> dict[str, Any]:
    """``commons validate``'s work (``load``) over the corpus: profiles per second.

    Both a wall-clock rate and a CPU rate (this process, its threads and any worker
    processes it waited for, so work spread over both cores counts in full), medians of
    ``repeats`` runs in this process without interpreter start-up (a constant, not a rate).
    """
    layout = layout_for(site_root)
    cpus, walls = [], []
    count = 0
    for _ in range(repeats):
        start, wall = _cpu(), time.perf_counter()
        result = load(layout)
        cpus.append(_cpu() - start)
        walls.append(time.perf_counter() - wall)
        count = len(result.collection.profiles)
        bad = [i.text() for i in result.issues if i.severity == "error"]
        if bad:
            raise BenchError("the corpus does not validate:\n  " + "\n  ".join(bad[:20]))
    cpu, wall = statistics.median(cpus), statistics.median(walls)
    return {"profiles_total": count, "validate_cpu_s": round(cpu, 3),
            "validate_wall_s": round(wall, 3), "validate_per_cpu_s": round(count / cpu),
            "validate_per_s": round(count / wall)}


def _cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(
        resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def cache_env(site_root: Path) -> dict[str, str]:
    """The child's environment, its build cache (the downloads cache) inside the work folder."""
    return {**_env(), "XDG_CACHE_HOME": str(site_root / ".cache")}


def timed_build(site_root: Path, config: str, site_dir: Path) -> dict[str, Any]:
    """Build in a child process; its wall time and its own peak RSS (from wait4)."""
    if site_dir.exists():
        shutil.rmtree(site_dir)
    # Every run is a fresh clone's build (as CI's): no build cache from the run before.
    shutil.rmtree(site_root / ".cache", ignore_errors=True)
    env = cache_env(site_root)
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
    return {"seconds": seconds, "cpu_s": usage.ru_utime + usage.ru_stime,
            "max_rss_mb": usage.ru_maxrss / 1024,  # KiB on Linux
            "warnings": sum(1 for line in stderr.splitlines() if line.startswith("WARNING"))}


def search_sizes(site: Path) -> dict[str, Any]:
    """The site search's files (core/search), gzip sizes: all of them and the parts."""
    root = site / "practice-commons" / "search"
    if not (root / "index.json").is_file():
        return {"total_gz_bytes": None, "manifest_gz_bytes": None, "facets_gz_bytes": None,
                "largest_chunk_gz_bytes": None, "chunks": 0, "cards": 0}
    chunks = [gz_size(p) or 0 for p in (root / "t").glob("*.json")]
    cards = [gz_size(p) or 0 for p in (root / "d").glob("*.json")]
    return {"total_gz_bytes": sum(chunks) + sum(cards) + (gz_size(root / "index.json") or 0)
            + (gz_size(root / "facets.json") or 0),
            "manifest_gz_bytes": gz_size(root / "index.json"),
            "facets_gz_bytes": gz_size(root / "facets.json"),
            "largest_chunk_gz_bytes": max(chunks, default=None),
            "chunks": len(chunks), "cards": len(cards)}


def gz_size(path: Path) -> int | None:
    return len(gzip.compress(path.read_bytes(), 6)) if path.is_file() else None


def tree_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


