"""The judge of timing claims, on this machine: the timing examples K times as they are, then beside two CPU hogs,
then with a deliberately false lesson (issue 17).

    python scripts/judge_check.py [--repeat K]     # the timing examples, `python -m hooks run --repeat K`
    python scripts/judge_check.py --builds N       # N cold builds of the real site per scenario

1. as the machine is: no failure (on a quiet machine every claim holds; the counts say whether it did);
2. beside two `yes > /dev/null` hogs: no failure; the lessons that need the cores say inconclusive;
3. a false lesson (the GIL demos with processes where threads should be): it fails every time.
Prints the holds / contradicted / inconclusive counts per timing example (with `--builds`, read from each build's
execution-report.json, with the builds that failed); exits 1 when a scenario's rule is broken. The false lesson is
made in a temporary copy of the project: the tree is never modified. Run it under the machine's timing lock on a
shared machine.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from hooks.engine.example import load_example  # noqa: E402
from hooks.engine.snippets import find_examples  # noqa: E402
from hooks.process.run import Confinement, run_process, start  # noqa: E402
from hooks.site.report import REPORT_JSON  # noqa: E402

JUDGED = re.compile(r"^JUDGED (\S+): holds (\d+), contradicted (\d+), inconclusive (\d+)$", re.MULTILINE)
# Each false lesson: the demo, and the mistake that makes its threads processes.
FALSE = {
    "gil_timeline.py": ("[(on_threads(), on_processes())", "[(on_processes(), on_processes())"),
    "gil_threads_vs_processes.py": ('"2 threads": on_threads,', '"2 threads": on_processes,'),
}


SCENARIOS = (
    "as the machine is",
    "beside two CPU hogs (yes > /dev/null, twice)",
    "a false lesson (threads given processes)",
)
VERDICT_COLUMNS = ("holds", "contradicted", "inconclusive", "unjudged")  # unjudged: no verdict (no claim judged,
# or it failed before its claims could be)
# Left out of the project's copy: history, caches and built sites (a cold build starts from none of them).
NOT_COPIED = shutil.ignore_patterns(
    ".git", ".cache", "site", "__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache"
)


def timing_examples() -> list[str]:
    """Every example whose answer depends on time: it declares `example.cores`, or a shape with a time share."""
    found = []
    for path in find_examples(ROOT / "snippets"):
        options = load_example(path, ROOT).options
        if options.cores not in (None, "waits") or any("% of the time" in shape for shape in options.shapes):
            found.append(str(path.relative_to(ROOT)))
    return found


def run(paths: list[str], repeat: int, cwd: Path) -> tuple[int, dict[str, tuple[int, int, int]], str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # Through the process layer (a timeout kills the whole tree), in the host's PID namespace so that the
    # examples' own sandboxes nest as in a plain run.
    argv = [sys.executable, "-m", "hooks", "run", "--repeat", str(repeat), *paths]
    done = run_process(
        argv, cwd=cwd, env=env, timeout=1800, output_cap=16 << 20, confinement=Confinement(own_pids=False)
    )
    stdout = done.stdout.decode("utf-8", "replace")
    counts = {m[1]: (int(m[2]), int(m[3]), int(m[4])) for m in JUDGED.finditer(stdout)}
    failures = len(re.findall(r"^(FAIL|TIMEOUT) ", stdout, re.MULTILINE))
    return failures, counts, stdout


def report(title: str, failures: int, counts: dict[str, tuple[int, int, int]]) -> None:
    print(f"== {title}: {failures} failure(s)")
    for path, (holds, contradicted, inconclusive) in counts.items():
        print(f"   {path}: holds {holds}, contradicted {contradicted}, inconclusive {inconclusive}")


@contextmanager
def hogs() -> Iterator[None]:
    """Two `yes > /dev/null` beside whatever runs inside; killed with their trees and reaped, even on Ctrl-C."""
    started = [start(["yes"], cwd=ROOT, capture=False) for _ in range(2)]
    try:
        yield
    finally:
        for hog in started:
            hog.close()


@dataclass
class Tally:
    """One scenario's cold builds: how many ran, failed, failed on the false lesson, and each timing example's
    verdicts (holds / contradicted / inconclusive, `unjudged` where a build judged nothing of it)."""

    builds: int = 0
    failed: int = 0
    failed_on_false: int = 0  # builds that failed with every false lesson among their failures
    verdicts: dict[str, Counter[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # what went wrong in a build, for the reader
    explain: bool = False  # note every inconclusive verdict's reason (as the machine is: it should hold)


def count_build(
    tally: Tally, exit_code: int | None, report: list[dict[str, Any]] | None, timing: set[str], false: set[str]
) -> None:
    """Add one build to `tally`: its exit code and its execution report (None: the build wrote none)."""
    tally.builds += 1
    if exit_code != 0:
        tally.failed += 1
    if report is None:
        tally.notes.append(f"build {tally.builds}: no {REPORT_JSON} (exit {exit_code})")
        return
    failed = {str(e.get("path")) for e in report if e.get("status") in ("failed", "timeout")}
    if exit_code != 0 and false and false <= failed:
        tally.failed_on_false += 1
    for path in sorted(failed - false):
        tally.notes.append(f"build {tally.builds}: {path} failed")
    for entry in report:
        path = str(entry.get("path"))
        if path in timing or entry.get("verdict"):
            verdict = entry.get("verdict")
            column = verdict if verdict in VERDICT_COLUMNS else "unjudged"
            tally.verdicts.setdefault(path, Counter())[column] += 1
            if verdict == "inconclusive" and tally.explain:
                tally.notes.append(f"build {tally.builds}: {path}: {str(entry.get('reason'))[:240]}")


def rules_broken(tallies: list[Tally]) -> list[str]:
    """Scenario 1 and 2: no build fails; 3: every build fails, on every false lesson."""
    broken = []
    for number, tally in enumerate(tallies, 1):
        if number in (1, 2) and tally.failed:
            broken.append(f"{number}: {tally.failed} of {tally.builds} build(s) failed")
        if number == 3 and tally.failed_on_false != tally.builds:
            broken.append(f"3: {tally.failed_on_false} of {tally.builds} build(s) failed on the false lesson")
    return broken


def table(tallies: list[Tally]) -> str:
    """The summary: per scenario, its builds and failures, then one row per timing example."""
    width = max((len(p) for t in tallies for p in t.verdicts), default=10)
    head = f"   {'example':<{width}}  " + "  ".join(f"{c:>12}" for c in VERDICT_COLUMNS)
    lines = []
    for number, (title, tally) in enumerate(zip(SCENARIOS, tallies, strict=False), 1):
        if not tally.builds:
            continue  # a scenario not asked for
        extra = f", {tally.failed_on_false} on the false lesson" if number == 3 else ""
        lines += [f"== {number}. {title}: {tally.builds} cold build(s), {tally.failed} failed{extra}", head]
        for path, counts in sorted(tally.verdicts.items()):
            lines.append(f"   {path:<{width}}  " + "  ".join(f"{counts[c]:>12}" for c in VERDICT_COLUMNS))
        lines += [f"   ! {note}" for note in tally.notes]
    return "\n".join(lines)


def cold_build(project: Path) -> tuple[int | None, list[dict[str, Any]] | None, str]:
    """One build of the site in `project` with an empty cache of its own and no benchmarks: its exit code, its
    execution report (None if it wrote none), and the tail of its log."""
    with tempfile.TemporaryDirectory(prefix="judge-build-") as folder:
        env = {
            **os.environ,
            "PYTHONPATH": str(project),
            "CONCURRENCY_CACHE_DIR": str(Path(folder) / "cache" / "examples"),
            "CONCURRENCY_BENCH": "off",
            "NO_MKDOCS_2_WARNING": "1",
        }
        env.pop("CONCURRENCY_CACHE", None)  # a fresh store is the cold build; never `0`, which skips nothing more
        site = Path(folder) / "site"
        argv = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)]
        done = run_process(
            argv, cwd=project, env=env, timeout=3600, output_cap=16 << 20, confinement=Confinement(own_pids=False)
        )
        log = done.output.decode("utf-8", "replace")
        try:
            report = json.loads((site / REPORT_JSON).read_text())
        except (OSError, ValueError):
            report = None
        return done.exit_code, report, log[-3000:]


@contextmanager
def false_lesson_copy() -> Iterator[Path]:
    """A temporary copy of the project with the false lessons made in it (FALSE); removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="judge-false-") as folder:
        project = Path(folder) / "project"
        shutil.copytree(ROOT, project, symlinks=True, ignore=NOT_COPIED)
        for name, (right, mistake) in FALSE.items():
            snippet = project / "snippets" / "concepts" / name
            source = snippet.read_text()
            if right not in source:
                raise SystemExit(
                    f"scripts/judge_check.py: {snippet.relative_to(project)}: the false lesson no longer applies"
                )
            snippet.write_text(source.replace(right, mistake))
        yield project


