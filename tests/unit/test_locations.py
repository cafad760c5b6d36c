# Unit tests for hooks.common.locations.source_line with each toolchain's position pattern.
from __future__ import annotations

import time

from hooks.common.locations import source_line
from hooks.toolchains import TOOLCHAINS

GO = TOOLCHAINS["go"]
CS = TOOLCHAINS["csharp"]
PY = TOOLCHAINS["python"]
EX = TOOLCHAINS["elixir"]


def test_go_compile_error() -> None:
    output = "# command-line-arguments\n./main.go:12:3: undefined: x\n./main.go:14:2: y declared and not used\n"
    assert source_line(output, "main.go", GO.position, GO.last_position_wins) == (
        12,
        "./main.go:12:3: undefined: x",
    )


def test_go_panic_ignores_runtime_files() -> None:
    output = (
        "panic: boom\n\ngoroutine 1 [running]:\nruntime.gopanic()\n"
        "\t/usr/lib/go/src/runtime/panic.go:770 +0x132\n"
        "main.main()\n\tmain.go:9 +0x1d\nexit status 2\n"
    )
    assert source_line(output, "main.go", GO.position, GO.last_position_wins) == (9, "main.go:9 +0x1d")


def test_csharp_compiler_error() -> None:
    output = "Program.cs(12,3): error CS0103: The name 'x' does not exist in the current context\n"
    assert source_line(output, "Program.cs", CS.position, CS.last_position_wins) == (
        12,
        "Program.cs(12,3): error CS0103: The name 'x' does not exist in the current context",
    )


def test_csharp_error_in_another_file_is_ignored() -> None:
    output = "Other.cs(3,1): error CS1002: ; expected\nProgram.cs(20,5): error CS1002: ; expected\n"
    found = source_line(output, "Program.cs", CS.position, CS.last_position_wins)
    assert found is not None and found[0] == 20


def test_python_traceback_last_frame_wins() -> None:
    output = (
        "Traceback (most recent call last):\n"
        '  File "/tmp/cme-example-x/demo.py", line 20, in <module>\n'
        "    main()\n"
        '  File "/tmp/cme-example-x/demo.py", line 14, in main\n'
        "    worker()\n"
        '  File "demo.py", line 7, in worker\n'
        "    raise ValueError\n"
        '  File "/usr/lib/python3.11/threading.py", line 975, in run\n'
        "ValueError\n"
    )
    assert source_line(output, "demo.py", PY.position, PY.last_position_wins) == (
        7,
        'File "demo.py", line 7, in worker',
    )


def test_elixir_position() -> None:
    output = "** (RuntimeError) boom\n    x.exs:7: (file)\n    (elixir 1.14.0) lib/code.ex:1245: Code.require_file/2\n"
    assert source_line(output, "x.exs", EX.position, EX.last_position_wins) == (7, "x.exs:7: (file)")


def test_elixir_warning_with_path() -> None:
    output = 'warning: variable "y" is unused\n  lib/x.exs:3\n\n  /tmp/w/x.exs:5: (file)\n'
    found = source_line(output, "x.exs", EX.position, EX.last_position_wins)
    assert found == (3, "lib/x.exs:3")


def test_positions_in_other_files_are_ignored() -> None:
    output = "./other.go:3:1: nope\nhelper.exs:4: nope\nnotmain.go:5:1: nope\n"
    assert source_line(output, "main.go", GO.position, GO.last_position_wins) is None
    assert source_line(output, "x.exs", EX.position, EX.last_position_wins) is None
    assert source_line("", "main.go", GO.position, GO.last_position_wins) is None


def test_first_or_last_by_flag() -> None:
    output = "main.go:1:1: a\nmain.go:2:1: b\n"
    assert source_line(output, "main.go", GO.position, last_wins=False) == (1, "main.go:1:1: a")
    assert source_line(output, "main.go", GO.position, last_wins=True) == (2, "main.go:2:1: b")


def test_shift_positions_moves_only_positions_in_the_file_below_the_hidden_lines() -> None:
    from hooks.common.locations import shift_positions

    output = "./main.go:12:3: undefined: x\nmain.go:2 +0x1\n/usr/lib/go/src/runtime/panic.go:770 +0x132\nother.go:12\n"
    shifted = shift_positions(output, "main.go", GO.position, 8)
    assert (
        shifted
        == "./main.go:4:3: undefined: x\nmain.go:2 +0x1\n/usr/lib/go/src/runtime/panic.go:770 +0x132\nother.go:12\n"
    )
    assert shift_positions(output, "main.go", GO.position, 0) == output
    two = 'File "demo.py", line 20, in <module>\n  File "demo.py", line 9, in f\n'
    assert (
        shift_positions(two, "demo.py", PY.position, 5)
        == 'File "demo.py", line 15, in <module>\n  File "demo.py", line 4, in f\n'
    )


def test_a_huge_line_is_not_searched() -> None:
    started = time.monotonic()
    assert source_line("y" * 300_000 + "\nx.exs:3\n", "x.exs", EX.position, EX.last_position_wins) == (3, "x.exs:3")
    assert time.monotonic() - started < 5
