"""The host's settings under ``extra.host`` in mkdocs.yml: what each key is, and checks.

``extra`` is free-form in MkDocs, so a misspelt key would be silently ignored;
:func:`check` names every problem with its fix instead. The templates read the
values straight from ``config.extra.host``; this module is the one list of
what they may find there (the host guide documents the same keys).

The site's name is MkDocs' own ``site_name`` (the theme shows it in the header and
the browser tab); everything else that names the site derives from it through
:func:`display_name`, so a rebrand is ``site_name`` plus ``extra.host``.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from ..outputs.markdown import md_text
from .colors import ColorError, parse
from .support import ROUTE_KEYS
from .support import check_setting as check_support

EMAIL = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+$")

# Each setting, and the keys allowed inside it (None: plain text, or a list for links).
KEYS: dict[str, tuple[str, ...] | None] = {
    "heading": None,  # the home page's heading; default: site_name
    "intro": None,  # the home page's first paragraph(s), Markdown, under the heading
    "tagline": None,  # a line under the site name in the footer; the site's shared description
    "organization": None,  # the agency or organization publishing the site
    "contact": ("name", "email", "url", "phone"),  # how visitors reach the maintainers
    "footer": None,  # a line of text in every page's footer
    "disclaimer": None,  # a paragraph in every footer, e.g. that profiles are self-reported
    "links": None,  # footer links (accessibility statement, privacy policy): [{text, url}]
    "colors": ("primary", "accent"),  # brand colors as #rrggbb
    "share_image": None,  # 1200×630 image (path or https:// URL) shown when a page is shared
    "logo": None,  # the header's logo: a file in the repository, e.g. brand/logo.svg
    "favicon": None,  # the browser tab's icon: a file in the repository, e.g. brand/icon.png
    "credit": None,  # true/false: the "Built with Practice Commons" line in the footer
    # Where visitors ask for support about a profile that gives no contact of its own:
    # email:, form: (https://…) or issues: true (the repository's issue form). See
    # core/hosting/support.py; checked there, because `commons validate` needs it too.
    "support": ROUTE_KEYS,
}
# Settings that are true or false rather than text.
FLAGS = ("credit",)
# The name of this software, allowed in a rebranded site only in the footer's credit.
PROJECT_NAME = "Practice Commons"


class SiteNameError(ValueError):
    """``site_name`` is empty: the header, tab titles and footers would have no name."""


def display_name(site_name: object) -> str:
    """The name a visitor sees for the site (header, tab titles, share previews, footer,
    feed, Word and Markdown downloads): ``site_name`` with its spacing tidied.

    Every emitter calls this rather than reading ``site_name`` itself, so what the
    site is called has one source and one rule.
    """
    name = " ".join(str(site_name or "").split())
    if not name:
        raise SiteNameError("site_name: empty — set the site's name in mkdocs.yml, e.g. "
                            "site_name: Bay State Practice Exchange")
    return name


def home_heading(site_name: object, host: Any) -> str:
    """The home page's heading: ``extra.host.heading``, else the site's name."""
    heading = (host or {}).get("heading") if isinstance(host, dict) else None
    return " ".join(str(heading).split()) if heading else display_name(site_name)


# A Markdown H1: "# Title" (not "#hashtag") or a line underlined with "=".
_H1 = re.compile(r"^(#[ \t]+\S|#$|[^\n]*\S[^\n]*\n=+[ \t]*$)", re.MULTILINE)


def own_heading(markdown: str) -> bool:
    """Whether the home page's Markdown has a heading of its own (which then wins)."""
    return bool(_H1.search(_without_code(markdown)))


def home_markdown(markdown: str, site_name: object, host: Any) -> str:
    """The home page's Markdown with the host's heading and intro in front of it.

    The heading is plain text (escaped); the intro is the host's Markdown, so it can
    link to pages of the site (``[Browse](browse/index.md)``) and MkDocs checks the links.
    """
    intro = (host or {}).get("intro") if isinstance(host, dict) else None
    head = f"# {md_text(home_heading(site_name, host))}\n\n"
    if intro:
        head += str(intro).strip() + "\n\n"
    return head + markdown.lstrip("\n")


def _without_code(markdown: str) -> str:
    out, fenced = [], False
    for line in markdown.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced and not line.startswith(("    ", "\t")):
            out.append(line)
    return "\n".join(out)


