# The site as a reader meets it, in light and dark, on a 1280 px desktop and a 390 px phone: outputs that stand
# apart, numbers that start at 1, code that fits, tables that say they scroll, a report to filter, a notebook.
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest

from tests.browser.conftest import SETTLED, Recorder, Session, page_file, page_paths
from tests.conftest import RealSite

pytestmark = [pytest.mark.browser, pytest.mark.site]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme -> Material's data-md-color-scheme
FITS = 100  # columns a source may have and still fit without scrolling sideways at 1280 px


@dataclass(frozen=True)
class Look:
    scheme: str
    width: str


@pytest.fixture(params=[("light", "desktop"), ("dark", "desktop"), ("light", "phone"), ("dark", "phone")], ids=str)
def look(request: pytest.FixtureRequest) -> Look:
    scheme, width = request.param
    return Look(scheme, width)


@pytest.fixture
def reader(browser: object, site_url: str, look: Look) -> Iterator[Session]:
    """A fresh context in the palette and at the width of `look`; nothing may leave 127.0.0.1."""
    recorder = Recorder()
    viewport = DESKTOP if look.width == "desktop" else PHONE
    context = browser.new_context(viewport=viewport, color_scheme=look.scheme)  # type: ignore[attr-defined]
    context.set_default_timeout(30_000)
    recorder.watch(context)
    try:
        yield Session(context, context.new_page(), recorder, site_url)
    finally:
        context.close()
    assert not recorder.outside, recorder.outside
    assert not recorder.errors, recorder.errors


def _pages_with(real_site: RealSite, needle: str) -> list[str]:
    site = real_site.site
    return [p for p in page_paths(site) if needle in page_file(site, p).read_text(encoding="utf-8")]


def _open(reader: Session, path: str, look: Look) -> None:
    reader.open(path)
    scheme = reader.page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
    assert scheme == SCHEMES[look.scheme], f"/{path}: palette {scheme}, expected {SCHEMES[look.scheme]}"


EXAMPLES = """() => {
  const style = e => getComputedStyle(e);
  const sources = [...document.querySelectorAll('.example-source')];
  const outputs = [...document.querySelectorAll('.example-output')];
  const visible = e => e.getClientRects().length > 0;
  return {
    sources: sources.length,
    outputs: outputs.map(o => {
      const label = o.querySelector(':scope > .filename');
      const code = o.querySelector('code');
      return {
        label: label ? label.textContent.trim() : null,
        labelShown: label ? style(label).display !== 'none' && style(label).visibility !== 'hidden' : false,
        background: style(o).backgroundColor,
        border: style(o).borderLeftWidth + ' ' + style(o).borderLeftColor,
        copy: o.querySelector('[data-md-type="copy"], .md-clipboard') !== null,
        visible: visible(o),
        text: code ? code.textContent.slice(0, 40) : '',
      };
    }),
    sourceLooks: sources.map(s => ({
      background: style(s.querySelector('code')).backgroundColor,
      border: style(s).borderLeftWidth + ' ' + style(s).borderLeftColor,
    })),
    firstNumbers: sources.map(s => {
      const n = s.querySelector('.linenos');
      return n ? (n.getAttribute('data-linenos') || n.textContent).trim() : null;
    }),
    scrolling: sources.filter(visible).map(s => {
      const code = s.querySelector('pre > code');
      const longest = Math.max(...code.textContent.split('\\n').map(l => l.length));
      const title = s.querySelector('.filename')?.textContent;
      return {longest, scrolls: code.scrollWidth > code.clientWidth + 1, title};
    }),
    runs: [...document.querySelectorAll('.example-run summary')].map(s => s.textContent.replace(/\\s+/g, ' ').trim()),
  };
}"""


def test_outputs_stand_apart_sources_start_at_line_1_and_code_fits(
    reader: Session, look: Look, real_site: RealSite
) -> None:
    pages = _pages_with(real_site, "example-output")
    assert len(pages) > 10
    problems: list[str] = []
    checked_outputs = 0
    for path in pages:
        _open(reader, path, look)
        facts = reader.page.evaluate(EXAMPLES)
        source_looks = {(s["background"], s["border"]) for s in facts["sourceLooks"]}
        for output in facts["outputs"]:
            if not output["visible"]:
                continue  # in a tab not chosen, or a folded box
            checked_outputs += 1
            if output["label"] != "Output" or not output["labelShown"]:
                problems.append(f"/{path}: output without a visible 'Output' label: {output['text']!r}")
            if (output["background"], output["border"]) in source_looks:
                problems.append(f"/{path}: an output looks like a source: {output}")
            if output["copy"]:
                problems.append(f"/{path}: an output has a copy button")
        problems += [f"/{path}: a source starts at line {n}" for n in facts["firstNumbers"] if n != "1"]
        if look.width == "desktop":
            problems += [
                f"/{path}: {s['title']} ({s['longest']} columns) scrolls sideways at 1280 px"
                for s in facts["scrolling"]
                if s["scrolls"] and s["longest"] <= FITS
            ]
        problems += [f"/{path}: caption {run!r} has no command to run" for run in facts["runs"] if "Run it" not in run]
    assert checked_outputs > 20
    if problems:
        pytest.fail("\n".join(problems[:40]), pytrace=False)


def test_the_exact_command_is_one_click_away(reader: Session, look: Look, real_site: RealSite) -> None:
    _open(reader, "go/channels/", look)
    run = reader.page.locator(".example-run").first
    summary = run.locator("summary")
    assert re.fullmatch(r"Run it go run \S+\.go go\S+ · [\d.]+ s", summary.inner_text().replace("\n", " ").strip())
    exact = run.locator("dd code").first
    assert not exact.is_visible()
    summary.click()
    assert exact.is_visible() and "go build" in exact.inner_text()
    link = run.locator("dd a[href*='/blob/']")
    assert link.count() == 1
    assert re.search(r"/blob/main/snippets/go/\w+\.go$", link.get_attribute("href") or "")


