"""``commons validate --watch``: check again whenever a content file changes.

For editors that show a command's output as problems on the lines they concern
(VS Code's background tasks, see ``.vscode/tasks.json``): each run is framed by a
line that starts it and one that ends it, so the editor replaces the old list.
Polls file times (standard library only; a repository of profiles is small).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from .common import layout_for

BEGIN = "commons validate: checking"
END = "commons validate: finished"


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Every file under the content folders and mkdocs.yml, with its time and size."""
    layout = layout_for(root)
    seen: dict[str, tuple[int, int]] = {}
    for top in (root / layout.profiles_dir, root / layout.content_dir, root / "mkdocs.yml"):
        paths = [top] if top.is_file() else (top.rglob("*") if top.is_dir() else [])
        for path in paths:
            try:
                st = path.stat()
            except OSError:  # removed while we looked
                continue
            if path.is_file():
                seen[str(path)] = (st.st_mtime_ns, st.st_size)
    return seen


def watch(root: Path, interval: float, check: Callable[[], int]) -> int:
    """Run ``check`` now and after every change, until interrupted."""
    last: dict[str, tuple[int, int]] | None = None
    try:
        while True:
            now = snapshot(root)
            if now != last:
                last = now
                print(BEGIN, flush=True)
                status = check()
                sys.stderr.flush()
                print(f"{END} ({'problems found' if status else 'no problems'})", flush=True)
            time.sleep(interval)
    except KeyboardInterrupt:
        return 0
