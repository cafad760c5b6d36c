# The C# toolchain, with the real .NET SDK (csc through the compiler server, then `dotnet exec`).
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from hooks.engine.result import FAILED, PASSED
from hooks.process.run import StartError
from hooks.toolchains import csharp_server
from tests.conftest import require_toolchain
from tests.toolchains.contract import ToolchainContract


class TestCSharp(ToolchainContract):
    language = "csharp"
    extension = ".cs"
    comment = "//"
    error_lines = {"compile_error": 2, "runtime_error": 3}
    programs = {
        "hello": '{options}Console.WriteLine("hello from csharp");\n',
        # line 2: a type error
        "compile_error": 'Console.WriteLine("a");\nint x = "not a number";\n',
        # line 3: the throw
        "runtime_error": (
            'Console.WriteLine("about to fail");\nFail();\nstatic void Fail() => throw new InvalidOperationException("boom");\n'
        ),
        "exit_three": '{options}Console.WriteLine("leaving with 3");\nreturn 3;\n',
        "hang": '{options}Console.WriteLine("sleeping");\nThread.Sleep(Timeout.Infinite);\n',
        "unordered": (
            "{options}var tasks = Enumerable.Range(0, 4).Select(i => Task.Run(async () =>\n"
            '{\n    await Task.Delay(Random.Shared.Next(20));\n    Console.WriteLine($"worker {i} done");\n}));\n'
            "await Task.WhenAll(tasks);\n"
        ),
        "invalid_utf8": (
            "{options}using var stdout = Console.OpenStandardOutput();\n"
            "stdout.Write([(byte)'b', (byte)'a', (byte)'d', (byte)' ', 0xFF, 0xFE, (byte)'\\n']);\n"
        ),
        "flood": "{options}var line = new string('x', 1000);\nwhile (true) Console.WriteLine(line);\n",
        "orphan": (
            '{options}var child = System.Diagnostics.Process.Start("sleep", "{sleep}");\n'
            'Console.WriteLine($"parent exits, child {child.Id}");\n'
        ),
    }

    def test_a_main_that_is_never_called_fails_the_build(self, tmp_path: Path) -> None:
        """The article's C# programs declare a local Main in top-level code: CS8321, and nothing runs."""
        path = 'static void Main()\n{\n    Console.WriteLine("never printed");\n}\n'
        (tmp_path / "local_main.cs").write_text(path)
        result = self._run_file(tmp_path, "local_main.cs")
        assert result.status == FAILED
        assert "CS8321" in result.output and str(result.location) == "local_main.cs:1"

    def test_warnings_are_errors(self, tmp_path: Path) -> None:
        (tmp_path / "warning.cs").write_text("string? maybe = null;\nConsole.WriteLine(maybe.Length);\n")
        result = self._run_file(tmp_path, "warning.cs")
        assert result.status == FAILED and "CS8602" in result.output and result.line == 2

    def test_without_its_compiler_server_a_compile_still_reads_the_references(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A server that cannot start leaves each compile to run alone, in a sandbox of its own: that sandbox must
        see the session's response file (CI once lost every C# example of a build to CS2011 that way)."""

        def no_server(*args: object, **kwargs: object) -> csharp_server.Process:
            raise StartError("no server for this test")

        csharp_server.close()
        monkeypatch.setattr(csharp_server, "start", no_server)
        try:
            (tmp_path / "alone.cs").write_text('Console.WriteLine("compiled alone");\n')
            result = self._run_file(tmp_path, "alone.cs")
            assert csharp_server.session(require_toolchain("csharp")).gave_up
        finally:
            csharp_server.close()
        assert result.status == PASSED, result.output
        assert "compiled alone" in result.output

    def test_a_server_that_ends_at_once_is_started_again(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """bubblewrap can lose a race with another run's unmount and exit before the server starts: try again."""
        real, calls = csharp_server.start, []

        def first_exits(argv: list[str], **kwargs: object) -> csharp_server.Process:
            calls.append(argv)
            quick = [sys.executable, "-c", "raise SystemExit(1)"]
            return real(quick if len(calls) == 1 else argv, **kwargs)  # type: ignore[arg-type]

        csharp_server.close()
        monkeypatch.setattr(csharp_server, "start", first_exits)
        try:
            session = csharp_server.session(require_toolchain("csharp"))
            if session.sandboxed:  # started by the first compile that joins it
                session.joins(tmp_path)
            assert len(calls) == 2 and session.server_running() and not session.gave_up
        finally:
            csharp_server.close()

    def _run_file(self, tmp_path: Path, name: str):  # type: ignore[no-untyped-def]
        from hooks.engine.example import load_example
        from hooks.engine.run_example import run_example
        from hooks.engine.spec import run_spec
        from hooks.toolchains import Detected

        return run_example(example := load_example(tmp_path / name, tmp_path), Detected(), run_spec(example, 60))
