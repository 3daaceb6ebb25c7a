"""The host's settings under ``extra.host`` in mkdocs.yml: what each key is, and checks.

``extra`` is free-form in MkDocs, so a misspelt key would be silently ignored;
:func:`check` names every problem with its fix instead. The templates read the
values straight from ``config.extra.host``; this module is the one list of
what they may find there (the host guide documents the same keys).
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from .colors import ColorError, parse
from .support import ROUTE_KEYS
from .support import check_setting as check_support

EMAIL = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+$")

# Each setting, and the keys allowed inside it (None: plain text, or a list for links).
KEYS: dict[str, tuple[str, ...] | None] = {
    "tagline": None,  # a line under the site name in the footer; the site's shared description
    "organization": None,  # the agency or organisation publishing the site
    "contact": ("name", "email", "url", "phone"),  # how visitors reach the maintainers
    "footer": None,  # a line of text in every page's footer
    "disclaimer": None,  # a paragraph in every footer, e.g. that profiles are self-reported
    "links": None,  # footer links (accessibility statement, privacy policy): [{text, url}]
    "colors": ("primary", "accent"),  # brand colours as #rrggbb
    "share_image": None,  # image in docs_dir (or https:// URL) shown when a page is shared
    # Where visitors ask for support about a profile that gives no contact of its own:
    # email:, form: (https://…) or issues: true (the repository's issue form). See
    # core/support.py; checked there, because `commons validate` needs it too.
    "support": ROUTE_KEYS,
}


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
        elif not isinstance(value, str):
            out.append(f"{where}: expected text, got {type(value).__name__}")
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
