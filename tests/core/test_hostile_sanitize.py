"""The body sanitiser and the hidden-character check, on payloads one at a time."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from practice_commons.core.content.frontmatter import parse
from practice_commons.core.rules.sanitize import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    hidden_character_issues,
    sanitize_html,
    text_only,
)

# (payload, text that must be gone from the result)
REMOVED = [
    ("<script>alert('pcx')</script>ok", "alert"),
    ("<SCRIPT SRC=//pcx.example/x.js></SCRIPT>ok", "pcx"),
    ("<img src=x onerror=alert('pcx')>", "onerror"),
    ("<p onclick=\"alert('pcx')\">ok</p>", "onclick"),
    ("<details open ontoggle=alert('pcx')>x</details>", "ontoggle"),
    ("<a href=\"javascript:alert('pcx')\">x</a>", "javascript"),
    ("<a href=\"JaVaScRiPt:alert('pcx')\">x</a>", "alert"),
    ("<a href=\"java&#x09;script:alert('pcx')\">x</a>", "alert"),
    ("<a href=\"&#106;avascript:alert('pcx')\">x</a>", "alert"),
    ("<a href=\"  javascript:alert('pcx')\">x</a>", "alert"),
    ("<a href=\"vbscript:msgbox('pcx')\">x</a>", "vbscript"),
    ("<a href=\"data:text/html,&lt;script&gt;alert('pcx')&lt;/script&gt;\">x</a>", "data:"),
    ("<img src=\"data:image/svg+xml;base64,PHN2Zz4=\">", "data:"),
    ("<svg><script>alert('pcx')</script></svg>ok", "alert"),
    ("<svg onload=alert('pcx')><circle r=1 /></svg>ok", "svg"),
    ("<math><maction xlink:href=\"javascript:alert('pcx')\">x</maction></math>ok", "maction"),
    ("<iframe src=\"https://pcx.example/\"></iframe>ok", "iframe"),
    ("<iframe srcdoc=\"<script>alert('pcx')</script>\"></iframe>ok", "srcdoc"),
    ("<object data=\"/pcx.swf\"></object>ok", "object"),
    ("<embed src=\"/pcx.swf\">ok", "embed"),
    ("<style>@import url(/pcx.css)</style>ok", "import"),
    ("<p style=\"background:url(/pcx.png)\">ok</p>", "style"),
    ("<form action=\"https://pcx.example/\"><input name=p></form>ok", "form"),
    ("<button formaction=\"javascript:alert('pcx')\">x</button>", "formaction"),
    ("<meta http-equiv=\"refresh\" content=\"0;url=https://pcx.example/\">ok", "refresh"),
    ("<base href=\"https://pcx.example/\">ok", "base"),
    ("<link rel=\"stylesheet\" href=\"/pcx.css\">ok", "link"),
    ("<img src=\"https://example.org/a.png\" srcset=\"/pcx.png 1x\">", "srcset"),
    ("<a href=\"https://example.org/\" ping=\"/pcx\">x</a>", "ping"),
    ("<a href=\"https://example.org/\" target=\"_blank\">x</a>", "target"),
    ("<div data-md-component=\"search\">x</div>", "data-md"),
    ("<h2 id=\"__search\">x</h2>", 'id="__search"'),
    ("<noscript><p title=\"</noscript><img src=x onerror=alert('pcx')>\"></noscript>", "onerror"),
    ("<svg></p><style><a id=\"</style><img src=1 onerror=alert('pcx')>\">", "onerror"),
    ("<!--><img src=x onerror=alert('pcx')>-->", "onerror"),
    ("<template><img src=x onerror=alert('pcx')></template>ok", "onerror"),
]


@pytest.mark.parametrize("payload,gone", REMOVED)
def test_dangerous_markup_is_removed(payload, gone):
    out = sanitize_html(payload)
    assert gone.lower() not in out.lower(), out
    assert _only_allowed(out), out


def _only_allowed(html: str) -> bool:
    for el in BeautifulSoup(html, "html.parser").find_all(True):
        allowed = ALLOWED_ATTRIBUTES["*"] | ALLOWED_ATTRIBUTES.get(el.name, set())
        if el.name not in ALLOWED_TAGS or not set(el.attrs) <= allowed:
            return False
    return True


KEPT = [
    '<a href="https://example.org/a">x</a>',
    '<a href="http://example.org/">x</a>',
    '<a href="mailto:families@example.org">x</a>',
    '<a href="../other/">x</a>',
    '<a href="#u-section">x</a>',
    '<img src="https://example.org/a.png" alt="A">',
    '<h2 id="u-s">Heading<a class="headerlink" href="#u-s" title="Permanent link">¶</a></h2>',
    '<div class="admonition note"><p class="admonition-title">Note</p><p>x</p></div>',
    '<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>b</td></tr></tbody></table>',
    '<pre><code class="language-html">&lt;script&gt;alert(1)&lt;/script&gt;</code></pre>',
    '<p>A claim.<sup id="u-fnref:1"><a class="footnote-ref" href="#u-fn:1">1</a></sup></p>',
    '<details open=""><summary>More</summary>x</details>',
    '<ol start="3"><li>three</li></ol>',
]


# Theme hooks: Material's component classes, and ids that equal a theme control or a global.
HOOKS = [
    ('<pre class="mermaid">graph TD; A--&gt;B</pre>', '<pre>graph TD; A--&gt;B</pre>'),
    ('<pre><code class="language-mermaid">graph</code></pre>', "<pre><code>graph</code></pre>"),
    ('<div class="md-dialog md-dialog--active">Sign in</div>', "<div>Sign in</div>"),
    ('<div class="admonition md-typeset note">x</div>', '<div class="admonition note">x</div>'),
    ('<a class="md-button md-button--primary" href="#go">Go</a>', '<a href="#u-go">Go</a>'),
    ('<p id="lunr">x</p>', '<p id="u-lunr">x</p>'),
    ('<h2 id="mermaid">x</h2>', '<h2 id="u-mermaid">x</h2>'),
    ('<p id="u-kept">x</p>', '<p id="u-kept">x</p>'),
    ('<a href="other/#part">x</a>', '<a href="other/#part">x</a>'),
]


@pytest.mark.parametrize("payload,expected", HOOKS)
def test_theme_hooks_are_removed_and_ids_moved_to_the_contributors_space(payload, expected):
    assert sanitize_html(payload) == expected


@pytest.mark.parametrize("html", KEPT)
def test_the_markup_markdown_makes_survives_unchanged(html):
    out = sanitize_html(html)
    assert BeautifulSoup(out, "html.parser").decode() == BeautifulSoup(html, "html.parser").decode()


@pytest.mark.parametrize("payload,gone", REMOVED)
def test_sanitising_twice_changes_nothing(payload, gone):
    once = sanitize_html(payload)
    assert sanitize_html(once) == once


def test_text_only_keeps_entities_escaped_and_drops_every_tag():
    assert text_only("Heading &lt;b&gt; <img src=x onerror=alert(1)> <b>bold</b>") == \
        "Heading &lt;b&gt;  bold"


def _doc(field_line: str):
    return parse("profiles/x.md", f"---\ntitle: ok\n{field_line}\n---\n".encode())


@pytest.mark.parametrize("char", ["\u202e", "\u202a", "\u2066", "\u2069", "\u200b", "\u2060",
                                  "\ufeff", "\u00ad", "\x1b", "\x07", "\x85", "\U000e0041"])
def test_hidden_characters_are_reported_with_line_and_field(char):
    doc = _doc(f'summary: "a{char}b"'.encode("unicode_escape").decode("ascii"))
    (issue,) = hidden_character_issues(doc)
    assert (issue.path, issue.line, issue.field) == ("profiles/x.md", 3, "summary")
    assert f"U+{ord(char):04X}" in issue.message and "at position 2" in issue.message


@pytest.mark.parametrize("text", [
    "👩\u200d👧 emoji joined by ZWJ", "می\u200cخوانیم with ZWNJ",
    "مدرسة\u200f with a right-to-left mark", "Ünïcödé and 漢字", "tabs\tand\nnew lines"])
def test_legitimate_text_is_not_reported(text):
    doc = _doc("summary: " + repr(text).replace("'", '"'))
    assert doc.data["summary"] == text
    assert hidden_character_issues(doc) == []
