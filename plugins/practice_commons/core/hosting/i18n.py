"""Interface strings of our own templates and scripts, one YAML file per language.

A host switches language with Material's ``theme.language``; strings missing
from a translation fall back to English so a partial translation never shows a
key name.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path

import yaml

from ..rules.vocabulary import Vocabulary

# practice_commons/i18n/: the catalogue of every language.
I18N_DIR = Path(__file__).resolve().parents[2] / "i18n"


@cache
def strings(language: str = "en") -> dict[str, str]:
    """The interface strings for ``language`` (e.g. ``es``), English filling any gaps."""
    base = _read("en")
    if language and language != "en":
        base = {**base, **_read(_base(language))}
    return base


def vocabulary_in(vocab: Vocabulary, language: str = "en") -> Vocabulary:
    """``vocab`` with its labels in ``language``, from the ``vocabulary:`` section of its file.

    English labels live in the schema's vocabulary.yaml (the one source of truth);
    a translation lists ``list name → slug → label`` and may leave out labels that
    read the same (most state names); those stay as they are.
    """
    lang = _base(language)
    if lang == "en":
        return vocab
    table = _load(lang).get("vocabulary") or {}
    if not table:
        return vocab
    lists = {}
    for name, terms in vocab.lists.items():
        local = {str(k): str(v) for k, v in (table.get(name) or {}).items()}
        lists[name] = tuple(replace(t, label=local.get(str(t.slug), t.label)) for t in terms)
    return Vocabulary(lists)


def vocabulary_labels(language: str) -> dict[str, dict[str, str]]:
    """The translated labels of ``language`` as written: list name → slug → label."""
    table = _load(_base(language)).get("vocabulary") or {}
    return {str(n): {str(k): str(v) for k, v in (t or {}).items()} for n, t in table.items()}


def _base(language: str) -> str:
    return (language or "en").split("-")[0].split("_")[0]


@cache
def _load(lang: str) -> dict:
    path = I18N_DIR / f"{lang}.yaml"
    if not path.is_file():
        return {}
    return yaml.load(path.read_text(encoding="utf-8"),  # libyaml: ten times faster
                     Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}


def _read(lang: str) -> dict[str, str]:
    # Sections (the vocabulary's labels) are not interface strings.
    return {str(k): str(v) for k, v in _load(lang).items() if not isinstance(v, dict)}
