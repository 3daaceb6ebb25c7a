"""The host's support route (``extra.host.support``) as this build resolves it.

The repository behind ``issues: true`` is the submit plugin's ``repository``, else
``repo_url``, else GitHub Actions' ``GITHUB_REPOSITORY`` (core/hosting/support.py), so a fork's
first deploy has a working route before anyone edits mkdocs.yml.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from ..core.hosting import support

# The command MkDocs runs (the hosting plugin's on_startup says it): under `serve`, a route
# that cannot work yet is a warning and a note in the panel, not a stop.
_command = {"name": "build"}


def note_command(command: str) -> None:
    _command["name"] = command


def route_for(config: MkDocsConfig) -> support.HostRoute:
    host = (config.extra or {}).get("host") or {}
    submit = getattr(config.plugins.get("practice-commons/submit"), "config", None) or {}
    config_file = Path(config.config_file_path or "mkdocs.yml")
    repository = support.repository_of(str(submit.get("repository") or ""),
                                       str(config.repo_url or ""), os.environ,
                                       config_file.resolve().parent)
    try:
        line = support.setting_line(config_file.read_text(encoding="utf-8"))
    except OSError:
        line = 1
    return support.host_route(host.get("support") if isinstance(host, dict) else None,
                              repository, config_file.name, line,
                              preview=_command["name"] == "serve")
