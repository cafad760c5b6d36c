# Unit tests for declaring a timeline (example options, pattern.toml) and for hooks.engine.timeline_check.
from __future__ import annotations

from pathlib import Path

import pytest

from hooks.common.errors import ExampleConfigError
from hooks.engine.cache import cache_key
from hooks.engine.example import Example, load_example
from hooks.engine.judge import CONTRADICTED, HOLDS
from hooks.engine.spec import run_spec
from hooks.engine.timeline_check import check_timeline, timeline_claims
from hooks.timeline import helpers

GOOD = (
    "# cpus 2\nstart\t0\tworker 1\t4\tjob\nstart\t1\tworker 2\t4\tjob\n"
    "end\t9\tworker 1\t4\tjob\nend\t9\tworker 2\t4\tjob\n"
)


def example(tmp_path: Path, text: str, name: str = "pool.py") -> Example:
    path = tmp_path / "snippets" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return load_example(path, root=tmp_path)


def test_options_declare_the_timeline_and_its_shapes(tmp_path: Path) -> None:
    plain = example(tmp_path, "print(1)\n")
    assert (plain.options.timeline, plain.options.shapes) == (False, ())
    declared = example(tmp_path, "# example.timeline: true\nprint(1)\n")
    assert (declared.options.timeline, declared.options.shapes) == (True, ())
    shaped = example(tmp_path, "# example.shape: at most 2 of worker*   busy at once\nprint(1)\n")
    assert (shaped.options.timeline, shaped.options.shapes) == (True, ("at most 2 of worker* busy at once",))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("# example.timeline: yes\nx\n", "pool.py:1: 'example.timeline' must be true or false"),
        ("# example.expect: x\n# example.shape: at most three\nx\n", "pool.py:2: 'example.shape': not a shape"),
        (
            "# example.timeline: false\n# example.shape: at most 1 of * busy at once\nx\n",
            "pool.py:1: 'example.shape' needs the timeline",
        ),
    ],
)
def test_bad_declarations_name_their_line(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ExampleConfigError, match=message):
        example(tmp_path, text)


def pattern(tmp_path: Path, toml: str) -> Path:
    folder = tmp_path / "snippets" / "patterns" / "pool"
    folder.mkdir(parents=True)
    (folder / "pattern.toml").write_text('title = "Pool"\nexpect = "ok"\n' + toml)
    (folder / "pool.py").write_text("print('ok')\n")
    return folder


def test_pattern_toml_declares_them_for_every_language(tmp_path: Path) -> None:
    folder = pattern(tmp_path, 'shapes = ["at most 3 of worker* busy at once"]\n')
    options = load_example(folder / "pool.py", root=tmp_path).options
    assert (options.timeline, options.shapes) == (True, ("at most 3 of worker* busy at once",))


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("timeline = 1\n", "pattern.toml:3: 'timeline' must be true or false"),
        ('shapes = "at most 1 of * busy at once"\n', "pattern.toml:3: 'shapes' must be a list of strings"),
        ('\nshapes = ["sometimes"]\n', "pattern.toml:4: not a shape"),
        ('shapes = [\n  "at most 1 of * busy at once",\n  "often",\n]\n', "pattern.toml:5: not a shape: 'often'"),
        ('timeline = false\nshapes = ["at most 1 of * busy at once"]\n', "pattern.toml:3: 'shapes' need the timeline"),
    ],
)
def test_bad_pattern_declarations_name_their_line(tmp_path: Path, toml: str, message: str) -> None:
    folder = pattern(tmp_path, toml)
    with pytest.raises(ExampleConfigError, match=message):
        load_example(folder / "pool.py", root=tmp_path)


def test_a_file_in_a_pattern_with_a_timeline_may_not_declare_its_own(tmp_path: Path) -> None:
    folder = pattern(tmp_path, "timeline = true\n")
    (folder / "pool.py").write_text("# example.shape: at most 1 of * busy at once\nprint('ok')\n")
    with pytest.raises(ExampleConfigError, match=r"pool\.py:1: 'example\.shape' is set by the shared expectation"):
        load_example(folder / "pool.py", root=tmp_path)


