# The build's switches, read from the environment (the contract names them in DESIGN.md).
from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from hooks.bench.profiles import mode_from_env

DEFAULT_TIMEOUT = 60.0


@dataclass(frozen=True)
class Settings:
    strict: bool = False  # a missing toolchain fails the build
    timeout: float = DEFAULT_TIMEOUT  # default seconds per example
    use_cache: bool = True
    execute: bool = True  # False: render sources only
    workers: int = 2
    cache_dir: Path | None = None  # None: no cache at all
    github_annotations: bool = False
    bench: str = "quick"  # CONCURRENCY_BENCH: quick | full | off (hooks/bench/profiles.py)

    @classmethod
    def from_env(cls, cache_dir: Path | None, env: Mapping[str, str] | None = None) -> Settings:
        """Read CONCURRENCY_STRICT (or CI), CONCURRENCY_TIMEOUT, CONCURRENCY_CACHE, CONCURRENCY_EXECUTE."""
        env = os.environ if env is None else env
        return cls(
            strict=_flag(env.get("CONCURRENCY_STRICT")) or _flag(env.get("CI")),
            timeout=_timeout(env.get("CONCURRENCY_TIMEOUT")),
            use_cache=env.get("CONCURRENCY_CACHE", "1") != "0",
            execute=env.get("CONCURRENCY_EXECUTE", "1") != "0",
            workers=max(1, os.cpu_count() or 1),
            cache_dir=cache_dir,
            github_annotations=env.get("GITHUB_ACTIONS") == "true",
            bench=mode_from_env(env),
        )


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true", "yes", "on")


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
