#!/usr/bin/env python3
"""Set up the environment if needed, then run ``commons bench`` with these arguments.

    python3 scripts/bench.py --profiles 1000          # a readable table
    python3 scripts/bench.py --profiles 1000 --json   # one JSON object
    python3 scripts/bench.py --profiles 10000 --runs 1

Builds N synthetic profiles beside a copy of this repository's content with our
plugins and with plain mkdocs-material, alternating runs, and reports medians, the
ratio, validation throughput, peak memory, search shard sizes and, in Debian's
Chromium when present, the weight and time of a first query on a level page.
See README.md, "Performance". Standard library only, like scripts/dev.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dev import BIN, ensure_env, run  # dev.py sits beside this file


def main(argv: list[str]) -> int:
    ensure_env("test,bench")  # playwright (a test extra) and Pagefind (the bench extra)
    return run([str(BIN / "commons"), "bench", *argv])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