TABLES = """() => [...document.querySelectorAll('article table')].map(t => {
  const wrap = t.closest('.md-typeset__scrollwrap');
  const cue = t.closest('.reader-overflows');
  const first = t.querySelector('tbody tr td:first-child');
  const hint = cue ? cue.querySelector(':scope > .reader-scroll-hint') : null;
  return {
    head: [...t.querySelectorAll('th')].slice(0, 3).map(h => h.textContent.trim()).join(' | '),
    overflows: wrap ? wrap.scrollWidth > wrap.clientWidth + 1 : false,
    cued: cue !== null && hint !== null && getComputedStyle(hint).display !== 'none',
    pinned: first ? getComputedStyle(first).position === 'sticky' : true,
  };
})"""


def test_tables_fit_or_say_they_scroll_with_the_first_column_pinned(
    reader: Session, look: Look, real_site: RealSite
) -> None:
    problems, overflowing = [], 0
    for path in _pages_with(real_site, "<table"):
        if path.startswith("execution-report") or path.endswith(".html"):
            continue
        _open(reader, path, look)
        for table in reader.page.evaluate(TABLES):
            overflowing += table["overflows"]
            if table["overflows"] and not (table["cued"] and table["pinned"]):
                problems.append(f"/{path}: table [{table['head']}] scrolls without a cue or a pinned first column")
    if look.width == "phone":
        assert overflowing > 0, "no table overflows on a phone: the check checked nothing"
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def test_the_fact_check_verdicts_can_be_reached_on_a_phone(reader: Session, look: Look) -> None:
    _open(reader, "benchmarks/fact-check/", look)
    heads = reader.page.locator("article table th", has_text=re.compile("^verdict", re.I))
    assert heads.count() > 0, "the fact check has no verdict column"
    head = heads.first
    head.scroll_into_view_if_needed()
    box = head.bounding_box()
    width = reader.page.viewport_size["width"] if reader.page.viewport_size else 0
    assert box is not None and box["x"] >= 0 and box["x"] + min(box["width"], 40) <= width


def test_the_execution_report_is_short_and_filters(reader: Session, look: Look, real_site: RealSite) -> None:
    _open(reader, "execution-report/", look)
    page = reader.page
    rows = page.locator(".report-table tbody tr")
    total = rows.count()
    assert total > 50
    height = page.evaluate("() => document.documentElement.scrollHeight")
    per_row = 75 if look.width == "desktop" else 110
    assert height < 2000 + per_row * total, f"{height} px for {total} rows"
    tallest = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('.report-table tbody td:first-child')]"
        ".map(td => td.getBoundingClientRect().height))"
    )
    assert tallest < 100, f"a path cell is {tallest} px tall (wrapped one character per line?)"
    box = page.locator(".report-filter input")
    box.fill("go/ passed")
    shown = [r for r in rows.all() if r.is_visible()]
    assert 0 < len(shown) < total
    assert all("go/" in r.inner_text() and "passed" in r.inner_text() for r in shown)
    assert page.locator(".report-filter output").inner_text() == f"{len(shown)} of {total} examples"
    box.fill("")
    assert sum(r.is_visible() for r in rows.all()) == total


def test_a_reference_navigation(reader: Session, look: Look, real_site: RealSite) -> None:
    _open(reader, "go/channels/", look)
    page = reader.page
    assert page.locator("a.md-footer__link--prev").count() == 1
    assert page.locator("a.md-footer__link--next").count() == 1
    edit = page.locator("a.md-content__button[rel='edit']")
    assert edit.count() == 1 and "/edit/main/docs/go/channels.md" in (edit.get_attribute("href") or "")
    files = page.locator(".example-run dd a[href*='/blob/main/snippets/']")
    assert files.count() == page.locator(".example-run").count() > 0

    _open(reader, "", look)
    hrefs = [urlsplit(h).path for h in page.eval_on_selector_all("article a[href]", "as => as.map(a => a.href)")]
    for wanted in ("/benchmarks/", "/benchmarks/fact-check/", "/errata/"):
        assert wanted in hrefs, f"the home page does not link to {wanted}"


def test_the_notebook_page_shows_its_outputs_and_offers_a_download(reader: Session, look: Look) -> None:
    _open(reader, "benchmarks/analysis/", look)
    page = reader.page
    outputs = page.locator(".jp-OutputArea-output")
    assert outputs.count() >= 3 and "results.json:" in outputs.first.inner_text()
    download = page.locator("a.reader-download")
    assert download.count() == 1
    href = download.get_attribute("href") or ""
    assert href.endswith("analysis.ipynb")
    response = page.request.get(href if href.startswith("http") else reader.base + "benchmarks/analysis/" + href)
    assert response.ok and '"outputs"' in response.text()
    page.wait_for_function(SETTLED)


def test_the_sitemap_lists_every_page(real_site: RealSite) -> None:
    tree = ElementTree.parse(real_site.site / "sitemap.xml")
    locations = [e.text for e in tree.iter() if e.tag.endswith("loc") and e.text]
    home = min(locations, key=len)  # site_url itself
    assert home.startswith("http") and home.endswith("/")
    listed = {loc.removeprefix(home) for loc in locations}
    pages = [p for p in page_paths(real_site.site) if not p.endswith(".html")]
    assert len(pages) > 30
    assert sorted(set(pages) - listed) == []
