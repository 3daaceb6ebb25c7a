"""Downloadable versions of the toolkit templates: Word, Markdown, CSV and a bundle.

Pure functions from a :class:`~practice_commons.core.content.model.Template` and the
site's settings (:class:`Meta`) to bytes; the MkDocs adapter
(``mkdocs/downloads.py``) decides where the files go. Output depends only on
those inputs, so :func:`cache_key` over them decides when a template must be
generated again.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

from ..content.model import Template
from .bundle import toolkit_bundle
from .cache import DownloadCache
from .csvfile import csv_bytes, csv_name, tables
from .markdown_copy import esc, markdown_bytes
from .page import PAPERS, paper_size
from .sheet import sheet
from .word import docx_bytes

# Part of every cache key, with a hash of this package's source (so an edited generator
# never serves stale files even if nobody bumps this); bump it for changes elsewhere
# that alter output, such as a new python-docx default template.
GENERATOR_VERSION = "1"

FORMATS = ("docx", "md", "csv")


@dataclass(frozen=True)
class Meta:
    """Everything besides the template that shapes the files."""

    site_name: str
    strings: Mapping[str, str]
    labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # vocabulary labels
    language: str = "en"
    site_url: str = ""  # absolute, with a trailing slash; "" when the site has none
    copyright: str = ""
    paper: str = "letter"  # the Word files' paper size: a key of page.PAPERS

    def __post_init__(self) -> None:
        paper_size(self.paper)  # an unknown size fails here, naming the choices

    def label(self, vocabulary: str, slug: Any) -> str:
        return self.labels.get(vocabulary, {}).get(str(slug), str(slug))

    def page_url(self, template: Template) -> str:
        return self.site_url + template.url if self.site_url else ""

    @property
    def docx_language(self) -> str:
        # Word's proofing tools want a region; "en" alone would switch spell-checking off.
        return {"en": "en-US", "es": "es-ES", "fr": "fr-FR", "de": "de-DE"}.get(
            self.language, self.language)


@dataclass(frozen=True)
class Download:
    """One generated file of a template."""

    name: str  # file name, e.g. five-whys.docx
    format: str  # one of FORMATS
    data: bytes = field(repr=False)
    label: str = ""  # for a CSV file: the label of its table


def cache_key(template: Template, meta: Meta) -> str:
    """A hash of every input of :func:`generate`: same key, same bytes."""
    payload = {
        "generator": GENERATOR_VERSION,
        "source": _source_hash(),
        "python-docx": version("python-docx"),
        "slug": template.slug,
        "data": template.data,
        "meta": asdict(meta),
    }
    raw = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]


@functools.cache  # not `cache`: the .cache submodule takes that name in this package
def _source_hash() -> str:
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def generate(template: Template, meta: Meta) -> list[Download]:
    """The Word file, the Markdown copy and (for tabular templates) one CSV per table."""
    parts = sheet(template.sections)
    slug = template.slug
    out = [Download(f"{slug}.docx", "docx", docx_bytes(template, parts, meta)),
           Download(f"{slug}.md", "md", markdown_bytes(template, parts, meta))]
    if template.tabular:
        out += [Download(csv_name(slug, t), "csv", csv_bytes(t), t.label) for t in tables(parts)]
    return out


def generate_cached(template: Template, meta: Meta, cache: DownloadCache) -> list[Download]:
    """:func:`generate`, reusing the files of an earlier build when nothing changed."""
    key = cache_key(template, meta)
    stored = cache.get(template.slug, key)
    if stored is not None:
        labels = {csv_name(template.slug, t): t.label for t in tables(sheet(template.sections))}
        try:
            return [Download(name, name.rsplit(".", 1)[1], data, labels.get(name, ""))
                    for name, data in stored.items()]
        except IndexError:  # a name without an extension: not an entry we wrote
            pass
    files = generate(template, meta)
    cache.put(template.slug, key, {d.name: d.data for d in files})
    return files


def bundle_readme(templates: list[Template], files: Mapping[str, list[Download]],
                  meta: Meta) -> str:
    """The README.md at the top of the toolkit bundle: what each folder holds."""
    t = meta.strings
    lines = [f"# {esc(meta.site_name)}: {esc(t['toolkit_bundle'])}", "",
             esc(t["bundle_intro"]), ""]
    for template in templates:
        lines += [f"## {esc(template.title)}", "", esc(template.summary), ""]
        url = meta.page_url(template)
        if url:
            lines += [f"<{url}>", ""]
        lines += [f"- `{template.slug}/{d.name}`: {esc(t['format_' + d.format])}"
                  + (f" ({esc(d.label)})" if d.label else "") for d in files[template.slug]]
        lines.append("")
    if meta.copyright:
        lines += ["---", "", esc(meta.copyright), ""]
    return "\n".join(lines)


def bundle(templates: list[Template], files: Mapping[str, list[Download]], meta: Meta,
           folder: str) -> bytes:
    """Every template's files in one .zip, each template in its own folder."""
    entries = [(f"{slug}/{d.name}", d.data) for slug, downloads in files.items()
               for d in downloads]
    return toolkit_bundle(folder, entries, bundle_readme(templates, files, meta))


__all__ = [
    "FORMATS",
    "PAPERS",
    "GENERATOR_VERSION",
    "Download",
    "DownloadCache",
    "Meta",
    "bundle",
    "cache_key",
    "generate",
    "generate_cached",
    "sheet",
]
