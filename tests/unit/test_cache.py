# Unit tests for hooks.engine.cache: the cache key and the on-disk store of passed results.
from __future__ import annotations

import errno
import json
import logging
from dataclasses import replace
from pathlib import Path

import pytest

from hooks.engine import cache as cache_module
from hooks.engine.cache import ResultCache, cache_key
from hooks.engine.example import Example, load_example
from hooks.engine.result import FAILED, NOT_EXECUTED, PASSED, SKIPPED, TIMEOUT, Result
from hooks.engine.spec import run_spec


def make_example(directory: Path, name: str, text: str) -> Example:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return load_example(path, root=directory)


def make_result(path: str = "a.py", status: str = PASSED) -> Result:
    return Result(
        path=path,
        language="python",
        status=status,
        seconds=0.5,
        exit_code=0,
        output="hello\n",
        toolchain="Python 3.11",
        command="python a.py",
        reason=None if status == PASSED else "broken",
        line=2,
    )


BASE = "# example.expect: hi\nprint('hi')\n"


@pytest.fixture
def base_key(tmp_path: Path) -> str:
    base = make_example(tmp_path / "base", "a.py", BASE)
    return cache_key(base, "Python 3.11", run_spec(base, 60.0))


def test_key_is_stable(tmp_path: Path, base_key: str) -> None:
    again = make_example(tmp_path / "again", "a.py", BASE)
    assert cache_key(again, "Python 3.11", run_spec(again, 60.0)) == base_key
    assert len(base_key) == 64
    int(base_key, 16)


def test_key_does_not_depend_on_the_directory(tmp_path: Path, base_key: str) -> None:
    moved = make_example(tmp_path / "deep" / "er", "a.py", BASE)
    assert moved.path != (tmp_path / "base" / "a.py").resolve()
    assert cache_key(moved, "Python 3.11", run_spec(moved, 60.0)) == base_key


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("a.py", "# example.expect: hi\nprint('hi') \n"),  # source
        ("a.py", "# example.expect: hi\nprint('hi')\n\n"),  # even a trailing newline
        ("b.py", BASE),  # file name
        ("a.exs", BASE),  # language
        ("a.py", "# example.expect: hi\n# example.timeout: 5\nprint('hi')\n"),  # options: timeout
        ("a.py", "# example.expect: hi\n# example.exit-code: 1\nprint('hi')\n"),  # options: exit code
        ("a.py", "# example.expect: hi\n# example.match: h\nprint('hi')\n"),  # options: match
        ("a.py", "# example.expect: ho\nprint('hi')\n"),  # options: expect
        ("a.py", "# example.expect: hi\n# example.output: unordered\nprint('hi')\n"),  # options: output
    ],
)
def test_key_changes_with_each_input(tmp_path: Path, base_key: str, name: str, text: str) -> None:
    other = make_example(tmp_path / "other", name, text)
    assert cache_key(other, "Python 3.11", run_spec(other, 60.0)) != base_key


def test_key_changes_with_toolchain_version_and_timeout(tmp_path: Path, base_key: str) -> None:
    ex = make_example(tmp_path / "x", "a.py", BASE)
    assert cache_key(ex, "Python 3.12", run_spec(ex, 60.0)) != base_key
    assert cache_key(ex, "Python 3.11", run_spec(ex, 61.0)) != base_key


def test_key_changes_with_silent(tmp_path: Path) -> None:
    loud = make_example(tmp_path / "l", "a.py", "pass\n")
    quiet = make_example(tmp_path / "q", "a.py", "# example.silent: true\npass\n")
    assert cache_key(loud, "v", run_spec(loud, 1.0)) != cache_key(quiet, "v", run_spec(quiet, 1.0))


def test_put_get_roundtrip_marks_cached_and_uses_the_new_path(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "cache")
    result = make_result("old/a.py")
    key = "ab" + "0" * 62
    cache.put(key, result)

    found = cache.get(key, "new/a.py")
    assert found == replace(result, path="new/a.py", cached=True)
    assert found is not None and str(found.location) == "new/a.py:2"
    assert (tmp_path / "cache" / "ab" / f"{key}.json").is_file()


def test_get_missing_key_is_a_miss(tmp_path: Path) -> None:
    assert ResultCache(tmp_path / "nothing-here").get("cd" + "1" * 62, "a.py") is None


@pytest.mark.parametrize("status", [FAILED, TIMEOUT, SKIPPED, NOT_EXECUTED])
def test_only_passed_results_are_stored(tmp_path: Path, status: str) -> None:
    cache = ResultCache(tmp_path / "cache")
    key = "ef" + "2" * 62
    cache.put(key, make_result(status=status))
    assert cache.get(key, "a.py") is None
    assert not (tmp_path / "cache").exists() or not any((tmp_path / "cache").rglob("*.json"))


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"", b"[1, 2]", b"null", b'{"path": "a.py"}', b'{"unknown": 1}', b"\xff\xfe\x00"],
)
def test_corrupt_cache_file_is_a_miss(tmp_path: Path, content: bytes) -> None:
    cache = ResultCache(tmp_path / "cache")
    key = "12" + "3" * 62
    cache.put(key, make_result())
    (tmp_path / "cache" / "12" / f"{key}.json").write_bytes(content)
    assert cache.get(key, "a.py") is None


