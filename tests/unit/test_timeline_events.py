# Unit tests for hooks.timeline.events: the event protocol, parsed and validated.
from __future__ import annotations

import pytest

from hooks.timeline.events import MAX_EVENTS, EventError, parse_events

MS = 1_000_000


def stream(*rows: tuple[str, float, str, int, str], meta: str = "# cpus 2\n") -> str:
    """Event lines from (kind, milliseconds, unit, source line, label)."""
    return meta + "".join(f"{k}\t{int(t * MS)}\t{u}\t{line}\t{label}\n" for k, t, u, line, label in rows)


POOL = stream(
    ("send", 0, "main", 10, "job 1"),
    ("recv", 1, "worker 2", 20, "job 1"),
    ("start", 1, "worker 2", 21, "job 1"),
    ("send", 0.5, "main", 10, "job 2"),
    ("recv", 2, "worker 1", 20, "job 2"),
    ("start", 2, "worker 1", 21, "job 2"),
    ("end", 30, "worker 2", 21, "job 1"),
    ("mark", 31, "main", 12, "halfway"),
    ("end", 40, "worker 1", 21, "job 2"),
)


def test_a_valid_stream_pairs_spans_and_messages() -> None:
    timeline = parse_events(POOL)
    assert timeline.events == 9
    assert timeline.units == ("main", "worker 1", "worker 2")
    assert [(s.unit, s.label, s.start_ns, s.end_ns, s.line) for s in timeline.spans] == [
        ("worker 2", "job 1", 1 * MS, 30 * MS, 21),
        ("worker 1", "job 2", 2 * MS, 40 * MS, 21),
    ]
    assert [(m.label, m.sender, m.receiver, m.sent_ns, m.received_ns) for m in timeline.messages] == [
        ("job 1", "main", "worker 2", 0, 1 * MS),
        ("job 2", "main", "worker 1", MS // 2, 2 * MS),
    ]
    assert [(m.unit, m.label, m.at_ns) for m in timeline.marks] == [("main", "halfway", 31 * MS)]
    assert (timeline.start_ns, timeline.end_ns, timeline.duration_ns) == (0, 40 * MS, 40 * MS)


def test_meta_lines_say_the_cores() -> None:
    timeline = parse_events(stream(("mark", 0, "main", 1, "x"), meta="# cpus 4\n# cores 2\n# measured today\n"))
    assert (timeline.cpus, timeline.cores, timeline.meta["measured"]) == (4, 2, "today")
    shared = parse_events(stream(("mark", 0, "main", 1, "x")))
    assert shared.cores is None


def test_negative_times_are_fine_the_clock_is_only_compared() -> None:
    timeline = parse_events("start\t-500\tmain\t3\t\nend\t-100\tmain\t3\t\n")  # Erlang's monotonic clock
    assert timeline.duration_ns == 400


def test_lanes_main_first_then_groups_by_first_appearance_with_numbers_in_order() -> None:
    timeline = parse_events(
        stream(
            ("mark", 0, "thread 10", 1, "a"),
            ("mark", 1, "thread 2", 1, "a"),
            ("mark", 2, "process 1", 1, "a"),
            ("mark", 3, "main", 1, "a"),
        )
    )
    assert timeline.units == ("main", "thread 2", "thread 10", "process 1")


def test_file_order_across_units_need_not_be_time_order() -> None:
    # Processes share the file: lines of different units may land out of time order.
    rows = (("start", 5, "b", 1, ""), ("start", 1, "a", 1, ""), ("end", 6, "b", 1, ""), ("end", 2, "a", 1, ""))
    timeline = parse_events(stream(*rows))
    assert [s.unit for s in timeline.spans] == ["a", "b"]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("", 0, "no events were recorded"),
        ("# cpus 2\n", 0, "no events were recorded"),
        ("start\t1\tmain\t3\n", 0, "events file line 1: expected 5 tab-separated fields, found 4"),
        ("begin\t1\tmain\t3\tx\n", 3, "unknown event kind 'begin'"),
        ("start\t1.5\tmain\t3\tx\n", 3, "the time must be whole nanoseconds"),
        ("start\t1\tmain\tthree\tx\n", 0, "the source line must be a number"),
        ("start\t1\t9lives\t3\tx\n", 3, "unit name '9lives' is not well-formed"),
        ("start\t1\tworker  1\t3\tx\n", 3, "unit name 'worker  1' is not well-formed"),
        ("start\t1\t" + "w" * 41 + "\t3\tx\n", 3, "is not well-formed"),
        ("start\t1\tmain\t3\t" + "x" * 81 + "\n", 3, "printable text of at most 80 characters"),
        ("start\t1\tmain\t3\tbell\x07\n", 3, "printable text"),
        ("send\t1\tmain\t3\t\n", 3, "send of 'main' needs a label"),
        ("start\t1\tmain\t3\t\n", 3, "the span of 'main' started here never ends"),
        ("end\t1\tmain\t4\t\n", 4, "'main' ends a span it never started"),
        ("start\t1\tmain\t3\t\nstart\t2\tmain\t5\t\n", 5, "'main' starts a span while the one started at line 3"),
        ("mark\t5\tmain\t3\ta\nmark\t4\tmain\t7\tb\n", 7, "time goes backwards for 'main'"),
        ("recv\t1\tw\t8\tjob 1\n", 8, "'w' received 'job 1', which no unit had sent"),
        ("recv\t1\tw\t8\tjob 1\nsend\t2\tmain\t4\tjob 1\n", 8, "which no unit had sent"),
        ("send\t1\tmain\t4\tjob 1\n", 4, "'main' sent 'job 1', which no unit received"),
        ("# cores two\nmark\t1\tmain\t3\tx\n", 0, "'# cores' needs a positive number"),
        ("# cpus 2\n# cpus 4\nmark\t1\tmain\t3\tx\n", 0, "cpus 4 disagrees with cpus 2"),
        ("#nonsense\nmark\t1\tmain\t3\tx\n", 0, "a '#' line must be '# key value'"),
    ],
)
def test_malformed_streams_fail_with_the_emitting_line(text: str, line: int, message: str) -> None:
    with pytest.raises(EventError) as caught:
        parse_events(text)
    assert caught.value.line == line
    assert message in caught.value.message


def test_repeated_cores_lines_that_agree_are_fine() -> None:
    # Each process of a multiprocessing example writes the header again.
    timeline = parse_events("# cpus 2\n# cores 2\nmark\t1\tmain\t3\tx\n# cpus 2\n# cores 2\nmark\t2\tp\t3\tx\n")
    assert timeline.cores == 2


def test_a_receipt_pairs_with_the_earliest_unanswered_send_of_its_label() -> None:
    timeline = parse_events(
        stream(
            ("send", 0, "a", 1, "tick"),
            ("send", 1, "b", 2, "tick"),
            ("recv", 2, "c", 3, "tick"),
            ("recv", 3, "d", 4, "tick"),
        )
    )
    assert [(m.sender, m.receiver) for m in timeline.messages] == [("a", "c"), ("b", "d")]


def test_too_many_events_is_an_error() -> None:
    rows = "".join(f"mark\t{i}\tmain\t7\tm\n" for i in range(MAX_EVENTS + 1))
    with pytest.raises(EventError) as caught:
        parse_events(rows)
    assert caught.value.line == 7 and f"more than {MAX_EVENTS} events" in caught.value.message
