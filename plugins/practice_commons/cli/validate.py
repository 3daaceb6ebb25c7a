"""``commons validate``: check content files and say exactly what to fix."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core import format_issues, load
from ..core.content.filecheck import default_workers
from ..core.rules.issues import errors
from .common import find_root, layout_for
from .watch import watch


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "validate", help="check profiles and content against the schema",
        description="Check content files against the schema. With no PATHS, checks the whole "
                    "repository. Exit status: 0 clean, 1 problems found, 2 usage error.")
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to check")
    p.add_argument("--format", choices=["text", "github", "json"], default="text",
                   help="text (default), GitHub Actions annotations, or JSON")
    p.add_argument("--root", type=Path, default=None,
                   help="repository root (default: the folder holding mkdocs.yml)")
    p.add_argument("--watch", action="store_true",
                   help="check again whenever a content file changes, until stopped (Ctrl+C); "
                        "each run starts with 'commons validate: checking' and ends with "
                        "'commons validate: finished', for editors (see CONTRIBUTING.md)")
    p.add_argument("--no-cache", action="store_true",
                   help="check every file again instead of reusing the results kept for "
                        "unchanged files (in ~/.cache/practice-commons, outside the repository)")
    p.add_argument("--interval", type=float, default=1.0, help=argparse.SUPPRESS)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root = find_root(args.root or Path.cwd()) if args.root is None else args.root.resolve()
    only: list[str] | None = None
    if args.paths:
        only = []
        for raw in args.paths:
            path = Path(raw).resolve()
            if not path.exists():
                print(f"commons validate: no such file or folder: {raw}", file=sys.stderr)
                return 2
            try:
                only.append(path.relative_to(root).as_posix() if path != root else "")
            except ValueError:
                # Outside this repository (e.g. a folder of fixtures): treat it as its own root.
                root, only = path if path.is_dir() else path.parent, None
                break
        if only == [""]:
            only = None
    if args.watch:
        return watch(root, args.interval, lambda: _report(root, only, args))
    return _report(root, only, args)


def _report(root: Path, only: list[str] | None, args: argparse.Namespace) -> int:
    result = load(layout_for(root), only=only, cache=not args.no_cache,
                  workers=default_workers())
    out = format_issues(result.issues, args.format)
    if out:
        print(out)
    n_err = len(errors(result.issues))
    if args.format == "text":
        coll = result.collection
        counts = (f"{len(coll.profiles)} profiles, {len(coll.case_studies)} case studies, "
                  f"{len(coll.templates)} templates, {len(coll.pages)} pages")
        if n_err:
            print(f"\n{n_err} problem(s) to fix.", file=sys.stderr)
        else:
            print(f"All content is valid ({counts}).", file=sys.stderr)
    return 1 if n_err else 0
