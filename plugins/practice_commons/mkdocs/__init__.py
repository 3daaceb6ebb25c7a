"""Thin MkDocs adapters over :mod:`practice_commons.core`. Only this package imports mkdocs."""
