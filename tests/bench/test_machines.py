# Unit tests for hooks.bench.results.machines and its readers: portable documents, validation, staleness, the
# machine each claim is judged on, the scaling chart and a malformed document failing the build by name.
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hooks.bench.factcheck import factcheck
from hooks.bench.measure.fingerprint import Machine
from hooks.bench.measure.profiles import QUICK
from hooks.bench.measure.record import parse_results
from hooks.bench.publish import factpages, pages, site
from hooks.bench.results import machines
from hooks.bench.results.results import results_document
from tests.bench.fixture import LIMITS, doc, fib_result

PROGRAM = "benchmarks/fib/go_goroutines.go"


def project(tmp_path: Path) -> Path:
    (tmp_path / PROGRAM).parent.mkdir(parents=True)
    (tmp_path / PROGRAM).write_text("package main\n", encoding="utf-8")
    return tmp_path


def fib(cores: int, seconds: float = 0.1) -> list[dict[str, Any]]:
    """Go fib on 1, cores and 2 x cores workers, scaling perfectly up to the cores."""
    found = [fib_result("go_goroutines", 36, w, seconds * max(1, w / cores)) for w in sorted({1, cores, 2 * cores})]
    for r in found:
        r["program"] = PROGRAM
    return found


def portable(root: Path, cores: int, name: str, results: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """A machine's document as `python -m hooks.bench --out` writes it, saved under benchmarks/machines/."""
    machine = Machine(f"Test CPU {cores}", cores, 16 * 2**30, "6.8.0", "Linux aarch64")
    made = results_document("quick", QUICK, machine, {"go": "go1.23"}, parse_results(results or fib(cores)), [], 0.0, 3)
    made["machine"]["limits"] = dict(LIMITS)
    data = machines.portable(made, root)
    path = root / machines.MACHINES_DIR / f"{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")
    return data


def test_the_portable_document_has_samples_fingerprint_commit_and_program_hashes(tmp_path: Path) -> None:
    root = project(tmp_path)
    data = portable(root, 4, "runner")
    assert data["format"] == machines.FORMAT and data["machine"]["cores"] == 4
    assert data["toolchains"] == {"go": "go1.23"} and "commit" in data  # None outside a git checkout
    assert data["programs"] == {PROGRAM: machines.source_hash(root / PROGRAM)} and len(data["harness"]) == 64
    assert data["results"][0]["samples"]["inner_seconds"] and "other_machines" not in data


def test_documents_are_listed_apart_and_stale_when_a_program_changed(tmp_path: Path) -> None:
    root = project(tmp_path)
    portable(root, 4, "runner")
    [entry], errors = machines.read_all(root, machines.program_hashes(root))
    assert not errors and entry["source"] == "benchmarks/machines/runner.json" and entry["stale"] is False
    assert entry["machine"]["cores"] == 4 and entry["publishable"] and entry["derived"]["fib_speedup"]
    (root / PROGRAM).write_text("package main // changed\n", encoding="utf-8")
    [entry], _ = machines.read_all(root, machines.program_hashes(root))
    assert entry["stale"] is True and PROGRAM in entry["stale_reason"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: "{not json", "not valid JSON (line 1, column 2"),
        (lambda d: {**d, "format": "other"}, "format must be 'concurrency-models-machine-results'"),
        (lambda d: {**d, "machine": {**d["machine"], "cores": "many"}}, "machine.cores must be a whole number"),
        (lambda d: {**d, "results": [{**d["results"][0], "unit": "go | <b>"}]}, "results[0].unit must be a string"),
        (lambda d: {**d, "results": [{**d["results"][0], "workload": "mining"}]}, "results[0].workload must be one"),
        (lambda d: {**d, "results": [{**d["results"][0], "summary": {"wall_seconds": {"median": "fast"}}}]},
         "results[0].summary.wall_seconds.median must be a finite number"),
        (lambda d: {**d, "results": "many"}, "results must be a list"),
        (lambda d: [1] * 2, "the document must be a JSON object"),
        (lambda d: json.dumps({"a": [[[[[[[[[[[[]]]]]]]]]]]]}), "format must be"),
    ],
)  # fmt: skip
def test_a_malformed_document_is_an_error_naming_file_and_field(tmp_path: Path, change: Any, message: str) -> None:
    root = project(tmp_path)
    data = portable(root, 4, "runner")
    changed = change(data)
    path = root / machines.MACHINES_DIR / "runner.json"
    path.write_text(changed if isinstance(changed, str) else json.dumps(changed), encoding="utf-8")
    entries, [error] = machines.read_all(root, {})
    assert not entries and str(error).startswith("benchmarks/machines/runner.json: ") and message in str(error)


