#!/usr/bin/env python3
"""Set up a local environment and serve the site or run the tests: one command each.

    python3 scripts/dev.py serve   # http://127.0.0.1:8000, rebuilt as files change
    python3 scripts/dev.py test    # the whole test suite
    python3 scripts/dev.py build   # the site into site/, strictly
    python3 scripts/dev.py lock    # refresh requirements/*.txt after editing pyproject.toml
    python3 scripts/dev.py bench   # `commons bench` with Pagefind, its yardstick, installed

serve and build take --engine properdocs to build with ProperDocs instead of MkDocs
(the same mkdocs.yml and the same site; see content/guides/platform.md); test runs the
tests on ProperDocs when PC_ENGINE=properdocs is set.

Needs only Python 3.10+ and git. Creates .venv/ beside this folder the first time and
installs the exact versions, checked against their hashes, that requirements/*.txt
lock; it reinstalls only when pyproject.toml or that lock changes. Standard library
only: it must run before anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")


# Which lock each use installs (scripts/dev.py lock writes them all from pyproject.toml).
LOCKS = {
    "base": "requirements/base.txt",              # the site: MkDocs, Material, our plugins' needs
    "properdocs": "requirements/properdocs.txt",  # the same, plus the ProperDocs engine
    "test": "requirements/test.txt",              # base + test tools + ProperDocs (both engines)
    "bench": "requirements/bench.txt",            # test + Pagefind, for `commons bench`
}
# Building the project itself (setuptools), locked too so no install step is unpinned.
BUILD_LOCK = "requirements/build.txt"
# What each lock holds: `uv pip compile pyproject.toml` with these extras.
LOCK_EXTRAS = {"base": [], "properdocs": ["properdocs"], "test": ["test", "properdocs"],
               "bench": ["test", "bench"]}  # the browser half of the bench drives Playwright
UV = "uv==0.13.9"  # the resolver `lock` uses; pinned so two refreshes agree


def ensure_env(lock: str) -> None:
    """Create the virtualenv and install ``lock``'s exact, hashed versions if anything changed."""
    if sys.version_info < (3, 10):  # noqa: UP036 - runs under any python3 to say so
        sys.exit(f"Practice Commons needs Python 3.10 or newer; this is {sys.version.split()[0]}.")
    if not PY.exists():
        print(f"Creating a virtual environment in {VENV} …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = VENV / f".installed-{lock}"
    digest = hashlib.sha256(b"".join(
        (ROOT / name).read_bytes() for name in ("pyproject.toml", LOCKS[lock], BUILD_LOCK)
    )).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    for other in VENV.glob(".installed-*"):  # the locks may pin a shared package differently
        other.unlink()
    print(f"Installing Practice Commons and the versions {LOCKS[lock]} locks …", flush=True)
    pip = [str(PY), "-m", "pip", "install", "--quiet", "--require-hashes", "--only-binary", ":all:"]
    subprocess.run([*pip, "-r", BUILD_LOCK], cwd=ROOT, check=True)
    subprocess.run([*pip, "-r", LOCKS[lock]], cwd=ROOT, check=True)
    # The project itself: its dependencies are already there, exactly as locked.
    subprocess.run([str(PY), "-m", "pip", "install", "--quiet", "--no-deps",
                    "--no-build-isolation", "-e", "."], cwd=ROOT, check=True)
    stamp.write_text(digest)


def lock() -> int:
    """Re-resolve every lock from pyproject.toml (needs the package index)."""
    tools = VENV / "lock-tools"
    uv = tools / ("Scripts" if os.name == "nt" else "bin") / "uv"
    if not uv.exists():
        venv.EnvBuilder(with_pip=True).create(tools)
        subprocess.run([str(tools / BIN.name / "python"), "-m", "pip", "install", "--quiet", UV],
                       check=True)
    compile_ = [str(uv), "pip", "compile", "--quiet", "--universal", "--python-version", "3.10",
                "--generate-hashes", "--custom-compile-command", "python3 scripts/dev.py lock"]
    for name, extras in LOCK_EXTRAS.items():
        extra_args = [arg for e in extras for arg in ("--extra", e)]
        subprocess.run([*compile_, "pyproject.toml", *extra_args, "-o", LOCKS[name]],
                       cwd=ROOT, check=True)
    subprocess.run([*compile_, "requirements/build.in", "-o", BUILD_LOCK], cwd=ROOT, check=True)
    return 0


def run(args: list[str]) -> int:
    """Run ``args`` and return its exit status; stopping this script stops it too.

    Ctrl+C reaches the child by itself (same terminal), but a SIGTERM or SIGHUP sent
    to this script alone (a closed terminal, an IDE's stop button, ``kill``) left
    ``mkdocs serve`` running on its port: pass those on, and wait for the child.
    """
    # Material's end-of-life notice (and ProperDocs' own) print here on purpose: see
    # content/guides/platform.md. Only the tests mute them, to keep their output readable.
    child = subprocess.Popen(args, cwd=ROOT)

    stops = []

    def stop(signum: int, frame: object) -> None:
        # First as Ctrl+C would (mkdocs serve then removes its temporary site); a
        # second request to stop does not ask again.
        stops.append(signum)
        if os.name == "nt" or len(stops) > 1:
            child.terminate()
        else:
            child.send_signal(signal.SIGINT)

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), stop)
    while True:
        try:
            return child.wait()
        except KeyboardInterrupt:
            continue  # the child got the same Ctrl+C; let it finish shutting down


def engine_of(rest: list[str]) -> tuple[str, list[str]]:
    """Take ``--engine mkdocs|properdocs`` out of the arguments."""
    if "--engine" not in rest:
        return "mkdocs", rest
    i = rest.index("--engine")
    name = rest[i + 1] if i + 1 < len(rest) else ""
    if name not in ("mkdocs", "properdocs"):
        sys.exit(f"--engine takes mkdocs or properdocs, not {name!r}")
    return name, rest[:i] + rest[i + 2:]


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "help"
    engine, rest = engine_of(argv[1:])
    lock_for_engine = "properdocs" if engine == "properdocs" else "base"
    # ProperDocs looks for properdocs.yml first and will drop the mkdocs.yml fallback:
    # naming the file keeps one configuration for both engines.
    config = ["-f", "mkdocs.yml"]
    if command == "serve":
        ensure_env(lock_for_engine)
        return run([str(BIN / engine), "serve", *config, "-a", "127.0.0.1:8000", *rest])
    if command == "build":
        ensure_env(lock_for_engine)
        return run([str(BIN / engine), "build", "--strict", *config, *rest])
    if command == "test":
        ensure_env("test")
        return run([str(PY), "-m", "pytest", *rest])
    if command == "bench":
        ensure_env("bench")
        return run([str(BIN / "commons"), "bench", *rest])
    if command == "lock":
        return lock()
    print(__doc__)
    return 0 if command in ("help", "-h", "--help") else 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
