# Go's build cache for compiles in the sandbox: a shared cache that only trusted builds of standard-library packages
# write (warmed outside the sandbox, no contributed input), copied into each run's own folder, never written back.
from __future__ import annotations

import os
import re
import shutil
import tempfile
import threading
from collections.abc import Mapping
from pathlib import Path

from hooks.process.run import run_process
from hooks.process.sandbox import ENV_ALLOWLIST, system_tool

WARM_TIMEOUT = 600.0  # seconds for building standard packages into the shared cache (a cold machine: ~20 s)
_IMPORT_BLOCK = re.compile(r"^import\s*\(([^)]*)\)", re.MULTILINE)
_IMPORT_LINE = re.compile(r'^import\s+(?:[\w.]+\s+)?"([^"]+)"', re.MULTILINE)
_PATH = re.compile(r'"([^"]+)"')

_lock = threading.Lock()
_warmed: set[tuple[str, str, tuple[str, ...]]] = set()  # (go binary, package, build flags) warmed by this process
_std: dict[str, frozenset[str]] = {}


def shared_cache() -> Path:
    """Where the trusted cache lives: beside the build user's other caches, never visible writable to a run."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "concurrency-models" / "go-build"


def imports(source: str) -> set[str]:
    """The import paths a Go file names (its text is contributed: only standard packages are ever acted on)."""
    found = set(_IMPORT_LINE.findall(source))
    for block in _IMPORT_BLOCK.findall(source):
        found.update(_PATH.findall(block))
    return found


def compile_env(go_env: Mapping[str, str], cache: Path, home: Path) -> dict[str, str]:
    """The environment of a Go compile, the same inside the sandbox and for the trusted warm-up (the cache keys
    cover the compiler's environment, so a warm-up in another one would warm nothing)."""
    kept = {name: os.environ[name] for name in ENV_ALLOWLIST if name in os.environ}
    fixed = {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "CGO_ENABLED": "1"}
    return {**kept, **fixed, **go_env, "GOCACHE": str(cache), "HOME": str(home)}


def warm(go: str, go_env: Mapping[str, str], packages: set[str], flags: tuple[str, ...] = ()) -> None:
    """Build the standard `packages` (and runtime/cgo for `import "C"`) into the shared cache, outside the
    sandbox: nothing of the example is read but the names, and only names of standard packages are used. `flags`:
    the compile's own build flags (`-trimpath` changes every package's cache key, so it is warmed with them)."""
    std = _standard(go, go_env)
    wanted = sorted({"runtime/cgo" if p == "C" else p for p in packages} & std)
    with _lock:
        todo = [p for p in wanted if (go, p, flags) not in _warmed]
        if not todo:
            return
        cache = shared_cache()
        cache.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="cme-gowarm-") as scratch:
            env = compile_env(go_env, cache, Path(scratch))
            assigned = [f"{k}={v}" for k, v in env.items()]
            argv = [system_tool("env") or "env", "-i", *assigned, go, "build", *flags, *todo]
            done = run_process(argv, cwd=Path(scratch), timeout=WARM_TIMEOUT)
        if done.exit_code == 0:  # else: the sandboxed compile builds them itself (slower) and says what is wrong
            _warmed.update((go, p, flags) for p in todo)


def copy_into(target: Path) -> None:
    """A private copy of the shared cache for one run's compile (whatever the run writes stays there)."""
    source = shared_cache()
    if source.is_dir():
        shutil.copytree(source, target, symlinks=True, ignore_dangling_symlinks=True, dirs_exist_ok=True)
    else:
        target.mkdir(parents=True, exist_ok=True)


def _standard(go: str, go_env: Mapping[str, str]) -> frozenset[str]:
    with _lock:
        if go not in _std:
            with tempfile.TemporaryDirectory(prefix="cme-golist-") as scratch:
                env = compile_env(go_env, Path(scratch) / "cache", Path(scratch))
                argv = [system_tool("env") or "env", "-i", *(f"{k}={v}" for k, v in env.items()), go, "list", "std"]
                done = run_process(argv, cwd=Path(scratch), timeout=60)
            _std[go] = frozenset(done.stdout.decode().split()) if done.exit_code == 0 else frozenset()
        return _std[go]
