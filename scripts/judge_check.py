"""The judge of timing claims, on this machine: the timing examples K times as they are, then beside two CPU hogs,
then with a deliberately false lesson (issue 17).

    python scripts/judge_check.py [--repeat K]

1. as the machine is: no failure (on a quiet machine every claim holds; the counts say whether it did);
2. beside two `yes > /dev/null` hogs: no failure; the lessons that need the cores say inconclusive;
3. a false lesson (the GIL demos with processes where threads should be): it fails every time.
Prints `python -m hooks run --repeat K`'s holds / contradicted / inconclusive counts per example; exits 1 when
a scenario's rule is broken. Run it under the machine's timing lock on a shared machine.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from hooks.engine.example import load_example  # noqa: E402
from hooks.engine.snippets import find_examples  # noqa: E402
from hooks.process.run import Confinement, run_process, start  # noqa: E402

JUDGED = re.compile(r"^JUDGED (\S+): holds (\d+), contradicted (\d+), inconclusive (\d+)$", re.MULTILINE)
# Each false lesson: the demo, and the mistake that makes its threads processes.
FALSE = {
    "gil_timeline.py": ("[(on_threads(), on_processes())", "[(on_processes(), on_processes())"),
    "gil_threads_vs_processes.py": ('"2 threads": on_threads,', '"2 threads": on_processes,'),
}


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, metavar="K")
    k = parser.parse_args().repeat
    paths, broken = timing_examples(), []
    failures, counts, out = run(paths, k, ROOT)
    report(f"1. as the machine is, {k} runs of {len(paths)} timing examples", failures, counts)
    if failures:
        broken.append("1: a timing example failed\n" + out[-3000:])
    hogs = [start(["yes"], cwd=ROOT, capture=False) for _ in range(2)]
    try:
        failures, counts, out = run(paths, k, ROOT)
    finally:
        for hog in hogs:
            hog.close()  # killed with its tree, and reaped
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
