# The scale run: a generated corpus of small examples across the four languages, run by `python -m hooks run`;
# wall time, the engine's own peak memory, examples per second per core.
# `python -m tests.sandbox.scale 125 250 500` prints the figures for those corpus sizes (run it under the timing lock).
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

TEMPLATES = {
    ".py": "total = sum(range({i} * 100))\nprint('example {i}:', total)\n",
    ".go": 'package main\n\nimport "fmt"\n\nfunc main() {{\n\ttotal := 0\n\tfor k := 0; k < {i}*100; k++ {{\n'
    '\t\ttotal += k\n\t}}\n\tfmt.Println("example {i}:", total)\n}}\n',
    ".exs": 'IO.puts("example {i}: #{{Enum.sum(0..({i} * 100 - 1))}}")\n',
    ".cs": "long total = 0;\nfor (var k = 0; k < {i} * 100; k++) total += k;\n"
    'Console.WriteLine($"example {i}: {{total}}");\n',
}
# Run in a fresh interpreter: the engine's own peak RSS (not its children's), printed after the run.
DRIVER = (
    "import resource, sys\nfrom hooks.cli import main\ncode = main(sys.argv[1:])\n"
    "print('PEAK_RSS_KIB', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\nsys.exit(code)\n"
)


@dataclass(frozen=True)
class Scale:
    examples: int
    seconds: float
    peak_rss_bytes: int
    passed: int

    @property
    def per_second_per_core(self) -> float:
        return self.examples / self.seconds / (os.cpu_count() or 1)


def corpus(folder: Path, n: int) -> list[str]:
    """`n` small examples, the four languages in turn; each prints what it computed."""
    names = []
    extensions = list(TEMPLATES)
    for i in range(1, n + 1):
        ext = extensions[i % len(extensions)]
        name = f"ex{i:04d}{ext}" if ext != ".cs" else f"Ex{i:04d}{ext}"
        (folder / name).write_text(TEMPLATES[ext].format(i=i))
        names.append(name)
    return names


def run(n: int) -> Scale:
    """Generate `n` examples and run them all with `python -m hooks run` (every example executed, no cache)."""
    with tempfile.TemporaryDirectory(prefix="cme-scale-") as scratch:
        folder = Path(scratch)
        corpus(folder, n)
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-c", DRIVER, "run", "--json", "."],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=3600,
            env={k: v for k, v in os.environ.items() if k != "CONCURRENCY_TIMEOUT"},
        )
        seconds = time.monotonic() - started
    peak = next(int(line.split()[1]) for line in done.stderr.splitlines() if line.startswith("PEAK_RSS_KIB"))
    results = json.loads(done.stdout)
    return Scale(n, seconds, peak * 1024, sum(r["status"] == "passed" for r in results))


def main(sizes: list[int]) -> None:
    print(f"cores: {os.cpu_count()}; load before: {Path('/proc/loadavg').read_text().strip()}")
    for n in sizes:
        s = run(n)
        print(
            f"{s.examples:5d} examples: {s.seconds:7.1f} s, {s.passed} passed, engine peak RSS "
            f"{s.peak_rss_bytes / 2**20:.0f} MiB, {s.per_second_per_core:.2f} examples/s/core"
        )
    print(f"load after: {Path('/proc/loadavg').read_text().strip()}")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [125, 250, 500])
