"""Helpers shared by subcommands: finding the repository and its layout."""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from ..core import Layout
from ..core.hosting import support


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
    states: tuple[str, ...] = ()
    route = None
    if config_file.is_file():
        # mkdocs.yml may hold !ENV and python tags; read only what we need.
        class _Lenient(yaml.SafeLoader):
            pass

        _Lenient.add_multi_constructor("", lambda loader, suffix, node: None)
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Lenient) or {}
        content_dir = config.get("docs_dir") or content_dir
        plugins = {name: opts or {} for p in config.get("plugins") or []
                   for name, opts in (p.items() if isinstance(p, dict) else [(p, {})])}
        options = plugins.get("practice-commons/profiles") or {}
        hosting = plugins.get("practice-commons/hosting")
        if isinstance(hosting, dict) and hosting.get("enabled", True) is not False:
            states = tuple(str(s) for s in hosting.get("states") or ())
        host = (config.get("extra") or {}).get("host") or {}
        submit = plugins.get("practice-commons/submit") or {}
        repository = support.repository_of(str(submit.get("repository") or ""),
                                           str(config.get("repo_url") or ""), os.environ, root)
        route = support.host_route(host.get("support") if isinstance(host, dict) else None,
                                   repository, "mkdocs.yml",
                                   support.setting_line(config_file.read_text(encoding="utf-8")))
    return Layout(root=root, profiles_dir=options.get("profiles_dir", "profiles"),
                  content_dir=content_dir,
                  require_complete=bool(options.get("require_complete", True)),
                  states=states, support=route)
