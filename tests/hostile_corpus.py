"""The hostile corpus in tests/fixtures/hostile/, and the checks that a built site is inert.

Each fixture is a folder holding repository-relative files (``profiles/…``,
``content/…``) and an ``expect.yaml`` saying what must happen:

- ``outcome: refused`` — ``issues`` lists every line ``commons validate`` prints;
- ``outcome: inert`` — the file is accepted; its page (``page``, else the
  profile's) shows each ``shows`` text as text, keeps each ``keeps`` selector
  (for allowed markup) and no output file of the site lets a payload run;
- ``outcome: warned`` — ``commons validate`` prints the ``issues`` (warnings) and
  passes; the strict build stops on them.

There is no "validates, then the build fails": the strict build gives the same
verdict as ``commons validate`` on every fixture (tests/site/test_hostile_verdicts.py).

``make`` lists what git cannot or should not hold (symbolic links, a file of
11 MB, names that clash on case-insensitive disks), made when the fixture is used.

Every payload that would run says so through the marker ``pcx``: ``alert('pcx')``,
``console.log('PCX-RAN')``, a request to ``/pcx-marker…`` or ``pcx-marker.example``.
The scanner (tests/hostile_scan.py) reads every file of a built site for the
marker in a place where it would run or load; the browser test watches for it
happening.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import VALID_PROFILE
from tests.hostile_scan import MARKER

__all__ = ["CORPUS", "MARKER", "Fixture", "fixtures", "site_config", "write_site"]

CORPUS = Path(__file__).resolve().parent / "fixtures" / "hostile"
PAD = "@@PAD@@"


@dataclass(frozen=True)
class Fixture:
    name: str
    folder: Path
    expect: dict[str, Any]

    @property
    def outcome(self) -> str:
        return self.expect["outcome"]

    def files(self) -> dict[str, bytes]:
        out = {}
        for path in sorted(self.folder.rglob("*")):
            if path.is_file() and path.name != "expect.yaml":
                out[path.relative_to(self.folder).as_posix()] = path.read_bytes()
        return out

    def page(self) -> str:
        """The site path of the fixture's own page."""
        if "page" in self.expect:
            return self.expect["page"]
        (profile,) = [p for p in self.files() if p.startswith("profiles/") and p.endswith(".md")]
        stem = Path(profile).stem
        return f"profiles/{Path(profile).parent.name if stem == 'index' else stem}/"

    def materialise(self, root: Path) -> None:
        """Write the fixture's files under ``root``, then make what ``make`` asks for."""
        for rel, data in self.files().items():
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        for step in self.expect.get("make", []):
            _make(root, step)

    def __str__(self) -> str:
        return self.name


def fixtures(*outcomes: str) -> list[Fixture]:
    """The fixtures with one of ``outcomes`` (all when none is given), by name."""
    found = []
    for folder in sorted(p for p in CORPUS.iterdir() if (p / "expect.yaml").is_file()):
        expect = yaml.safe_load((folder / "expect.yaml").read_text(encoding="utf-8"))
        if not outcomes or expect["outcome"] in outcomes:
            found.append(Fixture(folder.name, folder, expect))
    return found


def _make(root: Path, step: dict[str, Any]) -> None:
    if "symlink" in step:
        link = root / step["symlink"]
        link.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(step["to"], link)
    elif "sparse" in step:
        path = root / step["sparse"]
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as fh:  # a hole, not 11 MB of disk
            fh.truncate(step["bytes"])
    elif "write" in step:
        path = root / step["write"]
        path.parent.mkdir(parents=True, exist_ok=True)
        text = VALID_PROFILE if step.get("from") == "VALID_PROFILE" else step["text"]
        path.write_text(text, encoding="utf-8")
    elif "expand" in step:
        path = root / step["expand"]
        text = path.read_text(encoding="utf-8")
        if "to_bytes" in step:
            fill = "a" * (step["to_bytes"] - len(text.encode("utf-8")) + len(PAD))
        else:
            fill = step["with"] * step["count"] + "x" + step["then"] * step["count"]
        path.write_text(text.replace(PAD, fill), encoding="utf-8")
    else:
        raise ValueError(f"unknown make step {step}")


def copy_repository_theme(root: Path, repo: Path) -> None:
    """The repository's overrides/, so a hostile site renders with the real theme."""
    if (repo / "overrides").is_dir():
        shutil.copytree(repo / "overrides", root / "overrides")


# -- the hostile site ------------------------------------------------------------------


def site_config(repo: Path) -> dict[str, Any]:
    """The repository's mkdocs.yml with its plugins, theme and Markdown extensions, for a
    small site of its own: so the corpus meets every page type the bundled plugins make."""
    from mkdocs.utils import yaml_load

    with open(repo / "mkdocs.yml", encoding="utf-8") as fh:
        config = yaml_load(fh)
    config.pop("nav", None)  # the repository's pages are not there
    config.update(site_name="Hostile Commons", site_url="https://example.org/commons/",
                  docs_dir="content", strict=True)
    # The corpus attacks parsing and rendering, with bodies of a line or two: the
    # completeness rule (issue 19) has tests of its own and would refuse them all.
    config["plugins"] = [{"practice-commons/profiles": {"require_complete": False}}
                         if p == "practice-commons/profiles" else p for p in config["plugins"]]
    return config


def write_site(root: Path, repo: Path, chosen: list[Fixture]) -> None:
    """A repository at ``root`` holding every fixture in ``chosen``."""
    copy_repository_theme(root, repo)
    (root / "content").mkdir(parents=True, exist_ok=True)
    # No heading of its own: the home heading comes from mkdocs.yml (extra.host), as in a real site.
    (root / "content" / "index.md").write_text("A site built from hostile files.\n")
    for fixture in chosen:
        fixture.materialise(root)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(site_config(repo), sort_keys=False),
                                     encoding="utf-8")
