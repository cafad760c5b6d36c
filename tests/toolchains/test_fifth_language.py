# A fifth language is one toolchain record, its timeline helper and its programs: JavaScript (Node.js), registered
# here for these tests only, runs an example, draws a timeline and builds a benchmark program through the engine.
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from hooks.bench.measure.programs import prepare, programs
from hooks.common.errors import SetupError
from hooks.common.settings import Settings
from hooks.engine.example import load_example
from hooks.engine.result import Result
from hooks.engine.scheduler import execute_all
from hooks.engine.snippets import find_examples
from hooks.process.run import Confinement
from hooks.site.render import render_example
from hooks.toolchains import TOOLCHAINS, Detected, toolchain_for
from hooks.toolchains.base import (
    Command,
    Plan,
    Step,
    TimelineHelper,
    Toolchain,
    ToolchainInfo,
    find_executable,
    probe_output,
    read_only_copy,
    run_build,
)
from tests.conftest import strict_mode

POSITION = re.compile(r"(?P<file>[\w./-]+\.js):(?P<line>\d+)")

# The helper speaks the event protocol of hooks/timeline/events.py, like snippets/timeline/timeline.py.
TIMELINE_JS = r"""// The timeline helper for JavaScript examples: who was busy when (does nothing without CONCURRENCY_TIMELINE).
const fs = require("fs");
const os = require("os");
const target = process.env.CONCURRENCY_TIMELINE;
let fd = null;
if (target) {
  fd = fs.openSync(target, "a");
  fs.writeSync(fd, `# cpus ${os.availableParallelism()}\n`);
  const granted = process.env.CONCURRENCY_CORES || "";
  if (/^\d+$/.test(granted) && Number(granted) > 0) fs.writeSync(fd, `# cores ${granted}\n`);
}
const clean = (text) => String(text).split(/\s+/).filter(Boolean).join(" ");
function emit(kind, unit, label) {
  if (fd === null) return;
  const frame = new Error().stack.split("\n")[3] || "";  // Error, emit, start/finish, the example's line
  const found = frame.match(/:(\d+):\d+\)?$/);
  const line = found ? found[1] : "0";
  fs.writeSync(fd, `${kind}\t${process.hrtime.bigint()}\t${clean(unit)}\t${line}\t${clean(label)}\n`);
}
module.exports = {
  start: (unit, label = "") => emit("start", unit, label),
  finish: (unit, label = "") => emit("end", unit, label),
};
"""


def detect() -> ToolchainInfo | None:
    node = find_executable("node")
    version = probe_output([node, "--version"]) if node else ""
    return ToolchainInfo(version=f"Node.js {version}", executable=node) if node and version else None


def plan(source: Path, workdir: Path, info: ToolchainInfo) -> Plan:
    return Plan(steps=(Step((info.executable, source.name)),), display=f"node {source.name}")


def build_benchmark(program: Path, out: Path, info: ToolchainInfo, shown: str) -> None:
    """`node --check`: parsed, not run, outside the sandbox with a read-only copy of the source."""
    source = read_only_copy(program, out)
    run_build(shown, (info.executable, "--check", program.name), out, {}, POSITION, Confinement(read_only=(source,)))


def bench_command(program: Path, out: Path, info: ToolchainInfo) -> Command:
    return Command((info.executable, str(program)), {}, (program.parent,))


def javascript(helper: Path) -> Toolchain:
    return Toolchain(
        name="javascript",
        label="JavaScript",
        extensions=(".js",),
        comment="//",
        fence="javascript",
        install_hint="install Node.js: `apt-get install -y nodejs` (scripts/setup.sh does)",
        position=POSITION,
        last_position_wins=False,
        detect=detect,
        plan=plan,
        build_benchmark=build_benchmark,
        bench_command=bench_command,
        reader_command="node {name}",
        timeline=TimelineHelper("timeline.js", source=helper),  # `require("./timeline.js")` from its folder
    )


@pytest.fixture
def node(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Toolchain:
    """JavaScript registered for this test only; a missing Node.js skips, in strict mode (CI) it fails."""
    helper = tmp_path / "helper" / "timeline.js"
    helper.parent.mkdir()
    helper.write_text(TIMELINE_JS)
    toolchain = javascript(helper)
    if toolchain.detect() is None:
        if strict_mode():
            pytest.fail(f"strict mode: Node.js missing: {toolchain.install_hint}")
        pytest.skip(f"Node.js missing: {toolchain.install_hint}")
    monkeypatch.setitem(TOOLCHAINS, "javascript", toolchain)
    return toolchain


def run(tmp_path: Path, name: str, text: str) -> tuple[str, Result]:
    folder = tmp_path / "snippets"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text)
    assert folder / name in find_examples(folder)
    example = load_example(folder / name, tmp_path)
    settings = Settings.from_env(cache_dir=tmp_path / "cache")
    (result,) = execute_all([example], settings, lambda _: None, Detected()).values()
    return render_example(example, result), result


def test_an_example_runs_and_a_crash_points_at_its_line(node: Toolchain, tmp_path: Path) -> None:
    page, result = run(tmp_path, "hello.js", '// example.expect: hello from node\nconsole.log("hello from node");\n')
    assert (result.status, result.language, result.command) == ("passed", "javascript", "node hello.js")
    assert result.toolchain is not None and result.toolchain.startswith("Node.js v")
    assert result.sandbox is not None and result.sandbox["isolation"] in ("bubblewrap", "none")
    assert "hello from node" in page and "{ .javascript .example-source" in page
    _, broken = run(tmp_path, "broken.js", 'console.log("about to fail");\n\nthrow new Error("boom");\n')
    assert (broken.status, broken.line) == ("failed", 3)


def test_a_timeline_is_recorded_checked_and_drawn(node: Toolchain, tmp_path: Path) -> None:
    source = (
        "// example.timeline: true\n"
        "// example.shape: at most 1 of worker* busy at once\n"
        "// example.expect: done\n"
        'const timeline = require("./timeline.js");\n'
        "for (const name of ['worker 1', 'worker 2']) {\n"
        "  timeline.start(name, 'counting');\n"
        "  let sum = 0;\n"
        "  for (let i = 0; i < 1e6; i++) sum += i;\n"
        "  timeline.finish(name);\n"
        "}\n"
        'console.log("done");\n'
    )
    page, result = run(tmp_path, "drawn.js", source)
    assert result.status == "passed", result
    assert result.events is not None and "start\t" in result.events and "\tworker 2\t6\tcounting" in result.events
    assert '<svg class="timeline" data-example="snippets/drawn.js"' in page
    overlapping = source.replace("at most 1", "at least 2")
    _, wrong = run(tmp_path, "overlap.js", overlapping)
    assert wrong.status == "failed" and "does not hold" in (wrong.reason or "")


def test_a_benchmark_program_is_built(node: Toolchain, tmp_path: Path) -> None:
    program = tmp_path / "benchmarks" / "fib" / "javascript_node.js"
    program.parent.mkdir(parents=True)
    program.write_text("const n = Number(process.argv[2] || 20);\nconsole.log(JSON.stringify({ n }));\n")
    assert programs(tmp_path) == [program]
    assert toolchain_for(program) is node
    built = prepare(program, tmp_path / "build", Detected())
    assert built.language == "javascript" and built.argv[-1] == str(program.resolve())
    broken = program.with_name("javascript_broken.js")
    shutil.copy(program, broken)
    broken.write_text("const n = ;\n")
    with pytest.raises(SetupError, match=r"javascript_broken\.js:1: building failed"):
        prepare(broken, tmp_path / "build", Detected())
