"""The content model must not depend on MkDocs, so it can move to another engine."""

from __future__ import annotations

import ast
from pathlib import Path

import practice_commons

PACKAGE = Path(practice_commons.__file__).parent


def test_core_and_cli_never_import_mkdocs():
    offenders = []
    for folder in ("core", "cli"):
        for path in (PACKAGE / folder).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                names = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0:
                    names = [node.module or ""]
                offenders += [f"{path.relative_to(PACKAGE)}: {n}" for n in names
                              if n in ("mkdocs", "properdocs")
                              or n.startswith(("mkdocs.", "properdocs.", "material"))]
    assert offenders == []
