"""Markdown for the pages the site generates from the collection.

Pure functions from records to Markdown text; the MkDocs adapter decides where
the pages go. Every value that came from a contributor passes through
:func:`md_text` so that it is shown, never interpreted.
"""

from __future__ import annotations

import html

import yaml

from ..content.model import Record
from ..rules.vocabulary import Vocabulary
from .markdown import md_text

# libyaml's emitter writes the same text ten times faster: at 1,000 profiles the Python
# one took about a second of every build (commons bench).
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def front_matter(meta: dict) -> str:
    """A YAML front-matter block; the safe dumper quotes whatever needs quoting."""
    return "---\n" + yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                               width=10_000) + "---\n"


def head_meta(record: Record) -> dict[str, str]:
    """Title and description for the theme's <head>, HTML-escaped.

    The theme writes ``page.title`` and ``page.meta.description`` into <title> and a
    meta attribute without escaping (MkDocs' Jinja environment does not
    autoescape), so a summary containing ``">`` could break out of the attribute.
    Our own templates show the record's fields, escaped once, instead.
    """
    meta = {"title": html.escape(record.title, quote=True)}
    if record.summary:
        meta["description"] = html.escape(record.summary, quote=True)
    return meta


def record_page(record: Record, template: str) -> str:
    """The generated source of a record's own page: front matter for the theme, then the body."""
    meta = {**head_meta(record), "template": template}
    return front_matter(meta) + "\n" + record.body.lstrip("\n")


def link(record: Record, from_dir: str) -> str:
    """A Markdown link to ``record``'s source file, relative to ``from_dir``.

    Linking source files (not URLs) lets MkDocs rewrite the link for either URL
    style and report it in strict mode if the target is missing.
    """
    target = source_uri(record)
    depth = len([p for p in from_dir.split("/") if p])
    return "../" * depth + target


def source_uri(record: Record) -> str:
    """Where the record's page lives among the site's documentation files."""
    if record.kind == "page":
        return record.path.split("/", 1)[1]
    return f"{record.url.rstrip('/')}.md"


def profile_listing(profiles: list[Record], vocab: Vocabulary, strings: dict[str, str],
                    from_dir: str = "profiles") -> str:
    """The "Profiles" page: every published profile, by title."""
    out = [front_matter({"title": strings["profiles"],
                         "description": strings["profiles_intro"]}),
           f"# {md_text(strings['profiles'])}", "", md_text(strings["profiles_intro"]), ""]
    if not profiles:
        out.append(md_text(strings["no_profiles"]))
        return "\n".join(out) + "\n"
    out.append(md_text(strings["profile_count"].format(n=len(profiles))))
    out.append("")
    for p in sorted(profiles, key=lambda r: r.title.casefold()):
        school = getattr(p, "school", None)
        where = f"{md_text(school.name)}, {md_text(vocab.label('states', school.state))}" if school else ""
        levels = ", ".join(md_text(vocab.label("levels", lv)) for lv in p.levels)
        out.append(f"- **[{md_text(p.title)}]({link(p, from_dir)})** — {where}  ")
        out.append(f"  {md_text(p.summary)}  ")
        if levels:
            out.append(f"  *{md_text(strings['levels_offered'])}:* {levels}")
    return "\n".join(out) + "\n"
