# The fault matrix's rows for the compile boundary and the run's limits (issue 15, part A): names read as flags,
# cgo reading files and memory, the C# server after a timeout, Elixir module bodies, disk and inode floods, user
# namespaces and the keyring. Each row checks the verdict, a time bound and that nothing is left running.
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hooks.engine.example import load_example
from hooks.engine.run_example import run_example
from hooks.engine.spec import run_spec
from hooks.toolchains import Detected, csharp_server
from tests.sandbox.helpers import hooks_run, require_isolation, require_root, write
from tests.sandbox.leftovers import gone_within, marker

pytestmark = pytest.mark.sandbox


@pytest.fixture(autouse=True)
def _isolated() -> None:
    require_isolation()


def test_a_file_name_that_is_a_flag_is_refused_and_runs_nothing(tmp_path: Path) -> None:
    planted = tmp_path / f"{marker()}.pwned"
    name = f"-toolexec=touch {planted} x.go"
    write(tmp_path / "folder", name, 'package main\nimport "fmt"\nfunc main() { fmt.Println("hi") }\n')
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "hooks", "run", "folder"], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 2 and name in done.stderr and "is not allowed" in done.stderr, done.stderr
    assert not planted.exists() and time.monotonic() - started < 60


def test_cgo_cannot_embed_a_file_the_build_user_can_read(tmp_path: Path) -> None:
    require_root()  # /etc/shadow: readable by root (the build) and by nobody else
    write(
        tmp_path,
        "incbin.go",
        "package main\n\n"
        "/*\n"
        '__asm__(".section .rodata\\n.global leaked\\nleaked:\\n.incbin \\"/etc/shadow\\"\\n.byte 0\\n.text");\n'
        "extern char leaked[];\n"
        "static const char *get(void) { return leaked; }\n"
        "*/\n"
        'import "C"\n'
        'import "fmt"\n\n'
        "func main() { fmt.Println(C.GoString(C.get())) }\n",
    )
    run = hooks_run(tmp_path, "incbin.go")
    result = run.one()
    assert result["status"] == "failed", result
    secret = Path("/etc/shadow").read_text().splitlines()[0]
    assert secret not in result["output"] and "/etc/shadow" in result["output"], result  # "file not found"
    assert run.seconds < 120


def test_cgo_including_dev_zero_stops_at_the_memory_cap(tmp_path: Path) -> None:
    write(
        tmp_path,
        "zero.go",
        '// example.timeout: 90\npackage main\n\n/*\n#include "/dev/zero"\n*/\nimport "C"\n\nfunc main() {}\n',
    )
    run = hooks_run(tmp_path, "zero.go")
    result = run.one()
    assert result["status"] in ("failed", "timeout"), result
    assert "memory limit" in result["reason"] or result["status"] == "timeout", result
    assert run.seconds < 150
    assert result["sandbox"]["memory_bytes"] == 2 * 1024**3


def test_a_csharp_compile_that_times_out_leaves_no_server_burning(tmp_path: Path) -> None:
    depth = 24  # two overloads for every nested lambda: 2^24 bindings to try
    body = "".join(f"M(x{i} => " for i in range(depth)) + "0" + ")" * depth
    path = write(
        tmp_path,
        "Overloads.cs",
        "// example.timeout: 8\n"
        "using System;\n"
        "class P {\n"
        "  static int M(Func<int, int> f) => 0;\n"
        "  static int M(Func<string, int> f) => 1;\n"
        f"  static void Main() {{ Console.WriteLine({body}); }}\n"
        "}\n",
    )
    good = write(tmp_path, "Fine.cs", 'System.Console.WriteLine("fine");\n')
    detected = Detected()
    fine = load_example(good, tmp_path)
    assert run_example(fine, detected, run_spec(fine, 60)).status == "passed"  # the build's server starts
    info = detected.get("csharp")
    assert info is not None
    server = csharp_server.session(info).server
    assert server is not None
    if csharp_server.sandboxed():  # the server is held like a run: its own network namespace, as nobody
        inner = server.payload_pid()
        assert os.readlink(f"/proc/{inner}/ns/net") != os.readlink("/proc/self/ns/net")
        assert "Uid:\t65534" in Path(f"/proc/{inner}/status").read_text()
    started = time.monotonic()
    stuck = load_example(path, tmp_path)
    result = run_example(stuck, detected, run_spec(stuck, 60))
    # Stopped either way: at its timeout, or first at its CPU budget (8 s x 1 core) with the server's work charged.
    assert result.status == "timeout" or "of CPU, over its budget of 8 s" in (result.reason or ""), result
    assert time.monotonic() - started < 30
    deadline = time.monotonic() + 5
    while Path(f"/proc/{server.pid}").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not Path(f"/proc/{server.pid}").exists(), "the compiler server still runs after the compile timed out"
    assert run_example(fine, detected, run_spec(fine, 60)).status == "passed"  # on a fresh server
    csharp_server.close()


BURNER = (
    "// example.timeout: 120\n"
    "// example.cpu: 6 s\n"
    "package main\n\n"
    'import "fmt"\n\n'
    "func main() {\n"
    "\tfor i := 0; i < 4; i++ {\n"
    "\t\tgo func() { n := 0; for { n++ } }()\n"
    "\t}\n"
    '\tfmt.Println("burning")\n'
    "\tselect {}\n"
    "}\n"
)


