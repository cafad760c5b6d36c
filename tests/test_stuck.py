# A timed-out example says where it was stuck: Go's SIGQUIT goroutine dump and Python's faulthandler, asked for
# before the kill, name the blocked line (not the first line after the options); Elixir says it gives no dump.
from __future__ import annotations

import json
import re
from pathlib import Path

from hooks.engine.stuck import stuck
from tests.conftest import require_toolchain
from tests.test_cli import hooks_run

GO_HANG = """\
// example.timeout: 3
package main

import (
\t"fmt"
\t"sync"
\t"time"
)

func main() {
\tvar wg sync.WaitGroup
\twg.Add(2) // one Done too few
\tgo func() { defer wg.Done(); fmt.Println("one done") }()
\tgo func() {
\t\tfor {
\t\t\ttime.Sleep(time.Second) // keeps the runtime from seeing a deadlock
\t\t}
\t}()
\twg.Wait()
\tfmt.Println("never")
}
"""

PY_HANG = """\
# example.timeout: 3
import threading

lock = threading.Lock()


def work():
    with lock:
        print("worker got it")


lock.acquire()
print("main holds the lock")
worker = threading.Thread(target=work)
worker.start()
worker.join()
"""


def test_a_hanging_go_example_names_the_blocked_line(tmp_path: Path) -> None:
    require_toolchain("go")
    (tmp_path / "hang.go").write_text(GO_HANG)
    done = hooks_run("hang.go", cwd=tmp_path)
    assert done.returncode == 1 and done.stdout.startswith("TIMEOUT hang.go (go, ")
    assert "hang.go:19: timeout: timed out after 3 s; process tree killed; stuck at line 19" in done.stdout
    assert "goroutine 1 [sync.WaitGroup.Wait]: main.main at hang.go:19" in done.stdout
    assert "main.main.func2 at hang.go:16" in done.stdout  # the other goroutine, in its sleep
    assert "output (last lines before the stack dump):\n      | one done" in done.stdout


def test_a_hanging_python_example_names_the_blocked_line(tmp_path: Path) -> None:
    (tmp_path / "hang.py").write_text(PY_HANG)
    done = hooks_run("--json", "hang.py", cwd=tmp_path)
    assert done.returncode == 1
    [result] = json.loads(done.stdout)
    assert result["status"] == "timeout" and result["line"] == 16, result
    assert "stuck at line 16" in result["reason"]
    worker, main = result["detail"].splitlines()
    assert re.fullmatch(r"thread 0x[0-9a-f]+: work at hang\.py:8", worker)
    assert main == "current thread: <module> at hang.py:16"
    assert "Current thread" in result["output"]  # the dump itself, shown whole on the page


def test_a_hanging_elixir_example_says_it_gives_no_dump(tmp_path: Path) -> None:
    require_toolchain("elixir")
    (tmp_path / "hang.exs").write_text('# example.timeout: 3\nIO.puts("waiting")\nreceive do\n  :never -> :ok\nend\n')
    done = hooks_run("hang.exs", cwd=tmp_path)
    assert "no stack dump: the BEAM prints no process stacks on a signal" in done.stdout


def test_reading_dumps() -> None:
    go = "x\nSIGQUIT: quit\n\ngoroutine 7 gp=0x1 m=nil [chan receive]:\nmain.worker(0x1)\n\t/w/x.go:9 +0x1\n\n"
    go += "goroutine 1 gp=0x2 m=nil [select]:\nruntime.gopark()\n\t/go/src/runtime/proc.go:1 +0x1\nmain.main()\n"
    go += "\t/w/x.go:30 +0x2\n"
    found = stuck("go", go, "x.go")
    assert found is not None and found.line == 30  # the main goroutine's line, though listed second
    assert found.units == (
        "goroutine 7 [chan receive]: main.worker at x.go:9",
        "goroutine 1 [select]: main.main at x.go:30",
    )
    assert stuck("go", "panic: boom\n", "x.go") is None
    assert stuck("python", 'Thread 0xab (most recent call first):\n  File "lib.py", line 3 in f\n', "x.py") is None
