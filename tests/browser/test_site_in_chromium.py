# The built site in a real browser: clean pages, linked tabs that remember Go, search, no request off loopback, a11y.
from __future__ import annotations

import re

import pytest

from tests.browser.conftest import LOOPBACK, Session, Tour, page_file, page_paths
from tests.conftest import RealSite

pytestmark = [pytest.mark.browser, pytest.mark.site]

# A tab set (pymdownx.tabbed, alternate style) whose labels include Go but do not start with it.
_LABELS = re.compile(r'<div class="tabbed-labels">(.*?)</div>', re.S)
_LABEL = re.compile(r"<label[^>]*>(.*?)</label>", re.S)


def _has_go_tab_after_another(html: str) -> bool:
    for labels in _LABELS.findall(html):
        names = [name.strip() for name in _LABEL.findall(labels)]
        if "Go" in names[1:]:
            return True
    return False


def test_every_page_loads_without_console_or_page_errors(tour: Tour, real_site: RealSite) -> None:
    assert [p.path for p in tour.pages] == page_paths(real_site.site)
    assert len(tour.pages) > 1
    if tour.recorder.errors:
        pytest.fail("\n".join(tour.recorder.errors), pytrace=False)


def test_no_request_leaves_loopback(tour: Tour) -> None:
    assert any(url.endswith("/search/search_index.json") for url in tour.recorder.requests), "requests not recorded"
    if tour.recorder.outside:
        pytest.fail(f"requests to hosts other than {LOOPBACK}:\n" + "\n".join(tour.recorder.outside), pytrace=False)


def test_images_have_alt_text_and_charts_have_labels(tour: Tour) -> None:
    missing = [f"/{p.path}: <img> without alt: {src}" for p in tour.pages for src in p.images_without_alt]
    missing += [
        f"/{p.path}: chart svg without aria-label or <title>: {s}" for p in tour.pages for s in p.charts_without_label
    ]
    if missing:
        pytest.fail("\n".join(missing), pytrace=False)


def test_copy_buttons_on_source_blocks_not_on_output_blocks(tour: Tour) -> None:
    assert sum(p.source_blocks for p in tour.pages) > 0, "no source code block on any page"
    assert sum(p.output_blocks for p in tour.pages) > 0, "no output block (class no-copy) on any page"
    wrong = [
        f"/{p.path}: {p.source_blocks_without_copy} source block(s) without a copy button"
        for p in tour.pages
        if p.source_blocks_without_copy
    ]
    wrong += [
        f"/{p.path}: {p.output_blocks_with_copy} output block(s) with a copy button"
        for p in tour.pages
        if p.output_blocks_with_copy
    ]
    if wrong:
        pytest.fail("\n".join(wrong), pytrace=False)


CHOSEN = """() => [...document.querySelectorAll('.tabbed-set')].flatMap(set => {
  const labels = [...set.querySelectorAll(':scope > .tabbed-labels > label')];
  if (!labels.some(l => l.textContent.trim() === 'Go')) return [];
  const checked = set.querySelector(':scope > input:checked');
  const label = checked && labels.find(l => l.htmlFor === checked.id);
  return [label ? label.textContent.trim() : null];
})"""


def test_choosing_go_keeps_go_chosen_on_the_next_page(session: Session, real_site: RealSite) -> None:
    site = real_site.site
    with_tabs = [path for path in page_paths(site) if _has_go_tab_after_another(page_file(site, path).read_text())]
    assert "" in with_tabs, "the home page has no linked tab set with a Go tab"
    others = [path for path in with_tabs if path not in ("", "404.html")]
    assert others, "no page other than the home page has a tab set with a Go tab: nothing to carry the choice to"

    session.open("")
    session.page.locator(".tabbed-set .tabbed-labels > label", has_text=re.compile(r"^\s*Go\s*$")).first.click()
    session.page.wait_for_function(
        "() => Object.keys(localStorage).some(k => k.endsWith('__tabs') && localStorage.getItem(k).includes('Go'))"
    )
    assert "Go" in session.page.evaluate(CHOSEN)

    session.open(others[0])
    chosen = session.page.evaluate(CHOSEN)
    assert chosen, f"/{others[0]}: no tab set with a Go tab in the browser"
    assert all(label == "Go" for label in chosen), f"/{others[0]}: tabs chosen {chosen}, expected Go everywhere"
    assert not session.recorder.errors, "\n".join(session.recorder.errors)


# Each result: where it links, whether Material lists terms it did not find, and the text it shows.
RESULTS = """() => [...document.querySelectorAll('.md-search-result__item a')].map(a => ({
  href: a.href,
  missing: a.querySelector('.md-search-result__terms del') !== null,
  text: a.textContent,
}))"""

# A result for the whole query (results update as each key is typed): under the section, every term found, shown.
FOUND = """([section, query]) => [...document.querySelectorAll('.md-search-result__item a')].some(a =>
  new URL(a.href).pathname.startsWith(`/${section}/`)
  && a.querySelector('.md-search-result__terms del') === null
  && a.textContent.includes(query))"""


@pytest.mark.parametrize(
    ("query", "section"),
    [("asyncio.gather", "python"), ("Task.WhenAll", "csharp")],
)
def test_search_finds(session: Session, query: str, section: str) -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    session.open("")
    box = session.page.locator("input.md-search__input")  # in the header at a desktop width
    box.click()
    box.press_sequentially(query)  # Material searches on key events, so type it
    try:
        session.page.wait_for_function(FOUND, arg=[section, query], timeout=30_000)
    except PlaywrightTimeout:
        results = session.page.evaluate(RESULTS)
        pytest.fail(f"{query!r}: no result under /{section}/ matching every term and showing it: {results}")
    assert not session.recorder.errors, "\n".join(session.recorder.errors)
