# The fault matrix, rows for what a run or a change leaves behind (links, FIFOs, endless files, deep folders,
# markup and escapes in names and output, huge lines and numbers, nested TOML): each checks the verdict, the time,
# the build's own peak memory where a file could grow it, and that nothing is left running.
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PROJECT_ROOT
from tests.sandbox.helpers import hooks_run, require_isolation, write
from tests.sandbox.leftovers import gone_within, marker
from tests.sites import FixtureSite

pytestmark = pytest.mark.sandbox

SECRET = "ghp_the_builds_own_token_0987654321"
XSS = "<img src=x onerror=alert(1)>"
PEAK_RSS_BOUND = 256 * 1024 * 1024  # the build's own Python stays far below this, whatever a run leaves


@pytest.fixture(autouse=True)
def _isolated() -> None:
    require_isolation()


@dataclass
class Measured:
    results: list[dict[str, Any]]
    seconds: float
    peak_rss: int  # bytes: the largest process among `hooks run` and what it waited for
    stdout: str
    stderr: str


def measured_run(cwd: Path, *args: str, json_output: bool = True, **env: str) -> Measured:
    """`python -m hooks run [--json] ARGS` with its peak RSS from wait4 (the build's own process, or a child of it
    if larger: the examples here use little memory, so a large figure is the build's)."""
    environment = {k: v for k, v in os.environ.items() if k != "CONCURRENCY_TIMEOUT"} | env
    out, err = cwd / f".{marker()}.out", cwd / f".{marker()}.err"
    started = time.monotonic()
    with out.open("wb") as stdout, err.open("wb") as stderr:
        argv = [sys.executable, "-m", "hooks", "run", *(["--json"] if json_output else []), *args]
        child = subprocess.Popen(argv, cwd=cwd, env=environment, stdout=stdout, stderr=stderr)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - started
    text = out.read_text(errors="replace")
    results = json.loads(text) if json_output else []
    return Measured(results, seconds, usage.ru_maxrss * 1024, text, err.read_text(errors="replace"))


TIMELINE = "# example.timeline: true\nimport os\nos.chdir(os.path.dirname(os.environ['CONCURRENCY_TIMELINE']))\n"


def test_a_symlinked_events_file_is_refused_and_its_target_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "shadow"
    secret.write_text(f"root:{SECRET}:19000:0:99999:7:::\n")
    secret.chmod(0o600)
    write(tmp_path, "link_events.py", TIMELINE + f"os.symlink({str(secret)!r}, 'timeline.events')\nprint('planted')\n")
    run = hooks_run(tmp_path, "link_events.py")
    result = run.one()
    assert result["status"] == "failed", result
    assert "the build did not read the events file: timeline.events is a symbolic link" in result["reason"]
    assert SECRET not in json.dumps(run.results) + run.stderr
    assert run.seconds < 60


def test_an_events_fifo_is_refused_at_once_and_cannot_hang_the_build(tmp_path: Path) -> None:
    write(tmp_path, "fifo_events.py", TIMELINE + "os.mkfifo('timeline.events')\nprint('planted')\n")
    run = hooks_run(tmp_path, "fifo_events.py", timeout=120)
    result = run.one()
    assert result["status"] == "failed", result
    assert "timeline.events is not a regular file (a FIFO)" in result["reason"]
    assert run.seconds < 60  # the example's own default timeout is 60 s: nothing waited on the FIFO


def test_a_two_gigabyte_sparse_events_file_costs_the_build_one_mebibyte(tmp_path: Path) -> None:
    write(
        tmp_path,
        "sparse_events.py",
        TIMELINE + "with open('timeline.events', 'wb') as f:\n    f.truncate(2 * 1024**3)\nprint('2 GB of holes')\n",
    )
    run = measured_run(tmp_path, "sparse_events.py")
    (result,) = run.results
    assert result["status"] == "failed", result
    assert "the events file is too large: 2,147,483,648 bytes after the first 0 were not read" in result["reason"]
    assert run.peak_rss < PEAK_RSS_BOUND, run.peak_rss
    assert run.seconds < 60


