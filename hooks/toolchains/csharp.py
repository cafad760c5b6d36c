# C#: one .cs file compiled by the SDK's Roslyn compiler (csc, through a warm VBCSCompiler server),
# then run with `dotnet exec`. Much faster than `dotnet run file.cs`, which starts MSBuild per file.
from __future__ import annotations

import atexit
import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from hooks.toolchains.base import Plan, ToolchainInfo, find_executable

name = "csharp"
label = "C#"
extensions = (".cs",)
comment = "//"  # line comments, where example options live
fence = "csharp"
install_hint = (
    "install the .NET 10 SDK: on this project's machines `../shared/toolchains/install-dotnet.sh "
    ".toolchains/dotnet` (the Makefile does it); elsewhere https://dot.net/download"
)
# Compiler errors say `x.cs(12,3)`; stack traces (with the portable PDB) say `x.cs:line 12`.
position = re.compile(r"(?P<file>[\w./-]+\.cs)(?:\(|:line )(?P<line>\d+)")
last_position_wins = False

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# Where the project's setup installs the SDK when `dotnet` is not on PATH.
FALLBACK_DIRS = (PROJECT_ROOT / ".toolchains" / "dotnet", Path.home() / ".dotnet")

# The implicit usings of Microsoft.NET.Sdk, as `dotnet run file.cs` has them.
IMPLICIT_USINGS = "".join(
    f"global using global::{ns};\n"
    for ns in (
        "System",
        "System.Collections.Generic",
        "System.IO",
        "System.Linq",
        "System.Net.Http",
        "System.Threading",
        "System.Threading.Tasks",
    )
)
COMPILER_FLAGS = (
    "-nologo",
    "-target:exe",
    "-langversion:latest",
    "-nullable:enable",
    "-warnaserror+",
    "-deterministic",
    "-debug:portable",
    "-optimize+",
)


def detect() -> ToolchainInfo | None:
    """Find the SDK by directory layout: no process is started, so detection is free."""
    dirs = [Path(os.environ["DOTNET_ROOT"])] if os.environ.get("DOTNET_ROOT") else []
    dotnet = find_executable("dotnet", *dirs, *FALLBACK_DIRS)
    if dotnet is None:
        return None
    root = Path(os.path.realpath(dotnet)).parent
    sdk = _newest(root / "sdk", lambda d: (d / "Roslyn" / "bincore" / "csc.dll").is_file())
    runtime = _newest(root / "shared" / "Microsoft.NETCore.App", lambda d: True)
    ref_pack = _newest(root / "packs" / "Microsoft.NETCore.App.Ref", lambda d: (d / "ref").is_dir())
    if sdk is None or runtime is None or ref_pack is None:
        return None
    refs = sorted((ref_pack / "ref").glob("net*/*.dll"))
    if not refs:
        return None
    return ToolchainInfo(
        version=f".NET SDK {sdk.name} (runtime {runtime.name})",
        executable=str(root / "dotnet"),
        details={
            "root": str(root),
            "csc": str(sdk / "Roslyn" / "bincore" / "csc.dll"),
            "server": str(sdk / "Roslyn" / "bincore" / "VBCSCompiler.dll"),
            "runtime": runtime.name,
            "tfm": refs[0].parent.name,
            "refs": "\n".join(str(r) for r in refs),
        },
    )


def _newest(parent: Path, accept: Callable[[Path], bool]) -> Path | None:
    if not parent.is_dir():
        return None
    candidates = [d for d in parent.iterdir() if d.is_dir() and accept(d)]
    return max(candidates, key=lambda d: _version_key(d.name), default=None)


def _version_key(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text))


def plan(source: Path, workdir: Path, info: ToolchainInfo) -> Plan:
    dll = source.with_suffix(".dll").name
    (workdir / "ImplicitUsings.g.cs").write_text(IMPLICIT_USINGS)
    (workdir / source.with_suffix(".runtimeconfig.json").name).write_text(runtimeconfig(info))
    compile_step = compile_argv(info, dll, (source.name, "ImplicitUsings.g.cs"))
    return Plan(
        steps=(compile_step, (info.executable, "exec", dll)),
        display=f"csc -warnaserror+ -nullable:enable -r:<{info.details['tfm']} reference pack> "
        f"{source.name} && dotnet exec {dll}",
        env=dotnet_env(info),
    )


