# The event protocol: one line per event, `kind<TAB>ns<TAB>unit<TAB>line<TAB>label`; parsed and validated here.
from __future__ import annotations

import re
from collections import defaultdict, deque
from collections.abc import Iterator
from dataclasses import dataclass, field

KINDS = ("start", "end", "send", "recv", "mark")
MAX_EVENTS = 5000  # a drawing, not a trace: more than this is a mistake in the example
MAX_UNIT = 40
MAX_LABEL = 80
MAX_TEXT = 2 * 1024 * 1024  # characters: the build reads 1 MiB of a run's file (helpers.py); a cache entry no more
UNIT = re.compile(r"^[^\W\d_][\w.:#/<>-]*(?: [\w.:#/<>-]+)*$")  # a letter first; single spaces inside
_NUMBER = re.compile(r"[0-9]{1,9}")  # a source line (ASCII digits: int() refuses some Unicode ones and 5,000 digits)
_TIME = re.compile(r"-?[0-9]{1,19}")  # nanoseconds in a signed 64-bit counter
_META = re.compile(r"^#\s*(?P<key>[a-z][\w-]*)\s+(?P<value>.*?)\s*$")


class EventError(Exception):
    """A malformed or inconsistent event stream; `line` is the example's emitting line (0: unknown)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Span:
    unit: str
    label: str
    start_ns: int
    end_ns: int
    line: int  # where the example started it


@dataclass(frozen=True)
class Message:
    label: str
    sender: str
    receiver: str
    sent_ns: int
    received_ns: int
    line: int  # where the example sent it


@dataclass(frozen=True)
class Mark:
    unit: str
    label: str
    at_ns: int
    line: int


@dataclass(frozen=True)
class Timeline:
    """One run's events, paired up: busy spans per unit, messages from sender to receiver, marks."""

    units: tuple[str, ...]  # lane order
    spans: tuple[Span, ...]
    messages: tuple[Message, ...]
    marks: tuple[Mark, ...]
    events: int
    start_ns: int
    end_ns: int
    meta: dict[str, str] = field(default_factory=dict)  # `# key value` lines: cpus, cores, measured, machine

    @property
    def cores(self) -> int | None:
        """Free cores the build reserved for the run (CONCURRENCY_CORES); None: it shared the machine."""
        return _count(self.meta.get("cores", ""))

    @property
    def cpus(self) -> int | None:
        """The cores the run was allowed to use (its CPU affinity)."""
        return _count(self.meta.get("cpus", ""))

    @property
    def duration_ns(self) -> int:
        return self.end_ns - self.start_ns


@dataclass(frozen=True)
class _Event:
    kind: str
    time: int
    unit: str
    line: int
    label: str
    order: int  # position in the file


def parse_events(text: str) -> Timeline:
    """Parse and validate one run's events; raise EventError naming the example's line where known."""
    if len(text) > MAX_TEXT:
        raise EventError(0, f"the events are {len(text):,} characters; at most {MAX_TEXT:,} are read: record fewer")
    meta: dict[str, str] = {}
    events: list[_Event] = []
    for row, raw in enumerate(_lines(text), 1):
        if not raw.strip():
            continue
        if raw.startswith("#"):
            _meta_line(raw, row, meta)
            continue
        events.append(_event(raw, row, len(events)))
        if len(events) > MAX_EVENTS:
            raise EventError(events[-1].line, f"more than {MAX_EVENTS} events: record fewer")
    if not events:
        raise EventError(0, "no events were recorded")
    _check_monotonic(events)
    ordered = sorted(events, key=lambda e: (e.time, e.order))
    spans = _spans(ordered)
    messages = _messages(ordered)
    marks = tuple(Mark(e.unit, e.label, e.time, e.line) for e in ordered if e.kind == "mark")
    return Timeline(
        units=lane_order(ordered),
        spans=spans,
        messages=messages,
        marks=marks,
        events=len(events),
        start_ns=ordered[0].time,
        end_ns=ordered[-1].time,
        meta=meta,
    )


def _q(text: str) -> str:
    """Text from the events file quoted in a message, cut short."""
    return repr(text[:40]) + ("…" if len(text) > 40 else "")


def _count(value: str) -> int | None:
    """A positive count written as a short ASCII number, else None."""
    return int(value) if _NUMBER.fullmatch(value) and int(value) > 0 else None


