# Tiny sites built with the real `mkdocs build`: output on the page, failures that stop the build, the cache.
from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT, require_toolchain
from tests.sites import FixtureSite

pytestmark = pytest.mark.site

GOOD_PY = '# example.expect: sum = 6\nprint("sum =", sum([1, 2, 3]))\n'


@pytest.fixture
def site(tmp_path: Path) -> FixtureSite:
    return FixtureSite(tmp_path)


def test_good_example_renders_source_output_command_and_version(site: FixtureSite) -> None:
    site.snippet("good.py", GOOD_PY)
    site.page("index.md", "# Home\n\n[[example good.py]]\n")
    build = site.build()
    assert build.returncode == 0, build.log
    html = build.page()
    assert "sum = 6" in html and "python good.py" in html and "Python 3." in html
    assert "print" in html  # the source
    [entry] = build.report()
    assert entry["path"] == "snippets/good.py" and entry["status"] == "passed" and entry["cached"] is False
    assert (build.site / "execution-report" / "index.html").is_file()


def test_every_broken_example_is_listed_and_the_build_fails(site: FixtureSite) -> None:
    site.snippet("good.py", GOOD_PY)
    site.snippet("crash.py", 'print("start")\n\nraise SystemExit("bad things")\n')
    site.snippet("wrong.py", "# example.expect: 42\nprint(41)\n")
    site.page("index.md", "# Home\n\n[[example good.py]]\n\nText.\n\n[[example crash.py]]\n")
    site.page("other.md", "---\ntitle: Other\n---\n# Other\n\n[[example wrong.py]]\n")
    build = site.build()
    assert build.returncode != 0
    assert "2 broken examples" in build.log
    assert "snippets/crash.py:1: failed: exit code 1, expected 0" in build.log
    assert "shown on docs/index.md:7" in build.log
    assert "snippets/wrong.py:1: failed: output differs" in build.log and "+41" in build.log
    assert "shown on docs/other.md:6" in build.log
    statuses = {e["path"]: e["status"] for e in build.report()}
    assert statuses == {"snippets/good.py": "passed", "snippets/crash.py": "failed", "snippets/wrong.py": "failed"}


def test_second_build_is_all_cache_hits_and_an_edit_reruns_one(site: FixtureSite) -> None:
    for name in ("a", "b", "c"):
        site.snippet(f"{name}.py", f'print("{name}")\n')
    site.page("index.md", "[[example a.py]]\n\n[[example b.py]]\n\n[[example c.py]]\n")
    first = site.build()
    assert first.returncode == 0 and not any(e["cached"] for e in first.report())
    second = site.build()
    assert second.returncode == 0, second.log
    assert all(e["cached"] for e in second.report())
    assert "executing" not in second.log
    site.snippet("b.py", 'print("b, edited")\n')
    third = site.build()
    cached = {e["path"]: e["cached"] for e in third.report()}
    assert cached == {"snippets/a.py": True, "snippets/b.py": False, "snippets/c.py": True}
    assert "b, edited" in third.page()
    ignored = site.build(CONCURRENCY_CACHE="0")
    assert not any(e["cached"] for e in ignored.report())


def test_a_warm_rebuild_draws_the_timeline_from_the_cache(site: FixtureSite) -> None:
    """The timeline is part of the cached result: a rebuild that runs nothing draws the same figure."""
    site.snippet(
        "pool.py",
        "# example.shape: at most 2 of worker* busy at once\n"
        "import threading\n\nimport timeline\n\n\n"
        "def work(n):\n    with timeline.busy(f'worker {n}', 'job'):\n        sum(range(100_000))\n\n\n"
        "threads = [threading.Thread(target=work, args=(n,)) for n in (1, 2)]\n"
        "for t in threads:\n    t.start()\nfor t in threads:\n    t.join()\nprint('done')\n",
    )
    site.page("index.md", "[[example pool.py]]\n")
    first = site.build()
    assert first.returncode == 0, first.log
    drawn = re.findall(r'<svg class="timeline" data-example="snippets/pool.py" data-events="(\d+)"', first.page())
    assert drawn and int(drawn[0]) == 4  # two spans: a start and an end each
    second = site.build()
    assert second.returncode == 0 and "executing" not in second.log, second.log
    assert all(e["cached"] for e in second.report())
    assert (
        re.findall(r'<svg class="timeline" data-example="snippets/pool.py" data-events="(\d+)"', second.page()) == drawn
    )


def test_execute_off_renders_sources_and_runs_nothing(site: FixtureSite) -> None:
    site.snippet("slow.py", 'import time\ntime.sleep(30)\nprint("done")\n')
    site.page("index.md", "[[example slow.py]]\n")
    started = time.monotonic()
    build = site.build(CONCURRENCY_EXECUTE="0")
    assert build.returncode == 0, build.log
    assert time.monotonic() - started < 25
    assert [e["status"] for e in build.report()] == ["not_executed"]
    assert "CONCURRENCY_EXECUTE=0" in build.page() and "sleep" in build.page()


