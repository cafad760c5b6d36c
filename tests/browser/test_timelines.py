# Timelines in a real browser: the contract attributes, one per language tab, light and dark following the
# palette, legible on a phone; and the GIL page's threads that never overlap.
from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest

from tests.browser.conftest import LOOPBACK, SETTLED, Recorder

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = [pytest.mark.browser, pytest.mark.site]

POOL = "patterns/worker-pool/"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
MIN_FONT_PX = 11

# Everything a test needs to know about the timelines of the page, read from the DOM as the browser laid it out.
READ = """() => [...document.querySelectorAll('svg.timeline')].map(svg => {
  const box = svg.getBoundingClientRect();
  const label = svg.querySelector('text.lane-label');
  const span = svg.querySelector('rect.span');
  const texts = [...svg.querySelectorAll('text')].filter(t => t.getBoundingClientRect().width > 0);
  return {
    example: svg.getAttribute('data-example'),
    events: svg.getAttribute('data-events'),
    role: svg.getAttribute('role'),
    aria: svg.getAttribute('aria-label') || '',
    visible: box.width > 0 && box.height > 0,
    left: box.left, right: box.right, width: box.width, height: box.height,
    heightAttribute: Number(svg.getAttribute('height')),
    lanes: [...svg.querySelectorAll('g.lane')].map(g => g.getAttribute('data-unit')),
    spans: [...svg.querySelectorAll('rect.span')].map(r => [r.getAttribute('data-unit'),
      Number(r.getAttribute('data-start-ms')), Number(r.getAttribute('data-end-ms'))]),
    messages: svg.querySelectorAll('line.message').length,
    marks: svg.querySelectorAll('circle.mark').length,
    fonts: texts.map(t => parseFloat(getComputedStyle(t).fontSize)),
    textRight: Math.max(0, ...texts.map(t => t.getBoundingClientRect().right)),
    labelColor: label ? getComputedStyle(label).fill : null,
    spanColor: span ? getComputedStyle(span).fill : null,
    primary: getComputedStyle(document.body).getPropertyValue('--md-primary-fg-color').trim(),
    background: getComputedStyle(document.body).backgroundColor,
  };
})"""


def luminance(css: str) -> float:
    """Relative luminance of an `rgb(...)`/`rgba(...)` colour (alpha ignored)."""
    red, green, blue = (int(v) / 255 for v in re.findall(r"[\d.]+", css)[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def hex_to_rgb(css: str) -> str:
    value = css.lstrip("#")
    return "rgb({}, {}, {})".format(*(int(value[i : i + 2], 16) for i in (0, 2, 4)))


@pytest.fixture
def open_page(browser: Browser, site_url: str) -> Iterator[Callable[..., Page]]:
    """Open a page of the built site in a fresh context with a given colour scheme and viewport."""
    recorder = Recorder()
    contexts = []

    def opener(path: str, scheme: str = "light", viewport: Any = DESKTOP) -> Page:
        context = browser.new_context(viewport=viewport, color_scheme=scheme)
        context.set_default_timeout(30_000)
        recorder.watch(context)
        contexts.append(context)
        page = context.new_page()
        recorder.where = f"/{path} ({scheme}, {viewport['width']} px)"
        response = page.goto(site_url + path, wait_until="load")
        assert response is not None and response.ok
        page.wait_for_function(SETTLED, timeout=30_000)
        return page

    yield opener
    for context in contexts:
        context.close()
    assert not recorder.outside, f"requests left {LOOPBACK}: {recorder.outside}"
    assert not recorder.errors, "\n".join(recorder.errors)


def test_each_language_tab_has_its_timeline_with_the_contract_attributes(open_page: Callable[..., Page]) -> None:
    timelines = open_page(POOL).evaluate(READ)
    names = [t["example"] for t in timelines]
    assert names == [f"snippets/patterns/worker_pool/worker_pool.{ext}" for ext in ("py", "exs", "cs", "go")]
    for timeline in timelines:
        assert timeline["role"] == "img"
        assert timeline["aria"].startswith("Timeline of worker_pool."), timeline["aria"]
        assert f"{len(timeline['spans'])} busy spans, {timeline['messages']} messages" in timeline["aria"]
        assert len(timeline["lanes"]) == len(set(timeline["lanes"])) >= 4  # main (or feeder) and three workers
        assert {lane for lane in timeline["lanes"] if lane.startswith("worker")} == {"worker 1", "worker 2", "worker 3"}
        # every start, end, send, receipt and mark of the run is drawn: N events are exactly what is on screen
        drawn = 2 * len(timeline["spans"]) + 2 * timeline["messages"] + timeline["marks"]
        assert timeline["events"] == str(drawn)
        assert len(timeline["spans"]) == 6  # one busy span per job


def test_the_chosen_tab_shows_that_languages_timeline(open_page: Callable[..., Page]) -> None:
    page = open_page(POOL)
    visible = [t["example"] for t in page.evaluate(READ) if t["visible"]]
    assert visible == ["snippets/patterns/worker_pool/worker_pool.py"]
    page.locator(".tabbed-labels > label", has_text=re.compile(r"^Go$")).first.click()
    visible = [t["example"] for t in page.evaluate(READ) if t["visible"]]
    assert visible == ["snippets/patterns/worker_pool/worker_pool.go"]


def test_light_and_dark_follow_the_palette(open_page: Callable[..., Page]) -> None:
    seen = {}
    for scheme in ("light", "dark"):
        timeline = next(t for t in open_page(POOL, scheme).evaluate(READ) if t["visible"])
        text, background = luminance(timeline["labelColor"]), luminance(timeline["background"])
        if scheme == "light":
            assert text < background - 0.5, timeline  # dark text on a light page
        else:
            assert text > background + 0.5, timeline  # light text on a dark page
        assert timeline["spanColor"] == hex_to_rgb(timeline["primary"])  # bars in the theme's primary colour
        seen[scheme] = timeline["labelColor"]
    assert seen["light"] != seen["dark"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_legible_on_a_phone(open_page: Callable[..., Page], scheme: str) -> None:
    for path in (POOL, "concepts/gil/"):
        timeline = next(t for t in open_page(path, scheme, PHONE).evaluate(READ) if t["visible"])
        assert timeline["fonts"] and min(timeline["fonts"]) >= MIN_FONT_PX, timeline["fonts"]
        assert timeline["left"] >= 0 and timeline["right"] <= PHONE["width"], timeline  # no sideways scrolling
        assert timeline["textRight"] <= timeline["right"] + 1, timeline  # no label runs off the drawing
        assert timeline["height"] == timeline["heightAttribute"], timeline  # not squashed by the theme's CSS


def test_the_gil_page_draws_threads_that_never_overlap_and_processes(open_page: Callable[..., Page]) -> None:
    timelines = open_page("concepts/gil/").evaluate(READ)
    assert [t["example"] for t in timelines] == ["snippets/concepts/gil_timeline.py"]
    timeline = timelines[0]
    assert timeline["lanes"] == ["main", "thread 1", "thread 2", "process 1", "process 2"]
    threads = sorted((start, end) for unit, start, end in timeline["spans"] if unit.startswith("thread"))
    assert threads and all(end <= later for (_, end), (later, _) in itertools.pairwise(threads))
    processes = [span for span in timeline["spans"] if span[0].startswith("process")]
    assert {unit for unit, _, _ in processes} == {"process 1", "process 2"}
    # on one time scale: the processes ran after the threads, in the same drawing
    assert min(start for _, start, _ in processes) >= max(end for _, end in threads)
