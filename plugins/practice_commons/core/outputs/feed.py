"""An Atom feed (RFC 4287) of newly added or updated profiles.

Dates come from the profiles (``submitted``, ``last_reviewed``), never from the
clock, so the same content always gives the same feed and readers are not told
about "updates" that are only rebuilds.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable, Iterable
from xml.etree import ElementTree as ET

from ..content.model import Profile, Record

ATOM = "http://www.w3.org/2005/Atom"
FEED_FILE = "feed.xml"


def updated(profile: Profile) -> dt.date:
    """When a profile last changed, as far as its own dates tell."""
    dates = [d for d in (profile.submitted, profile.last_reviewed) if d]
    return max(dates) if dates else dt.date(1970, 1, 1)


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def entry_id(site: str, profile: Profile) -> str:
    """A permanent id for a profile's entry: stable across rebuilds and URL styles."""
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"{site}#profile/{profile.slug}"))


def atom_feed(profiles: Iterable[Profile], url: Callable[[Record], str], *, title: str,
              site: str, home: str, self_url: str, limit: int = 50) -> bytes:
    """The ``limit`` most recently added or reviewed published profiles, newest first.

    ``url`` gives each profile's address (absolute when the site has a
    ``site_url``); ``site`` names the site in entry ids, so two forks of the
    archive publishing the same profile do not share ids.
    """
    chosen = sorted((p for p in profiles if p.published),
                    key=lambda p: (-updated(p).toordinal(), p.title.casefold(), p.slug))[:limit]
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _text(feed, "title", title)
    _text(feed, "id", "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"{site}#feed")))
    _text(feed, "updated", _stamp(max((updated(p) for p in chosen), default=dt.date(1970, 1, 1))))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", type="application/atom+xml", href=self_url)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=home)
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", title)
    for p in chosen:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "title", p.title)
        _text(entry, "id", entry_id(site, p))
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=url(p))
        if p.submitted:
            _text(entry, "published", _stamp(p.submitted))
        _text(entry, "updated", _stamp(updated(p)))
        who = ET.SubElement(entry, f"{{{ATOM}}}author")
        _text(who, "name", p.school.name)
        where = ", ".join(x for x in (p.school.city, p.school.state) if x)
        summary = p.summary if not where else f"{p.summary} ({p.school.name}, {where})"
        _text(entry, "summary", summary)
        for topic in p.topics:
            ET.SubElement(entry, f"{{{ATOM}}}category", term=topic)
    ET.indent(feed)
    body = ET.tostring(feed, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + body + b"\n"


# Characters XML 1.0 forbids; ElementTree writes them as they are, and a feed holding
# one is not well-formed, so readers drop all of it. Validation refuses them in every
# field; this is the last guard.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    bad = _NOT_XML.search(text)
    if bad:
        raise ValueError(f"feed {tag} {text[:40]!r} holds U+{ord(bad.group()):04X}, which XML "
                         "cannot carry")
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}")
    el.text = text
    return el
