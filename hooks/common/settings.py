# The build's switches, read from the environment and validated here, once (DESIGN.md names them).
from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DEFAULT_TIMEOUT = 60.0
BENCH_MODES = ("quick", "full", "off")  # CONCURRENCY_BENCH (profiles in hooks/bench/measure/profiles.py)
SANDBOX_MODES = ("auto", "required", "off")  # CONCURRENCY_SANDBOX (hooks/process/sandbox.py)


@dataclass(frozen=True)
class Settings:
    strict: bool = False  # a missing toolchain fails the build
    timeout: float = DEFAULT_TIMEOUT  # default seconds per example
    use_cache: bool = True
    execute: bool = True  # False: render sources only
    workers: int = 2
    cache_dir: Path | None = None  # None: no cache at all
    github_annotations: bool = False
    bench: str = "quick"  # CONCURRENCY_BENCH: quick | full | off
    sandbox: str = "auto"  # CONCURRENCY_SANDBOX: auto | required | off
    fail_fast: bool = True  # CONCURRENCY_FAIL_FAST=0: measure benchmarks even when an example failed

    @classmethod
    def from_env(cls, cache_dir: Path | None, env: Mapping[str, str] | None = None) -> Settings:
        """Every CONCURRENCY_* switch (and CI, GITHUB_ACTIONS); a bad value raises ValueError naming it."""
        env = os.environ if env is None else env
        return cls(
            strict=_flag(env.get("CONCURRENCY_STRICT")) or _flag(env.get("CI")),
            timeout=_timeout(env.get("CONCURRENCY_TIMEOUT")),
            use_cache=cache_enabled(env),
            execute=execute_enabled(env),
            workers=max(1, os.cpu_count() or 1),
            cache_dir=cache_dir,
            github_annotations=env.get("GITHUB_ACTIONS") == "true",
            bench=bench_mode(env),
            sandbox=sandbox_mode(env),
            fail_fast=(env.get("CONCURRENCY_FAIL_FAST") or "1").strip() != "0",
        )


def examples_cache_dir(root: Path, env: Mapping[str, str] | None = None) -> Path:
    """CONCURRENCY_CACHE_DIR, else <root>/.cache/examples."""
    env = os.environ if env is None else env
    return Path(env.get("CONCURRENCY_CACHE_DIR") or root / ".cache" / "examples")


def bench_cache_dir(root: Path, env: Mapping[str, str] | None = None) -> Path | None:
    """Where benchmark results live: CONCURRENCY_BENCH_CACHE_DIR, else beside the examples cache
    (CONCURRENCY_CACHE_DIR's parent)/benchmarks, else .cache/benchmarks. None when CONCURRENCY_CACHE=0."""
    env = os.environ if env is None else env
    if not cache_enabled(env):
        return None
    if env.get("CONCURRENCY_BENCH_CACHE_DIR"):
        return Path(env["CONCURRENCY_BENCH_CACHE_DIR"]).absolute()  # programs run in a folder of their own
    examples = env.get("CONCURRENCY_CACHE_DIR")
    return ((Path(examples).parent if examples else root / ".cache") / "benchmarks").absolute()


def bench_mode(env: Mapping[str, str] | None = None) -> str:
    """CONCURRENCY_BENCH: quick (default), full or off."""
    return _choice(os.environ if env is None else env, "CONCURRENCY_BENCH", BENCH_MODES, "quick")


def sandbox_mode(env: Mapping[str, str] | None = None) -> str:
    """CONCURRENCY_SANDBOX: auto (default: isolate where possible), required (fail where not), off."""
    return _choice(os.environ if env is None else env, "CONCURRENCY_SANDBOX", SANDBOX_MODES, "auto")


def execute_enabled(env: Mapping[str, str] | None = None) -> bool:
    """CONCURRENCY_EXECUTE=0 renders sources and runs nothing."""
    return (os.environ if env is None else env).get("CONCURRENCY_EXECUTE", "1") != "0"


def cache_enabled(env: Mapping[str, str] | None = None) -> bool:
    """CONCURRENCY_CACHE=0 ignores the caches."""
    return (os.environ if env is None else env).get("CONCURRENCY_CACHE", "1") != "0"


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true", "yes", "on")


def _choice(env: Mapping[str, str], name: str, choices: tuple[str, ...], default: str) -> str:
    value = (env.get(name) or default).strip().lower()
    if value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(choices)}, not {value!r}")
    return value


def _timeout(value: str | None) -> float:
    if value is None or not value.strip():
        return DEFAULT_TIMEOUT
    try:
        seconds = float(value)
    except ValueError:
        raise ValueError(f"CONCURRENCY_TIMEOUT must be a number of seconds, not {value!r}") from None
    if not math.isfinite(seconds) or seconds <= 0:
        raise ValueError(f"CONCURRENCY_TIMEOUT must be a positive number of seconds, not {value!r}")
    return seconds
