# Unit tests for hooks.timeline.helpers: the helper put beside an example, built with it, its events collected.
from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from hooks.engine.snippets import find_examples
from hooks.timeline.helpers import ENV, EVENTS_FILE, collect, helper_digest, helper_dir, helpers, is_helper, prepare
from hooks.toolchains.base import Plan, Step
from tests.conftest import PROJECT_ROOT

PLANS = {
    "python": Plan(
        steps=(Step(("/usr/bin/python3", "pool.py")),), display="python pool.py", env={"PYTHONUNBUFFERED": "1"}
    ),
    "elixir": Plan(steps=(Step(("/usr/bin/elixir", "pool.exs")),), display="elixir pool.exs"),
    "go": Plan(
        steps=(Step(("/go/bin/go", "build", "-o", "pool", "pool.go")), Step(("./pool",))),
        display="go build -o pool pool.go && ./pool",
    ),
    "csharp": Plan(
        steps=(
            Step(("dotnet", "exec", "csc.dll", "-out:pool.dll", "pool.cs", "ImplicitUsings.g.cs"), contributed=False),
            Step(("dotnet", "exec", "pool.dll")),
        ),
        display="csc -warnaserror+ pool.cs && dotnet exec pool.dll",
    ),
}
EXPECTED = {
    "python": ((("/usr/bin/python3", "pool.py"),), "python pool.py"),
    "elixir": ((("/usr/bin/elixir", "-r", "timeline.exs", "pool.exs"),), "elixir -r timeline.exs pool.exs"),
    "go": (
        (("/go/bin/go", "build", "-o", "pool", "pool.go", "timeline.go"), ("./pool",)),
        "go build -o pool pool.go timeline.go && ./pool",
    ),
    "csharp": (
        (
            ("dotnet", "exec", "csc.dll", "-out:pool.dll", "pool.cs", "timeline.cs", "ImplicitUsings.g.cs"),
            ("dotnet", "exec", "pool.dll"),
        ),
        "csc -warnaserror+ pool.cs timeline.cs && dotnet exec pool.dll",
    ),
}


@pytest.mark.parametrize("language", sorted(PLANS))
def test_prepare_puts_the_helper_beside_the_example_and_builds_it_in(language: str, tmp_path: Path) -> None:
    extension = {"python": "py", "elixir": "exs", "go": "go", "csharp": "cs"}[language]
    source = tmp_path / f"pool.{extension}"
    plan = prepare(language, source, tmp_path, PLANS[language])
    assert (tuple(step.argv for step in plan.steps), plan.display) == EXPECTED[language]
    assert (tmp_path / helpers()[language]).read_bytes() == (helper_dir() / helpers()[language]).read_bytes()
    assert plan.env[ENV] == str(tmp_path / EVENTS_FILE)
    assert all(plan.env[key] == value for key, value in PLANS[language].env.items())


def test_an_example_named_like_its_helper_is_refused(tmp_path: Path) -> None:
    with pytest.raises(Exception, match=r"cannot be named timeline\.py"):
        prepare("python", tmp_path / "timeline.py", tmp_path, PLANS["python"])


def test_collect_heads_the_events_with_when_and_where(tmp_path: Path) -> None:
    assert collect(tmp_path) is None  # the run wrote nothing
    (tmp_path / EVENTS_FILE).write_text("# cpus 2\nmark\t1\tmain\t3\tx\n")
    text = collect(tmp_path, now=datetime(2026, 11, 28, 14, 3, tzinfo=UTC))
    assert text is not None
    measured, machine, *rest = text.splitlines()
    assert measured == "# measured 2026-11-28 14:03 UTC"
    assert machine.startswith("# machine ") and machine.endswith("logical cores")
    assert rest == ["# cpus 2", "mark\t1\tmain\t3\tx"]


def test_the_helpers_are_not_examples() -> None:
    assert all(is_helper(helper_dir() / name) for name in helpers().values())
    assert not is_helper(PROJECT_ROOT / "snippets" / "concepts" / "gil_timeline.py")
    found = find_examples(PROJECT_ROOT / "snippets")
    assert not [path for path in found if path.parent == helper_dir()]
    assert PROJECT_ROOT / "snippets" / "concepts" / "gil_timeline.py" in found


def test_helper_digest_is_the_helper_file() -> None:
    digests = {helper_digest(language) for language in helpers()}
    assert len(digests) == len(helpers())


def test_the_reader_command_brings_the_helper_along() -> None:
    from hooks.timeline.helpers import reader_command

    assert reader_command("go", "go run pool.go", "pool.go") == "go run pool.go timeline.go"
    assert reader_command("elixir", "elixir pool.exs", "pool.exs") == "elixir -r timeline.exs pool.exs"
    assert reader_command("python", "python pool.py", "pool.py") == "python pool.py"  # imported from beside it
    assert reader_command("csharp", "dotnet run pool.cs", "pool.cs") == "dotnet run pool.cs"  # `#:include`


def test_every_csharp_timeline_example_includes_the_helper_for_dotnet_run() -> None:
    """`dotnet run x.cs` compiles one file unless it says `#:include timeline.cs`: the command shown must work."""
    for source in (PROJECT_ROOT / "snippets").rglob("*.cs"):
        if is_helper(source):
            continue
        text = source.read_text(encoding="utf-8")
        uses_helper = "Timeline." in text
        assert uses_helper == ("\n#:include timeline.cs\n" in text), source
