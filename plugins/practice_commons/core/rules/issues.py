"""Problems found in content, and the three ways of printing them.

An :class:`Issue` always names the file and line, and says what to do about it:
contributors read these in a terminal, in GitHub annotations or in a JSON tool.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from dataclasses import field as dc_field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Issue:
    """One problem in one file: where it is, what is wrong, and the fix."""

    path: str
    line: int
    field: str | None
    message: str
    hint: str | None = None
    severity: Severity = "error"
    # The message's key in the catalogue (i18n/<lang>.messages.yaml), where it has one:
    # what the submission form reads to say the problem in its own plainer words.
    code: str | None = dc_field(default=None, compare=False)

    def text(self) -> str:
        """``path:line: field 'x': message — hint`` on one line."""
        where = f"{self.path}:{self.line}: "
        prefix = "" if self.severity == "error" else "warning: "
        field = f"field '{self.field}': " if self.field else ""
        hint = f" — {self.hint}" if self.hint else ""
        return _printable(f"{where}{prefix}{field}{self.message}{hint}")

    def github(self) -> str:
        """A GitHub Actions workflow command, shown as an annotation on the line."""
        title = f"{self.field}" if self.field else "front matter"
        body = self.message + (f" — {self.hint}" if self.hint else "")
        return (
            f"::{self.severity} file={_gh_escape_prop(self.path)},line={self.line},"
            f"title={_gh_escape_prop(title)}::{_gh_escape_data(body)}"
        )


# Control and bidi-override characters in a file or field name would reach the
# terminal as they are: an escape sequence can clear the screen or hide lines, an
# override reverses what follows, a zero-width space hides. Shown as \x1b, \u202e instead.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def _printable(text: str) -> str:
    return _UNPRINTABLE.sub(lambda m: ascii(m.group())[1:-1], text)


def _gh_escape_data(value: str) -> str:
    # https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_escape_prop(value: str) -> str:
    return _gh_escape_data(value).replace(":", "%3A").replace(",", "%2C")


def format_issues(issues: Iterable[Issue], fmt: str = "text") -> str:
    """Render issues as ``text`` (one per line), ``github`` annotations or ``json``."""
    issues = sorted(issues)
    if fmt == "json":
        return json.dumps([asdict(i) for i in issues], indent=2, ensure_ascii=False)
    if fmt == "github":
        return "\n".join(i.github() for i in issues)
    if fmt == "text":
        return "\n".join(i.text() for i in issues)
    raise ValueError(f"unknown format {fmt!r}")


def errors(issues: Iterable[Issue]) -> list[Issue]:
    """Only the issues that must stop a build."""
    return [i for i in issues if i.severity == "error"]
