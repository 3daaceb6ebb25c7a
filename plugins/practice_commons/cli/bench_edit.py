"""Two figures of the edit loop: how soon a saved edit is served, how fast validation runs.

:func:`edit_to_visible` starts ``serve`` in a child process on a free port, waits
until the page of a profile is served, saves an edit to that profile and polls the
page until the edit shows; the figure is the time from the save to that response.
:func:`validate_throughput` runs ``commons validate`` over a repository in a child
process (so its cache and its worker processes are those a contributor gets) and
reads its wall time and the CPU time of it and its children.
"""

from __future__ import annotations

import os
import resource
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

READY_SECONDS = 900.0  # the first build of a large site on a busy machine
VISIBLE_SECONDS = 300.0


class EditBenchError(Exception):
    """``serve`` did not start, or the edit never showed; the message says which."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:  # noqa: S310 - our own local server
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return 0, ""


def page_url(port: int, profile_path: Path, mount: str = "/") -> str:
    """Where ``serve`` publishes the profile: ``/profiles/<name>/`` for either build."""
    slug = profile_path.parent.name if profile_path.name == "index.md" else profile_path.stem
    return f"http://127.0.0.1:{port}{mount}profiles/{slug}/"


def _mount(config_file: Path) -> str:
    """The path of ``site_url``, under which serve publishes the site."""
    class Lenient(yaml.SafeLoader):
        pass

    Lenient.add_multi_constructor("", lambda loader, suffix, node: None)
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=Lenient) or {}
    path = urlsplit(str(config.get("site_url") or "/")).path or "/"
    return path if path.endswith("/") else path + "/"


def edit_to_visible(site_root: Path, profile_path: Path, engine_cmd: Sequence[str],
                    dirty: bool, config: str = "mkdocs.yml") -> float:
    """Seconds from saving an edit to ``profile_path`` to ``serve`` answering with it.

    ``engine_cmd`` is the engine's command (``[".venv/bin/mkdocs"]``,
    ``["properdocs"]``); ``config`` the configuration file in ``site_root``. The
    profile is restored afterwards, and the server stopped.
    """
    site_root, profile_path = Path(site_root), Path(profile_path)
    port = free_port()
    cmd = [*engine_cmd, "serve", "-f", config, "-a", f"127.0.0.1:{port}"]
    if dirty:
        cmd.append("--dirty")
    original = profile_path.read_bytes()
    url = page_url(port, profile_path, _mount(site_root / config))
    log = open(site_root / f".serve-{port}.log", "wb")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(cmd, cwd=site_root, stdout=log, stderr=subprocess.STDOUT,
                            env={**os.environ, "DISABLE_MKDOCS_2_WARNING": "true"})
    try:
        try:
            _wait(proc, url, lambda status, _body: status == 200, READY_SECONDS,
                  "serve never answered")
        except EditBenchError as exc:
            log.flush()
            tail = (site_root / f".serve-{port}.log").read_text("utf-8", "replace")[-2000:]
            raise EditBenchError(f"{exc}\n{tail}") from None
        # MkDocs compares modification times to the second on some file systems, and
        # its watcher ignores events during a build: let the first build settle.
        time.sleep(1.5)
        marker = f"pc-edit-{secrets.token_hex(6)}"
        edited = original.rstrip(b"\n") + f"\n\nEdited for the benchmark: {marker}.\n".encode()
        start = time.perf_counter()
        profile_path.write_bytes(edited)
        _wait(proc, url, lambda status, body: status == 200 and marker in body,
              VISIBLE_SECONDS, "the edit never showed")
        return time.perf_counter() - start
    finally:
        profile_path.write_bytes(original)
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
        (site_root / f".serve-{port}.log").unlink(missing_ok=True)


def _wait(proc: subprocess.Popen, url: str, done, limit: float, what: str) -> None:
    deadline = time.perf_counter() + limit
    while time.perf_counter() < deadline:
        if proc.poll() is not None:
            raise EditBenchError(f"{what}: serve exited with status {proc.returncode}")
        status, body = _get(url)
        if done(status, body):
            return
        time.sleep(0.02)
    raise EditBenchError(f"{what} within {limit:.0f} s ({url})")


def validate_throughput(root: Path, extra_args: Sequence[str] = ()) -> dict[str, Any]:
    """``commons validate`` over ``root`` in a child process: profiles, wall and CPU seconds.

    CPU time is that of the process and its worker processes together, so
    ``per_s_cpu`` is profiles per CPU-second and ``per_s_wall`` per second of the clock.
    """
    root = Path(root)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "practice_commons.cli", "validate",
                           "--root", str(root), "--format", "json", *extra_args],
                          capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        raise EditBenchError(f"commons validate failed: {proc.stderr.strip()[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    profiles = sum(1 for p in (root / "profiles").rglob("*.md")
                   if not p.name.startswith(("_", ".")) and p.name.lower() != "readme.md")
    return {"profiles": profiles, "wall_s": round(wall, 3), "cpu_s": round(cpu, 3),
            "per_s_wall": round(profiles / wall) if wall else 0,
            "per_s_cpu": round(profiles / cpu) if cpu else 0}
