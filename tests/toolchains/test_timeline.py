# The timeline helpers with the real toolchains: every event names the example's own line, and a broken
# or missing stream fails the example with path:line, like wrong output.
from __future__ import annotations

from pathlib import Path

import pytest

from hooks.engine.example import load_example
from hooks.engine.result import FAILED, PASSED, Result
from hooks.engine.run_example import run_example
from hooks.engine.spec import run_spec
from hooks.timeline.events import parse_events
from hooks.toolchains import Detected
from tests.conftest import require_toolchain

# Each program: line 1 declares the timeline, then a span on line SPAN_LINE around a message sent and received,
# and a mark; the `broken` variant starts a span on line SPAN_LINE that never ends.
PROGRAMS = {
    "python": (
        ".py",
        "# example.timeline: true\nimport timeline\n\nwith timeline.busy('worker 1', 'job'):\n"
        "    timeline.send('worker 1', 'm')\n    timeline.recv('main', 'm')\ntimeline.mark('main', 'done')\nprint('ok')\n",
        "# example.timeline: true\nimport timeline\n\ntimeline.start('worker 1', 'job')\nprint('ok')\n",
    ),
    "elixir": (
        ".exs",
        '# example.timeline: true\nrequire Timeline\n\nTimeline.busy "worker 1", "job" do\n'
        '  Timeline.send("worker 1", "m")\n  Timeline.recv("main", "m")\nend\n'
        'Timeline.mark("main", "done")\nIO.puts("ok")\n',
        '# example.timeline: true\nrequire Timeline\n\nTimeline.start("worker 1", "job")\nIO.puts("ok")\n',
    ),
    "csharp": (
        ".cs",
        '// example.timeline: true\n// a span, a message, a mark\n\nusing (Timeline.Busy("worker 1", "job"))\n{\n'
        '    Timeline.Send("worker 1", "m");\n    Timeline.Recv("main", "m");\n}\n'
        'Timeline.Mark("main", "done");\nConsole.WriteLine("ok");\n',
        '// example.timeline: true\n// a span that never ends\n\nTimeline.Start("worker 1", "job");\n'
        'Console.WriteLine("ok");\n',
    ),
    "go": (
        ".go",
        '// example.timeline: true\npackage main\n\nimport "fmt"\n\nfunc main() {\n'
        '\tdone := timeline.Busy("worker 1", "job")\n\ttimeline.Send("worker 1", "m")\n'
        '\ttimeline.Recv("main", "m")\n\tdone()\n\ttimeline.Mark("main", "done")\n\tfmt.Println("ok")\n}\n',
        '// example.timeline: true\npackage main\n\nimport "fmt"\n\nfunc main() {\n'
        '\ttimeline.Start("worker 1", "job")\n\tfmt.Println("ok")\n}\n',
    ),
}
# (span line, send line, receive line, mark line) in the good program, and the never-ending span's line.
LINES = {
    "python": ((4, 5, 6, 7), 4),
    "elixir": ((4, 5, 6, 8), 4),
    "csharp": ((4, 6, 7, 9), 4),
    "go": ((7, 8, 9, 11), 7),
}


def run(tmp_path: Path, language: str, source: str, name: str = "traced") -> Result:
    path = tmp_path / f"{name}{PROGRAMS[language][0]}"
    path.write_text(source)
    return run_example(example := load_example(path, tmp_path), Detected(), run_spec(example, 60))


@pytest.mark.parametrize("language", sorted(PROGRAMS))
def test_events_name_the_example_lines(language: str, tmp_path: Path) -> None:
    require_toolchain(language)
    result = run(tmp_path, language, PROGRAMS[language][1])
    assert result.status == PASSED, result
    assert result.events is not None
    timeline = parse_events(result.events)
    span, send, receive, mark = LINES[language][0]
    assert [(s.unit, s.label, s.line) for s in timeline.spans] == [("worker 1", "job", span)]
    assert [(m.sender, m.receiver, m.line) for m in timeline.messages] == [("worker 1", "main", send)]
    assert [(m.unit, m.label, m.line) for m in timeline.marks] == [("main", "done", mark)]
    lines = [line.split("\t")[3] for line in result.events.splitlines() if not line.startswith("#")]
    assert str(receive) in lines
    assert timeline.cpus is not None and timeline.cpus >= 1
    assert "# measured " in result.events
    assert language == "python" or "timeline" in result.command  # Python imports it from the script's folder


@pytest.mark.parametrize("language", sorted(PROGRAMS))
def test_a_broken_stream_fails_with_path_and_line(language: str, tmp_path: Path) -> None:
    require_toolchain(language)
    result = run(tmp_path, language, PROGRAMS[language][2], name="broken")
    assert result.status == FAILED
    assert str(result.location) == f"broken{PROGRAMS[language][0]}:{LINES[language][1]}", result
    assert result.reason == "timeline: the span of 'worker 1' started here never ends"


def test_a_missing_stream_fails_at_the_declaration(tmp_path: Path) -> None:
    result = run(tmp_path, "python", "# example.expect: ok\n# example.timeline: true\nprint('ok')\n", name="silent")
    assert result.status == FAILED and str(result.location) == "silent.py:2"
    assert result.reason and result.reason.startswith("the example declares a timeline but its run recorded no events")


def test_child_processes_write_to_the_same_stream(tmp_path: Path) -> None:
    source = (
        "# example.shape: at least 1 of process* busy at once\n"
        "from concurrent.futures import ProcessPoolExecutor\n\nimport timeline\n\n\n"
        "def work(name):\n    with timeline.busy(name, 'work'):\n        return sum(range(1000))\n\n\n"
        "if __name__ == '__main__':\n    with ProcessPoolExecutor(2) as pool:\n"
        "        print(list(pool.map(work, ['process 1', 'process 2'])))\n"
    )
    result = run(tmp_path, "python", source, name="children")
    assert result.status == PASSED, result
    assert result.events is not None
    assert sorted(s.unit for s in parse_events(result.events).spans) == ["process 1", "process 2"]
