"""The edit-loop measures work on a real (tiny) site: they are not timed tests, only smoke."""

from __future__ import annotations

import yaml
from practice_commons.cli.bench_edit import edit_to_visible, validate_throughput

from tests.conftest import BASE_CONFIG, ENGINE_CMD, VALID_PROFILE, write_files

SLUG = "family-literacy-nights"


def _site(root):
    write_files(root, {"content/index.md": "# Home\n", f"profiles/{SLUG}.md": VALID_PROFILE,
                       "profiles/broken.md": VALID_PROFILE.replace("state: MA", "state: ZZ")})
    cfg = {**BASE_CONFIG, "plugins": ["practice-commons/profiles"]}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(cfg, sort_keys=False), encoding="utf-8")


def test_validate_throughput_counts_profiles_and_both_clocks(tmp_path):
    _site(tmp_path)
    out = validate_throughput(tmp_path)
    assert out["profiles"] == 2
    assert out["wall_s"] > 0 and out["cpu_s"] > 0
    assert out["per_s_wall"] == round(2 / out["wall_s"])


def test_edit_to_visible_sees_the_edit_and_restores_the_profile(tmp_path):
    _site(tmp_path)
    (tmp_path / "profiles" / "broken.md").unlink()  # serve's first build must succeed
    profile = tmp_path / "profiles" / f"{SLUG}.md"
    before = profile.read_bytes()
    seconds = edit_to_visible(tmp_path, profile, ENGINE_CMD, dirty=False)
    assert 0 < seconds < 120
    assert profile.read_bytes() == before
    assert not list(tmp_path.glob(".serve-*.log"))
