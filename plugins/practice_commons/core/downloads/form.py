"""What a template page needs for its download panel and its fill-in form.

The form itself is rendered by ``partials/fill-in.html`` from the typed
sections; ``fill-in.js`` then needs the same structure as data (to export
answers and compute the summary), which :func:`fill_json` provides.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .sheet import Checklist, Prompt, RatingScale, Section, Table

if TYPE_CHECKING:
    from ..content.model import Template
    from . import Meta

# Strings fill-in.js shows or writes; every one comes from the i18n file.
JS_STRINGS = (
    "fill_saved", "fill_not_saved_yet", "fill_no_storage", "fill_confirm_clear", "fill_cleared",
    "fill_ready", "fill_needs_work", "fill_not_rated", "fill_verdict_detail", "fill_or",
    "fill_answers_title", "fill_saved_on", "fill_no_answer", "fill_rating", "fill_summary",
    "statement", "next_steps", "fill_site_aid",
)


def human_size(n: int, strings: Mapping[str, str]) -> str:
    """A file size as people read it: "850 bytes", "37 KB", "1.2 MB"."""
    if n < 1000:
        return strings["size_bytes"].format(n=n)
    if n < 1_000_000:
        return strings["size_kb"].format(n=round(n / 1000))
    return strings["size_mb"].format(n=f"{n / 1_000_000:.1f}")


def fill_json(template: Template, parts: tuple[Section, ...], meta: Meta) -> str:
    """The form's structure as JSON that is safe inside a ``<script>`` element."""
    data = {
        "slug": template.slug,
        "title": template.title,
        "url": meta.page_url(template),
        "sections": [_section(p, meta) for p in parts],
        "t": {k: meta.strings[k] for k in JS_STRINGS},
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # "</script>" or "<!--" in a template's text must not end the element early.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _section(part: Section, meta: Meta) -> dict[str, Any]:
    base: dict[str, Any] = {"id": part.id, "type": part.type, "label": part.label}
    if isinstance(part, Table):
        base.update(columns=[c.label for c in part.columns], labelColumn=part.label_column,
                    rows=[{"cells": list(r.cells), "given": r.given} for r in part.rows])
    elif isinstance(part, RatingScale):
        base.update(scale=list(part.scale), ready=list(part.ready_at),
                    low=list(part.needs_work_at), nextSteps=part.next_steps,
                    dimension=meta.label("dimensions", part.dimension) if part.dimension else "",
                    items=[i.statement for i in part.items],
                    risk=[n for n, i in enumerate(part.items) if i.risk])
    elif isinstance(part, Checklist):
        base.update(items=list(part.items))
    else:
        assert isinstance(part, Prompt)
    return base


def rating_sections(parts: tuple[Section, ...]) -> list[RatingScale]:
    """The rating scales that have a verdict rule: they get a summary."""
    return [p for p in parts if isinstance(p, RatingScale) and p.ready_at]
