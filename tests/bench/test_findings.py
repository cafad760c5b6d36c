# Unit tests for hooks.bench.publish.findings: conclusions computed from the documents, the cores where they matter.
from __future__ import annotations

from hooks.bench.publish import findings
from tests.bench.fixture import doc


def test_summary_names_the_cores_and_what_each_language_showed() -> None:
    text = findings.summary(doc())
    assert text.startswith("This build machine has **2 cores**, so no speed-up here can exceed \u00d72.0")
    assert "claims the article made on 4 cores are not comparable here" in text
    assert "**Python.** CPU-bound work does not get faster on threads: 2 threads ran fib at \u00d71.0 the speed" in text
    assert "2 processes at \u00d71.9 (the most 2 cores allow is \u00d72.0)" in text
    assert "Go net/http answered 41,000 plaintext requests per second on one core" in text
    assert "A task written as an async method costs 150 B; the same unit written `Task.Run(async () => ...)` " \
           "costs 300 B" in text  # fmt: skip
    assert "Memory per unit: a thread 64.0 KiB, a process 1.50 MiB." in text
    assert "**Go.** A goroutine costs 2.50 KiB" in text and "The article's claims:" in text
    assert "C# tasks 150 B, Go goroutines 2.50 KiB, Python threads 64.0 KiB" in text  # cheapest first


def test_numbers_follow_the_data() -> None:
    d = doc(cores=4)
    text = findings.summary(d)
    assert "**4 cores**" in text and "claims the article made on 4 cores" not in text


def test_home_links_to_the_details() -> None:
    text = findings.home(doc())
    assert "benchmarks/fact-check.md" in text and "**2 cores**" in text
    assert "This build measured no benchmarks" in findings.home(doc("off"))


def test_a_busy_machine_is_said_where_it_changes_the_numbers() -> None:
    d = doc()
    d["machine"]["load_average"] = {"before": [6.0, 5.0, 4.0], "after": [9.0, 8.0, 7.0]}
    for r in d["results"]:
        if r["workload"] == "fib":
            r["summary"]["cpu_seconds"]["median"] = r["summary"]["wall_seconds"]["median"] * 0.4
    text = findings.summary(d)
    assert "Other work kept the machine busy while it measured (load average 6.0 before, 9.0 after)" in text
    assert "understate what 2 free cores give" in text
