"""Limits on a contributed Markdown body, checked before anything renders it.

Python-Markdown and the HTML sanitiser are fast on prose and slow, or recursive,
on a few shapes of input: thousands of brackets left open (``[a [a [a …`` takes
Python-Markdown about a minute for 15 KB, quadratic time), deeply nested quotes
and lists, tens of thousands of raw HTML elements (nh3 took 8 s on 630 KB of
them, and later stages longer). A line-by-line scan here costs microseconds per
kilobyte and refuses those shapes with the line and the fix, so ``commons
validate`` stops them before a build spends minutes on them; the render clock of
``practice-commons/safe-build`` stays as the backstop for what this misses.

It also refuses Markdown links whose address, once HTML entities are decoded and
spaces and control characters removed (as a browser does), names a scheme other
than http, https or mailto: the strict build stops on the disguised ones
(``&#106;avascript:``) with a warning that names no line, and the plain ones are
never a link a reader could use.
"""

from __future__ import annotations

import html
import re

from ..content.frontmatter import Document
from .issues import Issue

MAX_BODY_BYTES = 100_000  # ~15,000 words; the largest body shipped is 15 KB
MAX_HTML_DEPTH = 32
MAX_HTML_ELEMENTS = 5_000
# Emphasis marks, links and tags together: each is an element for Markdown and nh3.
MAX_MARKUP = 10_000
MAX_BLOCK_DEPTH = 16  # quotes and lists inside one another
MAX_OPEN_BRACKETS = 32  # '[' left open at once in one paragraph
MAX_OPEN_EMPHASIS = 32  # '*' and '_' opened and not yet closed, in one paragraph
MAX_LOOSE_ANGLES = 32  # '<' that start no complete tag, in one paragraph
MAX_HEADINGS = 500  # each new heading id is compared with all before it (toc's unique ids)
MAX_FOOTNOTES = 500
MAX_RUN = 100  # one '*' or '_' after another: 3,000 of them recurse past Python's limit

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]{0,30})(?=[\s/>])[^<>]*?(/?)>")
# Elements that never hold content, and those a browser closes when the next one opens.
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "source", "track", "wbr"})
_SELF_CLOSING = frozenset({"p", "li", "dt", "dd", "tr", "td", "th", "option"})
_CONTAINER = re.compile(r" {0,3}(?:>|[-*+](?=\s)|\d{1,9}[.)](?=\s))")
_INLINE_LINK = re.compile(r"\]\(\s*<?([^)>]*)")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S+)")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2060\ufeff]")
_RUN = re.compile(r"\*{%d,}|_{%d,}" % (MAX_RUN + 1, MAX_RUN + 1))
_BRACKET = re.compile(r"(?<!\\)[\[\]()]")
_EMPHASIS = re.compile(r"[*_]+")
_TAG_START = re.compile(r"<[A-Za-z/!?]")
_HEADING = re.compile(r" {0,3}#{1,6}(?:\s|$)")
_FOOTNOTE = re.compile(r" {0,3}\[\^[^\]]+\]:")
_SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
# Characters XML 1.0 forbids: the feed and the data exports carry text from bodies too.
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def body_issues(doc: Document) -> list[Issue]:
    """Every limit ``doc``'s body breaks, each with its line and the fix."""
    body = doc.body
    size = len(body.encode("utf-8", "surrogatepass"))
    if size > MAX_BODY_BYTES:
        return [Issue(doc.path, doc.body_line, None,
                      f"the text below the front matter is {size:,} bytes; the limit is "
                      f"{MAX_BODY_BYTES:,}",
                      "shorten it, or attach the long material as a document")]
    return _Scan(doc).run()


