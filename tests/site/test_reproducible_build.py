"""Two builds of one tree are byte-identical: no clock, hash seed, path or time zone leaks in.

Each build runs ``mkdocs build --strict`` in its own process, on its own copy of
the tree, with a different PYTHONHASHSEED (set iteration order) and TZ, at least
two seconds after the other (ZIP entries, as in Word files, store time to two
seconds); the outputs are compared file by file.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
import yaml

from tests.conftest import BASE_CONFIG, ENGINE_CMD, REPO, VALID_PROFILE, write_files
from tests.hostile_corpus import fixtures, write_site


def build_in_process(root: Path, *, seed: str, tz: str, epoch: str | None = None) -> Path:
    env = {**os.environ, "PYTHONHASHSEED": seed, "TZ": tz}
    env.pop("SOURCE_DATE_EPOCH", None)
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = epoch
    done = subprocess.run([*ENGINE_CMD, "build", "--strict"], check=False,
                          cwd=root, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    return root / "site"


def differences(a: Path, b: Path) -> list[str]:
    """What differs between two built sites, file by file (and inside archives)."""
    files_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    out = [f"only in one build: {name}" for name in sorted(files_a ^ files_b)]
    for name in sorted(files_a & files_b):
        x, y = (a / name).read_bytes(), (b / name).read_bytes()
        if x != y:
            out.append(f"{name} differs: {_explain(name, x, y)}")
    return out


def _explain(name: str, x: bytes, y: bytes) -> str:
    if name.endswith(".gz"):
        inner = "the same" if gzip.decompress(x) == gzip.decompress(y) else "different"
        return f"gzip header differs, content {inner}"
    if zipfile.is_zipfile(io.BytesIO(x)) and zipfile.is_zipfile(io.BytesIO(y)):
        za, zb = zipfile.ZipFile(io.BytesIO(x)), zipfile.ZipFile(io.BytesIO(y))
        for ia, ib in zip(za.infolist(), zb.infolist()):
            if (ia.filename, ia.date_time) != (ib.filename, ib.date_time) or \
                    za.read(ia) != zb.read(ib):
                return f"archive member {ia.filename} ({ia.date_time} / {ib.date_time})"
        return "archive metadata"
    at = next(i for i in range(min(len(x), len(y)) + 1) if i >= min(len(x), len(y)) or x[i] != y[i])
    return f"first at byte {at}: {x[max(0, at - 40):at + 40]!r} / {y[max(0, at - 40):at + 40]!r}"


def _copy(src: Path, dest: Path) -> Path:
    shutil.copytree(src, dest, symlinks=True, ignore=shutil.ignore_patterns("site", ".cache"))
    return dest


def _builds(src: Path, tmp_path: Path, *, warm: bool) -> list[Path]:
    """Two cold builds of copies in different folders; with ``warm``, the first again, so
    caches (the downloads' .cache/) are used."""
    first_root, second_root = _copy(src, tmp_path / "one"), _copy(src, tmp_path / "second-copy")
    started = time.monotonic()
    first = build_in_process(first_root, seed="1", tz="UTC")
    outputs = [_copy(first, tmp_path / "first-output")]
    time.sleep(max(0.0, 2.1 - (time.monotonic() - started)))
    outputs.append(build_in_process(second_root, seed="2", tz="Pacific/Kiritimati"))
    if warm:
        outputs.append(build_in_process(first_root, seed="3", tz="America/Los_Angeles"))
    return outputs


def test_two_builds_of_the_hostile_site_with_every_plugin_are_identical(tmp_path):
    src = tmp_path / "src"
    write_site(src, REPO, fixtures("inert"))
    first, second, warm = _builds(src, tmp_path, warm=True)
    assert sum(1 for p in first.rglob("*") if p.is_file()) > 100
    assert differences(first, second) == []
    assert differences(first, warm) == []


@pytest.mark.slow
def test_two_builds_of_the_repository_are_identical(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for name in ("content", "profiles", "overrides"):
        if (REPO / name).exists():
            shutil.copytree(REPO / name, src / name, symlinks=True)
    shutil.copy(REPO / "mkdocs.yml", src / "mkdocs.yml")
    first, second = _builds(src, tmp_path, warm=False)
    assert differences(first, second) == []


def _dated_site(root: Path, plugins: list[str]) -> None:
    write_files(root, {
        "content/index.md": "# Home\n",
        "profiles/literacy-nights.md": VALID_PROFILE,
        "profiles/older.md": VALID_PROFILE.replace("last_reviewed: 2025-02-01",
                                                   "last_reviewed: 2024-11-30").replace(
            "title: Family Literacy Nights", "title: Older Literacy Nights"),
    })
    config = {**BASE_CONFIG, "plugins": plugins}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


def _sitemaps(site: Path) -> tuple[bytes, bytes]:
    return (site / "sitemap.xml").read_bytes(), (site / "sitemap.xml.gz").read_bytes()


DAY_ONE, DAY_TWO = "1767225600", "1767830400"  # 2026-01-01 and 2026-01-08, midnight UTC


def test_sitemap_dates_come_from_the_content_not_the_day_of_the_build(tmp_path):
    _dated_site(tmp_path, ["practice-commons/profiles", "practice-commons/safe-build"])
    one = _sitemaps(build_in_process(tmp_path, seed="1", tz="UTC", epoch=DAY_ONE))
    two = _sitemaps(build_in_process(tmp_path, seed="1", tz="UTC", epoch=DAY_TWO))
    assert one == two
    text = one[0].decode()
    assert "<lastmod>2024-11-30</lastmod>" in text  # profiles/older/: its own review date
    assert "2026-01" not in text
    assert hashlib.sha256(gzip.decompress(one[1])).digest() == hashlib.sha256(one[0]).digest()


def test_without_safe_build_the_sitemap_carries_the_build_day(tmp_path):
    """The control: shows the test above would see the build's date if it leaked."""
    _dated_site(tmp_path, ["practice-commons/profiles"])
    one = _sitemaps(build_in_process(tmp_path, seed="1", tz="UTC", epoch=DAY_ONE))
    two = _sitemaps(build_in_process(tmp_path, seed="1", tz="UTC", epoch=DAY_TWO))
    assert one[0] != two[0] and one[1] != two[1]
