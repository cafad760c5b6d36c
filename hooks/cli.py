# `python -m hooks run [PATH ...] [--timeout S] [--repeat K] [--shard I/N] [--update] [--json]`: run examples
# without building the site; `python -m hooks new-pattern NAME`: scaffold a pattern.
from __future__ import annotations

import argparse
import json
import math
import sys
import textwrap
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import NoReturn

from hooks.common.errors import ExampleConfigError, SetupError
from hooks.common.project import find_project, project_root
from hooks.common.settings import Settings, examples_cache_dir
from hooks.engine.example import Example, load_example
from hooks.engine.judge import VERDICTS
from hooks.engine.result import FAILED, Result
from hooks.engine.scheduler import execute_all, execute_repeated
from hooks.engine.shard import in_shard
from hooks.engine.shard import parse as parse_shard
from hooks.engine.snippets import OutsideError, UnsafeNameError, check_name, find_examples
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
    # --shard (issue 19) ---------------------------------------------------------------------------------------
    run.add_argument(
        "--shard",
        metavar="I/N",
        help="run the I-th of N stable parts of the examples (a hash of each path) and store their results in the "
        "example store a build reads (CONCURRENCY_CACHE_DIR, default .cache/examples)",
    )
    # ------------------------------------------------------------------------------------------- end of --shard
    run.add_argument(
        "--update",
        action="store_true",
        help="write each example's expectations (example.expect lines, or its pattern.toml) from what it printed",
    )
    scaffold = commands.add_parser("new-pattern", help="scaffold a pattern: four versions, pattern.toml, page, nav")
    scaffold.add_argument("name", help="snake_case, e.g. rate_limiter")
    scaffold.add_argument("--title", help="its title (default: from the name)")
    args = parser.parse_args(argv)
    if args.command == "new-pattern":
        return _new_pattern(args.name, args.title)
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
    shard = _shard(args.shard, args.repeat, parser.error)  # --shard (issue 19)
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
    if shard is not None:  # --shard (issue 19): this part only, through the store a build reads
        examples = [example for example in examples if in_shard(example.display_path, shard)]
        broken = [result for result in broken if in_shard(result.path, shard)]
        settings = replace(settings, cache_dir=examples_cache_dir(root))
        print(f"shard {shard[0]}/{shard[1]}: {len(examples) + len(broken)} of {len(files)} example(s), results "
              f"stored in {settings.cache_dir}", file=sys.stderr)  # fmt: skip
    try:
        if shard is not None:
            runs = {p: [r] for p, r in execute_all(examples, settings, _slow_notices).items()}
        else:
            runs = execute_repeated(examples, settings, _slow_notices, args.repeat)
    except KeyboardInterrupt:
        print("interrupted: every example process was stopped", file=sys.stderr)
        return 130
    if args.update:
        return _update(examples, runs, broken, settings, root)
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


def _shard(text: str | None, repeat: int, error: Callable[[str], NoReturn]) -> tuple[int, int] | None:
    """--shard I/N, checked (issue 19); None without it."""
    if text is None:
        return None
    if repeat != 1:
        error("--shard stores one run of each example; it cannot be combined with --repeat")
    try:
        return parse_shard(text)
    except ValueError as exc:
        error(str(exc))


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
        return find_examples(root / "snippets" if (root / "snippets").is_dir() else project_root() / "snippets")
    files: list[Path] = []
    for given in paths:
        path = _locate(given, root)
        if path.is_dir():
            files += find_examples(path)
        else:
            check_name(path)
            files.append(path)
    return files


def _locate(path: Path, root: Path) -> Path:
    """A path as given, else relative to the repository, else to its snippets/ (as a page's marker names it)."""
    project = find_project()  # hooks/common/project.py: none when an installed package runs outside a project
    repository = [project, project / "snippets"] if project else []
    bases = [root, root / "snippets", *repository]
    for found in [path, *(base / path for base in bases if not path.is_absolute())]:
        if found.exists():
            return found
    raise FileNotFoundError(f"no such file or folder: {path} (looked here, in the repository and under snippets/)")


# --- `--update` (hooks/engine/update.py): write the expectations, then run the updated examples once more ---
def _update(
    examples: list[Example], runs: dict[str, list[Result]], broken: list[Result], settings: Settings, root: Path
) -> int:
    from hooks.engine.update import update_all

    for result in broken:
        print(format_line(result))
    updates = update_all(examples, runs)
    for update in updates:
        print(f"{'UPDATED' if update.written else 'KEPT'} {update.path}: {update.message}")
    if any(update.written for update in updates):
        examples = [load_example(example.path, root) for example in examples]
        runs = execute_repeated(examples, settings, _slow_notices, 1)
    results = [result for results in runs.values() for result in results[:1]]
    for result in results:
        print(format_line(result))
    return 0 if not broken and all(r.status == "passed" for r in results) else 1


def _config_failure(path: Path, error: ExampleConfigError) -> Result:
    toolchain = toolchain_for(path)
    language = toolchain.name if toolchain else "unknown"
    return Result.not_run(error.path, language, FAILED, error.message, line=error.line)


def _slow_notices(message: str) -> None:
    if message.startswith("still running"):
        print(message, file=sys.stderr, flush=True)


# --- `new-pattern` (hooks/site/scaffold.py) ---------------------------------------------------------------------
def _new_pattern(name: str, title: str | None) -> int:
    from hooks.site.scaffold import new_pattern

    root = Path.cwd() if (Path.cwd() / "mkdocs.yml").is_file() else project_root()
    try:
        made = new_pattern(root, name, title)
    except ValueError as exc:
        print(f"python -m hooks new-pattern: {exc}", file=sys.stderr)
        return 2
    for path in made.written:
        print(f"wrote   {path}")
    for path in made.changed:
        print(f"changed {path}")
    print(f"next: python -m hooks run snippets/patterns/{name}, then write the page's TODOs and `make serve`")
    return 0
