# Unit tests for hooks.bench.measure.fingerprint: parsing /proc files, the machine key, steal time.
from __future__ import annotations

from pathlib import Path

from hooks.bench.measure.fingerprint import (
    Machine,
    StealMeter,
    machine,
    parse_cpu_model,
    parse_cpu_times,
    parse_mem_total,
)

CPUINFO = "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7B13\nflags\t\t: fpu\n"
STAT = "cpu  100 5 50 800 10 0 2 30 0 0\ncpu0 50 2 25 400 5 0 1 15 0 0\nintr 1\n"


def test_cpu_model() -> None:
    assert parse_cpu_model(CPUINFO) == "AMD EPYC 7B13"
    assert parse_cpu_model("Hardware\t: BCM2835\n") == "BCM2835"


def test_mem_total_in_bytes() -> None:
    assert parse_mem_total("MemTotal:       24684000 kB\nMemFree: 1 kB\n") == 24684000 * 1024
    assert parse_mem_total("") == 0


def test_cpu_times_total_and_steal() -> None:
    assert parse_cpu_times(STAT) == (100 + 5 + 50 + 800 + 10 + 0 + 2 + 30, 30)


def test_steal_fraction_between_two_readings(tmp_path: Path) -> None:
    (tmp_path / "stat").write_text(STAT)
    meter = StealMeter(tmp_path)
    (tmp_path / "stat").write_text("cpu  200 5 50 880 10 0 2 40 0 0\n")
    assert meter.fraction() == 10 / 190


def test_machine_key_ignores_small_memory_drift_but_not_the_cpu() -> None:
    a = Machine("CPU A", 2, 8 * 2**30, "6.1", "Linux x86_64")
    assert a.key == Machine("CPU A", 2, 8 * 2**30 - 4096, "6.1", "Linux x86_64").key
    assert a.key != Machine("CPU B", 2, 8 * 2**30, "6.1", "Linux x86_64").key
    assert a.to_json()["key"] == a.key


def test_this_machine() -> None:
    here = machine()
    assert here.cores >= 1 and here.memory_bytes > 0 and here.cpu_model
