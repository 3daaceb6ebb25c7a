"""What the host's settings allow to be published, checked file by file.

Two rules come from mkdocs.yml rather than the schema: a state-scoped site publishes
records of its states only (core/hosting/scope.py), and every published profile needs a way to
ask for support, its own or the host's (core/hosting/support.py). The loader runs them for
``commons validate`` and the build alike, so neither can accept what the other refuses.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..content.frontmatter import Document
from ..content.model import PUBLISHED_STATUSES
from ..rules.issues import Issue
from ..rules.schema import vocabulary
from .scope import scope_issue
from .support import HostRoute, own_channels, route_issues, support_issue

__all__ = ["HostRoute", "host_issues", "route_issues"]


def host_issues(kind: str, doc: Document, states: Iterable[str], route: HostRoute | None,
                needing_route: list[str]) -> list[Issue]:
    """The problems of one valid document under the host's rules; a published profile that
    will show the host's route is added to ``needing_route``."""
    out = []
    states = tuple(states)
    scoped = scope_issue(kind, doc, states, vocabulary()) if states else None
    if scoped is not None:
        out.append(scoped)
    if kind == "profile" and route is not None and isinstance(doc.data, dict):
        problem = support_issue(doc, route)
        if problem is not None:
            out.append(problem)
        elif doc.data.get("status") in PUBLISHED_STATUSES and \
                not own_channels(doc.data.get("contact")):
            needing_route.append(doc.path)
    return out
