"""Build benchmark: how long the site takes to build, cold, warm, after one edit, and without execution.

    python scripts/bench_build.py [--runs N] [--bare-runs N] [--json FILE]

Each scenario is measured `--runs` times (a real `mkdocs build` into a temporary folder, with its own
cache folder) and compared with the bare commands a contributor would type, run one after the other:
`python x.py`, `go run x.go`, `elixir x.exs`, `dotnet run -p:PublishAot=false x.cs`.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from hooks.engine.example import Example, load_example  # noqa: E402
from hooks.engine.snippets import find_examples  # noqa: E402
from hooks.process.run import Confinement, ProcessResult, run_process  # noqa: E402
from hooks.site.render import reader_command  # noqa: E402
from hooks.timeline.helpers import helper_path, helpers  # noqa: E402
from hooks.toolchains import TOOLCHAINS, Detected  # noqa: E402

DETECTED = Detected()  # the toolchains, detected once for the whole benchmark
HOST = Confinement(own_pids=False)  # a tool's confinement in the host's PID namespace (see run below)
BUILD_LIMIT = 3600.0  # seconds for one build of the real site
OUTPUT_CAP = 4 << 20  # bytes of a build's output kept
EDITED = ROOT / "snippets" / "csharp" / "task_when_all.cs"  # the slowest kind of example to re-run


def build(site: Path, cache: Path, **env: str) -> float:
    """One `mkdocs build`; its wall time in seconds. A failed build stops the benchmark."""
    # The example engine is what is measured here; the benchmarks have their own harness and cache.
    environment = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "CONCURRENCY_CACHE_DIR": str(cache),
        "CONCURRENCY_BENCH": "off",
        **env,
    }
    started = time.perf_counter()
    done = run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], ROOT, environment, BUILD_LIMIT)
    seconds = time.perf_counter() - started
    if done.exit_code != 0:
        sys.exit(f"mkdocs build failed:\n{done.start_error or done.output.decode(errors='replace')}")
    return seconds


def run(argv: Sequence[str], cwd: Path, env: Mapping[str, str], timeout: float) -> ProcessResult:
    """Through the process layer: on a timeout (and at its end) the whole process tree is killed, not only the
    command; in the host's PID namespace, so that the examples' own sandboxes nest as in a plain build."""
    return run_process(argv, cwd=cwd, env=env, timeout=timeout, output_cap=OUTPUT_CAP, confinement=HOST)


def bare_command(example: Example) -> list[str]:
    """The command the example's page shows a reader (`go run x.go timeline.go`, ...), with the detected
    toolchain's executable; `dotnet run` without native AOT, which file-based apps would otherwise try."""
    toolchain = TOOLCHAINS[example.language]
    info = DETECTED.get(example.language)
    if info is None:
        sys.exit(f"{toolchain.label} is missing: {toolchain.install_hint}")
    argv = [info.executable, *shlex.split(reader_command(example))[1:]]
    return [*argv[:2], "-p:PublishAot=false", *argv[2:]] if example.language == "csharp" else argv


