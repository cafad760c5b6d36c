# `python -m hooks run --update`: expectations written from real runs round-trip (an example, a pattern), the
# order-only change proposes `unordered`, and what cannot be written is said, with the file untouched.
from __future__ import annotations

import tomllib
from pathlib import Path

from tests.conftest import require_toolchain
from tests.test_cli import hooks_run

GO_THREE_LINES = (
    '// Prints three lines.\npackage main\n\nimport "fmt"\n\n'
    'func main() {\n\tfor i := 0; i < 3; i++ {\n\t\tfmt.Println("line", i*STEP)\n\t}\n}\n'
)


def test_update_writes_an_examples_expect_lines_and_the_run_then_passes(tmp_path: Path) -> None:
    require_toolchain("go")
    source = tmp_path / "three.go"
    source.write_text(GO_THREE_LINES.replace("STEP", "1"))
    first = hooks_run("--update", "three.go", cwd=tmp_path)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "UPDATED three.go: wrote 3 `example.expect` line(s)" in first.stdout
    assert source.read_text().startswith(
        "// example.expect: line 0\n// example.expect: line 1\n// example.expect: line 2\n// Prints three lines.\n"
    )
    source.write_text(source.read_text().replace("i*1", "i*2"))  # the program changes: the expectation is stale
    stale = hooks_run("three.go", cwd=tmp_path)
    assert stale.returncode == 1
    # The differing line, at its own `example.expect` line (2, not the first), and the fix.
    assert "three.go:2: failed: output differs from the expected output at line 2: 'line 2', expected 'line 1'" in (
        stale.stdout
    )
    assert "`python -m hooks run --update three.go`" in stale.stdout
    again = hooks_run("--update", "three.go", cwd=tmp_path)
    assert again.returncode == 0 and "PASS three.go" in again.stdout, again.stdout
    assert source.read_text().count("// example.expect:") == 3 and "// example.expect: line 4\n" in source.read_text()
    kept = hooks_run("--update", "three.go", cwd=tmp_path)
    assert "KEPT three.go: up to date" in kept.stdout


def test_update_refuses_a_failing_run_and_leaves_the_file(tmp_path: Path) -> None:
    source = tmp_path / "crash.py"
    source.write_text("# example.expect: old\nprint('new')\nraise SystemExit(3)\n")
    done = hooks_run("--update", "crash.py", cwd=tmp_path)
    assert done.returncode == 1
    assert "KEPT crash.py: not updated: it exited with code 3, expected 0: fix that first" in done.stdout
    assert source.read_text().startswith("# example.expect: old\n")


def test_repeat_that_sees_only_the_order_change_declares_unordered(tmp_path: Path) -> None:
    source = tmp_path / "shuffled.py"
    source.write_text(
        "#!/usr/bin/env python3\n# Four lines in a random order (24 orders: 6 runs all alike is one in 8 million).\n"
        "import random\n\nlines = ['a', 'b', 'c', 'd']\nrandom.SystemRandom().shuffle(lines)\n"
        "print(*lines, sep='\\n')\n"
    )
    done = hooks_run("--update", "--repeat", "6", "shuffled.py", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "declared `example.output: unordered`" in done.stdout
    text = source.read_text()
    assert text.startswith("#!/usr/bin/env python3\n# example.expect: ")  # below the #! line
    assert text.count("# example.expect: ") == 4 and "# example.output: unordered\n" in text
    assert hooks_run("--repeat", "3", "shuffled.py", cwd=tmp_path).returncode == 0


def test_update_writes_a_patterns_toml_from_every_version(tmp_path: Path) -> None:
    require_toolchain("go")
    folder = tmp_path / "snippets" / "patterns" / "count"
    folder.mkdir(parents=True)
    toml = folder / "pattern.toml"
    toml.write_text('title = "Counting"\n# kept\nexpect = """\none\ntwo\n"""\nordered = []\n')
    (folder / "count.py").write_text("print('one')\nprint('two')\nprint('three')\n")
    (folder / "count.go").write_text(
        'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("one")\n\tfmt.Println("two")\n'
        '\tfmt.Println("three")\n}\n'
    )
    stale = hooks_run("snippets/patterns/count", cwd=tmp_path)
    assert stale.returncode == 1
    # Reported at the pattern.toml line of the expectation that differs (its 3rd expected line: past the end).
    assert "of snippets/patterns/count/pattern.toml:5" in stale.stdout, stale.stdout
    done = hooks_run("--update", "patterns/count", cwd=tmp_path)  # a path under snippets/, as markers name it
    assert done.returncode == 0, done.stdout + done.stderr
    assert "UPDATED snippets/patterns/count/pattern.toml: wrote `expect` (3 line(s), from 2 version(s))" in done.stdout
    text = toml.read_text()
    assert "# kept\n" in text and tomllib.loads(text)["expect"] == "one\ntwo\nthree\n"
    assert done.stdout.count("PASS snippets/patterns/count/") == 2


def test_versions_of_a_pattern_that_disagree_are_not_written(tmp_path: Path) -> None:
    folder = tmp_path / "pat"
    folder.mkdir()
    toml = folder / "pattern.toml"
    toml.write_text('title = "Pat"\nexpect = "x"\n')
    (folder / "pat.py").write_text("print('a')\n")
    (folder / "pat2.py").write_text("print('b')\n")
    done = hooks_run("--update", "pat", cwd=tmp_path)
    assert done.returncode == 1
    assert "KEPT pat/pattern.toml: not updated: pat/pat2.py prints other lines than pat/pat.py" in done.stdout
    assert toml.read_text() == 'title = "Pat"\nexpect = "x"\n'
