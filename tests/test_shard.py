# `python -m hooks run --shard I/N`: stable parts, results into the example store; the merged stores of two shards
# (copied into one folder) make a `mkdocs build` that executes nothing and publishes every result.
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hooks.engine.shard import in_shard, parse, shard_of
from tests.conftest import require_toolchain
from tests.sites import FixtureSite

NAMES = [f"python/ex{i}.py" for i in range(6)] + ["go/hello.go"]


def test_shards_are_stable_disjoint_and_complete() -> None:
    paths = [f"snippets/{name}" for name in NAMES * 3]
    for count in (1, 2, 3, 7):
        parts = [[p for p in paths if in_shard(p, (i, count))] for i in range(1, count + 1)]
        assert sorted(p for part in parts for p in part) == sorted(paths)  # every example in exactly one part
    assert shard_of("snippets/python/ex0.py", 4) == shard_of("snippets\\python\\ex0.py", 4)  # same on Windows paths
    assert shard_of("snippets/go/hello.go", 2) == 2 and shard_of("snippets/python/ex1.py", 2) == 1  # fixed forever
    assert in_shard("anything", None)


@pytest.mark.parametrize("text", ["0/2", "3/2", "1", "a/b", "1/0", "-1/2"])
def test_a_bad_shard_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="--shard must be I/N"):
        parse(text)
    assert parse(" 2/3 ") == (2, 3)


def shard(root: Path, index: int, store: Path) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONCURRENCY_")} | {
        "CONCURRENCY_CACHE_DIR": str(store)
    }
    return subprocess.Popen(
        [sys.executable, "-m", "hooks", "run", "--shard", f"{index}/2"],
        cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def test_two_shards_merged_make_a_build_that_executes_nothing(tmp_path: Path) -> None:
    require_toolchain("go")
    site = FixtureSite(tmp_path / "site")
    for name in NAMES[:-1]:
        site.snippet(name, f'# example.expect: {name}\nprint("{name}")\n')
    site.snippet("go/hello.go", 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("hello")\n}\n')
    site.page("index.md", "# Home\n\n" + "\n\n".join(f"[[example {name}]]" for name in NAMES) + "\n")
    stores = [tmp_path / "shard1", tmp_path / "shard2"]
    running = [shard(site.root, i, store) for i, store in enumerate(stores, 1)]  # two processes side by side
    outputs = [p.communicate(timeout=180) for p in running]
    ran: list[set[str]] = []
    for process, (out, err) in zip(running, outputs, strict=True):
        assert process.returncode == 0, out + err
        ran.append({line.split()[1] for line in out.splitlines() if line.startswith("PASS ")})
    assert ran[0] and ran[1] and not ran[0] & ran[1]  # each shard ran its own part
    assert ran[0] | ran[1] == {f"snippets/{name}" for name in NAMES}
    assert "shard 1/2: " in outputs[0][1] and f"results stored in {stores[0]}" in outputs[0][1]
    merged = site.root / ".cache" / "examples"  # the folder the build reads by default
    for store in stores:
        shutil.copytree(store, merged, dirs_exist_ok=True)  # merging is copying files
    build = site.build()
    assert build.returncode == 0, build.log
    assert "executing" not in build.log  # nothing ran: every result came from the merged store
    report = build.report()
    assert {e["path"] for e in report} == {f"snippets/{name}" for name in NAMES}
    assert all(e["status"] == "passed" and e["cached"] for e in report), report
    assert "snippets/python/ex3.py" in build.page()


def test_a_stored_result_serves_only_the_source_it_was_run_on(tmp_path: Path) -> None:
    site = FixtureSite(tmp_path / "site")
    site.snippet("python/a.py", 'print("a")\n')
    site.snippet("python/b.py", 'print("b")\n')
    site.page("index.md", "# Home\n\n[[example python/a.py]]\n\n[[example python/b.py]]\n")
    store = site.root / ".cache" / "examples"
    for i in (1, 2):
        done = shard(site.root, i, store)
        out, err = done.communicate(timeout=120)
        assert done.returncode == 0, out + err
    files = sorted(store.rglob("*.json"))
    entries = {json.loads(f.read_text())["path"]: f for f in files}
    a, b = entries["snippets/python/a.py"], entries["snippets/python/b.py"]
    shutil.copy(a, b)  # a's result under b's key: a forged entry for a source that was not run
    site.snippet("python/a.py", 'print("a, edited")\n')  # and a's source changed: its stored result is for another
    build = site.build()
    assert build.returncode == 0, build.log
    assert "malformed (it was not written for this key); the example runs again" in build.log
    assert "executing 2 example(s), 0 from cache" in build.log
    statuses = {e["path"]: (e["status"], e["cached"]) for e in build.report()}
    assert statuses == {"snippets/python/a.py": ("passed", False), "snippets/python/b.py": ("passed", False)}
    assert "a, edited" in build.page()
