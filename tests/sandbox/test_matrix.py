# The fault matrix, run by `python -m hooks run` with the real toolchains: each row checks the verdict, the time
# and that nothing the example started is left running. (Rows that need a whole site: test_matrix_site.py.)
from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from tests.sandbox.helpers import hooks_run, require_isolation, write
from tests.sandbox.leftovers import gone_within, marker

pytestmark = pytest.mark.sandbox

SECRET = "ghp_the_builds_own_token_1234567890"


@pytest.fixture(autouse=True)
def _isolated() -> None:
    require_isolation()


def unique_sleep() -> str:
    """A `sleep` duration no other process on the machine has: its command line is the marker."""
    return f"299.{uuid.uuid4().int % 10**9:09d}"


def test_secrets_in_the_environment_stay_out(tmp_path: Path) -> None:
    write(
        tmp_path,
        "leak_env.py",
        "import os, pathlib\n"
        "print('token:', os.environ.get('GITHUB_TOKEN'))\n"
        "for pid in ('1', str(os.getppid()), 'self'):\n"
        "    try:\n        data = pathlib.Path(f'/proc/{pid}/environ').read_bytes()\n"
        "    except OSError as exc:\n        data = exc.strerror.encode()\n"
        "    print(pid, b'GITHUB_TOKEN' in data)\n"
        "print('variables:', sorted(os.environ))\n",
    )
    run = hooks_run(tmp_path, "leak_env.py", GITHUB_TOKEN=SECRET, AWS_SECRET_ACCESS_KEY=SECRET)
    result = run.one()
    assert result["status"] == "passed", result
    assert SECRET not in result["output"] and "token: None" in result["output"]
    assert "True" not in result["output"]
    assert run.seconds < 60


def test_the_network_is_loopback_only(tmp_path: Path) -> None:
    write(
        tmp_path,
        "net_view.py",
        "import socket\n"
        "lines = open('/proc/net/dev').read().splitlines()[2:]\n"
        "print('interfaces:', sorted(line.split(':')[0].strip() for line in lines))\n"
        "print('routes:', len(open('/proc/net/route').read().splitlines()) - 1)\n"
        "try:\n    socket.create_connection(('192.0.2.1', 80), timeout=3)\n    print('connected')\n"
        "except OSError as exc:\n    print('outside:', exc.strerror or exc)\n",
    )
    result = hooks_run(tmp_path, "net_view.py").one()
    assert result["status"] == "passed", result
    assert "interfaces: ['lo']" in result["output"] and "routes: 0" in result["output"]
    assert "connected" not in result["output"] and "outside: Network is unreachable" in result["output"]
    assert result["seconds"] < 30


def test_writes_outside_its_folder_fail_and_change_nothing(tmp_path: Path) -> None:
    from tests.conftest import PROJECT_ROOT

    victim = PROJECT_ROOT / ".cache" / f"{marker()}.txt"  # outside /tmp, which the sandbox replaces
    victim.parent.mkdir(parents=True, exist_ok=True)
    victim.write_text("original\n")
    home = Path.home() / f".{marker()}"
    try:
        write(
            tmp_path,
            "writer.py",
            "import os, pathlib\n"
            f"for target in ({str(victim)!r}, {str(victim.parent / 'new.txt')!r}, {str(home)!r},\n"
            "               os.path.expanduser('~/mine.txt'), 'here.txt'):\n"
            "    try:\n        open(target, 'a').write('pwned\\n'); print('wrote', target)\n"
            "    except OSError as exc:\n        print('refused', target, exc.strerror)\n",
        )
        result = hooks_run(tmp_path, "writer.py").one()
        assert result["status"] == "passed", result
        assert victim.read_text() == "original\n" and not (victim.parent / "new.txt").exists() and not home.exists()
        assert f"refused {victim} " in result["output"]  # read-only file system (or, as nobody, no permission)
        assert "wrote here.txt" in result["output"]  # its own folder, and its own HOME, are writable
        assert "wrote /" in result["output"] and "mine.txt" in result["output"]
    finally:
        victim.unlink(missing_ok=True)


