# C#: one .cs file compiled by the SDK's Roslyn compiler (csc, through a warm VBCSCompiler server in a cgroup of
# its own, killed when a compile times out: compiling runs none of its code), then `dotnet exec` in the sandbox.
# Much faster than `dotnet run file.cs`, which starts MSBuild per file. Benchmark programs: the same, -optimize+.
from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from hooks.common.errors import SetupError
from hooks.common.project import find_project
from hooks.process.run import Confinement, contributed
from hooks.toolchains import csharp_server
from hooks.toolchains.base import (
    Command,
    Plan,
    Step,
    TimelineHelper,
    Toolchain,
    ToolchainInfo,
    find_executable,
    run_build,
)
from hooks.toolchains.csharp_server import dotnet_env

INSTALL_HINT = (
    "install the .NET 10 SDK: on this project's machines `../shared/toolchains/install-dotnet.sh "
    ".toolchains/dotnet` (the Makefile does it); elsewhere https://dot.net/download"
)
# Compiler errors say `x.cs(12,3)`; stack traces (with the portable PDB) say `x.cs:line 12`.
POSITION = re.compile(r"(?P<file>[\w./-]+\.cs)(?:\(|:line )(?P<line>\d+)")
# Where the project's setup installs the SDK when `dotnet` is not on PATH: in the project (hooks/common/project.py).
PROJECT_SDK = Path(".toolchains") / "dotnet"
ASPNETCORE = "Microsoft.AspNetCore.App"

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


def detect() -> ToolchainInfo | None:
    """Find the SDK by directory layout: no process is started, so detection is free."""
    dirs = [Path(os.environ["DOTNET_ROOT"])] if os.environ.get("DOTNET_ROOT") else []
    project = find_project()
    dirs += [project / PROJECT_SDK] if project else []
    dotnet = find_executable("dotnet", *dirs, Path.home() / ".dotnet")
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


def plan(source: Path, workdir: Path, info: ToolchainInfo) -> Plan:
    dll = source.with_suffix(".dll").name
    (workdir / "ImplicitUsings.g.cs").write_text(IMPLICIT_USINGS)
    (workdir / source.with_suffix(".runtimeconfig.json").name).write_text(runtimeconfig(info))
    argv, env = compile_step(info, dll, (f"./{source.name}", "./ImplicitUsings.g.cs"))  # `./`: never an option
    session = csharp_server.session(info)
    restart = csharp_server.restart_after_timeout
    if session.sandboxed:  # the client joins the server's sandbox; their CPU is the run's
        runs = workdir.parent.parent  # the runs' root: one server for every run's folder below it

        def joins(_area: Path) -> int | None:
            return session.joins(runs)

        compile_ = Step(
            argv, False, env, on_timeout=restart, joins=joins, charged=session.server_cpu, readable=(session.directory,)
        )  # without a server: its own sandbox reads the references
    else:
        compile_ = Step(argv, False, env, own_pids=False, on_timeout=restart)
    return Plan(
        steps=(compile_, Step((info.executable, "exec", dll))),
        display=f"csc -warnaserror+ -nullable:enable -r:<{info.details['tfm']} reference pack> "
        f"{source.name} && dotnet exec {dll}",
        env=dotnet_env(info),
        readable=(Path(info.details["root"]),),
    )


def compile_step(
    info: ToolchainInfo, dll: str, sources: Sequence[str], extra: Sequence[str] = ()
) -> tuple[tuple[str, ...], dict[str, str]]:
    """The csc command (through this build's compiler server while it runs) compiling `sources` into `dll`,
    and the environment that lets it find the server."""
    session = csharp_server.session(info)
    shared = (f"-shared:{session.pipe}",) if session.sandboxed or session.server_running() else ()
    csc = (info.executable, "exec", info.details["csc"], "-noconfig", *shared, f"@{session.response_file}")
    return (*csc, *extra, f"-out:{dll}", *sources), session.env


def build_benchmark(program: Path, out: Path, info: ToolchainInfo, shown: str) -> None:
    """csc -optimize+ -warnaserror+ through the compiler server, run with `dotnet exec`; an ASP.NET Core app
    also gets the Microsoft.AspNetCore.App references and framework, and server GC (as the Web SDK sets)."""
    source = out / program.name
    source.write_bytes(program.read_bytes())
    source.chmod(0o444)
    (out / "ImplicitUsings.g.cs").write_text(IMPLICIT_USINGS)
    frameworks = {"Microsoft.NETCore.App": info.details["runtime"]}
    extra: tuple[str, ...] = ()
    properties: dict[str, object] = {}
    if re.search(r"^using Microsoft\.AspNetCore\b", program.read_text(encoding="utf-8"), re.MULTILINE):
        shared = shared_framework(info, ASPNETCORE)
        if shared is None:
            raise SetupError(f"{shown}:1: no {ASPNETCORE} shared framework + reference pack in the SDK")
        frameworks[ASPNETCORE] = shared[0]
        extra = tuple(f"-r:{ref}" for ref in shared[1])
        properties["System.GC.Server"] = True
    (out / f"{program.stem}.runtimeconfig.json").write_text(runtimeconfig(info, frameworks, properties))
    dll = f"{program.stem}.dll"
    argv, env = compile_step(info, dll, (f"./{program.name}", "./ImplicitUsings.g.cs"), extra)
    session = csharp_server.session(info)
    if session.sandboxed:  # in the server's sandbox (or, without a server, one of its own)
        pid = session.joins(out.parent.parent)  # the benchmarks' build folder
        root = (Path(info.details["root"]),)
        held = Confinement(writable=(out,), inside_of=pid) if pid is not None else contributed(None, (out,), root)
    else:
        held = Confinement(read_only=(source,), own_pids=False)  # the client checks the server by its pid
    run_build(shown, argv, out, {**dotnet_env(info), **env}, POSITION, held)


def bench_command(program: Path, out: Path, info: ToolchainInfo) -> Command:
    dll = out / f"{program.stem}.dll"
    return Command((info.executable, "exec", str(dll)), dotnet_env(info), (out, Path(info.details["root"])))


TOOLCHAIN = Toolchain(
    name="csharp",
    label="C#",
    extensions=(".cs",),
    comment="//",  # line comments, where example options live
    reader_command="dotnet run {name}",
    fence="csharp",
    install_hint=INSTALL_HINT,
    position=POSITION,
    last_position_wins=False,
    detect=detect,
    plan=plan,
    build_benchmark=build_benchmark,
    bench_command=bench_command,
    close=csharp_server.close,
    # Compiled with the example; a reader's `dotnet run` reads it from the example's own `#:include timeline.cs`.
    timeline=TimelineHelper("timeline.cs", after=("timeline.cs",), reader_names_it=False),
)
