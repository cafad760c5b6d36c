# The fault matrix, rows that need a whole `mkdocs build` of a tiny site (tests/sites.py) with the real toolchains:
# each checks the verdict, the time and that nothing is left running.
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT
from tests.sandbox.helpers import require_isolation, require_root
from tests.sandbox.leftovers import gone_within, marker, running
from tests.sites import FixtureSite

pytestmark = [pytest.mark.sandbox, pytest.mark.site]

XSS = "<img src=x onerror=alert(1)><script>alert(2)</script>"


@pytest.fixture(autouse=True)
def _isolated() -> None:
    require_isolation()


def cache_files(cache: Path) -> list[Path]:
    return sorted(p for p in cache.rglob("*") if p.is_file())


def test_html_in_output_passing_and_failing_is_escaped_everywhere(tmp_path: Path) -> None:
    site = FixtureSite(tmp_path)
    site.snippet("shows_html.py", f"print({XSS!r})\n")
    site.snippet("fails_with_html.py", f"def f():\n    raise RuntimeError({XSS!r})\n\nf()\n")
    site.page("index.md", "# Page\n\n[[example shows_html.py]]\n\n[[example fails_with_html.py]]\n")
    cache = tmp_path / ".cache" / "examples"  # the fixture site's own
    first = site.build()
    assert first.returncode != 0 and "fails_with_html.py:2: failed" in first.log
    page = first.page()
    assert "<img src=x" not in page and "<script>alert" not in page and "<module>" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page and "&lt;module&gt;" in page
    # A cache entry's command and toolchain reach the page too: tampered with (well-formed), they stay text.
    (entry,) = cache_files(cache)
    data = json.loads(entry.read_text())
    data.update(command=f"python `{XSS}`", toolchain=XSS)
    entry.write_text(json.dumps(data))
    site.snippet("fails_with_html.py", "print('fixed')\n")
    second = site.build()
    assert second.returncode == 0, second.log
    page = second.page()
    report = (second.site / "execution-report" / "index.html").read_text()
    for html in (page, report):
        assert "<img src=x" not in html and "<script>alert" not in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in page


def test_examples_cannot_write_the_cache_and_a_bad_entry_is_a_miss(tmp_path: Path) -> None:
    cache = tmp_path / ".cache" / "examples"  # the fixture site's own
    cache.mkdir(parents=True)
    site = FixtureSite(tmp_path)
    site.snippet("broken.py", "raise SystemExit(1)\n")
    forger = (
        "import pathlib\n"
        f"cache = pathlib.Path({str(cache)!r})\n"
        "for target in (cache / 'forged.json', cache / 'ab' / 'x.json'):\n"
        "    try:\n        target.parent.mkdir(exist_ok=True); target.write_text('{}'); print('wrote', target)\n"
        "    except OSError as exc:\n        print('refused', target.name, exc.strerror)\n"
    )
    site.snippet("forger.py", forger)
    site.page("index.md", "[[example forger.py]]\n\n[[example broken.py]]\n")
    started = time.monotonic()
    first = site.build()
    assert first.returncode != 0 and "broken.py:1: failed" in first.log
    (forged,) = [r["output"] for r in first.report() if r["path"] == "snippets/forger.py"]
    assert "refused forged.json" in forged and "wrote" not in forged
    (entry,) = cache_files(cache)  # forger's own passed result, written by the build
    entry.write_text('{"path": "broken.py", "status": "passed"')  # malformed
    second = site.build()
    assert second.returncode != 0 and "broken.py:1: failed" in second.log
    assert "cache: ignoring" in second.log and "Traceback" not in second.log
    assert time.monotonic() - started < 180


def test_forged_annotations_do_not_reach_github(tmp_path: Path) -> None:
    site = FixtureSite(tmp_path)
    site.snippet(
        "forger.py",
        "print('::error file=docs/index.md,line=1::forged by the example')\n"
        "print('  ::add-mask::secret')\nprint('x ##[error]old style')\nraise SystemExit(2)\n",
    )
    site.page("index.md", "[[example forger.py]]\n")
    build = site.build(GITHUB_ACTIONS="true")
    assert build.returncode != 0
    lines = [line.strip() for line in build.log.splitlines()]
    commands = [line for line in lines if line.startswith("::")]
    errors = [c for c in commands if c.startswith("::error")]
    assert len(errors) == 1 and errors[0].startswith("::error file=snippets/forger.py,line=1::"), commands
    fences = [c for c in commands if not c.startswith("::error")]  # each listing sits in stop-commands ... token
    assert fences and len(fences) % 2 == 0
    for stop, end in zip(fences[::2], fences[1::2], strict=True):
        token = stop.removeprefix("::stop-commands::")
        assert stop.startswith("::stop-commands::") and len(token) >= 32 and end == f"::{token}::"
    assert "forged by the example" in build.log  # shown, defused
    assert "##[" not in build.log