def test_the_repository_is_readable_wherever_it_lives(tmp_path: Path) -> None:
    """A clone under /tmp (hidden by the private /tmp) or under the home: its files are shown again, read-only."""
    from tests.conftest import PROJECT_ROOT

    readme = PROJECT_ROOT / "README.md"
    write(
        tmp_path,
        "reader.py",
        f"path = {str(readme)!r}\n"
        "print('first line:', open(path).readline().strip())\n"
        "try:\n    open(path, 'a').write('x')\n    print('wrote')\n"
        "except OSError as exc:\n    print('refused', exc.strerror)\n",
    )
    result = hooks_run(tmp_path, "reader.py").one()
    assert result["status"] == "passed", result
    assert f"first line: {readme.read_text().splitlines()[0]}" in result["output"]
    assert "refused" in result["output"] and "wrote" not in result["output"]


def test_a_memory_flood_is_stopped_at_the_cap(tmp_path: Path) -> None:
    write(
        tmp_path,
        "flood_memory.py",
        "chunks = []\nfor i in range(5 * 1024 // 64):  # 5 GiB, touched\n"
        "    chunks.append(bytearray(b'x' * (64 * 1024 * 1024)))\nprint('survived', len(chunks))\n",
    )
    result = hooks_run(tmp_path, "flood_memory.py").one()
    assert result["status"] == "failed" and "killed at its memory limit (2 GiB)" in result["reason"], result
    assert "survived" not in result["output"]
    assert result["seconds"] < 60  # the flood is stopped within a minute


def test_a_process_flood_is_refused_at_the_cap(tmp_path: Path) -> None:
    sleep = unique_sleep()
    write(
        tmp_path,
        "flood_tasks.py",
        "import subprocess\nchildren = []\n"
        "try:\n"
        f"    for i in range(2000):\n        children.append(subprocess.Popen(['sleep', {sleep!r}]))\n"
        "except OSError as exc:\n    print('refused after', len(children), exc.strerror)\n"
        "print('started', len(children))\n",
    )
    result = hooks_run(tmp_path, "flood_tasks.py").one()
    assert result["status"] == "failed" and "reached its task limit (1,024" in result["reason"], result
    assert "started 2000" not in result["output"]
    assert result["seconds"] < 120
    assert gone_within(f"sleep {sleep}", 10) == []


def test_a_fork_chain_in_new_sessions_does_not_outlive_the_run(tmp_path: Path) -> None:
    sleep = unique_sleep()
    write(
        tmp_path,
        "fork_chain.py",
        "import os, time\n"
        "depth = 0\n"
        "while depth < 5:\n"
        "    if os.fork() == 0:\n        os.setsid(); depth += 1; continue\n"
        "    if depth == 0:\n        break  # the example's own process\n"
        "    os._exit(0)  # each middle link exits: the chain's end is an orphan in a session of its own\n"
        "else:\n"
        f"    os.execvp('sleep', ['sleep', {sleep!r}])\n"
        "time.sleep(0.5)\nprint('chain started')\n",
    )
    result = hooks_run(tmp_path, "fork_chain.py").one()
    assert result["status"] == "passed", result
    assert result["seconds"] < 30
    assert gone_within(f"sleep {sleep}", 5) == []


def test_a_daemon_with_an_empty_environment_does_not_outlive_the_run(tmp_path: Path) -> None:
    tag = marker()
    write(
        tmp_path,
        "detached.py",
        "import subprocess, time\n"
        f"subprocess.Popen(['env', '-i', 'setsid', 'sh', '-c', 'sleep 300; : {tag}'], start_new_session=True)\n"
        "time.sleep(0.5)\nprint('daemon started')\n",
    )
    result = hooks_run(tmp_path, "detached.py").one()
    assert result["status"] == "passed", result
    assert gone_within(tag, 5) == []


def test_a_child_that_ignores_sigterm_is_killed(tmp_path: Path) -> None:
    tag = marker()
    write(
        tmp_path,
        "stubborn.py",
        "# example.timeout: 3\n"
        "import signal, subprocess, sys, time\n"
        "code = 'import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(300)'\n"
        f"subprocess.Popen([sys.executable, '-c', code, {tag!r}])\n"
        "signal.signal(signal.SIGTERM, signal.SIG_IGN)\nprint('ignoring SIGTERM', flush=True)\ntime.sleep(300)\n",
    )
    result = hooks_run(tmp_path, "stubborn.py").one()
    assert result["status"] == "timeout", result
    assert result["seconds"] < 3 + 10
    assert gone_within(tag, 5) == []


