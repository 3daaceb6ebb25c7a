"""How a visitor asks for support: a profile's own contact channels, else the host's route.

Every published profile page shows a way to ask (issue 13). A profile gives its own
channel in ``contact`` (email, form, url, phone); a contact that is only a role is
valid but reaches nobody, so those profiles fall back to the host's route, set once
in mkdocs.yml::

    extra:
      host:
        support:
          email: support@example.gov      # write to the host's office
          form: https://example.gov/ask   # a web form of the host's
          issues: true                    # the repository's GitHub issue form

``commons validate`` and the build run the same check (:func:`support_issues`): a
published profile with no channel of its own on a site with no route is refused, with
the setting to fill named in the message.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..content.frontmatter import Document
from ..content.model import PUBLISHED_STATUSES
from ..rules.issues import Issue

# A profile's own channels, in the order the page lists them.
CHANNELS = ("email", "form", "url", "phone")
ROUTE_KEYS = ("email", "form", "issues")
REPOSITORY = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")
GITHUB_URL = re.compile(r"^https://github\.com/([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+?)(?:\.git)?/?$")
# A clone's origin: https://github.com/o/n(.git), git@github.com:o/n(.git), ssh://git@github.com/o/n
GIT_REMOTE = re.compile(r"^(?:https://|ssh://git@|git@)github\.com[/:]([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+?)"
                        r"(?:\.git)?/?$")
_EMAIL = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+$")
_WEB = re.compile(r"^https?://[^\s/?#]+([/?#]\S*)?$", re.IGNORECASE)
SETTING = "extra.host.support"


@dataclass(frozen=True)
class HostRoute:
    """The host's support route as the build will use it.

    ``repository`` is the GitHub ``owner/name`` whose issue form ``issues: true`` opens
    (empty when no repository is known); ``problems`` are mistakes in the setting itself,
    reported against ``config_path`` at ``line``.
    """

    email: str = ""
    form: str = ""
    issues: bool = False
    repository: str = ""
    problems: tuple[str, ...] = ()
    config_path: str = "mkdocs.yml"
    line: int = 1
    # A local preview (`serve`): a route the build could not use yet is said as a warning,
    # so a fresh copy serves before its host has named the repository.
    preview: bool = False

    @property
    def configured(self) -> bool:
        """The host named a route (even one the build cannot use yet)."""
        return bool(self.email or self.form or self.issues)

    @property
    def usable(self) -> bool:
        return bool(self.email or self.form or (self.issues and self.repository))


def check_setting(value: Any, where: str = SETTING) -> list[str]:
    """Problems in ``extra.host.support``, each as ``<where>.<key>: problem — fix``."""
    if value is None:
        return []
    example = "e.g. {email: support@example.gov}, {form: https://…} or {issues: true}"
    if not isinstance(value, dict) or not value:
        return [f"{where}: expected email:, form: or issues: — {example}"]
    out = []
    for key, v in value.items():
        if key not in ROUTE_KEYS:
            out.append(f"{where}.{key}: unknown setting — use email:, form: or issues:")
        elif key == "issues":
            if not isinstance(v, bool):
                out.append(f"{where}.issues: expected true or false, not {v!r}")
        elif not isinstance(v, str) or not v.strip():
            out.append(f"{where}.{key}: expected text, e.g. {example}")
        elif key == "email" and not _EMAIL.match(v.strip()):
            out.append(f"{where}.email: {v!r} is not an email address — write it as "
                       "name@example.gov")
        elif key == "form" and not _WEB.match(v.strip()):
            out.append(f"{where}.form: {v!r} is not a web address — write the form's full "
                       "address, starting with https://")
    return out


def repository_of(submit_repository: str = "", repo_url: str = "",
                  environment: Mapping[str, str] | None = None, checkout: Path | None = None) -> str:
    """The GitHub repository (``owner/name``) whose issue form is the route: the submit
    plugin's ``repository``, else ``repo_url`` when it is a github.com address, else
    ``GITHUB_REPOSITORY``, which GitHub Actions sets, so a fork's first deploy has one,
    else the ``origin`` of the git ``checkout`` when it is on github.com (a fork's clone)."""
    for candidate in (submit_repository.strip(), _from_url(repo_url),
                      str((environment or {}).get("GITHUB_REPOSITORY") or "").strip()):
        if candidate and REPOSITORY.match(candidate):
            return candidate
    return origin_repository(checkout) if checkout is not None else ""


def origin_repository(checkout: Path) -> str:
    """``owner/name`` of the checkout's ``origin`` remote on github.com, else ""."""
    try:
        url = subprocess.run(["git", "-C", str(checkout), "remote", "get-url", "origin"],
                             capture_output=True, text=True, timeout=5, check=False).stdout
    except (OSError, subprocess.SubprocessError):  # no git here: nothing to learn from
        return ""
    match = GIT_REMOTE.match(url.strip())
    return match.group(1) if match and REPOSITORY.match(match.group(1)) else ""


def _from_url(url: str) -> str:
    match = GITHUB_URL.match((url or "").strip())
    return match.group(1) if match else ""


def host_route(setting: Any, repository: str = "", config_path: str = "mkdocs.yml",
               line: int = 1, preview: bool = False) -> HostRoute:
    """``extra.host.support`` as a :class:`HostRoute` (an empty one when it is not set)."""
    problems = tuple(check_setting(setting))
    if problems or not isinstance(setting, dict):
        return HostRoute(problems=problems, config_path=config_path, line=line)
    return HostRoute(email=str(setting.get("email") or "").strip(),
                     form=str(setting.get("form") or "").strip(),
                     issues=setting.get("issues") is True, repository=repository,
                     config_path=config_path, line=line, preview=preview)


def own_channels(contact: Any) -> dict[str, str]:
    """The channels a profile's ``contact`` gives (key → value), in :data:`CHANNELS` order."""
    if not isinstance(contact, Mapping):
        return {}
    return {k: str(contact[k]).strip() for k in CHANNELS
            if isinstance(contact.get(k), str) and contact[k].strip()}


def support_issue(doc: Document, route: HostRoute | None) -> Issue | None:
    """The problem with a published profile nobody could ask for support, else None."""
    data = doc.data if isinstance(doc.data, dict) else {}
    if route is None or data.get("status") not in PUBLISHED_STATUSES:
        return None
    if own_channels(data.get("contact")) or route.configured:
        return None
    return Issue(doc.path, doc.line_of(("contact",)), "contact",
                 "gives no way to ask for support (a role alone reaches nobody), and this "
                 f"site has no support route of its own ({SETTING} in {route.config_path})",
                 "add the contact's email:, form:, url: or phone: if the school agrees to "
                 f"be contacted; otherwise the site's host sets {SETTING} (email:, form: "
                 "or issues: true) for every profile without one")


def route_issues(route: HostRoute | None, needing: int) -> list[Issue]:
    """Problems of the host's route itself: mistakes in the setting, or an issue form with
    no repository while ``needing`` published profiles rely on it."""
    if route is None:
        return []
    out = [Issue(route.config_path, route.line, *p.split(": ", 1)) for p in route.problems]
    if needing and route.configured and not route.usable:
        out.append(Issue(
            route.config_path, route.line, f"{SETTING}.issues",
            f"{needing} published profile(s) give no contact of their own and rely on the "
            "repository's issue form, but no GitHub repository is known"
            + (" (this preview shows where the link goes; a build stops here)"
               if route.preview else ""),
            "set repo_url: https://github.com/<owner>/<name> in mkdocs.yml (or the "
            "practice-commons/submit option repository:), or give "
            f"{SETTING} an email: or form:", severity="warning" if route.preview else "error"))
    return out


def setting_line(config_text: str) -> int:
    """The line of ``support:`` under ``extra.host`` in a mkdocs.yml's text (1 if absent)."""
    for number, line in enumerate(config_text.splitlines(), 1):
        if re.match(r"^\s+support\s*:", line):
            return number
    return 1
