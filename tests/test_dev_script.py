"""scripts/dev.py: stopping it stops the server it started (issue 19)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from tests.conftest import REPO

# A stand-in for `mkdocs serve`: prints its pid, then runs until told to stop.
CHILD = "import os, time; print(os.getpid(), flush=True); time.sleep(120)"
PARENT = ("import sys; sys.path.insert(0, {scripts!r}); import dev; "
          "sys.exit(dev.run([sys.executable, '-c', {child!r}]))")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (exited, not yet reaped by its parent) counts as stopped.
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split()[2] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.skipif(os.name == "nt", reason="POSIX signals")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_stopping_dev_py_stops_its_child(sig):
    code = PARENT.format(scripts=str(REPO / "scripts"), child=CHILD)
    parent = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        child_pid = int(parent.stdout.readline())
        assert _alive(child_pid)
        parent.send_signal(sig)  # to dev.py alone, as a closed terminal or `kill` would
        parent.wait(timeout=20)
        deadline = time.monotonic() + 10
        while _alive(child_pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(child_pid), "the server dev.py started is still running"
    finally:
        parent.kill()
        if "child_pid" in locals() and _alive(child_pid):
            os.kill(child_pid, signal.SIGKILL)
