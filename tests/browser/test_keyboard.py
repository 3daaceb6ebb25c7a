"""Keyboard walkthroughs in headless Chromium: focus always visible, order logical, no trap.

A stop's focus is "visible" when the pixels around it change as it takes focus:
the walker screenshots the element (or, for Material's visually hidden radio
buttons, the label drawn in their place) focused and then blurred, and compares.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import pytest

from tests.browser.test_a11y import _archived, _fill_in, _first, search_word

pytestmark = pytest.mark.browser

# What the active element is, where it sits in the document, and the box its focus
# indicator is drawn around. A visually hidden input shows focus on a label instead
# (Material's palette switch draws it on the label right after the input).
FOCUSED = """(region) => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const all = Array.from(document.querySelectorAll('*'));
  let shown = el;
  const rect = (e) => e.getBoundingClientRect();
  if (el.matches('input') && (rect(el).width < 2 || rect(el).height < 2)) {
    const next = el.nextElementSibling;
    const cands = [next && next.matches('label') ? next : null, ...(el.labels || [])];
    shown = cands.find((c) => c && rect(c).width > 1 && rect(c).height > 1) || el;
  }
  shown.scrollIntoView({block: 'nearest', inline: 'nearest'});
  const r = rect(shown);
  // Cheap first look at the focus indicator: does any drawn property change on blur?
  const props = ['box-shadow', 'background-color', 'border-color', 'color',
                 'text-decoration-line'];
  const look = () => [el, shown].map((e) => {
    const cs = getComputedStyle(e);
    const outline = cs.outlineStyle === 'none' || parseFloat(cs.outlineWidth) === 0 ? 'none'
      : [cs.outlineStyle, cs.outlineWidth, cs.outlineColor].join(' ');
    return [outline, ...props.map((p) => cs.getPropertyValue(p))].join('|');
  }).join('||');
  // Blurring and refocusing puts a date field back on its first part, so look only the
  // first time focus arrives: further Tabs inside the same field move between its parts.
  const again = window.__pcLast === el;
  window.__pcLast = el;
  if (!again) {
    const focusedLook = look();
    el.blur();
    window.__pcStyled = focusedLook !== look();
    el.focus();
  }
  const text = (el.getAttribute('aria-label') || el.innerText || el.value || '').trim();
  return {
    index: all.indexOf(el), inside: region ? !!el.closest(region) : true,
    // A radio group is one stop, entered at either end depending on direction.
    key: el.type === 'radio' ? 'radio:' + el.name : String(all.indexOf(el)),
    styled: window.__pcStyled, again: again, mark: el.dataset.pcKb ?? null,
    desc: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
          (el.name ? '[name=' + el.name + ']' : '') + ' "' + text.slice(0, 40) + '"',
    box: {x: r.x, y: r.y, width: r.width, height: r.height},
    shown: r.width > 1 && r.height > 1 && r.bottom > 0 && r.top < innerHeight &&
           getComputedStyle(shown).visibility !== 'hidden',
    tabindex: el.tabIndex,
  };
}"""

# Every control a keyboard user should reach in the region, in document order: one
# per radio group, nothing hidden or disabled. Returns how many, and marks each.
TABBABLE = """(region) => {
  const root = document.querySelector(region);
  const sel = 'a[href], button, input, select, textarea, summary, [tabindex]';
  const seen = new Set(); const out = [];
  for (const el of root.querySelectorAll(sel)) {
    if (el.tabIndex < 0 || el.disabled || !el.checkVisibility({visibilityProperty: true})) continue;
    if (el.closest('details:not([open])') && !el.matches('details > summary')) continue;
    if (el.type === 'radio') {
      if (seen.has(el.name)) continue;
      seen.add(el.name);
    }
    out.push(el);
  }
  // Mark them in order: the walk then names each control it reaches by its mark.
  out.forEach((el, i) => { el.dataset.pcKb = String(i); });
  return out.length;
}"""


@dataclass
class Stop:
    index: int
    key: str
    desc: str
    shown: bool
    ring: bool
    inside: bool
    tabindex: int
    mark: str | None = None  # its place among the region's controls (see TABBABLE)


def focus_ring_visible(page: Any, box: dict[str, float]) -> bool:
    """Whether the area around the focused element looks different once it loses focus."""
    pad = 6
    clip = {"x": max(0, box["x"] - pad), "y": max(0, box["y"] - pad),
            "width": box["width"] + 2 * pad, "height": box["height"] + 2 * pad}
    focused = page.screenshot(clip=clip, animations="disabled")
    page.evaluate("() => { window.__pcFocused = document.activeElement;"
                  " document.activeElement.blur(); }")
    blurred = page.screenshot(clip=clip, animations="disabled")
    page.evaluate("() => window.__pcFocused.focus()")
    return focused != blurred


def tab(page: Any, region: str | None = None, key: str = "Tab") -> Stop | None:
    page.keyboard.press(key)
    info = page.evaluate(FOCUSED, region)
    if info is None:
        return None
    ring = info["styled"] or info["again"] or (
        focus_ring_visible(page, info["box"]) if info["shown"] and info["inside"] else False)
    return Stop(info["index"], info["key"], info["desc"], info["shown"], ring, info["inside"],
                info["tabindex"], info["mark"])


def problems(stops: list[Stop]) -> list[str]:
    out = []
    for s in stops:
        if not s.shown:
            out.append(f"focus on something not visible: {s.desc}")
        elif not s.ring:
            out.append(f"no visible focus indicator: {s.desc}")
        if s.tabindex > 0:
            out.append(f"positive tabindex reorders the page: {s.desc}")
    for a, b in itertools.pairwise(stops):
        if b.index <= a.index:
            out.append(f"focus goes backwards in the page: {a.desc} → {b.desc}")
    return out


def walk_page(page: Any, limit: int = 400) -> list[Stop]:
    """Tab from the top of the page until focus wraps back to the first stop."""
    stops: list[Stop] = []
    for _ in range(limit):
        stop = tab(page)
        if stop is None:  # the browser's own UI between the end and the start of the page
            if stops:
                break
            continue
        if stops and stop.index == stops[0].index:
            break
        if stops and stop.index == stops[-1].index:
            continue
        stops.append(stop)
    else:
        pytest.fail(f"focus did not come back to the start after {limit} presses of Tab: "
                    f"a keyboard trap near {stops[-1].desc}")
    return stops


def walk_region(page: Any, region: str, limit: int = 300) -> list[Stop]:
    """Tab through ``region`` from just before it until focus leaves it; fail if it never does.

    The walk starts from a focusable marker put right before the region (Chromium keeps
    tabbing from wherever focus last was, so blurring would not restart it).
    """
    page.evaluate("""(region) => {
      const r = document.querySelector(region);
      const start = document.createElement('span');
      start.tabIndex = 0; start.id = 'pc-kb-start';
      r.parentNode.insertBefore(start, r); start.focus();
    }""", region)
    stops: list[Stop] = []
    try:
        for _ in range(limit):
            stop = tab(page, region)
            if stop is None or not stop.inside:
                return stops
            if stops and stop.index == stops[-1].index:
                continue  # Tab moves between the parts of a date field: still one control
            stops.append(stop)
    finally:
        page.evaluate("() => document.getElementById('pc-kb-start').remove()")
    pytest.fail(f"focus never left {region} after {limit} presses of Tab: a keyboard trap "
                f"near {stops[-1].desc}")


def assert_region_walk(page: Any, region: str) -> list[Stop]:
    expected = [str(i) for i in range(page.evaluate(TABBABLE, region))]
    stops = walk_region(page, region)
    found = problems(stops)
    reached = [s.mark for s in stops]
    missed = [i for i in expected if i not in reached]
    names = page.evaluate("(ms) => ms.map((m) => document.querySelector("
                          "`[data-pc-kb='${m}']`).outerHTML.slice(0, 100))", missed)
    assert not found and not missed, "\n".join(
        found + [f"never reached by Tab in {region}: {n}" for n in names])
    assert reached == expected, "Tab order differs from the reading order"
    return stops


@pytest.fixture
def kb_page(browser: Any):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def test_page_chrome_is_walkable_forwards_and_backwards(kb_page, bundled_site, bundled_url):
    rel = _first(bundled_site, "profiles", lambda h: not _archived(h))
    kb_page.goto(bundled_url + rel, wait_until="load")
    stops = walk_page(kb_page)
    assert len(stops) > 20, [s.desc for s in stops]
    assert stops[0].desc.startswith("a "), stops[0]  # Material's "skip to content" link
    found = problems(stops)
    assert not found, f"/{rel}:\n" + "\n".join(found)
    # Shift+Tab from the start goes round the other way through the same stops.
    kb_page.goto(bundled_url + rel, wait_until="load")
    back: list[str] = []
    for _ in range(len(stops) + 3):
        kb_page.keyboard.press("Shift+Tab")
        info = kb_page.evaluate(FOCUSED, None)
        if info and (not back or back[-1] != info["key"]):
            back.append(info["key"])
        if len(back) == len(stops):
            break
    assert back == [s.key for s in reversed(stops)]


def test_search_facets_work_by_keyboard(kb_page, bundled_site, bundled_url):
    if not bundled_site.exists("browse/"):
        pytest.skip("no /browse/ page (issue 4)")
    kb_page.goto(bundled_url + "browse/", wait_until="load")
    kb_page.wait_for_selector("[data-pc-search]")
    region = "[data-pc-search]"
    # Type a query and submit it, then tick the first filter, all by keys.
    kb_page.evaluate("() => window.scrollTo(0, 0)")
    for _ in range(200):
        kb_page.keyboard.press("Tab")
        if kb_page.evaluate("() => document.activeElement.id === 'pc-search-q'"):
            break
    else:
        pytest.fail("Tab never reached the search field")
    kb_page.keyboard.type(search_word(bundled_site))
    kb_page.keyboard.press("Enter")
    kb_page.wait_for_selector("[data-search-results][data-state=results]")
    status = kb_page.locator("[data-pc-search] [role=status]")
    before = status.inner_text()
    for _ in range(6):
        kb_page.keyboard.press("Tab")
        if kb_page.evaluate("() => document.activeElement.type === 'checkbox'"):
            break
    assert kb_page.evaluate("() => document.activeElement.type") == "checkbox"
    kb_page.keyboard.press("Space")
    assert kb_page.evaluate("() => document.activeElement.checked") is True
    kb_page.wait_for_function(
        "(b) => document.querySelector('[data-pc-search] [role=status]').innerText !== b",
        arg=before)
    assert "?" in kb_page.url  # the state went into the address, to share
    # Every control (query, chips, filters, results) is reachable in reading order, with
    # visible focus, and Tab leaves the search at the end.
    assert_region_walk(kb_page, region)


def test_template_fill_in_form_works_by_keyboard(kb_page, bundled_site, bundled_url):
    rel = _first(bundled_site, "templates", _fill_in)
    if rel is None:
        pytest.skip("no template page with a fill-in form (issue 5)")
    kb_page.goto(bundled_url + rel, wait_until="load")
    kb_page.wait_for_selector("[data-pc-fill]:not([hidden])")
    stops = assert_region_walk(kb_page, "[data-pc-fill]")
    assert any("textarea" in s.desc or "input" in s.desc for s in stops)


def test_submit_form_works_by_keyboard(kb_page, bundled_site, bundled_url):
    if not bundled_site.exists("submit/"):
        pytest.skip("no /submit/ page (issue 6)")
    kb_page.goto(bundled_url + "submit/", wait_until="load")
    form = "#pc-submit-form"
    kb_page.wait_for_selector(f"{form}:not([hidden])")
    stops = assert_region_walk(kb_page, form)
    assert len(stops) > 10


SYNTHETIC = """<!doctype html><html lang="en"><head><title>t</title><style>
#quiet:focus { outline: none; }
</style></head><body><main id="region">
<button id="one">One</button><button id="quiet">Quiet</button>
<button id="jump" tabindex="2">Jump</button><button id="trap">Trap</button>
</main><p><a href="#x">after</a></p>
<script>
document.getElementById('trap').addEventListener('keydown', (e) => {
  if (e.key === 'Tab') { e.preventDefault(); }
});
</script></body></html>"""


def test_the_walker_reports_hidden_focus_reordering_and_traps(kb_page):
    """The checks can fail: a control without a focus indicator, a positive tabindex,
    and a control that swallows Tab are each reported."""
    kb_page.set_content(SYNTHETIC)
    kb_page.evaluate("() => document.getElementById('trap').remove()")
    with pytest.raises(AssertionError) as failed:
        assert_region_walk(kb_page, "#region")
    report = str(failed.value)
    assert 'no visible focus indicator: button#quiet "Quiet"' in report
    # tabindex="2" sends focus there before everything else on the page, not in its place.
    assert 'never reached by Tab in #region: <button id="jump" tabindex="2"' in report
    kb_page.set_content(SYNTHETIC)
    with pytest.raises(pytest.fail.Exception, match=r"focus never left #region .* a keyboard "
                                                    r"trap near button#trap"):
        walk_region(kb_page, "#region", limit=20)