def test_missing_events_fail_at_the_declaration(tmp_path: Path) -> None:
    declared = example(tmp_path, "# example.expect: 1\n# example.timeline: true\nprint(1)\n")
    failure = check_timeline(declared, None)
    assert failure is not None and failure.line == 2
    assert failure.reason.startswith("the example declares a timeline but its run recorded no events")


def test_malformed_events_fail_at_the_emitting_line(tmp_path: Path) -> None:
    declared = example(tmp_path, "# example.timeline: true\nprint(1)\n")
    failure = check_timeline(declared, "# cpus 2\nstart\t1\tworker 1\t17\tjob\n")
    assert failure is not None and failure.line == 17
    assert failure.reason == "timeline: the span of 'worker 1' started here never ends"
    unknown_line = check_timeline(declared, "# cpus 2\nstart\t1\tworker 1\n")
    assert unknown_line is not None and unknown_line.line == 1  # no emitting line known: the declaration


def test_a_shape_that_does_not_hold_is_a_contradicted_claim(tmp_path: Path) -> None:
    declared = example(tmp_path, "# example.shape: at most 1 of worker* busy at once\nprint(1)\n")
    assert check_timeline(declared, GOOD) is None  # the events are fine; the shape is the judge's
    [claim] = timeline_claims(declared, GOOD)
    assert (claim.answer, claim.line, claim.needs) == (CONTRADICTED, 4, None)  # where the second worker started
    assert claim.text == "timeline shape 'at most 1 of worker* busy at once' does not hold"
    assert claim.evidence == "2 busy at once at 0.0 ms"
    holds = example(tmp_path, "# example.shape: at most 2 of worker* busy at once\nprint(1)\n")
    assert [c.answer for c in timeline_claims(holds, GOOD)] == [HOLDS]


def test_a_shape_with_a_time_share_says_how_many_free_cores_it_needs(tmp_path: Path) -> None:
    declared = example(tmp_path, "# example.shape: at least 2 of worker* busy at once for 90% of the time\nprint(1)\n")
    [claim] = timeline_claims(declared, GOOD)
    assert claim.answer == CONTRADICTED and claim.needs == 2


def test_a_pattern_shape_failure_names_the_pattern(tmp_path: Path) -> None:
    folder = pattern(tmp_path, 'shapes = ["at least 3 of worker* busy at once"]\n')
    [claim] = timeline_claims(load_example(folder / "pool.py", root=tmp_path), GOOD)
    assert claim.text.endswith("(declared in snippets/patterns/pool/pattern.toml) does not hold")
    assert claim.evidence.startswith("never 3 busy at once")
    assert claim.needs is None  # waiting units: no machine excuses it


def test_the_cache_key_covers_the_declaration_and_the_helper(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plain = example(tmp_path, "print(1)\n", "a.py")
    declared = example(tmp_path, "# example.timeline: true\nprint(1)\n", "b.py")
    shaped = example(tmp_path, "# example.shape: at most 1 of * busy at once\nprint(1)\n", "c.py")
    keys = {cache_key(e, "Python 3", run_spec(e, 60.0)) for e in (plain, declared, shaped)}
    assert len(keys) == 3
    before = cache_key(declared, "Python 3", run_spec(declared, 60.0))
    monkeypatch.setattr(helpers, "helper_digest", lambda language: "changed")
    import hooks.engine.cache

    monkeypatch.setattr(hooks.engine.cache, "helper_digest", lambda language: "changed")
    assert cache_key(declared, "Python 3", run_spec(declared, 60.0)) != before
    assert (
        cache_key(plain, "Python 3", run_spec(plain, 60.0)) in keys
    )  # an example without a timeline does not depend on it