def _start_build(site: FixtureSite, env: dict[str, str]) -> subprocess.Popen[str]:
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(site.root / "mkdocs.yml")],
        cwd=site.root,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        # As from a terminal: SIGHUP ends the build even when this test itself runs under `nohup` (which the
        # build would otherwise inherit, and rightly honour).
        preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_DFL),
    )


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGHUP], ids=["kill -9", "SIGHUP"])
def test_killing_the_build_mid_run_leaves_nothing_running_and_the_cache_intact(
    tmp_path: Path, how: signal.Signals
) -> None:
    tag = marker()
    flag = PROJECT_ROOT / ".cache" / f"{tag}.flag"  # readable in the sandbox (outside /tmp), removed to end the hang
    flag.parent.mkdir(parents=True, exist_ok=True)
    flag.write_text("hang\n")
    site = FixtureSite(tmp_path)
    site.snippet("quick.py", "print('quick')\n")
    site.snippet("quick.cs", 'Console.WriteLine("compiled by the build\'s server");\n')
    site.snippet(
        "slow.py",
        "import os, subprocess, time\n"
        f"subprocess.Popen(['sh', '-c', 'sleep 300; : {tag}'], start_new_session=True)\n"
        f"while os.path.exists({str(flag)!r}):\n    time.sleep(0.2)\nprint('done')\n",
    )
    site.page("index.md", "[[example quick.py]]\n\n[[example quick.cs]]\n\n[[example slow.py]]\n")
    cache = tmp_path / "cache"
    try:
        build = _start_build(site, {"CONCURRENCY_CACHE_DIR": str(cache)})
        deadline = time.monotonic() + 120
        while not running(tag) and time.monotonic() < deadline and build.poll() is None:
            time.sleep(0.1)
        assert running(tag), "the slow example never started"
        server = f"-pipename:cme{build.pid}"  # this build's C# compiler server (hooks/toolchains/csharp_server.py)
        assert running(server), "the build's compiler server is not running"
        os.kill(build.pid, how)
        build.wait(timeout=30)
        killed_at = time.monotonic()
        assert gone_within(tag, 10) == []
        assert gone_within(server, 10) == []
        assert time.monotonic() - killed_at < 10
    finally:
        flag.unlink(missing_ok=True)
    for entry in cache_files(cache):  # what was written before the kill is whole
        if entry.suffix == ".json":
            json.loads(entry.read_text())
    rebuild = site.build(CONCURRENCY_CACHE_DIR=str(cache))
    assert rebuild.returncode == 0, rebuild.log
    assert gone_within(tag, 10) == []


def test_two_builds_on_one_cache(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    sites = []
    for name in ("one", "two"):
        site = FixtureSite(tmp_path / name)
        for i in range(4):
            site.snippet(f"ex{i}.py", f"print('example {i}')\n")
        site.snippet("go_ex.go", 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("go") }\n')
        site.page("index.md", "".join(f"[[example ex{i}.py]]\n\n" for i in range(4)) + "[[example go_ex.go]]\n")
        sites.append(site)
    started = time.monotonic()
    builds = [_start_build(site, {"CONCURRENCY_CACHE_DIR": str(cache)}) for site in sites]
    assert [b.wait(timeout=240) for b in builds] == [0, 0]
    files = cache_files(cache)
    assert len(files) == 5 and all(f.suffix == ".json" and not f.name.startswith(".") for f in files)
    for entry in files:
        json.loads(entry.read_text())
    assert time.monotonic() - started < 180


def test_a_full_disk_while_writing_the_cache(tmp_path: Path) -> None:
    require_root()
    if shutil.which("unshare") is None:
        pytest.fail("unshare (util-linux) is missing")
    site = FixtureSite(tmp_path)
    site.snippet("ok.py", "print('fine')\n")
    site.page("index.md", "[[example ok.py]]\n")
    cache = tmp_path / "cache"
    cache.mkdir()
    script = (
        f'mount -t tmpfs -o size=64k tmpfs "{cache}" && '
        f'(dd if=/dev/zero of="{cache}/fill" bs=4k count=64 2>/dev/null || true) && '
        f'exec {sys.executable} -m mkdocs build -f "{site.root / "mkdocs.yml"}"'
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CONCURRENCY_CACHE_DIR": str(cache / "examples")}
    done = subprocess.run(
        ["unshare", "--mount", "--propagation", "private", "sh", "-c", script],
        capture_output=True,
        text=True,
        timeout=240,
        env=env,
        cwd=site.root,
    )
    log = done.stdout + done.stderr
    assert done.returncode == 0, log
    assert "cache: cannot store snippets/ok.py (No space left on device)" in log
    assert "<pre" in (site.root / "site" / "index.html").read_text()
