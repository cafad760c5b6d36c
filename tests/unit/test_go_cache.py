# Unit tests for hooks.toolchains.go_cache.warm: the shared cache is warmed with the compile's own build flags.
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from hooks.process.run import ProcessResult
from hooks.toolchains import go_cache


def test_warming_uses_the_compiles_flags_so_a_trimpath_build_hits_the_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    ran: list[list[str]] = []

    def run(argv: list[str], **_: Any) -> ProcessResult:
        ran.append(list(argv))
        return ProcessResult(exit_code=0, output=b"", seconds=0.0)

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(go_cache, "run_process", run)
    monkeypatch.setattr(go_cache, "_std", {"/bin/go-test": frozenset({"fmt", "sync"})})
    monkeypatch.setattr(go_cache, "_warmed", set())
    go_cache.warm("/bin/go-test", {}, {"fmt", "example.com/x"})
    go_cache.warm("/bin/go-test", {}, {"fmt", "sync"}, ("-trimpath",))
    go_cache.warm("/bin/go-test", {}, {"fmt"}, ("-trimpath",))  # warmed already with these flags: nothing runs
    builds = [argv[argv.index("/bin/go-test") + 1 :] for argv in ran]
    assert builds == [["build", "fmt"], ["build", "-trimpath", "fmt", "sync"]]
