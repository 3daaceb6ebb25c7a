"""Driving the site search in Chromium: run a query and read the ranked results."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

STATUS_DONE = ("() => { const s = document.querySelector('.pc-search__status');"
               " const f = document.querySelector('.pc-finder--searching');"
               " return f && s && s.textContent && !/Loading/.test(s.textContent); }")


def results(page, base: str) -> list[str]:
    """Site-relative paths of the results, in rank order (the data-search-results hook)."""
    hrefs = page.locator("[data-search-results] > li h3 a").evaluate_all(
        "as => as.map(a => a.href)")
    root = urlsplit(base).path
    return [urlsplit(h).path.removeprefix(root) for h in hrefs]


def search(page, base: str, query: str) -> list[str]:
    """Open browse/ with ?query= (what the header box does) and wait for the results."""
    page.goto(base + "browse/?query=" + quote(query))
    page.wait_for_function(STATUS_DONE, timeout=10_000)
    page.wait_for_selector("[data-search-results][data-state=results]", timeout=10_000)
    return results(page, base)


def chips(page) -> list[str]:
    return [t.strip().rstrip("×").strip() for t in
            page.locator(".pc-chips__list .pc-chip__text").all_text_contents()]


def track(page) -> list[str]:
    """Paths the page fetches from now on."""
    seen: list[str] = []
    page.on("request", lambda r: seen.append(urlsplit(r.url).path))
    return seen