def bare_sequence() -> tuple[float, dict[str, float]]:
    """Every example by its bare command, one after the other, each from a fresh copy (so `dotnet run`
    builds as it does the first time; its artifacts for those copies are removed afterwards). The pass
    starts with no .NET build server running; the ones `dotnet run` starts serve the later files."""
    runfile = Path.home() / ".local" / "share" / "dotnet" / "runfile"
    before = set(runfile.iterdir()) if runfile.is_dir() else set()
    env = {
        **os.environ,
        "GOTOOLCHAIN": "local",
        "GOPROXY": "off",
        "DOTNET_CLI_TELEMETRY_OPTOUT": "1",
        "DOTNET_NOLOGO": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    go = DETECTED.get("go")
    if go is not None:
        env.update(go.details)
    dotnet = DETECTED.get("csharp")
    if dotnet is not None:
        env["DOTNET_ROOT"] = dotnet.details["root"]
    per_file: dict[str, float] = {}
    shutdown = [dotnet.executable, "build-server", "shutdown"] if dotnet is not None else None
    if shutdown:  # start from no MSBuild or compiler server, as our cold build does
        run(shutdown, ROOT, env, 120)
    try:
        for path in find_examples(ROOT / "snippets"):
            with tempfile.TemporaryDirectory(prefix="bench-bare-") as tmp:
                copy = Path(tmp) / path.name
                shutil.copyfile(path, copy)
                example = load_example(path, ROOT)
                options = example.options
                if options.timeline:  # the reader's command runs it with the helper beside it
                    shutil.copyfile(helper_path(example.language), Path(tmp) / helpers()[example.language])
                # An article original that hangs is run until its own timeout, as the build runs it.
                limit = (options.timeout or 60.0) if options.hangs else 300.0
                started = time.perf_counter()
                done = run(bare_command(example), Path(tmp), env, limit)
                if done.timed_out and not options.hangs:
                    sys.exit(f"{path.name} timed out after {limit:g} s when run bare")
                per_file[path.relative_to(ROOT).as_posix()] = time.perf_counter() - started
                if not done.timed_out and done.exit_code != 0:
                    print(f"  note: {path.name} exited {done.exit_code} when run bare", file=sys.stderr)
    finally:
        if shutdown:  # stop the servers `dotnet run` started
            run(shutdown, ROOT, env, 120)
        if runfile.is_dir():
            for leftover in set(runfile.iterdir()) - before:
                shutil.rmtree(leftover, ignore_errors=True)
    return sum(per_file.values()), per_file


def measure(name: str, runs: int, once: Callable[[], float]) -> list[float]:
    samples = []
    for i in range(runs):
        samples.append(once())
        print(f"  {name}: run {i + 1}/{runs}: {samples[-1]:.2f} s", file=sys.stderr, flush=True)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7, help="builds per scenario (default 7)")
    parser.add_argument("--bare-runs", type=int, default=1, help="passes over the bare commands (default 1)")
    parser.add_argument("--json", type=Path, help="also write the samples to this file")
    args = parser.parse_args()

    load_before = os.getloadavg()
    work = Path(tempfile.mkdtemp(prefix="bench-build-"))
    site, cache = work / "site", work / "cache" / "examples"  # toolchain probes go beside it
    original = EDITED.read_text()
    try:
        samples: dict[str, list[float]] = {}
        print("cold builds (empty cache, every example executed)", file=sys.stderr)
        samples["cold"] = measure(
            "cold", args.runs, lambda: (shutil.rmtree(cache.parent, ignore_errors=True), build(site, cache))[1]
        )
        print("warm rebuilds and CONCURRENCY_EXECUTE=0 builds, interleaved", file=sys.stderr)
        build(site, cache)  # settle: the first build after the cold ones is not counted
        samples["warm"], samples["execute_off"] = [], []
        for i in range(args.runs):  # alternate, so that drift in the machine's speed hits both alike
            samples["warm"].append(build(site, cache))
            samples["execute_off"].append(build(site, cache, CONCURRENCY_EXECUTE="0"))
            print(
                f"  run {i + 1}/{args.runs}: warm {samples['warm'][-1]:.2f} s, "
                f"execute off {samples['execute_off'][-1]:.2f} s",
                file=sys.stderr,
                flush=True,
            )
        print(f"rebuilds after editing {EDITED.relative_to(ROOT)}", file=sys.stderr)

        def edited() -> float:
            EDITED.write_text(original + f"// edited by the build benchmark {time.time_ns()}\n")
            return build(site, cache)

        samples["edit_one"] = measure("edit one", args.runs, edited)
        EDITED.write_text(original)
        print("bare commands, one after the other", file=sys.stderr)
        bare = [bare_sequence() for _ in range(args.bare_runs)]
        samples["bare_sum"] = [total for total, _ in bare]
    finally:
        EDITED.write_text(original)
        shutil.rmtree(work, ignore_errors=True)

    med = {name: statistics.median(values) for name, values in samples.items()}
    count = len(find_examples(ROOT / "snippets"))
    print(f"\nbuild benchmark: {count} examples, {os.cpu_count()} cores, {args.runs} runs per scenario")
    # Other work on the machine slows the parallel cold build more than the serial bare pass: say how busy it was.
    print(f"load average (1, 5, 15 min): {_load(load_before)} before, {_load(os.getloadavg())} after")
    print(f"{'scenario':<14}{'median s':>10}{'min s':>9}{'max s':>9}")
    for name, values in samples.items():
        print(f"{name:<14}{med[name]:>10.2f}{min(values):>9.2f}{max(values):>9.2f}")
    ratios = {
        "warm / execute_off": med["warm"] / med["execute_off"],
        "edit_one / execute_off": med["edit_one"] / med["execute_off"],
        "cold / bare_sum": med["cold"] / med["bare_sum"],
    }
    for name, value in ratios.items():
        print(f"{name:<24}{value:>6.2f}")
    print("per-file bare command seconds (last pass):")
    for path, seconds in bare[-1][1].items():
        print(f"  {seconds:6.2f}  {path}")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "samples": samples,
                    "median": med,
                    "ratios": ratios,
                    "bare_per_file": bare[-1][1],
                    "load_before": load_before,
                    "load_after": os.getloadavg(),
                },
                indent=2,
            )
        )


def _load(values: tuple[float, float, float]) -> str:
    return " ".join(f"{value:.2f}" for value in values)


if __name__ == "__main__":
    main()
