# The article's scale and many connections on fixture documents: the fit's linearity, the full profile's last run,
# the connections page and the guide's row, portable documents with connections and variants (issue 18).
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from hooks.bench.factcheck.factcheck import checks
from hooks.bench.measure.profiles import SCALE, SCALE_PROFILES
from hooks.bench.measure.record import parse_results
from hooks.bench.measure.workloads import cases
from hooks.bench.publish.factpages import fact_check, published
from hooks.bench.publish.guide import cells
from hooks.bench.publish.pages import connections, spawn_hold
from hooks.bench.results import figures, machines
from tests.bench.fixture import doc, result, runs, spawn


def held(unit: str, per_connection: float, p99: float, count: int = 1000) -> dict[str, Any]:
    found = result("connections", unit, {"connections": count, "rounds": 3},
                   bytes_per_connection=runs(per_connection), latency_p50_seconds=runs(p99 / 2),
                   latency_p99_seconds=runs(p99), latency_p999_seconds=runs(p99), latency_max_seconds=runs(p99),
                   server_pss_idle_bytes=runs(1e7 + count * per_connection), client_cpu_share=runs(0.4))  # fmt: skip
    found["program"] = f"benchmarks/http/{unit}.x"
    return found


def with_connections() -> dict[str, Any]:
    made = doc()
    made["results"] += [held("go_net_http", 17_000, 0.06), held("elixir_gen_tcp", 2_000, 0.07)]
    return made


def test_the_guide_row_rests_on_held_connections_and_follows_the_intervals() -> None:
    row = dict(cells(with_connections()))["Thousands of connections"]
    go, elixir = row[3], row[1]
    assert "holding 1,000 idle keep-alive connections" in go.text and "as much as Elixir :gen_tcp" in go.text
    assert "(figure)](benchmarks/connections.md#1000-connections)" in go.text
    assert go.finding is not None and go.finding.distinguishable
    assert "the least of the servers measured" in elixir.text
    assert "http.md" in row[0].text or "not measured" in row[0].text  # no connections run for Python: wrk's figures
    assert "not measured in this build" in dict(cells(doc()))["Thousands of connections"][3].text


def test_the_connections_page_shows_memory_per_connection_and_latency_per_count() -> None:
    page = connections(with_connections())
    assert "### 1,000 connections" in page and "memory per idle connection" in page
    assert page.index("Elixir :gen_tcp") < page.index("Go net/http") or "standard library" in page
    assert "has not been measured on any machine" in page  # the article's scale, from the results


def test_the_full_profile_last_ran_where_the_results_say() -> None:
    made = doc()
    assert figures.full_runs(made) == []
    ran = [{"status": "ok", "measured_until": "2026-12-01T10:20:30+00:00"}]
    made["other_machines"] = [{"profile": {"name": "full"}, "machine": {"cpu_model": "Big CPU", "cores": 16},
                               "source": "benchmarks/machines/big.json", "results": ran}]  # fmt: skip
    assert figures.full_runs(made) == [("2026-12-01 10:20 UTC", "Big CPU, 16 cores", "benchmarks/machines/big.json")]
    assert "was last measured 2026-12-01 10:20 UTC on Big CPU, 16 cores" in spawn_hold(made)


def test_linearity_of_the_memory_fit_is_computed_and_shown() -> None:
    raw = [spawn("go_goroutines", n, 2560, 0.1) for n in (1000, 3000, 10000, 30000)]
    straight = parse_results(raw)
    fit = figures.memory_linearity(straight, "go_goroutines")
    assert fit is not None and fit.r2 > 0.999 and fit.worst < 0.01 and len(fit.residuals) == 4
    bent = parse_results([spawn("python_threads", n, 100 * n, 0.1) for n in (100, 300, 1000, 3000)])  # memory ~ N^2
    curved = figures.memory_linearity(bent, "python_threads")
    assert curved is not None and curved.r2 < 0.99 and curved.worst > 0.1
    assert figures.memory_linearity(straight[:2], "go_goroutines") is None  # two sizes: nothing to show
    made = doc()
    made["results"] += raw
    page = spawn_hold(made)
    assert "R²" in page and "30,000: " in page


def test_variants_are_named_by_their_arguments() -> None:
    made = doc()
    forked = [r for r in made["results"] if r["unit"] == "python_processes"]
    for r in forked:
        r["args"] = {"start_method": "fork"}
    spawned = spawn("python_processes_spawn", 4, 20e6, 0.5)
    spawned.update(args={"start_method": "spawn"}, program="benchmarks/spawn_hold/python_processes.py")
    made["results"].append(spawned)
    page = spawn_hold(made)
    assert "Python processes (fork)" in page and "Python processes (spawn)" in page


def test_portable_documents_take_connections_and_variants() -> None:
    conn = held("go_net_http", 17_000, 0.06)
    conn["program"] = "benchmarks/http/go_net_http.go"
    assert machines._result(conn, machines._At("r"))["program"] == "benchmarks/http/go_net_http.go"
    conn["load"] = {"open_files": 20_000, "generator": "kept out"}
    assert machines._result(conn, machines._At("r"))["load"] == {"open_files": 20_000}  # the page states it
    conn["load"] = {"open_files": "many"}
    with pytest.raises(Exception, match=r"load\.open_files must be a whole number"):
        machines._result(conn, machines._At("r"))
    variant = spawn("python_processes_spawn", 4, 20e6, 0.5)
    variant.update(program="benchmarks/spawn_hold/python_processes.py", args={"start_method": "spawn"})
    assert machines._result(variant, machines._At("r"))["args"] == {"start_method": "spawn"}
    variant["unit"] = "go_goroutines"
    with pytest.raises(Exception, match="variant of it"):
        machines._result(variant, machines._At("r"))


