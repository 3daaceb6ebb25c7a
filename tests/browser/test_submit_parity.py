"""The browser's validator and writer (submit-*.js) against the Python ones.

The submission form must give exactly the messages `commons validate` gives and
write exactly the file `commons new` would, so both run here on the same inputs:
hand-picked breakages of every kind, and a few hundred random ones.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import json
import random
from typing import Any

import pytest
import yaml
from practice_commons.core import Validator, load_schema, vocabulary
from practice_commons.core.content.frontmatter import Document
from practice_commons.core.contributing.scaffold import BODY_SECTIONS, FLOW_MAX, render_profile
from practice_commons.core.rules import formats, messages

from tests.conftest import REPO, VALID_PROFILE

pytestmark = pytest.mark.browser

ASSETS = REPO / "plugins/practice_commons/assets/practice-commons/assets/submit"
SCRIPTS = [ASSETS / f"submit-{name}.js" for name in ("pycompat", "validate", "writer")]
TODAY = dt.date(2026, 1, 1)
# The sample profile's data as the front-matter parser gives it (dates stay text).
VALID: dict[str, Any] = json.loads(json.dumps(yaml.safe_load(VALID_PROFILE.split("---")[1]),
                                              default=str))


@pytest.fixture(scope="module")
def js(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_content("<!doctype html><title>t</title>")
    for script in SCRIPTS:
        page.add_script_tag(path=str(script))
    vocab = {name: [{"slug": t.slug, "label": t.label, "aliases": list(t.aliases)}
                    for t in vocabulary().terms(name)] for name in vocabulary().lists}
    page.evaluate("([s, v, f, m, fm]) => { window.S = s; window.V = v; window.F = f;"
                  " window.M = m; window.FM = fm; }",
                  [load_schema("profile"), vocab, FLOW_MAX, messages.table("en"),
                   formats.browser_table()])
    yield page
    context.close()


def python_issues(data: Any) -> list[tuple]:
    doc = Document(path="x.md", data=data, lines={(): 1}, body="", body_line=1)
    return [(i.field, i.message, i.hint) for i in Validator("profile", TODAY).validate(doc)]


def js_issues(page, datas: list[Any]) -> list[list[tuple]]:
    out = page.evaluate(
        "(ds) => ds.map(d => new PracticeCommonsProfile.Validator(S, V, '2026-01-01', M, FM).validate(d)"
        ".map(i => [i.field, i.message, i.hint]))", datas)
    return [[tuple(i) for i in issues] for issues in out]


def with_(path: tuple, value: Any, data: Any = None) -> Any:
    data = copy.deepcopy(VALID if data is None else data)
    node = data
    for part in path[:-1]:
        node = node[part]
    if value is _DELETE:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return data


_DELETE = object()
CASES = [
    with_(("title",), "Hi"), with_(("title",), "   "), with_(("title",), "x" * 130),
    with_(("title",), None), with_(("title",), 42), with_(("title",), ["a"]),
    with_(("title",), _DELETE), with_(("titel",), "Typo field"), with_(("zzz",), 1),
    with_(("slug",), "Bad Slug"), with_(("summary",), "too short"),
    with_(("school", "state"), "Mass"), with_(("school", "state"), "massachusetts"),
    with_(("school", "state"), "ZZ"), with_(("school", "state"), "New"),
    with_(("school", "sector"), "charter school"), with_(("school", "sector"), "Charter"),
    with_(("school", "grades"), "K to 8"), with_(("school", "grades"), "PK-Adult"),
    with_(("school", "website"), "ftp://example.org"), with_(("school", "website"), "example.org"),
    with_(("school", "website"), "https://exa mple.org"), with_(("school", "website"), "https:/x"),
    with_(("school", "website"), "https://exa\tmple.org"), with_(("school", "website"), "https://[::1"),
    with_(("school", "citty"), "Lowell"), with_(("school",), "Riverside"),
    with_(("topics",), []), with_(("topics",), ["ELL"]), with_(("topics",), ["literacy", "literacy"]),
    with_(("topics",), ["literacy", "mathematics", "equity", "attendance", "leadership",
                        "data-use", "school-culture"]),
    with_(("topics",), ["math"]), with_(("topics",), ["sped"]), with_(("topics",), ["arts"]),
    with_(("topics",), ["famly engagement"]), with_(("topics",), "literacy"),
    with_(("grade_bands",), ["K-2"]), with_(("grade_bands",), ["kindergarten"]),
    with_(("approaches",), ["coachin"]), with_(("resources",), []),
    with_(("resources", 0, "level"), 7), with_(("resources", 0, "level"), "3"),
    with_(("resources", 0, "level"), True), with_(("resources", 0, "format"), "vidoe"),
    with_(("resources", 0, "format"), "Online course"), with_(("resources", 0, "file"), "../x.pdf"),
    with_(("resources", 0, "file"), "C:/x.pdf"), with_(("resources", 1), {}),
    with_(("resources", 0, "file"), "javascript:x//a.pdf"), with_(("resources", 0, "file"), "%2e%2e/a.pdf"),
    with_(("resources", 0, "file"), "hand book.pdf"), with_(("resources", 0, "file"), ".hidden"),
    with_(("status",), "published" * 20), with_(("submitted",), "é" * 100),
    with_(("school", "website"), "x" * 200), with_(("slug",), "Ü" * 90),
    with_(("resources", 1), {"level": 2, "title": "T", "format": "video", "extra": 1}),
    with_(("evidence", "essa_tier"), 5), with_(("evidence", "essa_tier"), "Tier 2"),
    with_(("evidence", "essa_tier"), "None"), with_(("evidence", "outcomes", 0, "before"), [1]),
    with_(("evidence", "outcomes", 0, "metric"), "ab"),
    with_(("contact", "email"), "not an email"), with_(("contact", "email"), "a@b"),
    with_(("contact", "role"), _DELETE), with_(("contact",), {}),
    with_(("contact", "phone"), "call us"), with_(("contact", "phone"), "+1 (202) 555-0100 x12"),
    with_(("contact", "phone"), "555"), with_(("contact", "phone"), 2025550100),
    with_(("contact", "form"), "mailto:x@example.org"), with_(("contact", "form"), "example.org"),
    with_(("status",), "Published"), with_(("status",), "live"),
    with_(("submitted",), "2024/09/01"), with_(("submitted",), "2024-02-30"),
    with_(("submitted",), "2099-01-01"), with_(("submitted",), "0000-01-01"),
    with_(("last_reviewed",), 20240901),
    with_(("sources",), [{"title": "A source", "year": 1800}]),
    with_(("sources",), [{"title": "A source", "year": 2200, "url": "mailto:x@y.z"}]),
    with_(("sources",), [{"year": "2019"}]), with_(("partners",), [{"name": "P", "sector": "ngo"}]),
    with_(("non_negotiables",), ["ok item", "no"]), with_(("case_studies",), ["a", "a"]),
    with_(("title",), "it's \"quoted\"\n\t\u200b\u00a0é"), with_(("title",), "😀" * 130),
    with_(("summary",), "x" * 400), with_(("school", "name"), "\u00a0 \u3000"),
    ["not", "an", "object"], "just text", None,
]


def test_js_validator_gives_the_python_messages_for_every_breakage(js):
    assert python_issues(VALID) == []
    expected = [python_issues(c) for c in CASES]
    assert sum(len(e) for e in expected) > len(CASES)  # every case is broken somehow
    for case, want, got in zip(CASES, expected, js_issues(js, CASES)):
        assert got == want, json.dumps(case, ensure_ascii=False)[:300]


def _mutate(rng: random.Random, data: Any, pools: list[Any]) -> Any:
    data = copy.deepcopy(data)
    for _ in range(rng.randint(1, 4)):
        node, path = data, []
        while isinstance(node, (dict, list)) and node and rng.random() < 0.7:
            key = rng.choice(list(node)) if isinstance(node, dict) else rng.randrange(len(node))
            if not isinstance(node[key], (dict, list)):
                node[key] = rng.choice(pools)
                break
            path.append(key)
            node = node[key]
        else:
            if isinstance(node, dict):
                node[rng.choice(["titl", "topic", "contacts", "level", "format"])] = rng.choice(pools)
            elif isinstance(node, list):
                node.append(rng.choice(pools))
    return data


def test_js_validator_agrees_on_random_breakages(js):
    words = [t.label for name in vocabulary().lists for t in vocabulary().terms(name)]
    pools = [None, "", " ", 0, 1, 3, 9, -1, 2.5, True, False, [], {}, ["x"], {"a": 1},
             "https://ok.example.org", "http//bad", "2025-13-01", "2025-01-01", "DC", "Mass",
             "ELL", "k-2", "video", "none", 4, "x" * 301, "Literacy nights for families"]
    pools += [w.lower()[:-1] for w in words[:40]] + words[40:80]
    rng = random.Random(20261123)
    cases = [_mutate(rng, VALID, pools) for _ in range(400)]
    got = js_issues(js, cases)
    mismatches = [(c, p, g) for c, g in zip(cases, got) if (p := python_issues(c)) != g]
    assert not mismatches, json.dumps(mismatches[0], ensure_ascii=False, default=str)[:800]


def test_similarity_and_suggestions_match_difflib(js):
    rng = random.Random(7)
    alphabet = "abcde-ELL "
    pairs = [("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))),
              "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))) for _ in range(300)]
    pairs += [("a" * 150 + "b" * 60, "ab" * 110), ("x" * 250, "x" * 240 + "y")]  # autojunk
    ratios = js.evaluate("(ps) => ps.map(([a, b]) => PracticeCommonsProfile.ratio(a, b))", pairs)
    assert ratios == [difflib.SequenceMatcher(None, a, b).ratio() for a, b in pairs]
    words = [b for _, b in pairs[:60]]
    got = js.evaluate("([w, ps]) => w.map(x => PracticeCommonsProfile.closeMatches(x, ps, 3, 0.4))",
                      [words, words[::-1]])
    assert got == [difflib.get_close_matches(w, words[::-1], 3, 0.4) for w in words]


def test_js_writer_writes_the_python_file(js):
    body = {h: f"Text for {h}.\n\n- a list" for h, _ in BODY_SECTIONS}
    datas = [VALID] + [c for c in CASES if isinstance(c, dict)]
    got = js.evaluate(
        "([ds, b, h]) => ds.map(d => new PracticeCommonsProfile.Writer(S, F).render(d, b, h))",
        [datas, body, [h for h, _ in BODY_SECTIONS]])
    for data, text in zip(datas, got):
        assert text == render_profile(data, body), json.dumps(data, ensure_ascii=False)[:300]


SLUG_TITLES = ["ESL After the Bell", "Évaluation & Café", "  --x--  ", "ÅÄÖ åäö", "日本",
               "A_b.c", "K–12 Literacy", "Straße der Lehrer", "中文标题", "O'Brien’s 5 Whys",
               "1,000 Books, 2 Readers", "Москва: школа № 5", "Ἀθῆναι", "Ærø & Łódź",
               "🙂", "&amp; entities stay", "Tiếng Việt", "'quoted'"]


def test_js_slugify_matches_the_loader(js):
    """With the published table, the form names a file as `commons new` would, in any script."""
    from practice_commons.core.content.slug import char_table, slugify

    js.evaluate("""(table) => { window.fetch = async () => ({ ok: true, text: async () => table }); }""",
                char_table())
    assert js.evaluate("() => PracticeCommonsProfile.loadSlugTable('slug-chars.txt')") is True
    assert js.evaluate("(ts) => ts.map(PracticeCommonsProfile.slugify)", SLUG_TITLES) == \
        [slugify(t) for t in SLUG_TITLES]


