"""The report of ``commons bench``: every size side by side, and the growth between sizes.

Growth is each figure's change per 1,000 more profiles between neighboring sizes:
a linear step shows the same growth from 1,000 to 2,000 as from 5,000 to 10,000, so a
step that grows faster than the collection stands out.
"""

from __future__ import annotations

from typing import Any

# Figures whose growth is worth showing: (key in a size's result, how to print one value).
GROWING = ("build_cpu_s", "plain_material_cpu_s", "build_s", "plain_material_s", "peak_rss_mb",
           "plain_peak_rss_mb", "validate_cpu_s", "validate_wall_s", "search_gz_bytes")


def _search_gz(r: dict[str, Any]) -> int | None:
    return r["search"]["total_gz_bytes"]


def growth(sizes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """For each pair of neighboring sizes, each figure's change per 1,000 profiles."""
    out = []
    for lo, hi in zip(sizes, sizes[1:]):
        per = (hi["n"] - lo["n"]) / 1000
        row: dict[str, Any] = {"from": lo["n"], "to": hi["n"]}
        for key in GROWING:
            a, b = _value(lo, key), _value(hi, key)
            row[key] = None if a is None or b is None else round((b - a) / per, 3)
        out.append(row)
    return out


def _value(r: dict[str, Any], key: str) -> float | None:
    return _search_gz(r) if key == "search_gz_bytes" else r.get(key)


def _kb(v: float | None) -> str:
    return "—" if v is None else f"{v / 1000:,.1f} KB"


def _s(v: float | None, digits: int = 1) -> str:
    return "—" if v is None else f"{v:,.{digits}f} s"


def _pair(a: str, b: str) -> str:
    return f"{a} / {b}"


def _rows(r: dict[str, Any]) -> list[tuple[str, str]]:
    """One column of the table: a size's figures, in the order of ROWS."""
    s = r["search"]
    return [
        _pair(f"{r['n']:,}", f"{r['profiles_total']:,}"),
        _pair(_s(r["build_cpu_s"]), _s(r["plain_material_cpu_s"])),
        f"{r['ratio_cpu']:.3f}",
        _pair(_s(r["build_s"]), _s(r["plain_material_s"])),
        f"{r['ratio']:.3f}",
        _pair(f"{r['peak_rss_mb']:,.0f} MB", f"{r['plain_peak_rss_mb']:,.0f} MB"),
        f"{r['ratio_rss']:.3f}",
        _pair(_s(r.get("edit_s"), 2), _s(r.get("plain_edit_s"), 2)),
        _pair(f"{r['validate_per_s']:,}/s", f"{r['validate_per_cpu_s']:,}/CPU-s"),
        _pair(_s(r["validate_wall_s"], 2), _s(r["validate_cpu_s"], 2)),
        _pair(str(r["warnings"]), str(r["plain_warnings"])),
        f"{r['site_mb']:,.1f} MB",
        _kb(r["material_search_index_gz_bytes"]),
        f"{_kb(s['total_gz_bytes'])} ({s['chunks']:,} chunks)",
        _pair(_kb(r.get("first_query_gz_bytes")), _kb(r.get("pagefind_gz_bytes"))),
        "—" if r.get("query_ms") is None else f"{r['query_ms']:.1f} ms",
    ]


ROWS = (  # (label, target, growth key or None)
    ("profiles, synthetic / total", "", None),
    ("build CPU, plugins / plain", "", ("build_cpu_s", "plain_material_cpu_s")),
    ("  ratio (CPU)", "≤ 1.15", None),
    ("build wall, plugins / plain", "", ("build_s", "plain_material_s")),
    ("  ratio (wall)", "", None),
    ("peak RSS, plugins / plain", "", ("peak_rss_mb", "plain_peak_rss_mb")),
    ("  ratio (RSS)", "≤ 1.3", None),
    ("edit to visible, serve / plain --dirty", "≤ 1.5 s", None),
    ("validate, wall / CPU", "≥ 5,000/s", None),
    ("validate time, wall / CPU", "", ("validate_wall_s", "validate_cpu_s")),
    ("warnings, plugins / plain", "", None),
    ("site size", "", None),
    ("Material search index (gzip)", "none", None),
    ("search files, all (gzip)", "", ("search_gz_bytes",)),
    ("first query, ours / Pagefind (gzip)", "≤ Pagefind", None),
    ("answer after the data arrives", "≤ 50 ms", None),
)


def _growth_cell(g: dict[str, Any], keys: tuple[str, ...] | None) -> str:
    if not keys:
        return ""
    vals = [g.get(k) for k in keys]
    if any(v is None for v in vals):
        return "—"
    if keys == ("search_gz_bytes",):
        return _kb(vals[0])
    unit = " MB" if keys[0].endswith("_mb") else " s"
    return " / ".join(f"{v:+,.2f}{unit}" for v in vals)


def table(result: dict[str, Any]) -> str:
    """The figures as a readable table: a column per size, then growth per 1,000 profiles."""
    sizes, growths = result["sizes"], result["growth"]
    head = ["", *(f"N = {r['n']:,}" for r in sizes),
            *(f"per 1,000, {g['from']:,}→{g['to']:,}" for g in growths), "target"]
    cols = [_rows(r) for r in sizes]
    body = []
    for i, (label, target, keys) in enumerate(ROWS):
        body.append([label, *(c[i] for c in cols), *(_growth_cell(g, keys) for g in growths),
                     target])
    widths = [max(len(row[j]) for row in [head, *body]) for j in range(len(head))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip()
             for row in [head, *body]]
    lines += ["", f"medians of {result['runs']} fresh-process builds of each kind, alternating; "
                  "edits timed at the smallest size; validate wall and CPU include every core used"]
    for r in sizes:
        lines += _query_lines(r)
    return "\n".join(lines)


def _query_lines(r: dict[str, Any]) -> list[str]:
    lines = []
    for q in r.get("queries", []):
        lines += ["", f"N = {r['n']:,}, query {q['query']!r}: this search {_kb(q['ours'])} "
                      f"({q['results']} shown, {q['query_ms']:.1f} ms), "
                      f"Pagefind {_kb(q.get('pagefind'))} ({q.get('pagefind_results', '—')} found)"]
        lines += [f"  {f['url']}: {_kb(f['gz_bytes'])}" for f in q["our_files"]]
        lines += [f"  {f['url']}: {_kb(f['gz_bytes'])}" for f in q.get("pagefind_files", [])]
    if r.get("query_note"):
        lines += ["", f"N = {r['n']:,}, note: {r['query_note']}"]
    return lines
