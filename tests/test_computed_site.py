# Pages that compute themselves: markdown-exec blocks calling hooks.site.computed, in a real `mkdocs build`.
from __future__ import annotations

from pathlib import Path

import pytest

from tests.sites import FixtureSite

pytestmark = pytest.mark.site

PLUGINS = "plugins:\n  - markdown-exec:\n      languages: [python]\n"
ORIGINAL = "# example.original-of: fixed.py\n# example.exit-code: 1\n# example.match: NameError\nprint(urls)\n"
FIXED = "# example.erratum: the article used an undefined name\nprint('fixed')\n"
BLOCK = '```python exec="on"\nfrom hooks.site.computed import {name}\n\nprint({name}())\n```\n'


@pytest.fixture
def site(tmp_path: Path) -> FixtureSite:
    fixture = FixtureSite(tmp_path)
    config = fixture.root / "mkdocs.yml"
    config.write_text(config.read_text() + PLUGINS)
    return fixture


def test_computed_pages_list_errata_with_evidence_toolchains_and_the_tree(site: FixtureSite) -> None:
    site.snippet("fixed.py", FIXED)
    site.snippet("errata/fixed.py", ORIGINAL)
    site.page("index.md", "# Fixed\n\n[[example fixed.py]]\n\n[[example errata/fixed.py]]\n")
    site.page("errata.md", "# Errata\n\n" + BLOCK.format(name="errata_table"))
    site.page("tree.md", "# Tree\n\n" + BLOCK.format(name="snippet_tree"))
    site.page("tools.md", "# Tools\n\n" + BLOCK.format(name="toolchain_table"))
    build = site.build()
    assert build.returncode == 0, build.log
    errata = build.page("errata/index.html")
    assert "the article used an undefined name" in errata
    assert "it fails with exit code 1: <code>NameError: name 'urls' is not defined</code>" in errata
    assert '<a href="../">Fixed</a>' in errata
    assert "errata/" in build.page("tree/index.html") and "fixed.py</code>: Python, passed" in build.page(
        "tree/index.html"
    )
    assert "Python 3." in build.page("tools/index.html")
    home = build.page()
    assert "The article's original, as printed: it fails with exit code 1" in home
    assert "Built " in home and "outside a git checkout with Python 3." in home  # the build stamp in the footer


def test_a_computed_block_that_raises_fails_the_build_at_its_line(site: FixtureSite) -> None:
    site.page("index.md", '# Home\n\nText.\n\n```python exec="on"\nprint(1 / 0)\n```\n')
    build = site.build()
    assert build.returncode != 0
    assert "docs/index.md:5: computed block failed: ZeroDivisionError: division by zero" in build.log


def test_an_original_that_stops_failing_fails_the_build(site: FixtureSite) -> None:
    site.snippet("fixed.py", FIXED)
    site.snippet("errata/fixed.py", ORIGINAL.replace("print(urls)", "print('now it works')"))
    site.page("index.md", "[[example fixed.py]]\n\n[[example errata/fixed.py]]\n")
    build = site.build()
    assert build.returncode != 0
    assert "snippets/errata/fixed.py" in build.log and "exit code 0, expected 1" in build.log


def test_the_pattern_matrix_links_each_version_and_a_drifting_version_fails(site: FixtureSite) -> None:
    site.snippet("patterns/count/pattern.toml", 'title = "Counting"\noutput = "unordered"\nexpect = "a\\nb\\n"\n')
    site.snippet("patterns/count/count.py", "print('b')\nprint('a')\n")
    site.page("count.md", "# Counting\n\n[[example patterns/count]]\n")
    site.page("index.md", "# Matrix\n\n" + BLOCK.format(name="pattern_matrix"))
    build = site.build()
    assert build.returncode == 0, build.log
    matrix = build.page()
    assert '<td><a href="count/">Counting</a></td>' in matrix
    assert '<a href="count/">passed (' in matrix
    assert matrix.count("<td>—</td>") == 3  # Elixir, C#, Go have no version here

    site.snippet("patterns/count/count.py", "print('a')\nprint('c')\n")
    drifted = site.build()
    assert drifted.returncode != 0
    assert "of snippets/patterns/count/pattern.toml" in drifted.log
