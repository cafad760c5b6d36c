# Unit tests for hooks.process.sandbox: what a run is told about its isolation, and the bubblewrap command lines.
from __future__ import annotations

from pathlib import Path

import pytest

from hooks.common.errors import SetupError
from hooks.process import sandbox
from hooks.process.limits import EXAMPLE_LIMITS, TMP_BYTES


def test_describe_without_isolation_says_why() -> None:
    status = sandbox.Status("auto", None, None, ("bubblewrap is not installed",))
    assert status.describe(EXAMPLE_LIMITS) == {
        "isolation": "none",
        "cgroup": None,
        "memory_bytes": None,
        "tasks": None,
        "cpu_seconds": None,
        "seccomp": None,
        "tmp_bytes": None,
        "disk": None,
        "unavailable": "bubblewrap is not installed",
    }
    assert "WITHOUT isolation" in status.summary() and not status.complete


def test_required_fails_where_isolation_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    previous = sandbox._status
    monkeypatch.setattr(sandbox, "_detect", lambda mode: sandbox.Status(mode, None, None, ("no bwrap here",)))
    try:
        sandbox._status = None
        with pytest.raises(SetupError, match="CONCURRENCY_SANDBOX=required, but no bwrap here"):
            sandbox.configure("required")
        assert not sandbox.configure("auto").isolated
    finally:
        sandbox._status = previous


def test_contributed_command_line(tmp_path: Path) -> None:
    argv = sandbox.wrap_contributed("bwrap", ["python3", "x.py"], tmp_path / "w", [tmp_path / "w"], [], 7)
    joined = " ".join(argv)
    for flag in ("--unshare-net", "--unshare-pid", "--die-with-parent", "--new-session", "--cap-drop ALL"):
        assert flag in joined
    assert "--ro-bind / /" in joined and f"--bind {tmp_path / 'w'} {tmp_path / 'w'}" in joined
    assert "--tmpfs /tmp" in joined and "--info-fd 7" in joined
    assert argv[-2:] == ["python3", "x.py"]


def test_tool_command_line_keeps_the_host_view_but_dies_with_the_build(tmp_path: Path) -> None:
    source = tmp_path / "a.go"
    argv = sandbox.wrap_tool("bwrap", ["go", "build"], tmp_path, [source], None)
    joined = " ".join(argv)
    assert "--bind / /" in joined and f"--ro-bind {source} {source}" in joined
    assert "--unshare-pid" in joined and "--die-with-parent" in joined and "--unshare-net" not in joined
    assert "--unshare-pid" not in " ".join(sandbox.wrap_tool("bwrap", ["x"], tmp_path, [], None, own_pids=False))


def test_allowed_env_drops_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", "secret")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "secret")
    env = sandbox.allowed_env({"HOME": "/x"})
    assert "GITHUB_TOKEN" not in env and "AWS_SECRET_ACCESS_KEY" not in env
    assert env["HOME"] == "/x" and set(env) <= {*sandbox.ENV_ALLOWLIST, "HOME"}


def test_the_filter_and_size_caps_are_passed_to_bubblewrap(tmp_path: Path) -> None:
    argv = sandbox.wrap_contributed("bwrap", ["true"], tmp_path, [tmp_path], [], None, seccomp_fd=9, sized=True)
    assert argv[argv.index("--seccomp") + 1] == "9"
    at = argv.index("/tmp")
    assert argv[at - 3 : at] == ["--size", str(TMP_BYTES), "--tmpfs"]


def test_what_is_not_on_is_said() -> None:
    status = sandbox.Status("auto", "bwrap", None, (), seccomp=False, tmpfs_size=True, weaker=("the seccomp filter",))
    assert status.describe(EXAMPLE_LIMITS)["seccomp"] is False
    assert "the seccomp filter" in status.describe(EXAMPLE_LIMITS)["unavailable"]
