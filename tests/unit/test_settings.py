# Unit tests for hooks.common.settings: the build's switches read from the environment.
from __future__ import annotations

import math
from pathlib import Path

import pytest

from hooks.common.settings import DEFAULT_TIMEOUT, Settings, bench_cache_dir, examples_cache_dir


def test_defaults_from_an_empty_environment(tmp_path: Path) -> None:
    settings = Settings.from_env(tmp_path, {})
    assert settings.strict is False
    assert settings.timeout == DEFAULT_TIMEOUT
    assert settings.use_cache is True
    assert settings.execute is True
    assert settings.cache_dir == tmp_path
    assert settings.github_annotations is False
    assert settings.workers >= 1


def test_cache_dir_none_is_kept() -> None:
    assert Settings.from_env(None, {}).cache_dir is None


@pytest.mark.parametrize(
    "env",
    [
        {"CI": "true"},
        {"CI": "1"},
        {"CI": "TRUE"},
        {"CONCURRENCY_STRICT": "1"},
        {"CONCURRENCY_STRICT": "yes"},
        {"CONCURRENCY_STRICT": " on "},
        {"CONCURRENCY_STRICT": "1", "CI": "false"},
    ],
)
def test_strict(env: dict[str, str]) -> None:
    assert Settings.from_env(None, env).strict is True


@pytest.mark.parametrize(
    "env",
    [{}, {"CI": "false"}, {"CI": ""}, {"CONCURRENCY_STRICT": "0"}, {"CONCURRENCY_STRICT": "no", "CI": "0"}],
)
def test_not_strict(env: dict[str, str]) -> None:
    assert Settings.from_env(None, env).strict is False


@pytest.mark.parametrize(("value", "seconds"), [("5", 5.0), ("2.5", 2.5), (" 30 ", 30.0), ("", DEFAULT_TIMEOUT)])
def test_timeout_is_parsed(value: str, seconds: float) -> None:
    assert Settings.from_env(None, {"CONCURRENCY_TIMEOUT": value}).timeout == seconds


@pytest.mark.parametrize("value", ["soon", "5s", "0", "-1"])
def test_invalid_timeout_names_the_variable(value: str) -> None:
    with pytest.raises(ValueError, match="CONCURRENCY_TIMEOUT") as caught:
        Settings.from_env(None, {"CONCURRENCY_TIMEOUT": value})
    assert repr(value) in str(caught.value)


def test_nan_timeout_is_rejected() -> None:
    try:
        settings = Settings.from_env(None, {"CONCURRENCY_TIMEOUT": "nan"})
    except ValueError:
        return
    assert not math.isnan(settings.timeout)


def test_cache_switch() -> None:
    assert Settings.from_env(None, {"CONCURRENCY_CACHE": "0"}).use_cache is False
    assert Settings.from_env(None, {"CONCURRENCY_CACHE": "1"}).use_cache is True
    assert Settings.from_env(None, {}).use_cache is True


def test_execute_switch() -> None:
    assert Settings.from_env(None, {"CONCURRENCY_EXECUTE": "0"}).execute is False
    assert Settings.from_env(None, {"CONCURRENCY_EXECUTE": "1"}).execute is True
    assert Settings.from_env(None, {}).execute is True


def test_switches_are_independent() -> None:
    settings = Settings.from_env(None, {"CONCURRENCY_EXECUTE": "0"})
    assert (settings.use_cache, settings.strict) == (True, False)
    settings = Settings.from_env(None, {"CONCURRENCY_CACHE": "0"})
    assert (settings.execute, settings.strict) == (True, False)


def test_github_annotations() -> None:
    assert Settings.from_env(None, {"GITHUB_ACTIONS": "true"}).github_annotations is True
    assert Settings.from_env(None, {"GITHUB_ACTIONS": "false"}).github_annotations is False


def test_reads_os_environ_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONCURRENCY_TIMEOUT", "12")
    monkeypatch.setenv("CONCURRENCY_EXECUTE", "0")
    settings = Settings.from_env(None)
    assert settings.timeout == 12.0
    assert settings.execute is False


def test_sandbox_and_fail_fast_switches() -> None:
    assert Settings.from_env(None, {}).sandbox == "auto"
    assert Settings.from_env(None, {"CONCURRENCY_SANDBOX": "required"}).sandbox == "required"
    assert Settings.from_env(None, {}).fail_fast is True
    assert Settings.from_env(None, {"CONCURRENCY_FAIL_FAST": "0"}).fail_fast is False
    with pytest.raises(ValueError, match="CONCURRENCY_SANDBOX must be one of auto, required, off"):
        Settings.from_env(None, {"CONCURRENCY_SANDBOX": "maybe"})


def test_benchmark_switches_are_read_here_too(tmp_path: Path) -> None:
    assert Settings.from_env(None, {"CONCURRENCY_BENCH": "FULL"}).bench == "full"
    with pytest.raises(ValueError, match="CONCURRENCY_BENCH must be one of"):
        Settings.from_env(None, {"CONCURRENCY_BENCH": "fast"})
    assert bench_cache_dir(tmp_path, {}) == tmp_path / ".cache" / "benchmarks"
    assert bench_cache_dir(tmp_path, {"CONCURRENCY_CACHE_DIR": "/c/examples"}) == Path("/c/benchmarks")
    assert bench_cache_dir(tmp_path, {"CONCURRENCY_BENCH_CACHE_DIR": "/b"}) == Path("/b")
    assert bench_cache_dir(tmp_path, {"CONCURRENCY_CACHE": "0"}) is None
    assert examples_cache_dir(tmp_path, {}) == tmp_path / ".cache" / "examples"
