"""`mkdocs serve` keeps up with profiles: edit, add, delete, break and fix (issue 19).

A real ``mkdocs serve`` on a free 127.0.0.1 port, in a temp copy of a tiny site;
each step changes a file under ``profiles/`` and polls what HTTP returns, with a
bounded wait (a hung request fails the test through its own timeout).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

from tests.conftest import BASE_CONFIG, REPO, VALID_PROFILE, write_files

WAIT = 60  # seconds for a rebuild to show; a tiny site rebuilds in a few
SLUG = "family-literacy-nights"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> tuple[int, str]:
    """Status and text of ``url``; a request that takes over 10 s counts as hung."""
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")


def until(what: str, check: Callable[[], bool]) -> None:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.3)
    pytest.fail(f"after {WAIT} s: {what}")


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[tuple[Path, str]]:
    root = tmp_path_factory.mktemp("serve")
    write_files(root, {"content/index.md": "# Home\n", f"profiles/{SLUG}.md": VALID_PROFILE})
    cfg = {**BASE_CONFIG, "plugins": [{"practice-commons/profiles": {"require_complete": True}}]}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(cfg, sort_keys=False), encoding="utf-8")
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO / "plugins"), "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                            cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/commons/"
    try:
        def up() -> bool:
            try:
                return get(url)[0] == 200
            except OSError:
                assert proc.poll() is None, proc.stderr.read().decode()
                return False

        until("the server answers", up)
        yield root, url
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_an_edit_addition_deletion_and_broken_file_each_show_without_a_restart(served):
    root, url = served
    page = url + f"profiles/{SLUG}/"
    assert "Family Literacy Nights" in get(page)[1]

    path = root / "profiles" / f"{SLUG}.md"
    path.write_text(VALID_PROFILE.replace("title: Family Literacy Nights",
                                          "title: Family Reading Evenings"), encoding="utf-8")
    until("the edited title is served", lambda: "Family Reading Evenings" in get(page)[1])

    added = root / "profiles" / "math-circles.md"
    added.write_text(VALID_PROFILE.replace("title: Family Literacy Nights", "title: Math Circles"),
                     encoding="utf-8")
    until("the added profile is served",
          lambda: get(url + "profiles/math-circles/")[0] == 200)
    assert "Math Circles" in get(url + "profiles/math-circles/")[1]

    added.unlink()
    until("the deleted profile is gone", lambda: get(url + "profiles/math-circles/")[0] == 404)

    path.write_text(VALID_PROFILE.replace("state: MA", "state: Atlantis")
                    .replace("Serve dinner: turnout doubles.", ""), encoding="utf-8")
    until("the broken file's problems are shown", lambda: get(page)[0] == 500)
    for where in (page, url, url + "profiles/"):  # every page, at once, never a hung request
        status, text = get(where)
        assert status == 500
        assert f"profiles/{SLUG}.md:" in text and "unknown state code 'Atlantis'" in text
        assert "the section '## Lessons learned' is empty" in text
        assert "location.reload()" in text  # it reloads by itself once fixed

    path.write_text(VALID_PROFILE, encoding="utf-8")
    until("fixing the file recovers", lambda: get(page)[0] == 200)
    assert "Family Literacy Nights" in get(page)[1]
    assert get(url)[0] == 200
