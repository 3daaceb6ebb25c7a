"""A template's ``sections:`` read once into typed parts that every output shares.

The Word file, the Markdown copy, the CSV files, the fill-in form and the static
worksheet all need the same answers to the same questions (which column holds
the row labels? which rows are printed text and which are left to write in?),
so they are settled here and nowhere else.

Conventions (documented in ``template.schema.yaml``):

- A table whose ``rows`` is a list of labels uses ``columns[0]`` for those
  labels; the other columns are for writing.
- ``cells`` gives printed text row by row, one entry per column; ``cells[i][0]``
  repeats the row label in a labelled table. Rows covered by ``cells`` are
  printed as given (a worked example or reference table); rows after them are
  left blank to write in.
- A rating scale lists its points from lowest to highest; ``ready_at`` names the
  points that count as "ready for next steps". Points before the first of them
  count as "needs work"; any after the last of them (such as "Not applicable")
  are left out of the verdict, and so is an item marked ``risk`` (worded so that
  agreeing counts against readiness). The verdict is this site's aid, not part of
  any source's instrument.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

DEFAULT_ROWS = 3
DEFAULT_LINES = 3


@dataclass(frozen=True)
class Column:
    label: str
    help: str = ""


@dataclass(frozen=True)
class Row:
    """One table row: its full width of cell text, and whether it is printed as given."""

    cells: tuple[str, ...]
    given: bool = False
    label: str | None = None  # the row label, when the table has a label column


@dataclass(frozen=True)
class Prompt:
    id: str
    label: str
    help: str = ""
    lines: int = DEFAULT_LINES
    type: str = "prompt"


@dataclass(frozen=True)
class Table:
    id: str
    label: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    label_column: bool = False
    help: str = ""
    type: str = "table"

    @property
    def first_input(self) -> int:
        """Index of the first column a team writes in (after the label column, if any)."""
        return 1 if self.label_column else 0


@dataclass(frozen=True)
class RatingItem:
    statement: str
    examples: tuple[str, ...] = ()
    risk: bool = False  # worded as a risk by the source: agreeing is not "ready"


@dataclass(frozen=True)
class RatingScale:
    id: str
    label: str
    scale: tuple[str, ...]
    items: tuple[RatingItem, ...]
    ready_at: tuple[str, ...] = ()
    dimension: str = ""
    next_steps: str = ""
    help: str = ""
    type: str = "rating_scale"

    @property
    def needs_work_at(self) -> tuple[str, ...]:
        """Scale points below the first "ready" point: they count as "needs work"."""
        if not self.ready_at:
            return ()
        first = min(self.scale.index(p) for p in self.ready_at if p in self.scale)
        return self.scale[:first]

    def verdict(self, ratings: Iterable[str | None]) -> str | None:
        """``ready``, ``needs-work`` or None (nothing counted yet, or no ``ready_at``).

        ``ratings`` are given item by item. "Ready" needs a strict majority of the
        counted ratings. The rule is this site's, not a source's (the toolkit leaves
        the judgement to the team, who tick a status box), so the form labels it as
        the site's aid. Risk items are left out: a single direction cannot be read
        from them. The same rule is implemented in ``fill-in.js``; ``tests/browser``
        checks they agree.
        """
        if not self.ready_at:
            return None
        risky = {i for i, item in enumerate(self.items) if item.risk}
        ratings = [r for i, r in enumerate(ratings) if r and i not in risky]
        ready = sum(r in self.ready_at for r in ratings)
        low = sum(r in self.needs_work_at for r in ratings)
        if ready + low == 0:
            return None
        return "ready" if ready > low else "needs-work"


@dataclass(frozen=True)
class Checklist:
    id: str
    label: str
    items: tuple[str, ...]
    help: str = ""
    type: str = "checklist"


Section = Prompt | Table | RatingScale | Checklist


def sheet(sections: Iterable[Mapping[str, Any]]) -> tuple[Section, ...]:
    """Typed sections from validated ``sections:`` data (see the module docstring)."""
    return tuple(_READERS[s["type"]](s) for s in sections)


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _prompt(s: Mapping[str, Any]) -> Prompt:
    return Prompt(id=s["id"], label=_text(s["label"]), help=_text(s.get("help")),
                  lines=int(s.get("lines") or DEFAULT_LINES))


def _table(s: Mapping[str, Any]) -> Table:
    columns = tuple(Column(_text(c["label"]), _text(c.get("help"))) for c in s["columns"])
    width = len(columns)
    raw_rows = s.get("rows")
    given = [[_text(c) for c in row] for row in (s.get("cells") or ())]
    labels: list[str] | None = None
    if isinstance(raw_rows, list):
        labels = [_text(x) for x in raw_rows]
        count = len(labels)
    elif isinstance(raw_rows, int):
        count = raw_rows
    else:
        count = len(given) or DEFAULT_ROWS
    rows = []
    for i in range(count):
        cells = (given[i] if i < len(given) else []) + [""] * width
        cells = cells[:width]
        label = None
        if labels is not None:
            label = labels[i]
            cells[0] = label  # cells[i][0] repeats it; the label is the authority
        rows.append(Row(cells=tuple(cells), given=i < len(given), label=label))
    return Table(id=s["id"], label=_text(s["label"]), help=_text(s.get("help")),
                 columns=columns, rows=tuple(rows), label_column=labels is not None)


def _rating(s: Mapping[str, Any]) -> RatingScale:
    return RatingScale(
        id=s["id"], label=_text(s["label"]), help=_text(s.get("help")),
        scale=tuple(_text(p) for p in s["scale"]),
        ready_at=tuple(_text(p) for p in s.get("ready_at") or ()),
        items=tuple(RatingItem(_text(i["statement"]),
                               tuple(_text(e) for e in i.get("examples") or ()),
                               risk=bool(i.get("risk")))
                    for i in s["items"]),
        dimension=_text(s.get("dimension")), next_steps=_text(s.get("next_steps")),
    )


def _checklist(s: Mapping[str, Any]) -> Checklist:
    return Checklist(id=s["id"], label=_text(s["label"]), help=_text(s.get("help")),
                     items=tuple(_text(i) for i in s["items"]))


_READERS = {"prompt": _prompt, "table": _table, "rating_scale": _rating, "checklist": _checklist}
