# What a Zensical build adds to its site: page URLs, links to the pages made here, the raw-marker check, the key.
from __future__ import annotations

import json
from pathlib import Path

from hooks.site.markdown_ext import _zensical_config_file, prepare, read_options
from hooks.site.publish import Published, _stable, page_url, raw_markers


def test_page_urls_are_directory_urls() -> None:
    assert page_url("index.md") == ""
    assert page_url("go/index.md") == "go/"
    assert page_url("go/goroutines.md") == "go/goroutines/"
    assert page_url("benchmarks/analysis.ipynb") == "benchmarks/analysis/"


def test_raw_markers_are_found_outside_code_only(tmp_path: Path) -> None:
    site, docs = tmp_path / "site", tmp_path / "docs"
    (site / "go" / "select").mkdir(parents=True)
    docs.joinpath("go").mkdir(parents=True)
    (site / "index.html").write_text("<p>The syntax: <code>[[example go/x.go]]</code></p><pre>[[example a.py]]</pre>")
    assert list(raw_markers(site)) == []
    (docs / "go" / "select.md").write_text("# select\n\nText.\n\n[[example go/select.go]]\n")
    (site / "go" / "select" / "index.html").write_text("<p>[[example go/select.go]]</p>")
    assert list(raw_markers(site)) == [("docs/go/select.md", 5)]


def test_links_to_a_page_made_here_point_at_it(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "go" / "select").mkdir(parents=True)
    links = '<a href="./execution-report.md">r</a> <a href="benchmarks/analysis.ipynb#x">n</a>'
    (site / "index.html").write_text(links)
    (site / "go" / "select" / "index.html").write_text('<a href="../../benchmarks/analysis.ipynb">n</a>')
    published = Published(pages={"execution-report.md": "<p>report</p>", "benchmarks/analysis.ipynb": "<p>nb</p>"})
    published.write(site)
    assert (site / "execution-report" / "index.html").read_text() == "<p>report</p>"
    pointed = '<a href="execution-report/">r</a> <a href="benchmarks/analysis/#x">n</a>'
    assert (site / "index.html").read_text() == pointed
    assert (site / "go" / "select" / "index.html").read_text() == '<a href="../../benchmarks/analysis/">n</a>'


def test_the_key_ignores_per_build_figures_only() -> None:
    one = json.dumps({"generated_at": "2026-01-01", "results": [{"median": 1.0}], "machine": {"load_average": 3}})
    two = json.dumps({"generated_at": "2026-02-02", "results": [{"median": 1.0}], "machine": {"load_average": 9}})
    assert _stable(one) == _stable(two)
    assert _stable(one) != _stable(one.replace("1.0", "1.5"))


def test_outside_zensical_prepare_does_nothing() -> None:
    assert _zensical_config_file(None) is None
    assert prepare() == ""


def test_read_options_resolves_env_and_ignores_other_tags(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        'site_name: x\nrepo_url: !ENV [NO_SUCH_VARIABLE_HERE, "https://example.org/r"]\n'
        "markdown_extensions:\n  - admonition\n  - m: { key: !!python/object/apply:os.getpid [] }\n"
    )
    options = read_options(config)
    assert options["repo_url"] == "https://example.org/r"
    assert options["markdown_extensions"] == ["admonition", {"m": {"key": None}}]