@pytest.mark.parametrize(
    ("page", "snippet", "expected"),
    [
        ("# Home\n\n[[exmaple good.py]]\n", GOOD_PY, "docs/index.md:3: unknown marker"),
        ("[[example missing.py]]\n", GOOD_PY, "docs/index.md:1: no such example: snippets/missing.py"),
        ("[[example good.py title=x]]\n", GOOD_PY, "docs/index.md:1: unknown marker option 'title=x'"),
        (
            "[[example good.py]]\n",
            "# example.timout: 3\nprint(1)\n",
            "snippets/good.py:1: unknown option 'example.timout'",
        ),
    ],
)
def test_declaration_errors_fail_the_build_with_their_location(
    site: FixtureSite, page: str, snippet: str, expected: str
) -> None:
    site.snippet("good.py", snippet)
    site.page("index.md", page)
    build = site.build()
    assert build.returncode != 0
    assert expected in build.log


def test_hanging_example_fails_within_its_timeout(site: FixtureSite) -> None:
    marker = f"hang_{uuid.uuid4().hex[:8]}"
    site.snippet(f"{marker}.py", 'import time\nprint("waiting", flush=True)\ntime.sleep(3600)\n')
    site.page("index.md", f"[[example {marker}.py]]\n")
    started = time.monotonic()
    build = site.build(CONCURRENCY_TIMEOUT="3")
    assert build.returncode != 0
    assert time.monotonic() - started < 3 + 15  # the timeout, plus the MkDocs build itself
    # At the line its faulthandler dump shows it blocked on (hooks/engine/stuck.py), and on the page too.
    assert f"snippets/{marker}.py:3: timeout: timed out after 3 s; process tree killed; stuck at line 3" in build.log
    assert f"current thread: &lt;module&gt; at {marker}.py:3" in build.page()
    assert not [p for p in Path("/proc").glob("[0-9]*/cmdline") if marker.encode() in _read(p)]


def test_missing_toolchain_is_a_visible_skip_or_a_strict_failure(site: FixtureSite) -> None:
    site.snippet("hello.exs", 'IO.puts("hi")\n')
    site.page("index.md", "[[example hello.exs]]\n")
    no_tools = {"PATH": "/nonexistent"}  # the build runs on sys.executable; elixir is not found
    relaxed = site.build(**no_tools)
    assert relaxed.returncode == 0, relaxed.log
    assert [e["status"] for e in relaxed.report()] == ["skipped"]
    assert "not executed: Elixir toolchain missing" in relaxed.page()
    strict = site.build(CONCURRENCY_STRICT="1", **no_tools)
    assert strict.returncode != 0
    assert "toolchain(s) missing" in strict.log and "apt-get install -y elixir" in strict.log


def test_github_actions_annotations(site: FixtureSite) -> None:
    site.snippet("bad.py", 'print("x")\nraise SystemExit(2)\n')
    site.page("index.md", "[[example bad.py]]\n")
    build = site.build(GITHUB_ACTIONS="true")
    assert "::error file=snippets/bad.py,line=1::" in build.log