def test_documents_are_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = project(tmp_path)
    portable(root, 4, "runner")
    monkeypatch.setattr(machines, "MAX_BYTES", 100)
    _, [error] = machines.read_all(root, {})
    assert "bytes; a document may have at most 100" in str(error)
    monkeypatch.setattr(machines, "MAX_DOCUMENTS", 0)
    _, errors = machines.read_all(root, {})
    assert "1 documents; at most 0 are read" in str(errors[0])
    (root / machines.MACHINES_DIR / "bad name!.json").write_text("{}")
    monkeypatch.setattr(machines, "MAX_DOCUMENTS", 5)
    _, errors = machines.read_all(root, {})
    assert any("a document's name is letters" in str(e) for e in errors)


def test_a_malformed_document_fails_the_build_by_name(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / machines.MACHINES_DIR).mkdir(parents=True)
    (root / machines.MACHINES_DIR / "broken.json").write_text("[", encoding="utf-8")
    failures: list[tuple[str, str]] = []
    made = site.collect(root, lambda line: None, lambda path, message: failures.append((path, message)), "off")
    assert made["other_machines"] == []
    [(path, message)] = failures
    assert path == "benchmarks/machines/broken.json" and "not valid JSON" in message


def with_others(tmp_path: Path, *others: tuple[int, str]) -> dict[str, Any]:
    """This build's document (2 cores) with the documents of other machines, as the build lists them."""
    root = project(tmp_path)
    for cores, name in others:
        portable(root, cores, name)
    d = doc()
    d["other_machines"], errors = machines.other_machines(root, [])
    assert not errors
    return d


def test_a_four_core_claim_is_judged_on_a_machine_with_at_least_four_cores(tmp_path: Path) -> None:
    d = with_others(tmp_path, (4, "four"), (8, "eight"), (1, "one"))
    rows = {(r["row"], r["claim"]): r for r in factcheck.fact_check_document(d)["claims"]}
    go = rows[("GO", "~3.5 seconds (4 cores)")]
    assert go["machine"]["source"] == "benchmarks/machines/four.json" and go["cores_used"] == 4  # the fewest >= 4
    assert go["reason"].startswith("measured on benchmarks/machines/four.json (Test CPU 4, 4 cores): ")
    assert "4 cores here for the article's 4" in go["reason"] and go["verdict"] != "not comparable"
    gil = rows[("Python (multiprocessing)", "~16.8 seconds (1 thread, GIL)")]  # 1 core: this build matches
    assert gil["machine"]["source"] is None and gil["machine"]["name"] == "this build"
    page = factpages.fact_check(d)
    assert "1 claim was judged on another machine's results" in page and "on four (4 cores)" in page


def test_without_a_matching_machine_the_nearest_judges_and_a_stale_one_never(tmp_path: Path) -> None:
    d = with_others(tmp_path, (3, "three"))
    go = next(r for r in factcheck.fact_check_document(d)["claims"] if r["claim"] == "~3.5 seconds (4 cores)")
    assert go["machine"]["name"] == "three" and "needs 4 cores" in go["reason"]
    d["other_machines"][0]["stale"] = True
    go = next(r for r in factcheck.fact_check_document(d)["claims"] if r["claim"] == "~3.5 seconds (4 cores)")
    assert go["machine"]["name"] == "this build"


def test_the_cpu_bound_page_draws_speed_up_against_workers_one_line_per_machine(tmp_path: Path) -> None:
    d = with_others(tmp_path, (4, "four"), (1, "one"))
    text = pages.cpu_bound(d)
    assert "### Across machines" in text and "Speed-up over one worker: Go goroutines" in text
    for name in ("this build (2 cores)", "four (4 cores)", "one (1 core)", "ideal: one core per worker"):
        assert f">{name}</text>" in text
    times = "\u00d7"
    assert f"four (4 cores): workers 1 → {times}1.0, workers 4 → {times}4.0, workers 8 → {times}4.0" in text
    d["other_machines"][0]["stale"] = True
    assert "Not drawn: four, measured with programs that have changed since (stale)." in pages.cpu_bound(d)
    index = factpages.other_machines(d)
    assert "### four" in index and "Stale: shown, never used" in index and "| cores | 4 |" in index
