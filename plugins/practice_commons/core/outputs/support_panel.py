"""What a profile page's support panel shows, and how each level section says to ask.

Computed here, without MkDocs, from the profile and the host's route (core/hosting/support.py);
``partials/support-panel.html`` and ``partials/support-level.html`` only lay it out.
Every value is plain text: the templates escape it (contributors wrote the names).
Links name the practice, and where the channel can carry it (an email's subject, an
issue's title and body) the practice and the level are filled in for the visitor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

from ..content.model import Profile
from ..hosting.support import HostRoute, own_channels
from ..rules.vocabulary import Vocabulary

# Which channel a level section offers first: those that can say the level for the visitor.
LEVEL_ORDER = ("email", "issues", "form", "url", "phone")
PREFILLED = ("email", "issues")


@dataclass(frozen=True)
class Link:
    """One way to ask: where it goes, what it says, and what is shown after it."""

    kind: str  # email, form, url, phone, issues
    href: str
    text: str
    detail: str = ""  # the address or number itself, when the link text does not show it


@dataclass(frozen=True)
class LevelAsk:
    link: Link
    note: str = ""  # what to say when asking, for channels that cannot carry the level


@dataclass(frozen=True)
class Panel:
    heading: str
    intro: str
    links: tuple[Link, ...]
    own: bool  # the profile's own channels (else the host's route)
    note: str = ""
    levels: dict[int, LevelAsk] = field(default_factory=dict)

    def level(self, n: int) -> LevelAsk | None:
        """How to ask for level ``n`` (templates call this in each level section)."""
        return self.levels.get(n)


def panel(profile: Profile, route: HostRoute | None, t: dict[str, str], vocab: Vocabulary,
          page_url: str, host_name: str = "") -> Panel | None:
    """The panel of ``profile``, or None when it has no channel and the route is unusable
    (the build has refused that case already: see core/hosting/support.py)."""
    practice = profile.title
    own = own_channels(profile.contact.__dict__)
    if own:
        channels = own
        who = ", ".join(x for x in (profile.contact.name, profile.contact.role,
                                    profile.contact.organization or profile.school.name) if x)
        intro = t["support_own_intro"].format(practice=practice, who=who)
    elif route is not None and route.usable:
        channels = {k: v for k, v in (("email", route.email), ("form", route.form)) if v}
        if route.issues and route.repository:
            channels["issues"] = route.repository
        intro = t["support_host_intro"].format(
            practice=practice, host=host_name or t["support_host_default"],
            school=profile.school.name)
    elif route is not None and route.preview and route.configured:
        # `serve` of a copy that does not know its repository yet: say so where the link goes.
        return Panel(heading=t["support_heading"], intro=t["support_preview_no_repository"],
                     links=(), own=False, note="", levels={})
    else:
        return None

    def link(kind: str, value: str, level: int | None = None) -> Link:
        return _link(kind, value, practice, level, vocab, t, page_url)

    links = tuple(link(k, v) for k, v in channels.items())
    first = next(k for k in LEVEL_ORDER if k in channels)
    levels = {}
    for n in profile.levels:
        label = vocab.label("levels", n)
        note = "" if first in PREFILLED else t["support_level_note"].format(n=n, level=label)
        levels[n] = LevelAsk(link(first, channels[first], n), note)
    return Panel(heading=t["support_heading"], intro=intro, links=links, own=bool(own),
                 note=t["support_issues_note"] if "issues" in channels else "", levels=levels)


def _link(kind: str, value: str, practice: str, level: int | None, vocab: Vocabulary,
          t: dict[str, str], page_url: str) -> Link:
    if level is None:
        subject = t["support_subject"].format(practice=practice)
        text = t[f"support_{kind}"].format(practice=practice)
        asked = t["support_any_level"]
    else:
        label = vocab.label("levels", level)
        subject = t["support_level_subject"].format(n=level, level=label, practice=practice)
        text = t["support_level_link"].format(n=level, level=label)
        asked = t["support_level_asked"].format(n=level, level=label)
    if kind == "email":
        return Link(kind, f"mailto:{value}?{_query({'subject': subject})}", text, value)
    if kind == "issues":
        body = t["support_issue_body"].format(practice=practice, url=page_url, level=asked)
        return Link(kind, f"https://github.com/{value}/issues/new?"
                    f"{_query({'title': subject, 'body': body})}", text)
    if kind == "phone":
        return Link(kind, "tel:" + _dialable(value), text, value)
    return Link(kind, value, text)  # form, url: the host's or school's own page


def _query(params: dict[str, str]) -> str:
    # %20, not "+": mail programs show a "+" in a mailto subject as it is.
    return urlencode(params, quote_via=quote)


def _dialable(number: str) -> str:
    """``+1 (202) 555-0100 x12`` → ``+12025550100;ext=12`` (RFC 3966)."""
    found = re.match(r"^(.*?)(?:\s*(?:x|ext\.?)\s*(\d+))?$", number.strip())
    main, ext = found.groups() if found else (number, None)
    digits = ("+" if main.lstrip().startswith("+") else "") + re.sub(r"\D", "", main)
    return digits + (f";ext={ext}" if ext else "")