def test_four_languages_render_as_linked_tabs_in_fixed_order(site: FixtureSite) -> None:
    for language in ("python", "elixir", "csharp", "go"):
        require_toolchain(language)
    site.snippet("hello/hello.go", 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hello from Go") }\n')
    site.snippet("hello/hello.cs", 'Console.WriteLine("hello from C#");\n')
    site.snippet("hello/hello.exs", 'IO.puts("hello from Elixir")\n')
    site.snippet("hello/hello.py", 'print("hello from Python")\n')
    site.page("index.md", "# Hello\n\n[[example hello]]\n")
    build = site.build()
    assert build.returncode == 0, build.log
    html = build.page()
    positions = [html.index(f">{label}</label>") for label in ("Python", "Elixir", "C#", "Go")]
    assert positions == sorted(positions)
    for label in ("Python", "Elixir", "C#", "Go"):
        assert f"hello from {label}" in html
    assert {e["language"] for e in build.report()} == {"python", "elixir", "csharp", "go"}


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


def test_serve_rebuilds_once_when_a_snippet_changes(site: FixtureSite) -> None:
    """`mkdocs serve` watches snippets/; the cache lives outside docs/, so a rebuild never loops."""
    snippet = site.snippet("live.py", 'print("first")\n')
    site.page("index.md", "[[example live.py]]\n")
    port = _free_port()
    log = site.root / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(site.root / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=site.root,
            start_new_session=True,
        )
    try:
        # Edit only once the watcher runs: it starts after the first build, just before "Serving on".
        assert _wait_for(lambda: "Serving on" in log.read_text(), 60), log.read_text()
        time.sleep(0.5)
        snippet.write_text('print("second")\n')
        assert _wait_for(lambda: log.read_text().count("Documentation built") >= 2, 60), log.read_text()
        time.sleep(4)  # a looping server would rebuild again by now
        text = log.read_text()
        assert text.count("Documentation built") == 2, text
        assert "PASSED  snippets/live.py" in text.split("Detected file changes", 1)[1]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_missing_markdown_extensions_are_named(site: FixtureSite) -> None:
    hook = PROJECT_ROOT / "hooks" / "mkdocs_entry.py"
    config = f"site_name: bare\nhooks:\n  - {hook}\nmarkdown_extensions:\n  - admonition\n"
    (site.root / "mkdocs.yml").write_text(config)
    site.snippet("good.py", GOOD_PY)
    site.page("index.md", "[[example good.py]]\n")
    build = site.build()
    assert build.returncode != 0
    assert (
        "examples need these markdown_extensions: attr_list, pymdownx.details, pymdownx.superfences, pymdownx.tabbed"
        in build.log
    )


@pytest.mark.parametrize(
    ("language", "name", "source", "line"),
    [
        ("python", "broken.py", 'print("a")\ndef broken(:\n', 2),
        ("elixir", "broken.exs", 'IO.puts("a")\nno_such_function()\n', 2),
        ("csharp", "broken.cs", 'Console.WriteLine("a");\nint x = "not a number";\n', 2),
        ("go", "broken.go", "package main\n\nfunc main() {\n\tx := 1\n}\n", 4),
    ],
)
def test_a_compile_error_in_any_language_fails_the_build_at_its_line(
    site: FixtureSite, language: str, name: str, source: str, line: int
) -> None:
    require_toolchain(language)
    site.snippet(name, source)
    site.page("index.md", f"# Broken\n\n[[example {name}]]\n")
    build = site.build()
    assert build.returncode != 0
    assert f"snippets/{name}:{line}: failed:" in build.log, build.log
    assert "shown on docs/index.md:3" in build.log


NOTEBOOK_PLUGIN = """
plugins:
  - mkdocs-jupyter:
      include: ["*.ipynb"]
      execute: false
      include_source: true
      cache_dir: {cache}
"""


def _notebook(*sources: str) -> str:
    cells = [
        {"cell_type": "code", "metadata": {}, "source": s, "outputs": [], "execution_count": None} for s in sources
    ]
    meta = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    return json.dumps({"cells": cells, "metadata": meta, "nbformat": 4, "nbformat_minor": 5})


def _notebook_site(site: FixtureSite, *sources: str) -> None:
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text() + NOTEBOOK_PLUGIN.format(cache=site.root / ".cache" / "mkdocs-jupyter"))
    site.page("index.md", "# Home\n")
    (site.root / "docs" / "data").mkdir()
    (site.root / "docs" / "data" / "input.json").write_text('{"generated_at": "now", "answer": 42}')
    (site.root / "docs" / "data" / "analysis.ipynb").write_text(_notebook(*sources))


def test_a_notebook_runs_once_and_is_rendered_with_its_outputs_and_a_download(site: FixtureSite) -> None:
    _notebook_site(site, "import json\nprint('answer =', json.load(open('input.json'))['answer'])")
    first = site.build()
    assert first.returncode == 0, first.log
    assert "notebook: PASSED docs/data/analysis.ipynb" in first.log and ", cached)" not in first.log
    html = first.page("data/analysis/index.html")
    assert "answer = 42" in html  # the output of the build's own run; mkdocs-jupyter executed nothing
    downloaded = json.loads((first.site / "data" / "analysis" / "analysis.ipynb").read_text())
    assert "answer = 42" in json.dumps(downloaded["cells"][0]["outputs"])  # the download has its outputs

    warm = site.build()
    assert warm.returncode == 0, warm.log
    assert ", cached)" in warm.log  # no kernel started: the executed notebook came from the cache
    (site.root / "docs" / "data" / "input.json").write_text('{"generated_at": "later", "answer": 42}')
    assert ", cached)" in site.build().log  # a per-build field is not content
    (site.root / "docs" / "data" / "input.json").write_text('{"generated_at": "later", "answer": 43}')
    changed = site.build()
    assert ", cached)" not in changed.log and "answer = 43" in changed.page("data/analysis/index.html")


def test_a_failing_notebook_cell_fails_the_build_naming_the_notebook(site: FixtureSite) -> None:
    _notebook_site(site, "raise ValueError('no data')")
    build = site.build()
    assert build.returncode != 0
    assert "docs/data/analysis.ipynb:1: failed: a cell failed" in build.log
    assert "ValueError" in build.log
