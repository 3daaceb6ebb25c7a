"""The edit loop half of ``commons bench``: from saving a profile to its new page being served.

Starts ``mkdocs serve`` in a child process, waits for the first build, then appends a
sentence to one profile's Markdown and asks the server for that profile's page until the
sentence is in it; the time from the write to that answer is one edit. The same is done
for plain Material with ``--dirty`` on its copy of the same file, the fastest plain
MkDocs offers. The file is restored afterwards.
"""

from __future__ import annotations

import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from .bench_site import BenchError, cache_env

POLL_S = 0.02
FIRST_BUILD_TIMEOUT_S = 3600.0  # the first build of 10,000 profiles on a busy machine
EDIT_TIMEOUT_S = 300.0  # at least; three times the first build when that took longer
_SERVING = re.compile(r"Serving on (http://\S+)")


def edit_to_visible(site_root: Path, config: str, source: Path, page: str,
                    extra: tuple[str, ...] = (), edits: int = 3) -> dict[str, Any]:
    """Median seconds from writing ``source`` to ``page`` (site-relative) showing the edit."""
    port = _free_port()
    # Live reload stays on: without it MkDocs watches nothing and never rebuilds.
    cmd = [sys.executable, "-m", "mkdocs", "serve", "-f", config, "-a", f"127.0.0.1:{port}",
           *extra]
    original = source.read_bytes()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, cwd=site_root, env=cache_env(site_root),
                                stdout=subprocess.DEVNULL, stderr=err)
        try:
            started = time.perf_counter()
            base = _wait_for_server(proc, err, port)
            # A rebuild may be a whole build: on a loaded machine that can take minutes.
            limit = max(EDIT_TIMEOUT_S, 3 * (time.perf_counter() - started))
            url = base + page
            times = []
            for i in range(edits):
                marker = f"Benchmark edit {i} {secrets.token_hex(6)}"
                start = time.perf_counter()
                source.write_bytes(original.rstrip(b"\n") + f"\n\n{marker}.\n".encode())
                _wait_for(url, marker, proc, err, limit)
                times.append(time.perf_counter() - start)
                time.sleep(1.0)  # let the watcher settle before the next save
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            source.write_bytes(original)
    return {"edit_s": round(statistics.median(times), 3), "edit_runs_s": [round(t, 3) for t in times]}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _stderr(err: Any) -> str:
    err.seek(0)
    return err.read().decode("utf-8", "replace")


def _wait_for_server(proc: subprocess.Popen, err: Any, port: int) -> str:
    """The served site's base URL (MkDocs serves under site_url's path) once it answers."""
    deadline = time.perf_counter() + FIRST_BUILD_TIMEOUT_S
    while time.perf_counter() < deadline:
        if proc.poll() is not None:
            raise BenchError(f"`mkdocs serve` stopped ({proc.returncode}):\n{_stderr(err)[-3000:]}")
        found = _SERVING.search(_stderr(err))
        if found and _get(found.group(1)) is not None:
            base = found.group(1)
            return base if base.endswith("/") else base + "/"
        time.sleep(0.2)
    raise BenchError(f"`mkdocs serve` did not answer on port {port} in time")


def _wait_for(url: str, marker: str, proc: subprocess.Popen, err: Any, limit: float) -> None:
    deadline = time.perf_counter() + limit
    while time.perf_counter() < deadline:
        body = _get(url)
        if body is not None and marker in body:
            return
        if proc.poll() is not None:
            raise BenchError(f"`mkdocs serve` stopped ({proc.returncode}):\n{_stderr(err)[-3000:]}")
        time.sleep(POLL_S)
    raise BenchError(f"an edit did not appear at {url} within {limit:.0f} s:\n"
                     f"{_stderr(err)[-3000:]}")


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=EDIT_TIMEOUT_S) as resp:  # noqa: S310 - localhost
            return resp.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return None