def _lines(text: str) -> Iterator[str]:
    """The lines of `text` one at a time (no second copy of a large text is made)."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        yield text[start:end].rstrip("\r")
        start = end + 1


def _meta_line(raw: str, row: int, meta: dict[str, str]) -> None:
    found = _META.match(raw[:200])
    if not found:
        raise EventError(0, f"events file line {row}: a '#' line must be '# key value', not {raw[:60]!r}")
    key, value = found["key"], found["value"]
    if key == "refused":  # written by the build (helpers.collect): it did not read what the run left
        raise EventError(0, f"the build did not read the events file: {value}")
    if key == "cut":
        raise EventError(
            0, f"the events file is too large: {value} were not read (at most {MAX_EVENTS} events): record fewer"
        )
    if key in ("cores", "cpus") and not _count(value):
        raise EventError(0, f"events file line {row}: '# {key}' needs a positive number, not {value!r}")
    if key in ("cores", "cpus") and key in meta and meta[key] != value:
        raise EventError(0, f"events file line {row}: {key} {value} disagrees with {key} {meta[key]} said before")
    meta.setdefault(key, value)


def _event(raw: str, row: int, order: int) -> _Event:
    fields = raw.split("\t")
    if len(fields) != 5:
        raise EventError(0, f"events file line {row}: expected 5 tab-separated fields, found {len(fields)}")
    kind, time, unit, line_text, label = fields
    line = int(line_text) if _NUMBER.fullmatch(line_text) else -1
    if line < 0:
        raise EventError(0, f"events file line {row}: the source line must be a number, not {_q(line_text)}")
    if kind not in KINDS:
        raise EventError(line, f"unknown event kind {_q(kind)} (known: {', '.join(KINDS)})")
    if not _TIME.fullmatch(time):
        raise EventError(line, f"{kind} of {_q(unit)}: the time must be whole nanoseconds, not {_q(time)}")
    if len(unit) > MAX_UNIT or not UNIT.match(unit):
        raise EventError(
            line,
            f"unit name {_q(unit)} is not well-formed: a letter, then letters, digits or `_.:#/<>-`, single spaces "
            f"inside, at most {MAX_UNIT} characters",
        )
    if len(label) > MAX_LABEL or not label.isprintable():
        raise EventError(line, f"label {_q(label)} of {_q(unit)}: printable text of at most {MAX_LABEL} characters")
    if kind in ("send", "recv", "mark") and not label.strip():
        raise EventError(line, f"{kind} of {_q(unit)} needs a label (a message's label pairs its send and receipt)")
    return _Event(kind, int(time), unit, line, label, order)


def _check_monotonic(events: list[_Event]) -> None:
    """Each unit records its events one after the other, so its times never go back."""
    last: dict[str, _Event] = {}
    for event in events:
        before = last.get(event.unit)
        if before is not None and event.time < before.time:
            raise EventError(
                event.line,
                f"time goes backwards for {event.unit!r}: this {event.kind} is {(before.time - event.time) / 1e6:.3f} "
                f"ms before its previous event (line {before.line})",
            )
        last[event.unit] = event


def _spans(ordered: list[_Event]) -> tuple[Span, ...]:
    open_spans: dict[str, _Event] = {}
    spans = []
    for event in ordered:
        if event.kind == "start":
            if event.unit in open_spans:
                raise EventError(
                    event.line,
                    f"{event.unit!r} starts a span while the one started at line {open_spans[event.unit].line} "
                    "is still open",
                )
            open_spans[event.unit] = event
        elif event.kind == "end":
            if event.unit not in open_spans:
                raise EventError(event.line, f"{event.unit!r} ends a span it never started")
            begun = open_spans.pop(event.unit)
            spans.append(Span(event.unit, begun.label or event.label, begun.time, event.time, begun.line))
    if open_spans:
        unclosed = min(open_spans.values(), key=lambda e: e.order)
        raise EventError(unclosed.line, f"the span of {unclosed.unit!r} started here never ends")
    return tuple(spans)


def _messages(ordered: list[_Event]) -> tuple[Message, ...]:
    """A receipt pairs with the earliest unanswered send of the same label; every send must be received."""
    sent: defaultdict[str, deque[_Event]] = defaultdict(deque)
    messages = []
    for event in sorted(ordered, key=lambda e: (e.time, e.kind != "send", e.order)):
        if event.kind == "send":
            sent[event.label].append(event)
        elif event.kind == "recv":
            if not sent[event.label]:
                raise EventError(event.line, f"{event.unit!r} received {event.label!r}, which no unit had sent")
            send = sent[event.label].popleft()
            messages.append(Message(event.label, send.unit, event.unit, send.time, event.time, send.line))
    lost = sorted((e for queue in sent.values() for e in queue), key=lambda e: e.order)
    if lost:
        raise EventError(lost[0].line, f"{lost[0].unit!r} sent {lost[0].label!r}, which no unit received")
    return tuple(sorted(messages, key=lambda m: (m.sent_ns, m.received_ns)))


def lane_order(events: list[_Event]) -> tuple[str, ...]:
    """`main` first; then lanes grouped by name without its number, groups in order of first appearance,
    numbers in numeric order ("worker 2" before "worker 10")."""
    first_of_group: dict[str, int] = {}
    units: set[str] = set()
    for event in events:
        units.add(event.unit)
        first_of_group.setdefault(_group(event.unit), event.time)
    return tuple(sorted(units, key=lambda u: (u != "main", first_of_group[_group(u)], _natural(u))))


def _group(unit: str) -> str:
    return re.sub(r"[\s\d]+$", "", unit)


def _natural(text: str) -> tuple[tuple[int, int | str], ...]:
    return tuple((1, int(part)) if part.isdigit() else (0, part) for part in re.split(r"(\d+)", text) if part)
