"""The content model: load, validate and index Practice Commons content.

Nothing in ``core`` imports MkDocs (``tests/core/test_boundaries.py`` checks),
so the model, validation and generators can move to another site engine.
"""

from __future__ import annotations

from .content.collection import Collection
from .content.frontmatter import Document, parse
from .content.loader import Layout, LoadResult, load
from .content.model import CaseStudy, Page, Profile, Record, Template
from .content.slug import slugify
from .rules.issues import Issue, format_issues
from .rules.schema import KINDS, load_schema, schema_json, vocabulary
from .rules.validate import Validator

__all__ = [
    "CaseStudy", "Collection", "Document", "Issue", "KINDS", "Layout", "LoadResult", "Page",
    "Profile", "Record", "Template", "Validator", "format_issues", "load", "load_schema", "parse",
    "schema_json", "slugify", "vocabulary",
]