def builds(n: int, scenarios: set[int]) -> int:
    """N cold builds per scenario (those in `scenarios`); the summary table; 1 when a scenario's rule is broken."""
    timing = set(timing_examples())
    false = {f"snippets/concepts/{name}" for name in FALSE}
    tallies = [Tally(explain=True), Tally(), Tally()]
    logs: list[str] = []

    def series(tally: Tally, project: Path, expected_false: set[str]) -> None:
        for _ in range(n):
            exit_code, report, log = cold_build(project)
            count_build(tally, exit_code, report, timing, expected_false)
            if exit_code != 0 and not expected_false:
                logs.append(log)
            print(f"   build {tally.builds}: exit {exit_code}", flush=True)

    if 1 in scenarios:
        print(f"== 1. {SCENARIOS[0]}", flush=True)
        series(tallies[0], ROOT, set())
    if 2 in scenarios:
        print(f"== 2. {SCENARIOS[1]}", flush=True)
        with hogs():
            series(tallies[1], ROOT, set())
    if 3 in scenarios:
        print(f"== 3. {SCENARIOS[2]}", flush=True)
        with false_lesson_copy() as project:
            series(tallies[2], project, false)
    print(table(tallies))
    broken = rules_broken(tallies)
    for problem in broken:
        print(f"BROKEN {problem}", file=sys.stderr)
    for log in logs:
        print(f"--- a failed build's log, its end:\n{log}", file=sys.stderr)
    return 1 if broken else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, metavar="K")
    parser.add_argument("--builds", type=int, default=0, metavar="N", help="N cold builds of the site per scenario")
    parser.add_argument(
        "--scenarios", default="1,2,3", metavar="LIST", help="with --builds: which scenarios, e.g. 2,3 (default 1,2,3)"
    )
    args = parser.parse_args()
    try:
        scenarios = {int(part) for part in args.scenarios.split(",")}
    except ValueError:
        parser.error(f"--scenarios: expected numbers 1-3 separated by commas, got {args.scenarios!r}")
    if not scenarios <= {1, 2, 3}:
        parser.error(f"--scenarios: expected numbers 1-3 separated by commas, got {args.scenarios!r}")
    # A stop (`timeout`, `kill`) unwinds like Ctrl-C: the hogs are killed and the temporary copy removed.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if args.builds > 0:
        return builds(args.builds, scenarios)
    k = args.repeat
    paths, broken = timing_examples(), []
    failures, counts, out = run(paths, k, ROOT)
    report(f"1. as the machine is, {k} runs of {len(paths)} timing examples", failures, counts)
    if failures:
        broken.append("1: a timing example failed\n" + out[-3000:])
    with hogs():
        failures, counts, out = run(paths, k, ROOT)
    report("2. beside two CPU hogs (yes > /dev/null, twice)", failures, counts)
    if failures:
        broken.append("2: a timing example failed beside the hogs\n" + out[-3000:])
    with tempfile.TemporaryDirectory(prefix="judge-check-") as folder:
        wrong = []
        for name, (right, mistake) in FALSE.items():
            source = (ROOT / "snippets" / "concepts" / name).read_text()
            assert right in source, f"{name}: the false lesson's edit no longer applies"
            (Path(folder) / name).write_text(source.replace(right, mistake))
            wrong.append(name)
        failures, counts, out = run(wrong, k, Path(folder))
    report("3. false lessons (threads given processes)", failures, counts)
    if failures != k * len(wrong):
        broken.append(f"3: a false lesson failed {failures} of {k * len(wrong)} times\n" + out[-3000:])
    for problem in broken:
        print(f"BROKEN {problem}", file=sys.stderr)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
