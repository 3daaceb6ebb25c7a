"""Choose the engine that ``import mkdocs`` means in this process: MkDocs or ProperDocs.

ProperDocs keeps MkDocs 1.6's modules under its own name and, once
``properdocs.replacement`` is imported, answers every ``mkdocs.*`` import itself. The
``properdocs`` command does that before anything else; code that builds in-process
(the tests) calls :func:`select` first. Nothing else in the project names an engine.
"""

from __future__ import annotations

import logging
import sys

ENGINES = ("mkdocs", "properdocs")


def current() -> str:
    """The engine behind ``import mkdocs`` here ("mkdocs" or "properdocs")."""
    import mkdocs

    return "properdocs" if mkdocs.__name__ == "properdocs" else "mkdocs"


def root_logger() -> logging.Logger:
    """The engine's top logger ("mkdocs" or "properdocs"): strict mode counts its warnings."""
    import mkdocs

    return logging.getLogger(mkdocs.__name__)


def select(name: str) -> None:
    """Make ``mkdocs.*`` imports resolve to ``name``; call it before any of them."""
    if name not in ENGINES:
        raise ValueError(f"unknown engine {name!r}: choose one of {', '.join(ENGINES)}")
    loaded = sys.modules.get("mkdocs")
    if loaded is not None and loaded.__name__ != name:
        raise RuntimeError(f"MkDocs modules are already loaded from {loaded.__name__!r}: "
                           f"select the {name!r} engine before anything imports mkdocs")
    if name == "properdocs":
        try:
            import properdocs.replacement  # noqa: F401 - installs the mkdocs.* aliases
        except ImportError as exc:
            raise RuntimeError("the properdocs engine is not installed: "
                               "pip install -r requirements/properdocs.txt") from exc
