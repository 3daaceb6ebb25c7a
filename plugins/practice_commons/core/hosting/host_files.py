"""The host's image files — logo, favicon, share image — found in the repository.

A host names each file under ``extra.host`` by its path from the folder that holds
mkdocs.yml (``brand/logo.svg``), so no folder has to be created inside the content;
a path inside the content folder (``assets/logo.svg``, as the theme's own ``logo``
setting takes it) is found too. A file outside the content is published at a fixed
address under :data:`PUBLISHED_DIR`, whatever its name on disk; one inside keeps its
own address. The theme is pointed at it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

PUBLISHED_DIR = "assets/host"
# The file types each setting takes: what browsers show in that place.
SUFFIXES: dict[str, tuple[str, ...]] = {
    "logo": (".svg", ".png", ".webp", ".jpg", ".jpeg"),
    "favicon": (".png", ".svg", ".ico"),
    # Link previews (Open Graph) are read by chat and social apps that take these two.
    "share_image": (".png", ".jpg", ".jpeg"),
}


@dataclass(frozen=True)
class HostFile:
    """One image the host named: where it is on disk, and its address in the site."""

    key: str
    source: Path
    dest: str
    in_docs: bool = False  # inside the content folder: MkDocs publishes it already


def locate(host: Any, config_dir: Path, docs_dir: Path) -> tuple[list[HostFile], list[str]]:
    """The host's image files, and one problem (with its fix) per setting that is wrong.

    A share image given as an https:// address is left to the caller (nothing to publish).
    """
    found: list[HostFile] = []
    problems: list[str] = []
    if not isinstance(host, dict):
        return found, problems
    for key, suffixes in SUFFIXES.items():
        value = host.get(key)
        if not isinstance(value, str) or not value.strip():
            continue  # absent, or a type problem that host_settings.check reports
        value = value.strip()
        if key == "share_image" and value.startswith(("http://", "https://")):
            continue
        where = f"extra.host.{key}"
        suffix = Path(value).suffix.lower()
        if suffix not in suffixes:
            problems.append(f"{where}: {value!r} — use a {_either(suffixes)} file")
            continue
        source = _find(value, config_dir, docs_dir)
        if source is None:
            problems.append(
                f"{where}: {value!r} not found — put the file at "
                f"{(config_dir / value).as_posix()} (paths start at the folder of mkdocs.yml), "
                f"or fix the path")
            continue
        docs = docs_dir.resolve()
        if source.is_relative_to(docs):
            found.append(HostFile(key, source, source.relative_to(docs).as_posix(), True))
        else:
            found.append(HostFile(key, source, f"{PUBLISHED_DIR}/{key.replace('_', '-')}{suffix}"))
    return found, problems


def _find(value: str, config_dir: Path, docs_dir: Path) -> Path | None:
    """The file at ``value`` from the repository's top, else from the content folder;
    never a file outside the repository (``../``), which a fork's build could not find."""
    root = config_dir.resolve()
    for base in (config_dir, docs_dir):
        path = (base / value.lstrip("/")).resolve()
        if path.is_file() and path.is_relative_to(root):
            return path
    return None


def _either(suffixes: tuple[str, ...]) -> str:
    return ", ".join(suffixes[:-1]) + f" or {suffixes[-1]}"