def test_put_leaves_no_temporary_files(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "cache")
    keys = [f"{i:02x}" + "4" * 62 for i in range(3)]
    for key in keys:
        cache.put(key, make_result())
    cache.put(keys[0], make_result(path="again.py"))  # overwrite
    files = sorted(p.relative_to(tmp_path / "cache").as_posix() for p in (tmp_path / "cache").rglob("*") if p.is_file())
    assert files == sorted(f"{key[:2]}/{key}.json" for key in keys)
    found = cache.get(keys[0], "x.py")
    assert found is not None and found.cached


def test_result_json_roundtrip() -> None:
    result = make_result()
    assert Result.from_json(result.to_json()) == result
    assert result.to_json()["cached"] is False


def _stored(cache_dir: Path, key: str) -> Path:
    return cache_dir / key[:2] / f"{key}.json"


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"status": "failed"}, "only passed results"),
        ({"seconds": "fast"}, "wrong type"),
        ({"exit_code": True}, "wrong type"),
        ({"seconds": -1}, "out of range"),
        ({"output": None}, "wrong type"),
        ({"toolchain": ["<script>"]}, "wrong type"),
        ({"extra": 1}, "unknown field"),
        ({"key": "0" * 64}, "not written for this key"),
    ],
)
def test_a_tampered_entry_is_a_miss_with_a_warning(
    tmp_path: Path, change: dict[str, object], why: str, caplog: pytest.LogCaptureFixture
) -> None:
    cache = ResultCache(tmp_path / "cache")
    key = "ab" + "5" * 62
    cache.put(key, make_result())
    data = json.loads(_stored(tmp_path / "cache", key).read_text())
    data.update(change)
    _stored(tmp_path / "cache", key).write_text(json.dumps(data))
    with caplog.at_level(logging.WARNING):
        assert cache.get(key, "a.py") is None
    assert why in caplog.text and key in caplog.text


def test_an_entry_copied_under_another_key_is_a_miss(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "cache")
    good, other = "cd" + "6" * 62, "cd" + "7" * 62
    cache.put(good, make_result())
    _stored(tmp_path / "cache", other).write_text(_stored(tmp_path / "cache", good).read_text())
    assert cache.get(good, "a.py") is not None
    assert cache.get(other, "a.py") is None


def test_a_full_disk_is_a_warning_not_a_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def full(path: Path, text: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(cache_module, "write_atomically", full)
    with caplog.at_level(logging.WARNING):
        ResultCache(tmp_path / "cache").put("ef" + "8" * 62, make_result())
    assert "No space left on device" in caplog.text


def test_key_changes_with_the_sandbox_and_the_declared_limits(tmp_path: Path) -> None:
    example = make_example(tmp_path / "a", "a.py", "print('x')\n")
    isolated = {"isolation": "bubblewrap", "cgroup": "v1", "memory_bytes": 1, "tasks": 2, "unavailable": None}
    bare = {"isolation": "none", "cgroup": None, "memory_bytes": None, "tasks": None, "unavailable": "no bwrap"}
    assert cache_key(example, "Python 3", replace(run_spec(example, 5.0), sandbox=isolated)) != cache_key(
        example, "Python 3", replace(run_spec(example, 5.0), sandbox=bare)
    )
    more = make_example(tmp_path / "b", "a.py", "# example.memory: 4 GiB\nprint('x')\n")
    assert cache_key(example, "Python 3", run_spec(example, 5.0)) != cache_key(more, "Python 3", run_spec(more, 5.0))


def test_a_cached_result_keeps_the_spec_it_ran_under(tmp_path: Path) -> None:
    example = make_example(tmp_path / "a", "a.py", "# example.cores: 2\n# example.memory: 4 GiB\nprint('x')\n")
    spec = run_spec(example, 5.0, machine=1)
    assert (spec.cores_wanted, spec.cores_granted, spec.limits.memory_bytes) == (2, 1, 4 * 1024**3)
    cache = ResultCache(tmp_path / "cache")
    key = cache_key(example, "Python 3", spec)
    cache.put(key, replace(make_result(), spec=spec))
    hit = cache.get(key, "a.py")
    assert hit is not None and hit.spec == spec
    broken = {**make_result().to_json(), "spec": {"timeout": "soon"}}
    with pytest.raises(ValueError, match="not a run specification"):
        Result.from_json(broken)
