"""Thin engine adapters over :mod:`practice_commons.core`. Only this package imports mkdocs.

The same plugins run on MkDocs 1.6.1 and on ProperDocs, its continuation (see
content/guides/platform.md and :mod:`.engine`).
"""

from __future__ import annotations

# Declares our support for ProperDocs the way its maintainers ask plugins to: when
# ProperDocs is installed and the site is built with the `mkdocs` command, it prints
# once that ProperDocs builds the same site. Silenced by DISABLE_MKDOCS_2_WARNING=true.
try:
    import properdocs.replacement_warning as _properdocs_notice
except ImportError:  # ProperDocs is optional (the `properdocs` extra)
    pass
else:
    _properdocs_notice.setup()
