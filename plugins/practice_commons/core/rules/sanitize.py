"""Make contributed HTML inert: an allowlist sanitiser for rendered Markdown bodies.

Profiles arrive by pull request from people the host does not know. Their
Markdown may contain raw HTML, and Markdown itself turns ``[x](javascript:…)``
into a link, so we clean the *rendered* HTML rather than the Markdown source:
whatever produced a tag, it survives only if it is on the lists below.

The cleaning is done by nh3 (Python bindings to the Rust crate ammonia), which
parses with html5ever, the same HTML5 algorithm browsers use, so markup that a
browser would re-parse differently ("mutation XSS") is normalised first.

What survives: the tags Markdown and its common extensions produce (headings,
lists, tables, code, admonitions, footnotes, details), links and images whose
URL is ``http``, ``https``, ``mailto`` or relative, ``title``, ``id`` (prefixed with
``u-``) and the few classes our Markdown extensions write (never a theme's hooks).
What never survives: scripts, event-handler attributes, ``style`` (element and
attribute), ``iframe``/``object``/``embed``, forms and their controls, SVG and
MathML, ``base``/``meta``/``link``, and ``javascript:``/``data:``/``vbscript:``
URLs however they are spelt or encoded.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import nh3

from ..content.frontmatter import Document, Path_, dotted
from .issues import Issue

ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup",
    "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark",
    "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
})

# Removed together with everything inside them: their content is code, styling,
# a nested document or form state, never prose worth keeping.
DROP_WITH_CONTENT = frozenset({
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript",
    "noembed", "noframes", "template", "svg", "math", "textarea", "select", "option",
    "title", "xmp", "plaintext", "portal",
})

ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    # id keeps heading anchors and footnotes working; class keeps admonitions,
    # footnotes and code highlighting styled. Neither can run anything.
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "th": {"colspan", "rowspan", "scope", "align"},
    "td": {"colspan", "rowspan", "align"},
    "col": {"span"},
    "colgroup": {"span"},
    "details": {"open"},
    "time": {"datetime"},
}

# Relative URLs (pages and attachments of this site, #anchors) always pass.
URL_SCHEMES = frozenset({"http", "https", "mailto"})


# Contributed ids get a prefix that no id of the theme (__search, __drawer …), of our
# templates (pc-…) or of a browser global (lunr, mermaid, config …) starts with: an
# element named after one of those could replace it (DOM clobbering) or capture its
# label. Links to an id in the same body (#id) get the same prefix, and so does the
# table of contents (mkdocs/profiles.py), so headings and footnotes still link.
ID_PREFIX = "u-"

# The only classes a body keeps: those the site's own Markdown extensions write
# (admonition with its types, footnotes, toc's permalink). Anything else, written as
# raw HTML or with attr_list ({: .md-dialog }), could be one of Material's component
# hooks: .mermaid makes the theme fetch and run mermaid.js from a CDN, .md-dialog
# draws a dialog that looks like the site's own, .md-button a themed button.
ADMONITION_TYPES = frozenset({
    "note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important",
    "success", "check", "done", "question", "help", "faq", "warning", "caution", "attention",
    "failure", "fail", "missing", "danger", "error", "bug", "example", "quote", "cite",
})
ALLOWED_CLASSES = ADMONITION_TYPES | {
    "admonition", "admonition-title", "footnote", "footnote-ref", "footnote-backref",
    "headerlink",
}


# fenced_code writes language-<name> (a host may turn it on); Material reads none of them.
_LANGUAGE_CLASS = re.compile(r"language-[a-z0-9+#-]{1,30}\Z")


def allowed_class(name: str) -> bool:
    """Whether a body may keep the class ``name``."""
    return name in ALLOWED_CLASSES or (bool(_LANGUAGE_CLASS.match(name))
                                       and name != "language-mermaid")


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    # Prefixing only what lacks the prefix keeps sanitising idempotent; an id the
    # contributor wrote with it is in the contributor's space all the same.
    if attribute == "id":
        if not value.strip():
            return None
        return value if value.startswith(ID_PREFIX) else ID_PREFIX + value
    if attribute == "class":
        kept = [c for c in value.split() if allowed_class(c)]
        return " ".join(kept) or None
    if attribute == "href" and value.startswith("#") and len(value) > 1:
        return value if value.startswith("#" + ID_PREFIX) else "#" + ID_PREFIX + value[1:]
    return value


_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(DROP_WITH_CONTENT),
    attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
    attribute_filter=_attribute_filter,
    url_schemes=set(URL_SCHEMES),
    strip_comments=True,
    # Profiles are reviewed before they are merged; internal links should not
    # be marked nofollow, and nothing may set target=, so no rel is needed.
    link_rel=None,
)
_TEXT_ONLY = nh3.Cleaner(tags=set(), clean_content_tags=set(DROP_WITH_CONTENT), link_rel=None)


def sanitize_html(fragment: str) -> str:
    """The HTML ``fragment`` with everything outside the allowlist removed."""
    return _CLEANER.clean(fragment)


def text_only(fragment: str) -> str:
    """``fragment`` with every tag removed; entities stay escaped, so it is safe as HTML."""
    return _TEXT_ONLY.clean(fragment)



# Characters that change how text displays without being seen: the bidirectional
# overrides, embeddings and isolates of "Trojan Source" (CVE-2021-42574); zero-width
# spaces, word joiners, soft hyphens and tag characters, which make two titles look
# identical; and the C0/C1 controls that YAML escapes ("\e", "\x07") let through.
# Left alone: ZWJ/ZWNJ (emoji sequences, Persian and Indic scripts need them) and the
# LRM/RLM marks that right-to-left text uses.
# U+FFFE, U+FFFF and lone surrogates (YAML's "\\uFFFF" escape) are not characters XML 1.0
# allows: one in a title would make feed.xml unreadable, and readers drop the whole feed.
HIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u180e\u200b\u202a-\u202e\u2060-\u2064"
    "\u2066-\u2069\ufeff\ufffe\uffff\ud800-\udfff\U000e0000-\U000e007f]")


def hidden_character_issues(doc: Document) -> list[Issue]:
    """One issue per front-matter text value that holds a hidden character."""
    out: list[Issue] = []

    def walk(value: Any, path: Path_) -> None:
        if isinstance(value, str):
            found = HIDDEN.search(value)
            if found:
                char = found.group()
                name = unicodedata.name(char, "") or (
                    "half of a surrogate pair" if 0xD800 <= ord(char) <= 0xDFFF
                    else "noncharacter" if ord(char) in (0xFFFE, 0xFFFF) else "control character")
                out.append(Issue(doc.path, doc.line_of(path), dotted(path) or None,
                                 f"contains a hidden character, U+{ord(char):04X} {name}, "
                                 f"at position {found.start() + 1}",
                                 "delete it: web feeds and data files cannot carry it"
                                 if char in "\ufffe\uffff" or "\ud800" <= char <= "\udfff" else
                                 "delete it: it changes how the text looks without being seen "
                                 "(retype the value if you pasted it)"))
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, path + (key,))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, path + (i,))

    walk(doc.data, ())
    return out
