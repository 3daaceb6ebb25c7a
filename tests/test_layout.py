"""The package's folders show its pipeline, and its modules stay small."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "plugins" / "practice_commons"
CORE = PACKAGE / "core"
MAX_LINES = 300
STAGES = {"content", "rules", "outputs", "downloads", "contributing", "hosting"}


def test_every_module_is_at_most_300_lines():
    long = {str(p.relative_to(PACKAGE)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}, "split these modules by what they do"


def test_core_is_grouped_by_stage_and_each_stage_says_what_it_is_for():
    loose = sorted(p.name for p in CORE.glob("*.py") if p.name != "__init__.py")
    assert loose == [], "every core module belongs to a stage's folder"
    stages = {p.name for p in CORE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert stages == STAGES
    for stage in stages:
        doc = ast.get_docstring(ast.parse((CORE / stage / "__init__.py").read_text(encoding="utf-8")))
        assert doc and len(doc.split()) >= 20, f"core/{stage}/__init__.py: say what the stage is for"


def test_the_public_api_is_importable_from_core():
    import practice_commons.core as core

    for name in core.__all__:
        assert getattr(core, name) is not None
