"""Helpers shared by subcommands: finding the repository and its layout."""

from __future__ import annotations

from pathlib import Path

import yaml

from ..core import Layout


def find_root(start: Path | None = None) -> Path:
    """The nearest folder at or above ``start`` holding mkdocs.yml (else ``start``)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    return here


def layout_for(root: Path) -> Layout:
    """The content layout, honouring the profiles plugin's options in mkdocs.yml."""
    config_file = root / "mkdocs.yml"
    options: dict = {}
    content_dir = "content"
    if config_file.is_file():
        # mkdocs.yml may hold !ENV and python tags; read only what we need.
        class _Lenient(yaml.SafeLoader):
            pass

        _Lenient.add_multi_constructor("", lambda loader, suffix, node: None)
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Lenient) or {}
        content_dir = config.get("docs_dir") or content_dir
        for plugin in config.get("plugins") or []:
            if isinstance(plugin, dict) and "practice-commons/profiles" in plugin:
                options = plugin["practice-commons/profiles"] or {}
    return Layout(root=root, profiles_dir=options.get("profiles_dir", "profiles"),
                  content_dir=content_dir,
                  require_complete=bool(options.get("require_complete", True)))
