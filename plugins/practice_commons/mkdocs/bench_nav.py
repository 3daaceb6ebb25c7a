"""The navigation a site's plugins produce, as a ``nav:`` list: for ``commons bench``.

The benchmark compares a build with our plugins to plain Material on the same pages.
Material renders the whole navigation into every page, so a bigger sidebar costs
time on every page whoever made it; the plain build gets the same sidebar, with a
one-line stub for each page our plugins generate, so that the ratio measures our
code, not the size of the navigation. Run as::

    python -m practice_commons.mkdocs.bench_nav mkdocs.yml nav.yml PLAIN_DOCS_DIR
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml
from mkdocs.commands.build import get_navigation
from mkdocs.config import load_config
from mkdocs.structure.files import get_files, set_exclusions
from mkdocs.structure.nav import Link, Section
from mkdocs.structure.pages import Page


def navigation(config_file: str, docs: Path) -> list[Any]:
    """Load the site as ``mkdocs build`` does up to ``on_nav``; its nav, limited to ``docs``."""
    config = load_config(config_file)
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    config.plugins.on_pre_build(config=config)
    files = get_files(config)
    env = config.theme.get_env()
    files.add_files_from_theme(env, config)
    files = config.plugins.on_files(files, config=config)
    set_exclusions(files, config)
    nav = get_navigation(files, config)
    nav = config.plugins.on_nav(nav, config=config, files=files)
    return _items(nav.items, docs)


def _items(items: list[Any], docs: Path) -> list[Any]:
    out: list[Any] = []
    for item in items:
        if isinstance(item, Section):
            children = _items(item.children, docs)
            if children:
                out.append({item.title or "": children})
        elif isinstance(item, Page):
            target = docs / item.file.src_uri
            if not target.is_file():
                # A page our plugins generate (the Profiles listing, indexes, reference):
                # a stub with its title keeps the sidebar the same size in both builds.
                target.parent.mkdir(parents=True, exist_ok=True)
                title = item.title or _title(item) or item.file.name
                target.write_text(f"# {title}\n", encoding="utf-8")
            # Untitled entries take the page's own title, in both builds.
            out.append({item.title: item.file.src_uri} if item.title else item.file.src_uri)
        elif isinstance(item, Link):
            out.append({item.title: item.url})
    return out


def _title(page: Page) -> str | None:
    """The title in a generated page's front matter, if it has one."""
    try:
        text = page.file.content_string
    except (OSError, ValueError):
        return None
    if not text.startswith("---"):
        return None
    meta = yaml.safe_load(text.split("\n---", 1)[0][3:]) or {}
    return str(meta["title"]) if isinstance(meta, dict) and meta.get("title") else None


def main(argv: list[str]) -> int:
    config_file, out, docs = argv
    nav = navigation(config_file, Path(docs))
    Path(out).write_text(yaml.safe_dump({"nav": nav}, sort_keys=False, allow_unicode=True),
                         encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
