# `python -m hooks run [PATH ...] [--timeout S] [--repeat K] [--json]`: run examples without building the site.
from __future__ import annotations

import argparse
import json
import math
import sys
import textwrap
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from hooks.common.errors import ExampleConfigError, SetupError
from hooks.common.settings import Settings
from hooks.engine.example import Example, load_example
from hooks.engine.judge import VERDICTS
from hooks.engine.result import FAILED, Result
from hooks.engine.scheduler import execute_repeated
from hooks.engine.snippets import PROJECT_ROOT, OutsideError, UnsafeNameError, check_name, find_examples
from hooks.process import sandbox
from hooks.site.failures import format_failure
from hooks.toolchains import toolchain_for

_LABEL = {"passed": "PASS", "failed": "FAIL", "timeout": "TIMEOUT", "skipped": "SKIP", "inconclusive": "INCONCLUSIVE"}
_FAILING = ("failed", "timeout")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hooks", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run example files (no path: every example under snippets/)")
    run.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="example files or folders")
    run.add_argument("--timeout", type=float, metavar="SECONDS", help="default timeout per example")
    run.add_argument(
        "--repeat",
        type=int,
        default=1,
        metavar="K",
        help="run each example K times, side by side as a cold build does, and report any whose verdict changed "
        "and, for timing claims, how often each held, was contradicted or was inconclusive",
    )
    run.add_argument("--json", action="store_true", help="print a JSON list instead of lines")
    args = parser.parse_args(argv)
    try:
        settings = Settings.from_env(cache_dir=None)
        status = sandbox.configure(settings.sandbox)
    except (ValueError, SetupError) as exc:
        parser.error(str(exc))
    if not status.complete:
        print(status.summary(), file=sys.stderr)
    if args.timeout is not None:
        if not math.isfinite(args.timeout) or args.timeout <= 0:
            parser.error("--timeout must be positive")
        settings = replace(settings, timeout=args.timeout)
    if args.repeat < 1:
        parser.error("--repeat must be 1 or more")
    root = Path.cwd()
    try:
        files = _collect(args.paths, root)
    except (FileNotFoundError, OutsideError, UnsafeNameError) as exc:
        parser.error(str(exc))
    if not files:
        parser.error("no example files found")
    examples: list[Example] = []
    broken: list[Result] = []
    for path in files:
        try:
            examples.append(load_example(path, root))
        except ExampleConfigError as exc:
            broken.append(_config_failure(path, exc))
    try:
        runs = execute_repeated(examples, settings, _slow_notices, args.repeat)
    except KeyboardInterrupt:
        print("interrupted: every example process was stopped", file=sys.stderr)
        return 130
    results = [*broken, *(result for results in runs.values() for result in results)]
    if args.json:
        print(json.dumps([r.to_json() for r in results], indent=2))
    else:
        for result in results:
            print(format_line(result))
    changed = changed_verdicts(runs)
    if args.repeat > 1:
        print(repeat_summary(runs, changed), file=sys.stderr if args.json else sys.stdout)
    return 0 if not changed and all(r.status not in _FAILING for r in results) else 1


def changed_verdicts(runs: dict[str, list[Result]]) -> dict[str, Counter[str]]:
    """The examples whose runs did not all end the same way, failing or not, with how often each status came up
    (passed and inconclusive are the same way: neither fails the build)."""
    counts = {path: Counter(result.status for result in results) for path, results in runs.items()}
    return {path: n for path, n in counts.items() if len({s in _FAILING for s in n}) > 1}


def judged_counts(runs: dict[str, list[Result]]) -> list[str]:
    """`JUDGED path: holds H, contradicted C, inconclusive I` for each example with a timing claim."""
    lines = []
    for path, results in runs.items():
        verdicts = Counter(result.verdict for result in results if result.verdict)
        if verdicts:
            tally = ", ".join(f"{verdict} {verdicts[verdict]}" for verdict in VERDICTS)
            lines.append(f"JUDGED {path}: {tally}")
    return lines


def repeat_summary(runs: dict[str, list[Result]], changed: dict[str, Counter[str]]) -> str:
    """`repeat: K runs of each of N examples; ...`, then one `CHANGED path: ...` line per changed example."""
    times = max((len(results) for results in runs.values()), default=0)
    head = f"repeat: {times} runs of each of {len(runs)} example(s); "
    if not changed:
        return "\n".join([*judged_counts(runs), head + "no verdict changed"])
    lines = [*judged_counts(runs), head + f"the verdict changed for {len(changed)}:"]
    for path, count in changed.items():
        tally = ", ".join(f"{_LABEL[status]} {n}" for status, n in sorted(count.items()))
        lines.append(f"CHANGED {path}: {tally}")
    return "\n".join(lines)


def format_line(result: Result) -> str:
    """`PASS path (language, 0.12s)`, and for anything else the reason and the output's tail."""
    line = f"{_LABEL[result.status]} {result.path} ({result.language}, {result.seconds:.2f}s)"
    if result.status == "passed":
        return line
    if result.status == "inconclusive":  # not a failure: the reason, without an output tail
        return line + "\n" + textwrap.indent(result.reason or "", "  ")
    return line + "\n" + textwrap.indent(format_failure(result), "  ")


def _collect(paths: Sequence[Path], root: Path) -> list[Path]:
    if not paths:
        return find_examples(PROJECT_ROOT / "snippets" if not (root / "snippets").is_dir() else root / "snippets")
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += find_examples(path)
        elif path.is_file():
            check_name(path)
            files.append(path)
        else:
            raise FileNotFoundError(f"no such file or folder: {path}")
    return files


def _config_failure(path: Path, error: ExampleConfigError) -> Result:
    toolchain = toolchain_for(path)
    language = toolchain.name if toolchain else "unknown"
    return Result.not_run(error.path, language, FAILED, error.message, line=error.line)


def _slow_notices(message: str) -> None:
    if message.startswith("still running"):
        print(message, file=sys.stderr, flush=True)
