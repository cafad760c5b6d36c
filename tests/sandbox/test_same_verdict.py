# Programs written for the plain toolchains (`python`, `go run`, `elixir`, `dotnet run`) get the same verdict from
# `python -m hooks run` in the sandbox as from their toolchain, servers on a fixed loopback port included.
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hooks.toolchains import TOOLCHAINS
from tests.conftest import require_toolchain
from tests.sandbox.helpers import Run, hooks_run, require_isolation, write
from tests.sandbox.leftovers import running

pytestmark = pytest.mark.sandbox
PORT = 18731  # fixed, as a reader's copy of the program would have it

# name -> (source, passes under the plain toolchain: exit 0 and something printed)
PROGRAMS: dict[str, tuple[str, bool]] = {
    "server.py": (
        "import socket, threading\n"
        f"srv = socket.create_server(('127.0.0.1', {PORT}))\n"
        "def serve():\n    conn, _ = srv.accept(); conn.sendall(b'pong:' + conn.recv(16)); conn.close()\n"
        "threading.Thread(target=serve).start()\n"
        f"with socket.create_connection(('127.0.0.1', {PORT})) as c:\n"
        "    c.sendall(b'py'); print(c.recv(64).decode())\n",
        True,
    ),
    "fails.py": ("print('about to fail')\nraise SystemExit(3)\n", False),
    "server.go": (
        'package main\n\nimport (\n\t"fmt"\n\t"io"\n\t"net"\n)\n\nfunc main() {\n'
        f'\tln, err := net.Listen("tcp", "127.0.0.1:{PORT}")\n\tif err != nil {{\n\t\tpanic(err)\n\t}}\n'
        "\tgo func() {\n\t\tc, _ := ln.Accept()\n\t\tbuf := make([]byte, 16)\n\t\tn, _ := c.Read(buf)\n"
        '\t\tc.Write(append([]byte("pong:"), buf[:n]...))\n\t\tc.Close()\n\t}()\n'
        f'\tc, err := net.Dial("tcp", "127.0.0.1:{PORT}")\n\tif err != nil {{\n\t\tpanic(err)\n\t}}\n'
        '\tc.Write([]byte("go"))\n\treply, _ := io.ReadAll(c)\n\tfmt.Println(string(reply))\n}\n',
        True,
    ),
    "fails.go": ('package main\n\nimport "os"\n\nfunc main() {\n\tos.Exit(4)\n}\n', False),
    "server.exs": (
        f"{{:ok, ln}} = :gen_tcp.listen({PORT}, [:binary, ip: {{127, 0, 0, 1}}, active: false, reuseaddr: true])\n"
        "spawn(fn -> {:ok, s} = :gen_tcp.accept(ln); {:ok, d} = :gen_tcp.recv(s, 0); "
        ':gen_tcp.send(s, "pong:" <> d); :gen_tcp.close(s) end)\n'
        f"{{:ok, c}} = :gen_tcp.connect({{127, 0, 0, 1}}, {PORT}, [:binary, active: false])\n"
        ':ok = :gen_tcp.send(c, "ex")\n{:ok, reply} = :gen_tcp.recv(c, 0)\nIO.puts(reply)\n',
        True,
    ),
    "silent.exs": ("x = 1 + 1\n", False),  # prints nothing: fails the bare rule, as it would look empty on a page
    "server.cs": (
        "using System.Net;\nusing System.Net.Sockets;\n"
        f"var listener = new TcpListener(IPAddress.Loopback, {PORT});\nlistener.Start();\n"
        "var serve = Task.Run(async () => {\n    using var s = await listener.AcceptSocketAsync();\n"
        "    var buf = new byte[16];\n    int n = await s.ReceiveAsync(buf);\n"
        "    var text = System.Text.Encoding.ASCII.GetString(buf, 0, n);\n"
        '    await s.SendAsync(System.Text.Encoding.ASCII.GetBytes("pong:" + text));\n'
        "});\nusing var client = new TcpClient();\n"
        f"await client.ConnectAsync(IPAddress.Loopback, {PORT});\n"
        'await client.GetStream().WriteAsync(System.Text.Encoding.ASCII.GetBytes("cs"));\n'
        "await serve;\nvar reply = new byte[64];\nint got = await client.GetStream().ReadAsync(reply);\n"
        "Console.WriteLine(System.Text.Encoding.ASCII.GetString(reply, 0, got));\n",
        True,
    ),
    "fails.cs": ('Console.WriteLine("bad");\nreturn 5;\n', False),
}
PLAIN = {
    "python": lambda name: [sys.executable, name],
    "go": lambda name: ["go", "run", name],
    "elixir": lambda name: ["elixir", name],
    # No build servers left behind by the plain toolchain (MSBuild nodes, a VBCSCompiler of its own).
    "csharp": lambda name: ["dotnet", "run", "-p:PublishAot=false", "-p:UseSharedCompilation=false", name],
}


def plain_verdict(folder: Path, name: str, language: str) -> bool:
    """What the plain toolchain says: exit 0 and something printed on stdout."""
    info = require_toolchain(language)
    env = dict(os.environ)
    if language == "go":
        env.update(GOTOOLCHAIN="local", GOPROXY="off", PATH=f"{Path(info.executable).parent}{os.pathsep}{env['PATH']}")
        env.update(info.details)
    if language == "csharp":
        env.update(DOTNET_CLI_TELEMETRY_OPTOUT="1", DOTNET_NOLOGO="1", DOTNET_ROOT=info.details["root"])
        env.update(MSBUILDDISABLENODEREUSE="1", DOTNET_CLI_USE_MSBUILD_SERVER="0")
        env["PATH"] = f"{info.details['root']}{os.pathsep}{env['PATH']}"
    work = folder / f"plain-{name.replace('.', '-')}"
    work.mkdir()
    shutil.copy(folder / name, work / name)
    done = subprocess.run(PLAIN[language](name), cwd=work, capture_output=True, text=True, timeout=300, env=env)
    return done.returncode == 0 and bool(done.stdout.strip())


def _shown(run: Run, name: str) -> str:
    """The fields of `name`'s result that say why (pytest would cut the dict after its first few keys)."""
    (entry,) = [r for r in run.results if r["path"] == name]
    fields = ("status", "seconds", "exit_code", "reason", "detail", "line", "command", "output")
    return "\n".join(f"  {key}: {entry.get(key)!r}" for key in fields) + f"\nhooks run stderr:\n{run.stderr[-2000:]}"


def test_same_verdict_as_the_plain_toolchains(tmp_path: Path) -> None:
    require_isolation()
    sdk = require_toolchain("csharp").details["root"]
    before = set(running(sdk))  # build servers already running (other builds on this machine)
    for name, (source, _expected) in PROGRAMS.items():
        write(tmp_path, name, source)
    run = hooks_run(tmp_path, *PROGRAMS)  # side by side: every server binds the same port in its own namespace
    ours = {r["path"]: r["status"] == "passed" for r in run.results}
    for name, (_source, expected) in PROGRAMS.items():
        language = next(tc.name for tc in TOOLCHAINS.values() if Path(name).suffix in tc.extensions)
        plain = plain_verdict(tmp_path, name, language)
        assert plain == expected, f"{name}: the plain toolchain says {plain}, the test expected {expected}"
        said = "passed" if ours[name] else "failed"
        assert ours[name] == plain, f"{name}: hooks run says {said}, unlike the plain toolchain\n{_shown(run, name)}"
    time.sleep(0.5)
    assert set(running(sdk)) - before == set(), "a .NET build server was left running"
