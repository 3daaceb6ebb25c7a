from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from practice_commons.core import Layout, LoadResult, load

from tests.conftest import VALID_PROFILE, write_files

TODAY = dt.date(2026, 1, 1)


@pytest.fixture
def load_files(tmp_path: Path) -> Callable[[dict[str, str | bytes]], LoadResult]:
    """Write ``files`` into a fresh repository and load it (today is fixed at 2026-01-01)."""

    def _load(files: dict[str, str | bytes]) -> LoadResult:
        write_files(tmp_path, files)
        return load(Layout(root=tmp_path), today=TODAY)

    return _load


def texts(result: LoadResult) -> list[str]:
    return [i.text() for i in result.issues]


def profile_with(old: str, new: str) -> str:
    """The valid sample profile with one fragment replaced (asserting it was there)."""
    assert old in VALID_PROFILE, old
    return VALID_PROFILE.replace(old, new, 1)
