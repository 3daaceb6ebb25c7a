"""``commons new profile``: start a profile file, its front matter already valid.

Values come from flags; whatever required value is missing is asked for on
standard input (vocabularies offered as numbered choices), unless ``--no-input``.
Each answer is checked by the validator itself, so the prompts give the same
messages as ``commons validate``. The body's sections hold guidance notes, so the
file does not pass ``commons validate`` until they are written (core/rules/completeness.py).
An existing file is never replaced.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from ..core import Validator, load, parse, slugify, vocabulary
from ..core.contributing.scaffold import default_values, render_profile, skeleton, write_new
from ..core.rules.issues import Issue
from .common import find_root, layout_for

VOCAB_FLAGS = {"sector": "sectors", "state": "states", "topic": "topics",
               "grade_band": "grade_bands", "approach": "formats"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "new", help="start a new profile file",
        description="Write profiles/<slug>.md, a commented profile whose front matter "
                    "validates, with the slug made from the title; it is ready to publish once "
                    "its sections are written. Missing required values are asked for unless "
                    "--no-input. Never replaces an existing file.")
    p.add_argument("kind", choices=["profile"], help="what to create (only 'profile' for now)")
    a = p.add_argument
    a("--title", help="name of the practice")
    a("--slug", help="web address and file name (default: made from the title)")
    a("--summary", help="one or two sentences (20–320 characters)")
    a("--school", help="the school's full name")
    a("--sector", help="kind of school, e.g. charter")
    a("--state", help="the state: its name or postal code, e.g. Massachusetts, Mass or MA")
    a("--city", help="city or town")
    a("--topic", action="append", default=[], metavar="TOPIC",
      help="a topic; repeat, or separate with commas")
    a("--grade-band", dest="grade_band", action="append", default=[], metavar="BAND",
      help="a grade band; repeat, or separate with commas")
    a("--approach", action="append", default=[], metavar="APPROACH",
      help="how the practice is shared; repeat, or separate with commas")
    a("--resource", action="append", default=[], metavar="LEVEL:FORMAT:TITLE",
      help="support offered, e.g. '3:toolkit:Planning toolkit'; repeat for more")
    a("--contact-role", dest="contact_role", help="the role or office to contact")
    a("--contact-email", dest="contact_email", help="a shared address to write to")
    a("--status", default="published", help="published (default), draft or archived")
    a("--no-input", dest="no_input", action="store_true",
      help="never ask; fail if a required value is missing")
    a("--template", action="store_true",
      help="print the blank commented template (profiles/_template.md) and exit")
    a("--root", type=Path, default=None, help="repository root (default: the folder holding mkdocs.yml)")
    p.set_defaults(func=run)


def _split(values: list[str]) -> list[str]:
    return [v.strip() for raw in values for v in raw.split(",") if v.strip()]


def resolve_term(name: str, value: str) -> Any:
    """The slug ``value`` names in list ``name``: by slug, label, alias or an
    unambiguous start ("Mass", "Massachusetts", "ma" → MA); ``value`` itself when none
    does, so the validator names the problem and its nearest choices."""
    terms = vocabulary().terms(name)
    wanted = value.strip().rstrip(".").strip().casefold()
    for t in terms:
        if wanted in {str(t.slug).casefold(), t.label.casefold(), *(a.casefold() for a in t.aliases)}:
            return t.slug
    if len(wanted) >= 3:
        starts = [t.slug for t in terms if t.label.casefold().startswith(wanted)]
        if len(starts) == 1:
            return starts[0]
    return value.strip()


def values_from_flags(args: argparse.Namespace) -> tuple[dict[str, Any], list[str]]:
    """The profile data the flags give, and problems with the flags themselves."""
    problems: list[str] = []
    data: dict[str, Any] = default_values(dt.date.today().isoformat())
    data["status"] = args.status
    for key in ("title", "summary"):
        if getattr(args, key):
            data[key] = getattr(args, key)
    sector = resolve_term("sectors", args.sector) if args.sector else None
    state = resolve_term("states", args.state) if args.state else None
    school = {k: v for k, v in (("name", args.school), ("sector", sector),
                                ("state", state), ("city", args.city)) if v}
    if school:
        data["school"] = school
    for flag, key in (("topic", "topics"), ("grade_band", "grade_bands"), ("approach", "approaches")):
        if getattr(args, flag):
            data[key] = [resolve_term(VOCAB_FLAGS[flag], v) for v in _split(getattr(args, flag))]
    resources = []
    for raw in args.resource:
        parts = raw.split(":", 2)
        if len(parts) != 3 or not parts[0].strip().isdigit():
            problems.append(f"--resource {raw!r}: write it as LEVEL:FORMAT:TITLE, "
                            "e.g. '3:toolkit:Planning toolkit'")
            continue
        resources.append({"level": int(parts[0]), "format": parts[1].strip(), "title": parts[2].strip()})
    if resources:
        data["resources"] = resources
    contact = {k: v for k, v in (("role", args.contact_role), ("email", args.contact_email)) if v}
    if contact:
        data["contact"] = contact
    return data, problems


def check(data: dict[str, Any], path: str = "profile.md", text: str | None = None) -> list[Issue]:
    """What the validator says about the file these values would make (or about ``text``)."""
    doc = parse(path, (text if text is not None else render_profile(data)).encode("utf-8"))
    return doc.problems + Validator("profile").validate(doc)


def _about(issues: list[Issue], field: str) -> list[Issue]:
    return [i for i in issues if i.field and (i.field == field or i.field.startswith((field + ".",
                                                                                     field + "[")))]


class Prompter:
    """Asks for one value at a time on ``inp``, writing questions to ``out``."""

    def __init__(self, inp: TextIO, out: TextIO) -> None:
        self.inp, self.out = inp, out
        self.vocab = vocabulary()

    def ask(self, question: str) -> str:
        self.out.write(f"{question}: ")
        self.out.flush()
        line = self.inp.readline()
        if not line:
            raise EOFError(question)
        return line.strip()

    def choose(self, question: str, name: str, many: bool = False) -> Any:
        terms = self.vocab.terms(name)
        for n, term in enumerate(terms, 1):
            self.out.write(f"  {n:>2}. {term.label} ({term.slug})\n")
        how = "numbers or names, separated by commas" if many else "a number or a name"
        while True:
            answer = self.ask(f"{question} ({how})")
            picked, bad = [], []
            for token in ([t for t in answer.replace(" ,", ",").split(",")] if many else [answer]):
                token = token.strip()
                if not token:
                    continue
                if token.isdigit() and 1 <= int(token) <= len(terms):
                    picked.append(terms[int(token) - 1].slug)
                    continue
                slug = resolve_term(name, token)
                match = [t.slug for t in terms if t.slug == slug]
                (picked if match else bad).append(match[0] if match else token)
            if bad or not picked:
                shown = ", ".join(repr(b) for b in bad) or "nothing"
                near = [s for b in bad for s in self.vocab.suggest(name, b)]
                tip = f" Did you mean {', '.join(str(n) for n in near)}?" if near else ""
                self.out.write(f"  {shown} is not one of the choices.{tip} Answer with {how}.\n")
                continue
            return list(dict.fromkeys(picked)) if many else picked[0]


def interview(data: dict[str, Any], p: Prompter) -> dict[str, Any]:
    """Ask for every required value still missing, re-asking until the validator accepts it."""

    def field(path: str, get: Callable[[], Any], put: Callable[[Any], None]) -> None:
        while True:
            put(get())
            problems = _about(check(data), path)
            if not problems:
                return
            for i in problems:
                p.out.write(f"  {i.message}" + (f" — {i.hint}" if i.hint else "") + "\n")

    school = data.setdefault("school", {})
    contact = data.setdefault("contact", {})
    steps: list[tuple[str, bool, Callable[[], Any], Callable[[Any], None]]] = [
        ("title", "title" in data, lambda: p.ask("Name of the practice"),
         lambda v: data.__setitem__("title", v)),
        ("summary", "summary" in data, lambda: p.ask("Summary, one or two sentences"),
         lambda v: data.__setitem__("summary", v)),
        ("school.name", "name" in school, lambda: p.ask("School's full name"),
         lambda v: school.__setitem__("name", v)),
        ("school.sector", "sector" in school, lambda: p.choose("Kind of school", "sectors"),
         lambda v: school.__setitem__("sector", v)),
        ("school.state", "state" in school, lambda: p.choose("State", "states"),
         lambda v: school.__setitem__("state", v)),
        ("topics", "topics" in data, lambda: p.choose("Topics (one to six)", "topics", many=True),
         lambda v: data.__setitem__("topics", v)),
        ("grade_bands", "grade_bands" in data,
         lambda: p.choose("Grade bands", "grade_bands", many=True),
         lambda v: data.__setitem__("grade_bands", v)),
        ("contact.role", "role" in contact, lambda: p.ask("Role or office to contact"),
         lambda v: contact.__setitem__("role", v)),
    ]
    for path, done, get, put in steps:
        if not done:
            field(path, get, put)
    if not data.get("resources"):
        data["resources"] = []
        while True:
            n = len(data["resources"])
            res: dict[str, Any] = {}
            data["resources"].append(res)
            p.out.write(f"Support offered to adopters (resource {n + 1}):\n")
            field(f"resources[{n}].level", lambda: p.choose("Pyramid level", "levels"),
                  lambda v, res=res: res.__setitem__("level", v))
            field(f"resources[{n}].format", lambda: p.choose("Format", "formats"),
                  lambda v, res=res: res.__setitem__("format", v))
            field(f"resources[{n}].title", lambda: p.ask("What the resource is called"),
                  lambda v, res=res: res.__setitem__("title", v))
            if p.ask("Add another resource? (y/N)").lower() not in ("y", "yes"):
                break
    return data


def run(args: argparse.Namespace, stdin: TextIO | None = None) -> int:
    err = sys.stderr
    if args.template:
        sys.stdout.write(skeleton({"status": "published"}))
        return 0
    root = args.root.resolve() if args.root else find_root()
    layout = layout_for(root)
    data, problems = values_from_flags(args)
    if args.slug and slugify(args.slug) != args.slug:
        problems.append(f"--slug {args.slug!r}: use lowercase letters, digits and single hyphens, "
                        f"e.g. {slugify(args.slug)!r}")
    if problems:
        err.write("\n".join(problems) + "\n")
        return 2
    if not args.no_input:
        try:
            data = interview(data, Prompter(stdin or sys.stdin, err))
        except EOFError as exc:
            err.write(f"\nno answer for {str(exc)!r}; give it as a flag, or answer the question\n")
            return 2
    slug = args.slug or slugify(str(data.get("title", "")))
    rel = f"{layout.profiles_dir}/{slug}.md"
    text = skeleton(data)
    issues = check(data, rel, text)
    if issues:
        for i in sorted(issues):
            err.write(i.text() + "\n")
        err.write(f"\n{len(issues)} problem(s); nothing was written.\n")
        return 1
    target = root / rel
    taken = load(layout).collection.get("profile", slug)
    if taken is not None and taken.path != rel:
        err.write(f"the slug {slug!r} is already used by {taken.path}; choose another with --slug\n")
        return 1
    try:
        write_new(target, text)
    except FileExistsError:
        err.write(f"{rel} already exists; nothing was written. Edit that file, or choose "
                  "another title or --slug.\n")
        return 1
    # The path once, on standard output (scripts read it); what to do next on stderr.
    print(rel)
    err.write("Written. It is not ready to publish yet: replace the notes under each '## ' "
              "heading with your own text, then check the file with `commons validate`.\n")
    return 0

