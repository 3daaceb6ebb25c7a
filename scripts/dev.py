#!/usr/bin/env python3
"""Set up a local environment and serve the site or run the tests: one command each.

    python3 scripts/dev.py serve   # http://127.0.0.1:8000, rebuilt as files change
    python3 scripts/dev.py test    # the whole test suite
    python3 scripts/dev.py build   # the site into site/, strictly

Needs only Python 3.10+ and git. Creates .venv/ beside this folder the first time
and reinstalls only when pyproject.toml changes. Standard library only: it must
run before anything is installed.
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


def ensure_env(extras: str) -> None:
    """Create the virtualenv and install the project with ``extras`` if anything changed."""
    if sys.version_info < (3, 10):  # noqa: UP036 - runs under any python3 to say so
        sys.exit(f"Practice Commons needs Python 3.10 or newer; this is {sys.version.split()[0]}.")
    if not PY.exists():
        print(f"Creating a virtual environment in {VENV} …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = VENV / f".installed-{extras or 'base'}"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    print("Installing Practice Commons and its dependencies …", flush=True)
    target = f".[{extras}]" if extras else "."
    subprocess.run([str(PY), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
    subprocess.run([str(PY), "-m", "pip", "install", "--quiet", "-e", target], cwd=ROOT, check=True)
    stamp.write_text(digest)


def run(args: list[str]) -> int:
    """Run ``args`` and return its exit status; stopping this script stops it too.

    Ctrl+C reaches the child by itself (same terminal), but a SIGTERM or SIGHUP sent
    to this script alone (a closed terminal, an IDE's stop button, ``kill``) left
    ``mkdocs serve`` running on its port: pass those on, and wait for the child.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    child = subprocess.Popen(args, cwd=ROOT, env=env)

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


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "help"
    rest = argv[1:]
    if command == "serve":
        ensure_env("")
        return run([str(BIN / "mkdocs"), "serve", "-a", "127.0.0.1:8000", *rest])
    if command == "build":
        ensure_env("")
        return run([str(BIN / "mkdocs"), "build", "--strict", *rest])
    if command == "test":
        ensure_env("test")
        return run([str(PY), "-m", "pytest", *rest])
    print(__doc__)
    return 0 if command in ("help", "-h", "--help") else 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
