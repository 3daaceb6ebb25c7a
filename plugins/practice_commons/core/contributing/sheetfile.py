"""Read a spreadsheet (.csv or .xlsx) as rows of cells keyed by column name."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .spreadsheet import MappingError


def read_rows(path: Path) -> tuple[list[str], Iterator[tuple[int, dict[str, Any]]], int]:
    """Headers, an iterator of (row number, cells by header) and the number of data rows.

    Row numbers are the ones a spreadsheet program shows: the header is row 1.
    """
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with open(path, encoding="utf-8-sig", newline="") as fh:
            table = list(csv.reader(fh))
    elif suffix == ".xlsx":
        table = _xlsx_rows(path)
    else:
        raise MappingError([f"{path.name}: only .csv and .xlsx spreadsheets can be imported"])
    if not table:
        raise MappingError([f"{path.name}: the spreadsheet is empty"])
    headers = [str(h).strip() if h is not None else "" for h in table[0]]
    rows = [(n, r) for n, r in enumerate(table[1:], start=2)
            if any(c not in (None, "") and str(c).strip() for c in r)]

    def gen() -> Iterator[tuple[int, dict[str, Any]]]:
        for n, r in rows:
            yield n, {h: (r[i] if i < len(r) else None) for i, h in enumerate(headers) if h}

    return headers, gen(), len(rows)


def _xlsx_rows(path: Path) -> list[list[Any]]:
    # openpyxl is only needed for .xlsx: import it here so CSV works without it.
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        return [list(r) for r in sheet.iter_rows(values_only=True)]
    finally:
        book.close()
