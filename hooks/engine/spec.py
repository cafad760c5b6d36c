# One run's specification: what an example run is given (its timeout, the cores it asked for and got, its limits,
# the isolation it runs under), decided once by the scheduler, hashed into the cache key and kept in the result, so
# that nobody works it out again and render never reads the machine.
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from hooks.engine import cores
from hooks.engine.example import Example
from hooks.process import sandbox
from hooks.process.limits import EXAMPLE_LIMITS, Limits, cpu_budget


@dataclass(frozen=True)
class RunSpec:
    """What one example run is given; frozen, and part of its cache key and of its result."""

    timeout: float  # seconds: the example's own, else the build's default
    limits: Limits  # the default limits, raised where the example declares `example.memory` / `example.tasks`,
    # with its CPU budget (`example.cpu`, else the timeout times the cores granted)
    sandbox: Mapping[str, Any]  # the isolation and caps it runs under, as execution-report.json says them
    cores_wanted: int | None = None  # what `example.cores` asks for on this machine (None: it declares none)
    cores_granted: int | None = None  # what it gets: CONCURRENCY_CORES

    def env(self) -> dict[str, str]:
        """What the example's process sees: CONCURRENCY_CORES=<granted>, so it can scale its threshold."""
        return {} if self.cores_granted is None else {cores.CORES_VARIABLE: str(self.cores_granted)}

    def shortfall(self) -> tuple[str, str] | None:
        """The title and text of the page's notice when the machine could not give the example what it needs."""
        want, got = self.cores_wanted, self.cores_granted
        if want is None or got is None or got >= want:
            return None
        return (
            "This machine cannot show this example's point",
            f"The example needs {want} free cores to show what the text describes; the machine that built this "
            f"page has {got}. It ran anyway and printed what it measured, but it says in its output that the "
            "comparison could not be made here, and the build did not check it.",
        )

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "sandbox": dict(self.sandbox)}

    @classmethod
    def from_json(cls, data: object) -> RunSpec:
        """A spec read back from a result's JSON; ValueError says what is wrong with it."""
        if not isinstance(data, dict) or set(data) != {f for f in cls.__dataclass_fields__}:
            raise ValueError("field 'spec' is not a run specification")
        limits = data["limits"]
        if not isinstance(limits, dict) or not all(isinstance(limits.get(k), int) for k in ("memory_bytes", "tasks")):
            raise ValueError("field 'spec' has malformed limits")
        cores = (data["cores_wanted"], data["cores_granted"])
        if not isinstance(data["timeout"], int | float) or not all(c is None or isinstance(c, int) for c in cores):
            raise ValueError("field 'spec' has a malformed timeout or cores")
        if not isinstance(data["sandbox"], dict):
            raise ValueError("field 'spec' has a malformed sandbox")
        cpu = limits.get("cpu_seconds")
        if cpu is not None and not isinstance(cpu, int | float):
            raise ValueError("field 'spec' has malformed limits")
        capped = Limits(limits["memory_bytes"], limits["tasks"], None if cpu is None else float(cpu))
        return cls(float(data["timeout"]), capped, data["sandbox"], *cores)


def run_spec(
    example: Example, default_timeout: float, machine: int | None = None, status: sandbox.Status | None = None
) -> RunSpec:
    """The spec of one run of `example` on a machine with `machine` cores (default: this one's, read now) under
    `status` (default: this build's sandbox). The scheduler calls it once per example."""
    options = example.options
    here = cores.machine_cores() if machine is None else machine
    timeout, granted = options.timeout or default_timeout, cores.granted(options, here)
    raised = EXAMPLE_LIMITS.raised(options.memory_bytes, options.tasks)
    limits = raised.with_cpu(cpu_budget(timeout, granted, options.cpu_seconds))
    return RunSpec(
        timeout=timeout,
        limits=limits,
        sandbox=(status or sandbox.current()).describe(limits),
        cores_wanted=cores.wanted(options, here),
        cores_granted=granted,
    )