def scale_document(stale: bool = False) -> dict[str, Any]:
    """A document of the scale profile, as results.json lists it: Go at one million, 10,000 connections."""
    found = [spawn("go_goroutines", n, 2700, n * 1e-6) for n in (10_000, 100_000, 300_000, 1_000_000)]
    found += [held("go_net_http", 9_000, 0.2, 10_000)]
    for r in found:
        r["profile"] = "scale"
    return {"origin": "document", "name": "scale-run", "source": "benchmarks/machines/scale-run.json",
            "machine": {"key": "0123456789abcdef", "cpu_model": "Test CPU 3000", "cores": 2,
                        "memory_bytes": 24 * 2**30, "kernel": "6.1.0-test", "system": "Linux x86_64"},
            "commit": "abcdef1", "profile": {"name": "scale", "runs": 10, "warmups": 1}, "publishable": True,
            "stale": stale, "stale_reason": "other versions" if stale else "", "results": found}  # fmt: skip


def test_the_article_scale_is_shown_apart_with_when_and_where_it_ran() -> None:
    made = doc()
    made["other_machines"] = [scale_document()]
    page = spawn_hold(made)
    assert "## At the article's scale: scale-run" in page and "1,000,000" in page
    assert "A separate run, not this build's measurements" in page and "`scale` profile (10 measured runs" in page
    assert "never pooled" in page and page.index("At the article's scale") > page.index("### Memory per unit")
    assert "### At scale: Memory per unit" in page  # its own headings: no anchor of this build's is taken
    held_page = connections(made)
    assert "### At scale: 10,000 connections" in held_page and "benchmarks/machines/scale-run.json" in held_page
    assert "was last measured 2026-11-27 04:01 UTC on Test CPU 3000, 2 cores" in held_page
    made["other_machines"] = [scale_document(stale=True)]
    assert "Stale: shown, never used for a verdict" in spawn_hold(made)


def test_a_claim_at_one_million_is_judged_on_the_document_that_measured_it() -> None:
    made = doc()  # this build: Go up to 100,000, so one million is ten times past it
    here = {c.claim.column: c for c in checks(made) if c.claim.row == "GO" and c.claim.section.startswith("Bench")}
    assert here["Memory/Unit"].machine is not None and here["Memory/Unit"].machine.source is None
    made["other_machines"] = [scale_document()]
    judged = {c.claim.column: c for c in checks(made) if c.claim.row == "GO" and c.claim.section.startswith("Bench")}
    memory = judged["Memory/Unit"]
    assert memory.machine is not None and memory.machine.source == "benchmarks/machines/scale-run.json"
    assert memory.figure is not None and memory.figure.extrapolation == 1 and "scale-run" in memory.reason
    made["other_machines"] = [scale_document(stale=True)]  # stale: this build's own figure again
    again = {c.claim.column: c for c in checks(made) if c.claim.row == "GO" and c.claim.section.startswith("Bench")}
    assert again["Memory/Unit"].machine is not None and again["Memory/Unit"].machine.source is None


def test_the_scale_profile_runs_only_what_reaches_a_million(tmp_path: Path) -> None:
    made = []
    for folder, name in (("spawn_hold", "go_goroutines.go"), ("spawn_hold", "python_threads.py"),
                         ("spawn_hold", "python_asyncio.py"), ("http", "go_net_http.go")):  # fmt: skip
        (tmp_path / folder).mkdir(exist_ok=True)
        (tmp_path / folder / name).write_text("")
        made.append(tmp_path / folder / name)
    found = cases(made, SCALE, 2, "spawn_hold,connections")
    sizes = {(c.workload, c.unit): [v for k, v in c.params if k in ("n", "connections")] for c in found}
    assert {(w, u) for w, u in sizes} == {("spawn_hold", "go_goroutines"), ("spawn_hold", "python_asyncio"),
                                          ("connections", "go_net_http")}  # fmt: skip
    assert max(n for c in found if c.unit == "go_goroutines" for k, n in c.params if k == "n") == 1_000_000
    assert len([c for c in found if c.unit == "python_asyncio"]) >= 4  # four sizes: the fit has residuals
    assert sorted(dict(c.params)["connections"] for c in found if c.workload == "connections") == [1_000, 10_000]
    assert {c.unit for c in cases(made, SCALE, 2, "connections/go_net_http, spawn_hold/python_asyncio")} == {
        "go_net_http", "python_asyncio"}  # fmt: skip
    assert SCALE.publishable and "scale" in SCALE_PROFILES and "quick" not in SCALE_PROFILES


def test_the_fact_check_and_the_published_table_say_where_the_million_was_measured() -> None:
    made = doc()
    made["other_machines"] = [scale_document()]
    page = fact_check(made)
    assert "`benchmarks/machines/scale-run.json`: the `scale` profile, 10 measured runs per figure, measured " in page
    assert "2026-11-27 04:00 to 2026-11-27 04:01 UTC on Test CPU 3000, 2 cores" in page
    table = published(made)
    assert "scale-run (separate run)" in table and "GiB<br><small>measured at N = 1,000,000" in table
    made["other_machines"] = [scale_document(stale=True)]
    assert "separate run" not in published(made)


def test_an_http_claim_at_ten_thousand_connections_has_the_held_figure_beside_it() -> None:
    made = doc()
    document = scale_document()
    document["results"].append({**held("python_asyncio", 6_000, 0.4, 10_000)})
    made["other_machines"] = [document]
    page = fact_check(made)
    assert "p99 with 10,000 connections held:" in page and "on scale-run (separate run, connections page)" in page
    assert "server memory with 10,000 connections held:" in page
