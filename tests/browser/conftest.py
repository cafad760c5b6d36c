# Browser fixtures: the built site served on loopback, Debian's Chromium via Playwright, one tour of every page.
from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn
from urllib.parse import urlsplit

import pytest

from tests.conftest import RealSite, strict_mode

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Request, Route, ViewportSize

CHROMIUM = Path("/usr/bin/chromium")
LOOPBACK = "127.0.0.1"
VIEWPORT: ViewportSize = {"width": 1280, "height": 900}  # desktop: Material shows the search box in the header

# Chromium as root in a container, and never talking to anyone but the page's own server.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--disable-sync",
    "--disable-breakpad",
    "--no-first-run",
    "--no-default-browser-check",
    "--no-pings",
    "--metrics-recording-only",
    "--safebrowsing-disable-auto-update",
    "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication,"
    "CertificateTransparencyComponentUpdater,InterestFeedContentSuggestions,DialMediaRouteProvider",
    # Any host name other than loopback fails to resolve, so nothing can leave even by mistake.
    f"--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE {LOOPBACK}",
]

# Material's JavaScript has run once its globals exist.
SETTLED = "() => typeof window.document$ !== 'undefined' && typeof window.component$ !== 'undefined'"


def _unavailable(message: str) -> NoReturn:
    """Strict mode (CI) fails when the browser stack is missing; elsewhere the browser tests are skipped."""
    if strict_mode():
        pytest.fail(f"strict mode: {message}")
    pytest.skip(message)


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    """One headless Debian Chromium for all browser tests (Playwright never downloads a browser here)."""
    if not CHROMIUM.is_file():
        _unavailable(f"{CHROMIUM} missing: install Debian's chromium (`apt-get install chromium`, or scripts/setup.sh)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable(
            "playwright missing: `pip install -e '.[dev]'` (never `playwright install`: Debian's Chromium is used)"
        )
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield launched
        finally:
            launched.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="package")
def site_url(browser: Browser, real_site: RealSite) -> Iterator[str]:
    """The real built site, served by the standard library on 127.0.0.1 and an ephemeral port."""
    handler = functools.partial(_QuietHandler, directory=str(real_site.site))
    server = http.server.ThreadingHTTPServer((LOOPBACK, 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://{LOOPBACK}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def page_paths(site: Path) -> list[str]:
    """Every HTML page of the built site, as URL paths: `python/asyncio/` for python/asyncio/index.html."""
    paths = []
    for html in sorted(site.rglob("*.html")):
        relative = html.relative_to(site).as_posix()
        paths.append(relative.removesuffix("index.html"))
    return paths


def page_file(site: Path, path: str) -> Path:
    """The HTML file behind a URL path from `page_paths`."""
    return site / path / "index.html" if path == "" or path.endswith("/") else site / path


@dataclass
class Recorder:
    """What a browser context did: every request's URL, console errors and uncaught page errors."""

    requests: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)  # requests to any host but 127.0.0.1 (all aborted)
    errors: list[str] = field(default_factory=list)
    where: str = ""  # the page being visited, to name it in errors

    def watch(self, context: BrowserContext) -> None:
        context.route("**/*", self._route)
        context.on("request", self._request)
        context.on("page", self.watch_page)

    def watch_page(self, page: Page) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"{self.where}: page error: {error}"))

    def _route(self, route: Route) -> None:
        if _is_local(route.request.url):
            route.continue_()
        else:
            self._outside(route.request.url)
            route.abort("blockedbyclient")

    def _request(self, request: Request) -> None:
        self.requests.append(request.url)
        if not _is_local(request.url):
            self._outside(request.url)

    def _outside(self, url: str) -> None:
        if url not in self.outside:
            self.outside.append(url)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(f"{self.where}: console error: {message.text} ({message.location.get('url', '')})")


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.scheme in ("http", "https", "ws") and parts.hostname == LOOPBACK


@dataclass
class Session:
    """A fresh browser context (empty localStorage) with its recorder and one page."""

    context: BrowserContext
    page: Page
    recorder: Recorder
    base: str

    def open(self, path: str) -> None:
        """Load `path` of the site and wait until Material's JavaScript has set the page up."""
        self.recorder.where = "/" + path
        response = self.page.goto(self.base + path, wait_until="load")
        assert response is not None and response.ok, f"/{path}: HTTP {response.status if response else 'no response'}"
        self.page.wait_for_function(SETTLED, timeout=30_000)


@pytest.fixture
def session(browser: Browser, site_url: str) -> Iterator[Session]:
    """A new context per test; at the end, no request may have left 127.0.0.1."""
    recorder = Recorder()
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(30_000)
    recorder.watch(context)
    page = context.new_page()
    try:
        yield Session(context, page, recorder, site_url)
    finally:
        context.close()
    assert not recorder.outside, f"requests left {LOOPBACK}: {recorder.outside}"


@dataclass
class PageFacts:
    """What the tour read from one loaded page's DOM."""

    path: str
    images_without_alt: list[str]
    charts_without_label: list[str]
    source_blocks: int
    source_blocks_without_copy: int
    output_blocks: int
    output_blocks_with_copy: int
    linked_go_tab: bool  # has a tab set with a Go tab (material links tab sets by label)


FACTS = """() => {
  const code = [...document.querySelectorAll('article pre > code')];
  // Material 9.7 puts a `button.md-code__button[data-md-type=copy]` before the code (older: `.md-clipboard`)
  const copy = c => c.parentElement.querySelector('[data-md-type="copy"], .md-clipboard') !== null;
  const source = code.filter(c => !c.closest('.no-copy'));
  const output = code.filter(c => c.closest('.no-copy'));
  const labelled = s => (s.getAttribute('aria-label') || '').trim() !== ''
    || [...s.children].some(t => t.tagName.toLowerCase() === 'title' && t.textContent.trim() !== '');
  return {
    images_without_alt: [...document.querySelectorAll('img')]
      .filter(i => (i.getAttribute('alt') || '').trim() === '').map(i => i.getAttribute('src') || i.outerHTML),
    charts_without_label: [...document.querySelectorAll('svg[role="img"]')]
      .filter(s => !labelled(s)).map(s => s.outerHTML.slice(0, 120)),
    source_blocks: source.length,
    source_blocks_without_copy: source.filter(c => !copy(c)).length,
    output_blocks: output.length,
    output_blocks_with_copy: output.filter(copy).length,
    linked_go_tab: [...document.querySelectorAll('.tabbed-set .tabbed-labels > label')]
      .some(l => l.textContent.trim() === 'Go'),
  };
}"""


@dataclass
class Tour:
    """Every page of the site loaded once in one context: the recorder and the facts read from each page."""

    recorder: Recorder
    pages: list[PageFacts]


@pytest.fixture(scope="package")
def tour(browser: Browser, site_url: str, real_site: RealSite) -> Tour:
    """Visit every HTML page of the built site once (shared by the tests that only inspect pages)."""
    recorder = Recorder()
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(30_000)
    recorder.watch(context)
    visit = Session(context, context.new_page(), recorder, site_url)
    pages = []
    try:
        for path in page_paths(real_site.site):
            visit.open(path)
            pages.append(PageFacts(path=path, **visit.page.evaluate(FACTS)))
    finally:
        context.close()
    return Tour(recorder, pages)