def shows_credit(host: Any) -> bool:
    """Whether the footer says "Built with Practice Commons" (on unless ``credit: false``)."""
    return not (isinstance(host, dict) and host.get("credit") is False)


def check(host: Any) -> list[str]:
    """Every problem in ``extra.host``, each as ``extra.host.<key>: problem — fix``."""
    if host is None:
        return []
    if not isinstance(host, dict):
        return ["extra.host: expected a mapping of settings (tagline:, contact:, colors: …)"]
    out: list[str] = []
    for key, value in host.items():
        where = f"extra.host.{key}"
        if key not in KEYS:
            near = difflib.get_close_matches(str(key), list(KEYS), n=1)
            hint = f"did you mean '{near[0]}'?" if near else f"known settings: {', '.join(KEYS)}"
            out.append(f"{where}: unknown setting — {hint}")
            continue
        sub = KEYS[key]
        if key == "support":
            out.extend(check_support(value, where))
        elif key == "links":
            out.extend(_links(where, value))
        elif sub is not None:
            out.extend(_mapping(where, value, sub))
        elif key in FLAGS:
            if not isinstance(value, bool):
                out.append(f"{where}: expected true or false, got {value!r}")
        elif not isinstance(value, str):
            out.append(f"{where}: expected text, got {type(value).__name__}")
        elif not value.strip():
            out.append(f"{where}: empty — write the text, or remove the setting")
    return out


def is_link(value: str) -> bool:
    """An http(s) or mailto link, or a path on this site; never javascript: and the like."""
    v = value.strip()
    if re.match(r"^(https?://|mailto:)", v, re.IGNORECASE):
        return True
    return bool(v) and ":" not in v.split("/", 1)[0]


def _mapping(where: str, value: Any, allowed: tuple[str, ...]) -> list[str]:
    if not isinstance(value, dict):
        return [f"{where}: expected a mapping with {', '.join(allowed)}"]
    out = []
    for k, v in value.items():
        if k not in allowed:
            near = difflib.get_close_matches(str(k), allowed, n=1)
            hint = f"did you mean '{near[0]}'?" if near else f"use {', '.join(allowed)}"
            out.append(f"{where}.{k}: unknown setting — {hint}")
        elif not isinstance(v, str):
            out.append(f"{where}.{k}: expected text, got {type(v).__name__} (quote it)")
        elif where.endswith(".colors"):
            try:
                parse(v)
            except ColorError as exc:
                out.append(f"{where}.{k}: {exc}")
        elif k == "email" and not EMAIL.match(v):
            out.append(f"{where}.email: {v!r} is not an email address")
        elif k == "url" and not is_link(v):
            out.append(f"{where}.url: {v!r} is not a link; start it with https://")
    return out


def _links(where: str, value: Any) -> list[str]:
    if not isinstance(value, list):
        return [f"{where}: expected a list of {{text: …, url: …}}"]
    out = []
    for i, item in enumerate(value):
        if not (isinstance(item, dict) and isinstance(item.get("text"), str)
                and isinstance(item.get("url"), str)):
            out.append(f"{where}[{i}]: expected text: and url:, e.g. "
                       "{text: Accessibility, url: https://example.gov/accessibility}")
        elif not is_link(item["url"]):
            out.append(f"{where}[{i}].url: {item['url']!r} is not a link; start it with https://")
    return out


# The keys each analytics provider's snippet needs (Material's google; ours in
# overrides/partials/integrations/analytics/).
ANALYTICS_KEYS = {"plausible": ("domain",), "goatcounter": ("code", "endpoint"),
                  "google": ("property",)}


def check_analytics(analytics: Any, available: set[str]) -> list[str]:
    """Problems in ``extra.analytics`` (off unless it names a provider).

    ``available`` are the providers that have a snippet among the theme's partials.
    """
    if analytics is None:
        return []
    if not isinstance(analytics, dict) or not analytics.get("provider"):
        return ["extra.analytics: expected provider: plausible (or goatcounter) and its settings"]
    provider = str(analytics["provider"])
    if provider not in available:
        return [(f"extra.analytics.provider: no snippet for {provider!r} — use one of "
                 f"{', '.join(sorted(available))}, or add overrides/partials/integrations/"
                 f"analytics/{provider}.html")]
    needs = ANALYTICS_KEYS.get(provider, ())
    if needs and not any(isinstance(analytics.get(k), str) and analytics[k] for k in needs):
        return [f"extra.analytics: provider {provider} needs {' or '.join(needs)}"]
    return []