def compile_argv(info: ToolchainInfo, dll: str, sources: Sequence[str], extra: Sequence[str] = ()) -> tuple[str, ...]:
    """The csc command (through this build's compiler server while it runs) compiling `sources` into `dll`."""
    session = _session(info)
    shared = (f"-shared:{session.pipe}",) if session.server_running() else ()
    csc = (info.executable, "exec", info.details["csc"], "-noconfig", *shared, f"@{session.response_file}")
    return (*csc, *extra, f"-out:{dll}", *sources)


def runtimeconfig(
    info: ToolchainInfo, frameworks: Mapping[str, str] | None = None, properties: Mapping[str, object] | None = None
) -> str:
    """A runtimeconfig.json for `dotnet exec`: the core runtime, or the shared `frameworks` (name → version)."""
    chosen = frameworks or {"Microsoft.NETCore.App": info.details["runtime"]}
    listed = [{"name": n, "version": v} for n, v in chosen.items()]
    options: dict[str, object] = {"tfm": info.details["tfm"]}
    options.update({"framework": listed[0]} if len(listed) == 1 else {"frameworks": listed})
    if properties:
        options["configProperties"] = dict(properties)
    return json.dumps({"runtimeOptions": options})


def shared_framework(info: ToolchainInfo, name: str) -> tuple[str, list[Path]] | None:
    """Shared framework `name` (e.g. Microsoft.AspNetCore.App): its runtime version and reference assemblies."""
    root = Path(info.details["root"])
    runtime = _newest(root / "shared" / name, lambda d: True)
    pack = _newest(root / "packs" / f"{name}.Ref", lambda d: (d / "ref" / info.details["tfm"]).is_dir())
    if runtime is None or pack is None:
        return None
    return runtime.name, sorted((pack / "ref" / info.details["tfm"]).glob("*.dll"))


def dotnet_env(info: ToolchainInfo) -> dict[str, str]:
    """The environment `dotnet` runs in: this SDK, no telemetry, no first-run messages."""
    return {
        "DOTNET_ROOT": info.details["root"],
        "DOTNET_CLI_TELEMETRY_OPTOUT": "1",
        "DOTNET_NOLOGO": "1",
        "DOTNET_SKIP_FIRST_TIME_EXPERIENCE": "1",
    }


class _CompilerSession:
    """A response file of references and a VBCSCompiler server, shared by all C# examples of a build."""

    def __init__(self, info: ToolchainInfo) -> None:
        self.info = info
        self.directory = Path(tempfile.mkdtemp(prefix="cme-csc-"))
        self.response_file = self.directory / "net.rsp"
        refs = info.details["refs"].splitlines()
        self.response_file.write_text("\n".join([*COMPILER_FLAGS, *(f'-r:"{r}"' for r in refs)]) + "\n")
        self.pipe = f"cme{os.getpid()}{secrets.token_hex(4)}"
        self.server: subprocess.Popen[bytes] | None = None
        try:
            self.server = subprocess.Popen(
                [info.executable, "exec", info.details["server"], f"-pipename:{self.pipe}"],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
                env={**os.environ, **dotnet_env(info)},
            )
        except OSError:
            self.server = None

    def server_running(self) -> bool:
        return self.server is not None and self.server.poll() is None

    def stop(self) -> None:
        if self.server is not None and self.server.poll() is None:
            try:
                subprocess.run(
                    [
                        self.info.executable,
                        "exec",
                        self.info.details["server"],
                        "-shutdown",
                        f"-pipename:{self.pipe}",
                    ],
                    stdin=subprocess.DEVNULL,
                    capture_output=True,
                    timeout=10,
                    env={**os.environ, **dotnet_env(self.info)},
                )
                self.server.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                pass
            finally:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(self.server.pid, signal.SIGKILL)
                self.server.wait()
        shutil.rmtree(self.directory, ignore_errors=True)


_lock = threading.Lock()
_current: _CompilerSession | None = None


def _session(info: ToolchainInfo) -> _CompilerSession:
    global _current
    with _lock:
        if _current is None:
            _current = _CompilerSession(info)
        return _current


def close() -> None:
    """Stop the compiler server started for this build, if any."""
    global _current
    with _lock:
        session, _current = _current, None
    if session is not None:
        session.stop()


atexit.register(close)