def test_an_endless_events_file_costs_the_build_one_mebibyte(tmp_path: Path) -> None:
    tag = marker().replace("-", "_")
    name = f"endless_{tag}.py"  # its command line is the marker
    write(
        tmp_path,
        name,
        "# example.timeout: 4\n"
        + TIMELINE
        + "import time\nline = b'start\\t1\\tmain\\t3\\twork\\n' * 4096\nwritten = 0\n"
        "with open('timeline.events', 'ab', buffering=0) as f:\n"
        "    print('writing', flush=True)\n"
        "    while True:  # never ends; 300 MiB, then it keeps the file open until it is killed\n"
        "        if written < 300 * 1024**2:\n            written += f.write(line)\n"
        "        else:\n            time.sleep(0.1)\n",
    )
    run = measured_run(tmp_path, name)
    (result,) = run.results
    assert result["status"] == "timeout", result
    assert run.peak_rss < PEAK_RSS_BOUND, run.peak_rss
    assert run.seconds < 4 + 30
    assert gone_within(tag, 5) == []


def test_a_symlinked_timeline_helper_is_refused_and_the_environment_stays_out(tmp_path: Path) -> None:
    project = tmp_path / "project"  # a copy of the engine, whose helper a change replaced with a link
    shutil.copytree(PROJECT_ROOT / "hooks", project / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(PROJECT_ROOT / "snippets" / "timeline", project / "snippets" / "timeline")
    (project / "mkdocs.yml").write_text("site_name: a copy\n")  # what makes a folder a project (common/project.py)
    (project / "snippets" / "timeline" / "timeline.py").unlink()
    (project / "snippets" / "timeline" / "timeline.py").symlink_to("/proc/self/environ")
    work = tmp_path / "work"
    write(work, "uses_helper.py", "# example.timeline: true\nimport timeline\nprint(open('timeline.py').read())\n")
    run = hooks_run(work, "uses_helper.py", PYTHONPATH=str(project), GITHUB_TOKEN=SECRET)
    result = run.one()
    assert result["status"] == "failed", result
    assert result["reason"].startswith("snippets/timeline/timeline.py: a symbolic link"), result
    assert SECRET not in json.dumps(run.results) + run.stderr
    assert run.seconds < 60


def nest(top: Path, depth: int) -> None:
    fd = os.open(top, os.O_RDONLY | os.O_DIRECTORY)
    for _ in range(depth):
        os.mkdir("d", dir_fd=fd)
        inner = os.open("d", os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
        os.close(fd)
        fd = inner
    os.close(fd)


def test_three_thousand_nested_folders_are_swept_and_later_builds_still_run(tmp_path: Path) -> None:
    scratch = tmp_path / "scratch"  # the build's TMPDIR: its run folders, and a dead build's left behind
    keep = tmp_path / "keep"
    keep.mkdir()
    (keep / "precious").write_text("keep me\n")
    stale = scratch / "cme-999999999-dead"  # no such process: a build that was killed before its cleanup
    stale.mkdir(parents=True)
    nest(stale, 3000)
    (stale / "link").symlink_to(keep)
    write(
        tmp_path,
        "deep.py",
        "import os\nfor _ in range(3000):\n    os.mkdir('d'); os.chdir('d')\nos.symlink('/', 'root')\nprint('deep')\n",
    )
    for _ in range(2):  # the second run finds what the first left (nothing), and runs as well
        run = hooks_run(tmp_path, "deep.py", TMPDIR=str(scratch))
        assert run.one()["status"] == "passed", run.results
        assert "Traceback" not in run.stderr and "RecursionError" not in run.stderr
        assert list(scratch.iterdir()) == [] and (keep / "precious").read_text() == "keep me\n"
        assert run.seconds < 90


def test_terminal_escapes_in_output_are_shown_in_the_log_never_sent(tmp_path: Path) -> None:
    write(
        tmp_path,
        "osc52.py",
        "import sys\nsys.stdout.write('\\x1b]52;c;cm0gLXJmIH4K\\x07 clipboard \\x9b2J \\u202eevil\\n')\nsys.exit(3)\n",
    )
    run = measured_run(tmp_path, "osc52.py", json_output=False)
    assert run.stdout.startswith("FAIL osc52.py"), run.stdout
    assert "␛]52;c;cm0gLXJmIH4K␇ clipboard" in run.stdout and "<U+202E>evil" in run.stdout
    assert not any(ch in run.stdout + run.stderr for ch in "\x1b\x07\x9b\u202e")
    assert run.seconds < 60


def test_a_deeply_nested_pattern_file_is_a_named_error(tmp_path: Path) -> None:
    write(tmp_path, "p/pattern.toml", 'title = "t"\nexpect = "x"\nordered = ' + "[" * 5000 + "]" * 5000 + "\n")
    write(tmp_path, "p/x.py", "print('x')\n")
    run = hooks_run(tmp_path, "p/x.py")
    result = run.one()
    assert result["status"] == "failed", result
    assert (result["path"], result["line"], result["reason"]) == (
        "p/pattern.toml",
        3,
        "invalid TOML: nested too deeply",
    )
    assert "Traceback" not in run.stderr and run.seconds < 30


# Rows that need a whole site build (the page, the cache, the snippets page).


@pytest.mark.site
def test_a_link_planted_where_the_cache_writes_is_replaced_never_written_through(tmp_path: Path) -> None:
    victim = tmp_path / "root_owned_script.sh"
    victim.write_text("#!/bin/sh\necho original\n")
    site = FixtureSite(tmp_path / "site")
    site.snippet("hello.py", "print('hello')\n")
    site.page("index.md", "# Page\n\n[[example hello.py]]\n")
    assert site.build().returncode == 0
    cache = tmp_path / "site" / ".cache" / "examples"
    (entry,) = [p for p in cache.rglob("*.json") if p.is_file()]
    entry.unlink()
    entry.symlink_to(victim)  # what a run with write access, or a change, could leave where the entry goes
    started = time.monotonic()
    second = site.build()
    assert second.returncode == 0, second.log
    assert "a symbolic link" in second.log  # the link was a miss, said in a warning; the example ran again
    assert victim.read_text() == "#!/bin/sh\necho original\n"
    assert not entry.is_symlink() and json.loads(entry.read_text())["status"] == "passed"
    assert time.monotonic() - started < 90


@pytest.mark.site
def test_markup_in_unit_names_and_file_names_stays_text(tmp_path: Path) -> None:
    site = FixtureSite(tmp_path)
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text() + "plugins:\n  - markdown-exec:\n      languages: [python]\n")
    site.snippet(  # declared to hang: its timeline is drawn without being checked first
        "hangs.py",
        "# example.hangs: true\n# example.timeout: 2\n# example.shape: at most 1 of nomatch* busy at once\n"
        "import os, time\n"
        "with open(os.environ['CONCURRENCY_TIMELINE'], 'w') as f:\n"
        "    f.write('# machine <script>alert(3)</script>\\n')\n"
        "    f.write('start\\t0\\tx<script>\\t5\\tw\\nend\\t2000000\\tx<script>\\t5\\tw\\n')\n"
        "    f.write('start\\t0\\tx</script>\\t5\\tw\\nend\\t2000000\\tx</script>\\t5\\tw\\n')\n"
        "print('hanging', flush=True)\ntime.sleep(60)\n",
    )
    site.snippet(f"a`{XSS}`.txt", "not an example\n")
    site.page("index.md", "# Page\n\n[[example hangs.py]]\n")
    site.page(
        "tree.md",
        '# Tree\n\n```python exec="on"\nfrom hooks.site.computed import snippet_tree\n\nprint(snippet_tree())\n```\n',
    )
    started = time.monotonic()
    build = site.build()
    assert build.returncode == 0, build.log
    page, tree = build.page(), build.page("tree/index.html")
    assert 'class="timeline"' in page and "does not hold" in page  # the caption names the units
    for html in (page, tree):
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "x<script>" not in html and "x</script>" not in html  # no unit name became a tag
    assert "x&lt;script&gt;" in page and "&lt;img src=x onerror=alert(1)&gt;" in tree
    assert time.monotonic() - started < 120


@pytest.mark.site
def test_a_250_kb_line_and_a_5000_digit_position_render_fast_also_from_the_cache(tmp_path: Path) -> None:
    site = FixtureSite(tmp_path)
    site.snippet("long_line.py", "print('y' * 250_000)\n")
    site.snippet(  # an option header, so positions in the output are shifted on the page
        "big_number.py",
        "# example.timeout: 30\n"
        f"print('File \"big_number.py\", line {'9' * 5000}, in <module>')\n"
        "print('File \"big_number.py\", line 3, in <module>')\n",
    )
    site.page("index.md", "# Page\n\n[[example long_line.py]]\n\n[[example big_number.py]]\n")
    for cached in (False, True):
        started = time.monotonic()
        build = site.build()
        seconds = time.monotonic() - started
        assert build.returncode == 0, build.log
        page = build.page()
        assert f"({250_000 - 1000:,} more characters on this line)" in page
        assert "9" * 900 in page and "line 2, in" in page  # the real position shifted, the huge one left alone
        assert all(r["cached"] == cached for r in build.report())
        assert seconds < 60, seconds  # was 131 s for the long line alone, and again from the cache
