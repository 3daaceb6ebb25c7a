"""The one collection per build, shared by every Practice Commons plugin.

Each plugin calls :func:`collection_for` instead of loading content itself, so
each file is parsed and validated once per build. ``mkdocs serve`` reloads the
config for every rebuild, which is what invalidates the cache.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from ..core import Collection, Layout, load
from ..core.hosting.i18n import strings, vocabulary_in
from ..core.rules.issues import errors
from ..core.rules.schema import vocabulary
from ..core.rules.vocabulary import Vocabulary
from .support import route_for

log = get_plugin_logger("practice_commons")

_cache: dict[str, Any] = {"key": None, "collection": None}


def repo_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def layout_for(config: MkDocsConfig, profiles_dir: str = "profiles") -> Layout:
    root = repo_root(config)
    plugin = config.plugins.get("practice-commons/profiles")
    options = getattr(plugin, "config", None) or {}
    docs = Path(config.docs_dir).resolve()
    try:
        content_dir = docs.relative_to(root).as_posix()
    except ValueError as exc:
        raise PluginError(f"docs_dir {docs} must be inside the repository {root}") from exc
    return Layout(root=root, profiles_dir=profiles_dir, content_dir=content_dir,
                  require_complete=bool(options.get("require_complete", True)),
                  states=tuple(published_states(config)), support=route_for(config))


def collection_for(config: MkDocsConfig, profiles_dir: str = "profiles") -> Collection:
    """Load and validate all content once per build; stop the build on any error.

    Errors are logged one per line (the same text as ``commons validate``) and
    then raised as a PluginError, which aborts before anything is written.
    """
    key = id(config)
    if _cache["key"] == key:
        return _cache["collection"]
    plugin = config.plugins.get("practice-commons/profiles")
    keep = bool((getattr(plugin, "config", None) or {}).get("cache", True))
    result = load(layout_for(config, profiles_dir), cache=keep)
    for issue in result.issues:
        (log.error if issue.severity == "error" else log.warning)(issue.text())
    bad = errors(result.issues)
    if bad:
        files = len({i.path for i in bad})
        raise PluginError(
            f"{len(bad)} problem(s) in {files} content file(s), listed above. "
            "Fix them (run `commons validate` to check) and build again; nothing was published.")
    # Out-of-scope records were refused above (core/hosting/scope.py): none is left out silently.
    collection = result.collection
    _cache.update(key=key, collection=collection, language=language(config),
                  digests=result.digests)
    return collection


def digests(config: MkDocsConfig) -> dict[str, bytes]:
    """Path -> digest of each content file of this build (empty without the cache)."""
    collection_for(config)
    return _cache.get("digests") or {}


def published_states(config: MkDocsConfig) -> list[str]:
    """The host's state filter (``practice-commons/hosting`` option ``states``); empty: all."""
    plugin = config.plugins.get("practice-commons/hosting")
    options = getattr(plugin, "config", None)
    if options is None or not options.get("enabled", True):
        return []
    return list(options.get("states") or [])


def ui_strings(config: MkDocsConfig) -> dict[str, str]:
    """Our interface strings in the theme's language."""
    return strings(language(config))


def vocab(config: MkDocsConfig | None = None) -> Vocabulary:
    """The vocabulary with labels in the site's language (that of ``config``, else of the
    build whose collection was loaded last), so every plugin shows the same labels."""
    lang = language(config) if config is not None else _cache.get("language") or "en"
    return _vocab_in(lang)


@cache
def _vocab_in(language: str) -> Vocabulary:
    return vocabulary_in(vocabulary(), language)


def language(config: MkDocsConfig) -> str:
    """The site's language: Material's ``theme.language``."""
    return str(config.theme.get("language") or "en")

