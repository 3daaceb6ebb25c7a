"""Interface strings of our own templates and scripts, one YAML file per language.

A host switches language with Material's ``theme.language``; strings missing
from a translation fall back to English so a partial translation never shows a
key name.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

I18N_DIR = Path(__file__).resolve().parent.parent / "i18n"


@lru_cache(maxsize=None)
def strings(language: str = "en") -> dict[str, str]:
    """The interface strings for ``language`` (e.g. ``es``), English filling any gaps."""
    base = _read("en")
    if language and language != "en":
        base = {**base, **_read(language.split("-")[0].split("_")[0])}
    return base


def languages() -> list[str]:
    return sorted(p.stem for p in I18N_DIR.glob("*.yaml"))


def _read(lang: str) -> dict[str, str]:
    path = I18N_DIR / f"{lang}.yaml"
    if not path.is_file():
        return {}
    return {str(k): str(v) for k, v in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items()}
