# `python -m hooks.bench [--profile quick|full] [--only WORKLOAD] [--json] [--out FILE]`: measure without building the
# site; `--out` writes this machine's portable results document (README.md, 'Results from other machines').
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from hooks.bench.measure.profiles import PROFILES
from hooks.bench.measure.record import CaseResult
from hooks.bench.measure.store import Store, cache_dir
from hooks.bench.measure.suite import run_session
from hooks.bench.results import machines
from hooks.bench.results.results import dumps, results_document
from hooks.common.atomic import write_atomically
from hooks.common.settings import bench_mode
from hooks.toolchains import close_all
from hooks.toolchains.base import set_probe_cache


def main(argv: list[str] | None = None) -> int:
    """Measure the benchmarks (cached results are reused), print a summary or the results document."""
    parser = argparse.ArgumentParser(prog="python -m hooks.bench", description=__doc__)
    parser.add_argument("--profile", choices=sorted(PROFILES), default=_default_profile())
    parser.add_argument("--only", help="workloads (fib) or programs (fib/go_goroutines), comma-separated")
    parser.add_argument("--json", action="store_true", help="print results.json instead of a summary")
    parser.add_argument("--out", type=Path, metavar="FILE", help="write this machine's portable results document")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project (default: the current folder)")
    args = parser.parse_args(argv)
    if args.profile not in PROFILES:
        parser.error(f"--profile must be one of {', '.join(PROFILES)}")
    root = args.root.resolve()
    if not (root / "benchmarks").is_dir():
        parser.error(f"{root}: no benchmarks/ folder here")
    store = Store(cache_dir(root))
    set_probe_cache(store.directory.parent / "toolchains.json" if store.directory else None)
    profile = PROFILES[args.profile]

    def progress(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    try:
        session = run_session(root, profile, store, progress, only=args.only)
    finally:
        close_all()
    others, errors = machines.other_machines(root, session.other_machines)
    for error in errors:
        print(f"python -m hooks.bench: {error}", file=sys.stderr)
    doc = results_document(
        profile.name, profile, session.machine, session.toolchains, session.results,
        others, session.steal_fraction, session.measured, session.load_average,
    )  # fmt: skip
    if args.out:
        write_atomically(args.out.absolute(), dumps(machines.portable(doc, root)))
        print(f"python -m hooks.bench: wrote {args.out} ({session.machine.cores} cores, "
              f"fingerprint {session.machine.key})", file=sys.stderr)  # fmt: skip
    if args.json:
        sys.stdout.write(dumps(doc))
    else:
        for r in session.results:
            print(_line(r))
    return 1 if any(r.status == "failed" for r in session.results) else 0


def _default_profile() -> str:
    """CONCURRENCY_BENCH (validated by hooks.common.settings); `off` is not a profile to measure, so it errs below."""
    try:
        return bench_mode()
    except ValueError as exc:
        sys.exit(f"python -m hooks.bench: {exc}")


def _line(result: CaseResult) -> str:
    params = " ".join(f"{k}={v}" for k, v in result.params.items())
    head = f"{result.status.upper():6} {result.workload}/{result.unit} {params}".rstrip()
    if not result.ok:
        return f"{head}: {result.error}"
    cached = " (cached)" if result.cached else ""
    metric, shown = HEADLINE.get(result.workload, HEADLINE[""])
    if metric not in result.summary:
        metric, shown = HEADLINE[""]
    found = result.summary.get(metric)
    if found is None:
        return f"{head}: measured, but no {metric} in every run{cached}"
    return f"{head}: {shown(found.median)} median of {found.n}{cached}"


# The figure a summary line shows per workload: wall time says little where the run's length is fixed (wrk runs for
# a whole second, a ticker for its window) or absent (a connections run times its client, not a process).
HEADLINE: dict[str, tuple[str, Callable[[float], str]]] = {
    "": ("wall_seconds", lambda v: f"wall {v:.3f}s"),
    "http": ("requests_per_second", lambda v: f"{v:,.0f} requests/s"),
    "connections": ("bytes_per_connection", lambda v: f"{v:,.0f} B per idle connection"),
    "latency": ("lateness_p99_seconds", lambda v: f"p99 lateness {v * 1000:.2f} ms"),
}


if __name__ == "__main__":
    sys.exit(main())
