"""``commons report``: profiles due for review, and what the archive holds by state, level, topic.

Uses the same rule and date as the site's "may be out of date" notice: the
``practice-commons/hosting`` options in mkdocs.yml (``stale_after_days``, ``today``,
``states``), then SOURCE_DATE_EPOCH, then today; flags override them.

``commons report --dependencies`` reports on the software instead (issue 18): each
runtime dependency's installed version and latest release (core/hosting/dependencies.py).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from ..core import load
from ..core.hosting import dependencies
from ..core.hosting.freshness import DEFAULT_STALE_AFTER_DAYS, BuildDateError, build_date
from ..core.hosting.report import Report, build_report
from ..core.hosting.states import state_problems
from ..core.rules.issues import errors
from ..core.rules.schema import vocabulary
from .common import find_root, layout_for


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "report", help="list profiles due for review; count profiles by state, level and topic",
        description="List published profiles whose last review is older than the site's limit "
                    "(the same rule as the 'may be out of date' notice), then count the published "
                    "profiles by state, pyramid level and topic. Exit status: 0, or 1 with "
                    "--fail-if-stale when any profile is due; 2 on a usage error.")
    p.add_argument("--today", metavar="YYYY-MM-DD",
                   help="judge freshness on this date (default: mkdocs.yml, SOURCE_DATE_EPOCH, "
                        "today)")
    p.add_argument("--stale-after", type=int, metavar="DAYS",
                   help="a profile is due for review after this many days "
                        f"(default: mkdocs.yml, else {DEFAULT_STALE_AFTER_DAYS})")
    p.add_argument("--state", action="append", metavar="CODE", dest="states",
                   help="only profiles from this state (repeatable; default: the site's filter)")
    p.add_argument("--all-states", action="store_true",
                   help="ignore the site's state filter and report on every profile")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--fail-if-stale", action="store_true",
                   help="exit 1 when any profile is due for review (for scheduled CI)")
    p.add_argument("--root", type=Path, default=None,
                   help="repository root (default: the folder holding mkdocs.yml)")
    deps = p.add_argument_group(
        "dependencies", "--dependencies reports on the software, not the profiles: each "
        "runtime dependency's installed version and latest release, flagged QUIET after "
        f"{dependencies.QUIET_DAYS} days without one (--fail-if-stale then exits 1)")
    deps.add_argument("--dependencies", action="store_true",
                      help="list runtime dependencies with their latest release dates")
    deps.add_argument("--index-url", default=dependencies.DEFAULT_INDEX, metavar="URL",
                      help="package index with a PyPI-style JSON API (default: %(default)s)")
    deps.add_argument("--offline", action="store_true",
                      help="show installed versions only; ask no index")
    p.set_defaults(func=run)


def run_dependencies(args: argparse.Namespace) -> int:
    try:
        today = build_date(args.today)
    except BuildDateError as exc:
        print(f"commons report: {exc}", file=sys.stderr)
        return 2
    found = dependencies.watch(dependencies.requirements(), args.index_url,
                               None if args.offline else dependencies.fetch_json)
    index = None if args.offline else args.index_url
    if args.format == "json":
        print(json.dumps({"as_of": today.isoformat(), "index": index,
                          "quiet_after_days": dependencies.QUIET_DAYS,
                          "dependencies": [d.to_dict(today) for d in found],
                          "notes": dependencies.NOTES}, indent=2))
    else:
        print(dependencies.as_text(found, today, index))
    quiet = [d for d in found if (d.quiet_days(today) or 0) > dependencies.QUIET_DAYS]
    return 1 if args.fail_if_stale and quiet else 0


def hosting_options(root: Path) -> dict[str, Any]:
    """The practice-commons/hosting options written in mkdocs.yml (empty if none)."""
    config_file = root / "mkdocs.yml"
    if not config_file.is_file():
        return {}

    class _Lenient(yaml.SafeLoader):  # mkdocs.yml may hold !ENV and python tags
        pass

    _Lenient.add_multi_constructor("", lambda loader, suffix, node: None)
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Lenient) or {}
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "practice-commons/hosting" in plugin:
            return plugin["practice-commons/hosting"] or {}
    return {}


def run(args: argparse.Namespace) -> int:
    if args.dependencies:
        return run_dependencies(args)
    root = args.root.resolve() if args.root else find_root(Path.cwd())
    options = hosting_options(root)
    try:
        today = build_date(args.today or options.get("today"))
    except BuildDateError as exc:
        print(f"commons report: {exc}", file=sys.stderr)
        return 2
    stale_after = args.stale_after if args.stale_after is not None else \
        int(options.get("stale_after_days", DEFAULT_STALE_AFTER_DAYS))
    states = [] if args.all_states else (args.states or list(options.get("states") or []))
    problems = state_problems(states, vocabulary())
    if problems:
        print("\n".join(f"commons report: {p}" for p in problems), file=sys.stderr)
        return 2
    # Validation judges "not in the future" by the real clock, whatever date we report on.
    # The report chooses its own states (--state, --all-states): the site's scope and
    # support checks are `commons validate`'s to report, not reasons to leave files out.
    result = load(replace(layout_for(root), states=(), support=None))
    bad = errors(result.issues)
    if bad:
        print(f"commons report: {len(bad)} problem(s) in {len({i.path for i in bad})} file(s) "
              "left those files out; run `commons validate` to see them", file=sys.stderr)
    report = build_report(result.collection, today, stale_after, states)
    print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False) if args.format == "json"
          else as_text(report))
    return 1 if args.fail_if_stale and report.needs_review else 0


def as_text(r: Report) -> str:
    vocab = vocabulary()
    scope = f" from {', '.join(r.states_filter)}" if r.states_filter else ""
    rule = f"last reviewed more than {r.stale_after_days} days before {r.today.isoformat()}" \
        if r.stale_after_days > 0 else "review check turned off (stale_after_days: 0)"
    out = [(f"{len(r.published)} published profile(s){scope} ({r.archived} archived); "
            f"{r.drafts} draft(s) not published."), ""]
    out.append(f"Due for review: {len(r.needs_review)} ({rule})")
    for s in r.needs_review:
        when = (f"last reviewed {s.reviewed.isoformat()}" if s.profile.last_reviewed
                else f"never reviewed, submitted {s.reviewed.isoformat()}") if s.reviewed \
            else "no review or submission date"
        age = f", {s.months} months ago" if s.months is not None else ""
        p = s.profile
        out.append(f"  {p.path}: {p.title} ({p.school.state}) — {when}{age}")
    if not r.needs_review:
        out.append("  none")
    for title, counts, name in (("By state", r.by_state, "states"),
                                ("By pyramid level", r.by_level, "levels"),
                                ("By topic", r.by_topic, "topics")):
        out += ["", f"{title}:"]
        rows = sorted(counts.items(), key=(lambda kv: kv[0]) if name == "levels"
                      else (lambda kv: (-kv[1], str(kv[0]))))
        if not rows:
            out.append("  none")
        width = max((len(_name(vocab, name, k)) for k, _ in rows), default=0)
        out += [f"  {_name(vocab, name, k):<{width}}  {n:>4}" for k, n in rows]
    return "\n".join(out)


def _name(vocab, name: str, slug: Any) -> str:
    label = vocab.label(name, slug)
    if name == "levels":
        return f"{slug} {label}"
    return f"{label} ({slug})" if name == "states" else label
