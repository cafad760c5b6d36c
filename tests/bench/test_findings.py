# Unit tests for hooks.bench.publish.findings: conclusions computed from the documents, the cores where they matter.
from __future__ import annotations

from hooks.bench.measure.record import parse_results
from hooks.bench.publish import findings
from tests.bench.fixture import doc


def test_summary_names_the_cores_and_what_each_language_showed() -> None:
    text = findings.summary(doc())
    assert text.startswith("This build machine has **2 cores**, so no speed-up here can exceed \u00d72.0")
    assert "of the 5 claims the article made on 4 cores, 3 are not comparable here and 2 are judged" in text
    python = "**Python.** CPU-bound work ran faster on processes than on threads: 2 threads ran fib at \u00d71.0 the "
    assert python + "speed of one, indistinguishable here from one; 2 processes at \u00d71.9 the speed of one" in text
    assert "(the most 2 cores allow is \u00d72.0)" in text
    assert "Go net/http answered 41,000 plaintext requests per second on one core" in text
    assert "A task written as an async method costs 150 B; the same unit written `Task.Run(async () => ...)` " \
           "costs 300 B" in text  # fmt: skip
    assert "Memory per unit: a thread 64.0 KiB, a process 1.50 MiB." in text
    assert "**Go.** A goroutine costs 2.50 KiB" in text and "The article's claims:" in text
    assert "cheapest first: C# tasks 150 B, Go goroutines 2.50 KiB, Python threads 64.0 KiB." in text


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


def test_a_speed_up_whose_interval_reaches_one_is_not_claimed() -> None:
    d = doc()
    for r in d["results"]:  # the case: 2 goroutines at x1.9 with an interval of about [0.97, 2.2]
        if r["unit"] == "go_goroutines" and r["workload"] == "fib" and r["params"]["workers"] == 2:
            r["summary"]["inner_seconds"].update(median=0.105, ci_low=0.09, ci_high=0.206)
    text = findings.summary(d)
    assert "2 goroutines ran fib at \u00d71.9 the speed of one, indistinguishable here from one;" in text
    cell = next(f for f in findings.comparison_findings(d) if "Go goroutines" in f.text)
    assert cell.text == "\u00d71.9 the speed of one, indistinguishable here from one (Go goroutines)"
    assert cell.distinguishable is False and not cell.states_difference


def test_a_ranking_never_orders_overlapping_figures() -> None:
    d = doc()
    d["results"] = [r for r in d["results"] if r["unit"] != "csharp_tasks"]
    for r in d["results"]:  # Python threads as cheap as goroutines, within the noise
        if r["unit"] == "python_threads" and r["workload"] == "spawn_hold":
            n = r["params"]["n"]
            r["samples"]["ready_pss_bytes"] = [10e6 + 2600 * n + (i - 5) * 300_000 for i in range(10)]
    found = findings.lightest(parse_results(d["results"]))
    assert "Go goroutines 2.50 KiB \u2248 Python threads 2.5" in found.text and "(indistinguishable here)" in found.text
    assert found.distinguishable is False
