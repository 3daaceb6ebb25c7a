"""CSV files of a template's tables, for teams that keep their plans in a spreadsheet.

One file per table (``<slug>-<table id>.csv``): tables in one template have
different columns, and a file that stacks them is no longer a table a
spreadsheet can sort or filter.
"""

from __future__ import annotations

import csv
import io

from ..outputs.csvsafe import safe_cell
from .sheet import Section, Table


def csv_name(slug: str, table: Table) -> str:
    return f"{slug}-{table.id}.csv"


def csv_bytes(table: Table) -> bytes:
    """The table as CSV: a header row of column labels, then one line per row.

    UTF-8 with a byte-order mark, because Excel otherwise reads the file in the
    machine's legacy code page and garbles dashes, quotes and accents; CRLF line
    ends, as RFC 4180 says.
    """
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([safe_cell(c.label) for c in table.columns])
    for row in table.rows:
        writer.writerow([safe_cell(text) for text in row.cells])
    return buf.getvalue().encode("utf-8-sig")


def tables(parts: tuple[Section, ...]) -> list[Table]:
    """The template's tables, in order: each becomes a CSV file."""
    return [p for p in parts if isinstance(p, Table)]