def test_a_cpu_burner_with_a_long_timeout_stops_at_its_cpu_budget(tmp_path: Path) -> None:
    write(tmp_path, "burner.go", BURNER)
    run = hooks_run(tmp_path, "burner.go")
    result = run.one()
    assert result["status"] == "failed", result
    assert "of CPU, over its budget of 6 s" in result["reason"], result
    used = float(result["reason"].split("used ")[1].split(" s")[0])
    assert 6 <= used < 8, result  # polled every 0.1 s: stopped just past its budget, compile included
    assert result["sandbox"]["cpu_seconds"] == 6 and run.seconds < 60  # far before its 120 s timeout


def test_elixir_module_bodies_run_in_the_sandbox(tmp_path: Path) -> None:
    from tests.conftest import PROJECT_ROOT

    victim = PROJECT_ROOT / ".cache" / f"{marker()}.txt"
    victim.parent.mkdir(parents=True, exist_ok=True)
    victim.write_text("original\n")
    try:
        write(
            tmp_path,
            "evil.exs",
            "defmodule Evil do\n"
            f'  IO.puts("write: #{{inspect(File.write({str(victim)!r}, "pwned"))}}")\n'
            '  IO.puts("net: #{inspect(:gen_tcp.connect({192, 0, 2, 1}, 80, [], 3000))}")\n'
            "end\n",
        )
        run = hooks_run(tmp_path, "evil.exs")
        result = run.one()
        assert "write: {:error, :erofs}" in result["output"] or "write: {:error, :eacces}" in result["output"], result
        assert "net: {:error, :enetunreach}" in result["output"], result
        assert victim.read_text() == "original\n" and run.seconds < 60
    finally:
        victim.unlink()


FLOOD = (
    "import os\n"
    "def fill(folder, chunk=64 << 20, total=4 << 30):\n"
    "    written = 0\n"
    "    try:\n"
    "        with open(os.path.join(folder, 'big'), 'wb') as out:\n"
    "            while written < total:\n"
    "                out.write(b'x' * chunk); out.flush(); written += chunk\n"
    "    except OSError as exc:\n"
    "        return f'{written >> 20} MiB: {exc.strerror}'\n"
    "    return f'{written >> 20} MiB: all of it'\n"
    "print('work', fill('.'))\n"
    "print('tmp', fill('/tmp'))\n"
)


def test_a_disk_flood_stops_at_its_cap_and_its_neighbour_passes(tmp_path: Path) -> None:
    require_root()  # the run's folder is a tmpfs of its own only where the build may mount
    write(tmp_path, "flood.py", FLOOD)
    write(tmp_path, "neighbour.py", "open('data', 'wb').write(b'y' * (64 << 20))\nprint('neighbour wrote 64 MiB')\n")
    run = hooks_run(tmp_path, "flood.py", "neighbour.py")
    flood, neighbour = sorted(run.results, key=lambda r: r["path"])
    assert neighbour["status"] == "passed", neighbour
    assert flood["status"] in ("passed", "failed"), flood
    if flood["status"] == "passed":
        assert "No space left on device" in flood["output"] and "all of it" not in flood["output"], flood
    else:
        assert "memory limit" in flood["reason"], flood
    assert run.seconds < 120


def test_an_inode_flood_stops_at_its_cap(tmp_path: Path) -> None:
    require_root()
    write(
        tmp_path,
        "files.py",
        "import os\nmade = 0\ntry:\n"
        "    for made in range(200_000):\n        open(f'f{made}', 'w').close()\n"
        "except OSError as exc:\n    print('stopped at', made, exc.strerror)\nelse:\n    print('made all')\n",
    )
    run = hooks_run(tmp_path, "files.py")
    result = run.one()
    assert result["status"] == "passed" and "No space left on device" in result["output"], result
    assert "made all" not in result["output"] and run.seconds < 120


def test_no_user_namespace_and_no_keyring_inside(tmp_path: Path) -> None:
    sleep = f"299.{os.getpid()}{int(time.time()) % 100000}"
    write(
        tmp_path,
        "namespaces.py",
        "import ctypes, platform, subprocess\n"
        "done = subprocess.run(['unshare', '-Ur', 'id'], capture_output=True, text=True)\n"
        "print('unshare:', done.returncode, done.stdout.strip() or done.stderr.strip())\n"
        "libc = ctypes.CDLL(None, use_errno=True)\n"
        "keyctl = {'x86_64': 250, 'aarch64': 219}[platform.machine()]\n"
        "ring = libc.syscall(keyctl, 0, -3, 1)  # KEYCTL_GET_KEYRING_ID of the session keyring, creating it\n"
        "print('keyring:', ring, ctypes.get_errno())\n"
        f"subprocess.Popen(['sleep', '{sleep}'], start_new_session=True)\n",
    )
    run = hooks_run(tmp_path, "namespaces.py")
    result = run.one()
    assert result["status"] == "passed", result
    assert "uid=0" not in result["output"] and "Operation not permitted" in result["output"], result
    assert "keyring: -1 1" in result["output"], result  # EPERM
    assert result["sandbox"]["seccomp"] is True and run.seconds < 60
    assert gone_within(sleep, 5) == []
