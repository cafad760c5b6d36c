# What an example's `example.cores` means on this machine: the cores it is granted and its share of the
# executor's slots (the environment it sees and the page's notice come from its RunSpec, hooks/engine/spec.py).
from __future__ import annotations

import math
import os
import threading
from pathlib import Path

from hooks.engine.options import ALL_CORES, WAITS, Options

CORES_VARIABLE = "CONCURRENCY_CORES"  # the cores granted to an example that declares `example.cores`
UNITS_PER_CORE = 4  # a core is four units; an example that mostly waits takes one, so four share a core


def machine_cores() -> int:
    """The cores this process may run on: its affinity mask, capped by its cgroup's CPU limit (cpu.max)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    quota = _cgroup_quota()
    return max(1, min(cores, math.ceil(quota)) if quota else cores)


def _cgroup_quota() -> float | None:
    """CPU bandwidth of this process's cgroup (v2) in cores, or None when it has no limit."""
    try:
        line = next(x for x in Path("/proc/self/cgroup").read_text().splitlines() if x.startswith("0::"))
        quota, period = (Path("/sys/fs/cgroup") / line[3:].lstrip("/") / "cpu.max").read_text().split()
        return None if quota == "max" else int(quota) / int(period)
    except (OSError, StopIteration, ValueError):
        return None


def wanted(options: Options, cores: int) -> int | None:
    """The cores the example asks for on a machine with `cores` of them; None when it declares none."""
    if options.cores is None or options.cores == WAITS:
        return None
    return cores if options.cores == ALL_CORES else int(options.cores)


def granted(options: Options, cores: int | None = None) -> int | None:
    """The cores the example gets here (what it asked for, at most what the machine has), or None."""
    if options.cores is None or options.cores == WAITS:
        return None
    cores = machine_cores() if cores is None else cores
    want = wanted(options, cores)
    return None if want is None else min(want, cores)


def units(options: Options, capacity: int) -> int:
    """The example's share of an executor with `capacity` units (UNITS_PER_CORE per core)."""
    if options.cores == WAITS:
        return 1
    if options.cores is None:
        return min(UNITS_PER_CORE, capacity)
    if options.cores == ALL_CORES:
        return capacity
    return min(int(options.cores) * UNITS_PER_CORE, capacity)


class Slots:
    """Units handed out first come, first served: an example waits for its share, and nobody overtakes it.

    Taking them in order means an example that needs the whole machine gets it as soon as the ones
    before it finish, instead of waiting for a gap that small examples keep filling.
    """

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.free = capacity
        self._changed = threading.Condition()

    def take(self, count: int) -> None:
        """Block until `count` units are free, then take them (interruptible by Ctrl-C)."""
        with self._changed:
            while self.free < count:
                self._changed.wait(timeout=0.5)
            self.free -= count

    def give(self, count: int) -> None:
        with self._changed:
            self.free += count
            self._changed.notify_all()
