# Failure messages that point at the cause, with the real toolchains: the step that failed ("go build failed")
# with its first real error (not a knock-on one), Python's exception, and a fix where one is known.
from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import require_toolchain
from tests.test_cli import hooks_run


def test_a_go_compile_error_names_go_build_and_the_real_error(tmp_path: Path) -> None:
    require_toolchain("go")
    (tmp_path / "typo.go").write_text(
        'package main\n\nimport "fmt"\n\nfunc main() {\n\tcount := 3\n\tfmt.Println("count", cuont)\n}\n'
    )
    done = hooks_run("typo.go", cwd=tmp_path)
    assert done.returncode == 1
    # Go lists `declared and not used: count` (line 6) first: a knock-on of the typo on line 7.
    assert "typo.go:7: failed: go build failed: ./typo.go:7:23: undefined: cuont" in done.stdout, done.stdout
    assert "exit code 1, expected 0" not in done.stdout


def test_an_unused_import_has_its_fix(tmp_path: Path) -> None:
    require_toolchain("go")
    (tmp_path / "imports.go").write_text(
        'package main\n\nimport (\n\t"fmt"\n\t"os"\n)\n\nfunc main() { fmt.Println(1) }\n'
    )
    done = hooks_run("imports.go", cwd=tmp_path)
    assert 'imports.go:5: failed: go build failed: ./imports.go:5:2: "os" imported and not used' in done.stdout
    assert 'fix: remove the import of "os"' in done.stdout


def test_a_csharp_compile_error_names_the_compiler(tmp_path: Path) -> None:
    require_toolchain("csharp")
    (tmp_path / "bad.cs").write_text('Console.WriteLine("a");\nint x = "not a number";\n')
    done = hooks_run("bad.cs", cwd=tmp_path)
    assert "bad.cs:2: failed: csc failed: bad.cs(2,9): error CS0029:" in done.stdout, done.stdout


def test_a_python_crash_says_its_exception_and_a_missing_module_the_fix(tmp_path: Path) -> None:
    (tmp_path / "crash.py").write_text("print('start')\nraise ValueError('nope')\n")
    (tmp_path / "needs.py").write_text("import numpy\nprint(numpy.zeros(2))\n")
    done = hooks_run("crash.py", "needs.py", cwd=tmp_path)
    assert "crash.py:2: failed: exit code 1, expected 0: ValueError: nope" in done.stdout
    assert "needs.py:1: failed: exit code 1, expected 0: ModuleNotFoundError: No module named 'numpy'" in done.stdout
    assert "fix: 'numpy' is not installed at build time: examples use the standard library only" in done.stdout


def test_paths_relative_to_the_repository_or_to_snippets(tmp_path: Path) -> None:
    from tests.conftest import PROJECT_ROOT

    go = sorted((PROJECT_ROOT / "snippets" / "go").glob("*.go"))[0].name
    for given in (f"snippets/go/{go}", f"go/{go}"):
        done = hooks_run("--json", "--timeout", "0.001", given, cwd=PROJECT_ROOT)  # found, not run to the end
        assert json.loads(done.stdout)[0]["path"] == f"snippets/go/{go}", done.stderr
    missing = hooks_run("go/no_such_example.go", cwd=tmp_path)
    assert missing.returncode == 2 and "looked here, in the repository and under snippets/" in missing.stderr