class _Scan:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.out: list[Issue] = []
        self.said: set[str] = set()  # one issue per kind of problem: the first line is enough

    def issue(self, kind: str, n: int, message: str, hint: str) -> None:
        if kind not in self.said:
            self.said.add(kind)
            self.out.append(Issue(self.doc.path, self.doc.body_line + n, None, message, hint))

    def run(self) -> list[Issue]:
        stack: list[str] = []
        elements = 0
        fence = ""
        open_brackets = [0, 0]  # '[' and '(' open in this paragraph
        paragraph = [0, 0]  # emphasis open, loose '<'
        headings = footnotes = 0
        self.markup = 0
        for n, line in enumerate(self.doc.body.split("\n")):
            bad = XML_FORBIDDEN.search(line)
            if bad:
                self.issue("char", n, f"contains the control character U+{ord(bad.group()):04X}, "
                           "which web feeds and data files cannot carry",
                           "delete it (retype the line if you pasted it)")
            opening = _FENCE.match(line)
            if fence:
                if opening and opening.group(1).startswith(fence):
                    fence = ""
                continue  # code is shown as text: its brackets and tags are not markup
            if opening:
                fence = opening.group(1)[:3]
                continue
            if not line.strip():
                open_brackets = [0, 0]
                paragraph = [0, 0]
                continue
            self._block_depth(n, line)
            self._brackets(n, line, open_brackets)
            self._emphasis(n, line, paragraph)
            if _HEADING.match(line):
                headings += 1
                if headings == MAX_HEADINGS + 1:
                    self.issue("headings", n, f"has more than {MAX_HEADINGS} headings",
                               "split the text into shorter documents")
            if _FOOTNOTE.match(line):
                footnotes += 1
                if footnotes == MAX_FOOTNOTES + 1:
                    self.issue("footnotes", n, f"has more than {MAX_FOOTNOTES} footnotes",
                               "list the sources together in a 'sources:' field instead")
            self._links(n, line)
            run = _RUN.search(line)
            if run:
                self.issue("run", n, f"has {len(run.group()):,} '{run.group()[0]}' in a row; "
                           f"at most {MAX_RUN} render safely",
                           f"shorten the run, or write each as '\\{run.group()[0]}' if it is "
                           "meant literally")
            tags = list(_TAG.finditer(line))
            self.markup += len(tags) + line.count("](")
            if self.markup > MAX_MARKUP:
                self.issue("markup", n, f"holds more than {MAX_MARKUP:,} emphasis marks, links "
                           "and HTML tags", "split it into shorter documents")
            paragraph[1] += len(_TAG_START.findall(line)) - len(tags)
            if paragraph[1] > MAX_LOOSE_ANGLES:
                self.issue("angles", n, f"more than {MAX_LOOSE_ANGLES} '<' in this paragraph "
                           "start no complete HTML tag", "write a literal '<' as '&lt;'")
                paragraph[1] = 0
            for m in tags:
                name = m.group(2).lower()
                if m.group(1):
                    if name in stack:
                        while stack.pop() != name:
                            pass
                    continue
                elements += 1
                if elements == MAX_HTML_ELEMENTS + 1:
                    self.issue("elements", n, f"holds more than {MAX_HTML_ELEMENTS:,} HTML "
                               "elements", "write it as Markdown, or split it into documents "
                               "attached to the profile")
                if name in _VOID or m.group(3):
                    continue
                if name in _SELF_CLOSING and name in stack[-3:]:
                    while stack.pop() != name:
                        pass
                stack.append(name)
                if len(stack) == MAX_HTML_DEPTH + 1:
                    self.issue("html-depth", n, f"HTML elements are nested more than "
                               f"{MAX_HTML_DEPTH} deep here",
                               "close the elements you open, or use fewer inside one another")
        return self.out

    def _block_depth(self, n: int, line: str) -> None:
        indent = len(line) - len(line.lstrip(" \t"))
        depth = (len(line[:indent].expandtabs(4))) // 4
        rest = line[indent:]
        while depth <= MAX_BLOCK_DEPTH:
            m = _CONTAINER.match(rest)
            if not m:
                break
            depth += 1
            rest = rest[m.end():]
        if depth > MAX_BLOCK_DEPTH:
            self.issue("block-depth", n, f"quotes and lists are nested more than "
                       f"{MAX_BLOCK_DEPTH} levels deep here",
                       "flatten the text: use headings or a table instead of deeper levels")

    def _emphasis(self, n: int, line: str, paragraph: list[int]) -> None:
        # Emphasis opened and never closed nests: Python-Markdown recurses once per level.
        for m in _EMPHASIS.finditer(line):
            before = line[m.start() - 1] if m.start() else " "
            after = line[m.end()] if m.end() < len(line) else " "
            opens = not after.isspace() and (before.isspace() or not before.isalnum())
            closes = not before.isspace() and (after.isspace() or not after.isalnum())
            self.markup += opens or closes
            if opens and not closes:
                paragraph[0] += 1
            elif closes and not opens:
                paragraph[0] = max(paragraph[0] - 1, 0)
            if paragraph[0] > MAX_OPEN_EMPHASIS:
                self.issue("emphasis", n, f"more than {MAX_OPEN_EMPHASIS} '*' or '_' are open at "
                           "once in this paragraph",
                           "close each '*' or '_' you open, or write a literal one as '\\*'")
                paragraph[0] = 0
                return

    def _brackets(self, n: int, line: str, open_now: list[int]) -> None:
        # Python-Markdown looks for the end of every '[' (and of every '(' after '](')
        # from where it opens, so each one left open costs another scan of the paragraph.
        for ch in _BRACKET.findall(line):
            which = 0 if ch in "[]" else 1
            open_now[which] = open_now[which] + 1 if ch in "[(" else max(open_now[which] - 1, 0)
            if open_now[which] > MAX_OPEN_BRACKETS:
                opener, closer = ("[", "]") if which == 0 else ("(", ")")
                self.issue("brackets", n, f"more than {MAX_OPEN_BRACKETS} '{opener}' are open "
                           "at once in this paragraph",
                           f"close each '{opener}' with '{closer}', or write a literal one as "
                           f"'\\{opener}'")
                open_now[:] = [0, 0]

    def _links(self, n: int, line: str) -> None:
        targets = [m.group(1) for m in _INLINE_LINK.finditer(line)]
        ref = _REFERENCE.match(line)
        if ref:
            targets.append(ref.group(1))
        for target in targets:
            scheme = link_scheme(target)
            if scheme is not None and scheme not in _SAFE_SCHEMES:
                self.issue(f"scheme-{n}", n, f"a link on this line points to a '{scheme}:' "
                           "address, which the site does not publish",
                           "link to a web page (https://…), an email address (mailto:…), or a "
                           "page or file of this site")


def link_scheme(target: str) -> str | None:
    """The scheme a browser would see in ``target`` (lowercase), or None for a relative link."""
    cleaned = _INVISIBLE.sub("", html.unescape(target))
    m = _SCHEME.match(cleaned)
    return m.group(1).lower() if m else None