def test_an_output_flood_is_cut_and_killed(tmp_path: Path) -> None:
    write(
        tmp_path,
        "flood_output.go",
        'package main\n\nimport "fmt"\n\nfunc main() {\n\tfor {\n\t\tfmt.Println("spam")\n\t}\n}\n',
    )
    result = hooks_run(tmp_path, "flood_output.go").one()
    assert result["status"] == "failed" and "printed more than 256 KiB" in result["reason"], result
    assert len(result["output"].encode()) <= 256 * 1024 + 1024
    assert result["seconds"] < 60


def test_a_ten_megabyte_line_is_cut_and_killed(tmp_path: Path) -> None:
    write(tmp_path, "long_line.exs", 'IO.write(String.duplicate("y", 10_000_000))\n')
    result = hooks_run(tmp_path, "long_line.exs").one()
    assert result["status"] == "failed" and "printed more than 256 KiB" in result["reason"], result
    assert result["seconds"] < 60


def test_invalid_utf8_and_control_characters_are_shown_not_obeyed(tmp_path: Path) -> None:
    write(
        tmp_path,
        "raw_bytes.py",
        "import sys\n"
        "sys.stdout.buffer.write(b'bad \\xff\\xfe bytes\\n\\x1b[2J\\x1b]0;title\\x07 clear\\r\\nnul \\x00 end\\n')\n",
    )
    result = hooks_run(tmp_path, "raw_bytes.py").one()
    assert result["status"] == "passed", result
    output = result["output"]
    assert "\ufffd" in output and "␛[2J" in output and "␇" in output and "␀" in output
    assert not any(ch in output for ch in "\x1b\x07\x00\r")
    assert result["seconds"] < 30


def test_a_catastrophic_regex_cannot_stall_the_build(tmp_path: Path) -> None:
    write(tmp_path, "catastrophic.py", "# example.match: ^(a|aa)+$\nprint('a' * 64 + 'b')\n")
    run = hooks_run(tmp_path, "catastrophic.py")
    result = run.one()
    assert result["status"] == "failed" and "took more than" in result["reason"], result
    assert run.seconds < 60


def test_two_examples_on_one_port_both_pass(tmp_path: Path) -> None:
    server = (
        "import socket, threading, time\n"
        "srv = socket.socket(); srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 0)\n"
        "srv.bind(('127.0.0.1', 8765)); srv.listen()\n"
        "def serve():\n    conn, _ = srv.accept(); conn.sendall(conn.recv(100).upper()); conn.close()\n"
        "threading.Thread(target=serve).start()\n"
        "time.sleep(1.5)  # hold the port while the other example runs too\n"
        "with socket.create_connection(('127.0.0.1', 8765)) as c:\n"
        "    c.sendall(b'{name}'); print(c.recv(100).decode())\n"
    )
    write(tmp_path, "first.py", server.replace("{name}", "first"))
    write(tmp_path, "second.py", server.replace("{name}", "second"))
    run = hooks_run(tmp_path, "first.py", "second.py")
    assert [(r["status"], r["output"].strip()) for r in run.results] == [("passed", "FIRST"), ("passed", "SECOND")]
    assert run.seconds < 60


def test_limits_are_raised_where_declared(tmp_path: Path) -> None:
    write(
        tmp_path,
        "big.py",
        "# example.memory: 3 GiB\n# example.tasks: 1500\n"
        "import threading, time\nts = [threading.Thread(target=time.sleep, args=(1,)) for _ in range(1200)]\n"
        "[t.start() for t in ts]; [t.join() for t in ts]\nprint('1200 threads ran')\n",
    )
    result = hooks_run(tmp_path, "big.py").one()
    assert result["status"] == "passed", result
    assert result["sandbox"]["tasks"] == 1500 and result["sandbox"]["memory_bytes"] == 3 * 1024**3


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("negative.py", "# example.exit-code: -9\nprint(1)\n", "negative.py:1: 'example.exit-code'"),
        ("huge.py", "print(1)\n" + "#" * (2 * 1024 * 1024) + "\n", "huge.py:1:"),
    ],
)
def test_bad_declarations_are_refused_with_file_and_line(tmp_path: Path, name: str, text: str, message: str) -> None:
    write(tmp_path, name, text)
    result = hooks_run(tmp_path, name).one()
    assert result["status"] == "failed" and f"{result['path']}:{result['line']}: {result['reason']}".startswith(
        message
    ), result
