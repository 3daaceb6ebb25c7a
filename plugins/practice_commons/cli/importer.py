"""``commons import``: turn a spreadsheet of practices into profile files.

Every row is made into a profile file and checked by the same validator as
``commons validate``; each problem is reported with the spreadsheet's row
number and the column it came from. Rows without problems are written (never
over an existing file unless ``--force``); rows with problems are not.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from ..core import Validator, load, parse, slugify
from ..core.content.collection import REFERENCE_FIELDS
from ..core.contributing.scaffold import render_profile, write_new
from ..core.contributing.sheetfile import read_rows
from ..core.contributing.spreadsheet import (
    Mapping,
    MappingError,
    load_mapping,
    original_field,
    row_to_profile,
)
from .common import find_root, layout_for


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "import", help="make profiles from a spreadsheet (.csv or .xlsx)",
        description="Make one profile per spreadsheet row, following a column mapping "
                    "(see examples/import/). Reports every row that fails validation by row "
                    "number and column. Exit status: 0 all rows written, 1 some rows had "
                    "problems or already exist, 2 the spreadsheet or mapping cannot be used.")
    p.add_argument("sheet", type=Path, metavar="FILE", help="a .csv or .xlsx file; the first row "
                   "holds the column names")
    p.add_argument("--map", dest="mapping", type=Path, required=True, metavar="MAPPING.yml",
                   help="which column goes to which profile field")
    p.add_argument("--dry-run", action="store_true", help="check every row but write nothing")
    p.add_argument("--force", action="store_true", help="replace profile files that already exist")
    p.add_argument("--root", type=Path, default=None,
                   help="repository root (default: the folder holding mkdocs.yml)")
    p.set_defaults(func=run)


@dataclass(frozen=True, order=True)
class RowProblem:
    row: int
    columns: tuple[str, ...]
    field: str | None
    message: str
    hint: str | None = None
    exists: bool = False  # the row is fine but its file is already there

    def text(self, sheet: str) -> str:
        where = f"{sheet}: row {self.row}"
        if self.columns:
            where += ", column " + " / ".join(repr(c) for c in self.columns)
        fld = f" (field '{self.field}')" if self.field else ""
        hint = f" — {self.hint}" if self.hint else ""
        return f"{where}{fld}: {self.message}{hint}"


class Progress:
    """A one-line progress bar on a terminal; silent when output is redirected."""

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total, self.stream = total, stream
        self.on = total > 0 and hasattr(stream, "isatty") and stream.isatty()

    def update(self, done: int) -> None:
        if self.on:
            width = 30
            filled = width * done // self.total
            self.stream.write(f"\rImporting [{'#' * filled}{'.' * (width - filled)}] "
                              f"{done}/{self.total} rows")
            self.stream.flush()

    def close(self) -> None:
        if self.on:
            self.stream.write("\r" + " " * 60 + "\r")
            self.stream.flush()


def run(args: argparse.Namespace, err: TextIO | None = None) -> int:
    err = err or sys.stderr
    root = args.root.resolve() if args.root else find_root()
    layout = layout_for(root)
    sheet = args.sheet
    for path, what in ((sheet, "spreadsheet"), (args.mapping, "mapping")):
        if not path.is_file():
            err.write(f"commons import: no such {what} file: {path}\n")
            return 2
    try:
        headers, rows, total = read_rows(sheet)
        mapping = load_mapping(args.mapping, headers)
    except MappingError as exc:
        err.write("\n".join(exc.problems) + "\n")
        return 2
    collection = load(layout).collection
    validator = Validator("profile")
    today = dt.date.today().isoformat()
    planned: dict[str, tuple[int, str]] = {}  # relative path → (row, text)
    problems: list[RowProblem] = []
    progress = Progress(total, err)
    for done, (n, cells) in enumerate(rows, 1):
        problems += _one_row(n, cells, mapping, layout.profiles_dir, validator, collection,
                             planned, today, args.force, root)
        progress.update(done)
    progress.close()
    bad_rows = {p.row for p in problems}
    written = 0
    for rel, (n, text) in sorted(planned.items(), key=lambda kv: kv[1][0]):
        if n in bad_rows:
            continue
        if not args.dry_run:
            write_new(root / rel, text, force=args.force)
        written += 1
        print(f"row {n}: {'would write' if args.dry_run else 'wrote'} {rel}")
    name = sheet.name
    for p in sorted(problems):
        err.write(p.text(name) + "\n")
    verb = "would be written" if args.dry_run else "written"
    existing = {p.row for p in problems if p.exists}
    invalid = {p.row for p in problems if not p.exists}
    err.write(f"\n{written} profile(s) {verb}; {len(invalid)} row(s) with problems and "
              f"{len(existing - invalid)} row(s) whose file already exists were not written.\n")
    return 1 if problems else 0


def _one_row(n: int, cells: dict, mapping: Mapping, profiles_dir: str, validator: Validator,
             collection, planned: dict[str, tuple[int, str]], today: str, force: bool,
             root: Path) -> list[RowProblem]:
    data, body, renames = row_to_profile(cells, mapping)
    data.setdefault("status", "published")
    data.setdefault("submitted", today)
    slug_cell = cells.get(mapping.slug_column) if mapping.slug_column else None
    slug = str(slug_cell).strip() if slug_cell else slugify(str(data.get("title") or f"row-{n}"))
    if slug_cell:
        data["slug"] = slug
    rel = f"{profiles_dir}/{slug}.md"
    text = render_profile(data, body)
    doc = parse(rel, text.encode("utf-8"))
    out: list[RowProblem] = []
    for issue in doc.problems + validator.validate(doc):
        cols = tuple(mapping.column_for(original_field(issue.field, renames))) \
            if issue.field else ()
        out.append(RowProblem(n, cols, issue.field, issue.message, issue.hint))
    for fld, kind in REFERENCE_FIELDS["profile"].items():
        for i, ref in enumerate(data.get(fld) or ()):
            if isinstance(ref, str) and collection.get(kind, ref) is None:
                out.append(RowProblem(n, tuple(mapping.column_for(f"{fld}[{i}]")), f"{fld}[{i}]",
                                      f"no {kind.replace('-', ' ')} with slug {ref!r}",
                                      "check the slug on the site"))
    if rel in planned:
        out.append(RowProblem(n, (), None, f"makes the same file as row {planned[rel][0]} ({rel})",
                              "give the practices different titles, or map a slug column"))
        return out
    taken = collection.get("profile", slug)
    if taken is not None and taken.path != rel:
        out.append(RowProblem(n, (), "slug", f"slug {slug!r} is already used by {taken.path}",
                              "map a slug column with a different slug"))
    elif (root / rel).exists() and not force:
        out.append(RowProblem(n, (), None, f"{rel} already exists, so this row was not written",
                              "use --force to replace it", exists=True))
    planned[rel] = (n, text)
    return out
