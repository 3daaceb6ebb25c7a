"""Rules about a template's ``sections:`` that JSON Schema cannot express.

Run by :class:`~practice_commons.core.rules.validate.Validator` after a template has
passed its schema, so every value has the right shape here. Each rule guards
something the downloads and the fill-in form rely on: section ids become form
field names, CSV file names and page anchors; ``ready_at`` drives the
self-assessment's verdict; ``cells`` must fit the table they fill.
"""

from __future__ import annotations

import difflib
from typing import Any

from ..content.frontmatter import Document
from ..rules.issues import Issue


def check_template(doc: Document) -> list[Issue]:
    """Every semantic problem in a schema-valid template document."""
    out: list[Issue] = []
    data = doc.data
    sections: list[dict[str, Any]] = data.get("sections") or []

    def add(path: tuple, field: str, message: str, hint: str) -> None:
        out.append(Issue(doc.path, doc.line_of(path), field, message, hint))

    first_use: dict[str, int] = {}
    for i, s in enumerate(sections):
        sid = s["id"]
        if sid in first_use:
            j = first_use[sid]
            add(("sections", i, "id"), f"sections[{i}].id",
                f"section id {sid!r} is already used by sections[{j}] (line "
                f"{doc.line_of(('sections', j, 'id'))})",
                "give each section its own id: it names the form fields and the CSV file")
        else:
            first_use[sid] = i
        if s["type"] == "table":
            _table(s, i, add)
        elif s["type"] == "rating_scale":
            _rating(s, i, add)

    if data.get("tabular") and not any(s["type"] == "table" for s in sections):
        add(("tabular",), "tabular", "a tabular template needs at least one table section",
            "add a section with 'type: table', or remove 'tabular: true'")
    return out


def _table(s: dict[str, Any], i: int, add) -> None:
    columns = len(s["columns"])
    rows = s.get("rows")
    cells = s.get("cells")
    labels = rows if isinstance(rows, list) else None
    if cells is None:
        return
    here = ("sections", i, "cells")
    room = len(labels) if labels is not None else rows
    if isinstance(room, int) and len(cells) > room:
        add(here, f"sections[{i}].cells",
            f"has {len(cells)} rows of cells but the table has {room} row(s)",
            "add rows, or remove the extra rows of cells")
    for r, row in enumerate(cells):
        if len(row) > columns:
            add(here + (r,), f"sections[{i}].cells[{r}]",
                f"has {len(row)} cells but the table has {columns} column(s)",
                "give one cell per column, in the order of 'columns'")
        if labels is not None and r < len(labels) and row and row[0] not in ("", labels[r]):
            add(here + (r, 0), f"sections[{i}].cells[{r}][0]",
                f"{row[0]!r} should repeat this row's label {labels[r]!r}",
                "the first cell of a labelled row is its label: copy it from 'rows', or leave it empty")


def _rating(s: dict[str, Any], i: int, add) -> None:
    scale = s["scale"]
    seen: set[str] = set()
    for p, point in enumerate(scale):
        if point in seen:
            add(("sections", i, "scale", p), f"sections[{i}].scale[{p}]",
                f"scale point {point!r} is listed twice", "each point of the scale must differ")
        seen.add(point)
    ready = s.get("ready_at") or []
    for r, point in enumerate(ready):
        path = ("sections", i, "ready_at", r)
        if point not in scale:
            near = difflib.get_close_matches(str(point), scale, n=1, cutoff=0.6)
            hint = f"did you mean {near[0]!r}?" if near else \
                "use one of: " + ", ".join(repr(x) for x in scale)
            add(path, f"sections[{i}].ready_at[{r}]",
                f"{point!r} is not one of this section's scale points", hint)
        elif point in ready[:r]:
            add(path, f"sections[{i}].ready_at[{r}]", f"{point!r} is listed twice",
                "remove the repeated line")
    if ready and scale[0] in ready:
        # The verdict counts points below the first "ready" one as "needs work"; a
        # scale written from highest to lowest would leave none.
        add(("sections", i, "ready_at"), f"sections[{i}].ready_at",
            f"the lowest scale point {scale[0]!r} counts as ready, so the summary could never "
            "say 'needs work'",
            "list the scale from lowest to highest, and under 'ready_at' only the points that "
            "mean a team can move on")
