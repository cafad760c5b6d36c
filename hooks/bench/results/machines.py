# Results of other machines: the portable document `python -m hooks.bench --out` writes, and the documents committed
# under benchmarks/machines/ read back at build time (bounded and validated: they are contributor input).
from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hooks.bench.measure.record import CaseResult, parse_results
from hooks.bench.measure.store import harness_hash, source_hash
from hooks.bench.measure.suite import discover, recipe_hash
from hooks.bench.measure.workloads import WORKLOADS
from hooks.bench.results.results import derived, latest, latest_records, with_ids
from hooks.process.run import run_process

FORMAT = "concurrency-models-machine-results"
SCHEMA = 1
MACHINES_DIR = "benchmarks/machines"
MAX_DOCUMENTS = 32  # documents read per build
MAX_BYTES = 16 * 2**20  # per document (a full profile with every sample is about 1 MiB)
MAX_RESULTS = 2_000  # per document
MAX_SAMPLES = 10_000  # per figure
MAX_TEXT = 300  # characters of any string shown on a page
NAME = re.compile(r"[a-z][a-z0-9_]{0,63}")
FILE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,80}\.json")
HEX64 = re.compile(r"[0-9a-f]{64}")
COMMIT = re.compile(r"[0-9a-f]{7,40}\+?")


class MachineDocumentError(ValueError):
    """A document under benchmarks/machines/ that cannot be used; the message names the file."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


def program_hashes(root: Path) -> dict[str, str]:
    """SHA-256 of every benchmark program of the project at `root`, by its path from `root`."""
    return {p.relative_to(root).as_posix(): source_hash(p) for p in discover(root) if p.is_relative_to(root)}


def git_commit(root: Path) -> str | None:
    """The full commit of `root`'s checkout, `+` when tracked files have local changes; None outside git."""
    head = run_process(["git", "rev-parse", "HEAD"], cwd=root, timeout=10)
    if head.exit_code != 0:
        return None
    dirty = run_process(["git", "status", "--porcelain", "--untracked-files=no"], cwd=root, timeout=10)
    return head.stdout.decode().strip() + ("+" if dirty.stdout.strip() else "")


def portable(doc: Mapping[str, Any], root: Path) -> dict[str, Any]:
    """This session's results document as a machine's portable document: every figure with its samples, the
    machine's fingerprint and toolchains, the commit, and a hash of each program and of the measuring code."""
    body = {k: v for k, v in doc.items() if k not in ("other_machines", "note")}
    return {
        "format": FORMAT,
        "format_schema": SCHEMA,
        "commit": git_commit(root),
        "programs": program_hashes(root),
        "harness": harness_hash(),
        "recipe": recipe_hash(),
        **body,
    }


def stale_reason(programs: Iterable[str], recorded: Mapping[str, str], here: Mapping[str, str]) -> str:
    """Why results of these programs no longer measure this build's ("" when every program is unchanged)."""
    changed = sorted({p for p in programs if recorded.get(p) is None or recorded.get(p) != here.get(p)})
    if not changed:
        return ""
    shown = ", ".join(changed[:3]) + (f" and {len(changed) - 3} more" if len(changed) > 3 else "")
    return f"measured with other versions of {shown} than this build's (or with no record of which)"


def from_cache(machine: Mapping[str, Any], results: Sequence[CaseResult], here: Mapping[str, str]) -> dict[str, Any]:
    """Another machine's results found in the local benchmark cache, as results.json lists them."""
    found = [r for r in latest_records(results) if r.ok]
    recorded = {r.program: r.program_sha256 for r in found if r.program_sha256}
    reason = stale_reason((r.program for r in found), recorded, here)
    cores = machine.get("cores")
    return {
        "origin": "cache",
        "name": f"cache {machine.get('key', '?')}",
        "source": None,
        "machine": dict(machine),
        "stale": bool(reason),
        "stale_reason": reason,
        "results": [{"id": r.ident, **r.to_json()} for r in found],
        "derived": derived(found, cores if isinstance(cores, int) else None),
    }


def read_all(root: Path, here: Mapping[str, str]) -> tuple[list[dict[str, Any]], list[MachineDocumentError]]:
    """Every usable document under `root`/benchmarks/machines/ (as results.json lists them), and what was wrong
    with each one that is not."""
    folder = root / MACHINES_DIR
    if not folder.is_dir():
        return [], []
    paths = sorted(folder.glob("*.json"))
    errors = []
    if len(paths) > MAX_DOCUMENTS:
        errors.append(MachineDocumentError(MACHINES_DIR, f"{len(paths)} documents; at most {MAX_DOCUMENTS} are read"))
        paths = paths[:MAX_DOCUMENTS]
    entries = []
    for path in paths:
        try:
            entries.append(read(path, root, here))
        except MachineDocumentError as exc:
            errors.append(exc)
    return entries, errors


def read(path: Path, root: Path, here: Mapping[str, str]) -> dict[str, Any]:
    """One document, checked field by field; MachineDocumentError names the file and the field."""
    shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    if not FILE.fullmatch(path.name):
        raise MachineDocumentError(shown, "a document's name is letters, digits, '.', '_' and '-', ending in .json")
    try:
        if path.is_symlink() or not path.is_file():
            raise MachineDocumentError(shown, "not a plain file")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise MachineDocumentError(shown, f"{size:,} bytes; a document may have at most {MAX_BYTES:,}")
        data = json.loads(path.read_bytes().decode("utf-8"))
    except OSError as exc:
        raise MachineDocumentError(shown, f"cannot be read ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise MachineDocumentError(shown, "not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise MachineDocumentError(shown, f"not valid JSON ({where}: {exc.msg})") from None
    except RecursionError:
        raise MachineDocumentError(shown, "nested too deeply") from None
    try:
        return _entry(data, shown, path.stem, here)
    except _Invalid as exc:
        raise MachineDocumentError(shown, str(exc)) from None


class _Invalid(ValueError):
    pass


@dataclass(frozen=True)
class _At:
    """Where in the document a value sits, for the error message."""

    where: str

    def __truediv__(self, part: str | int) -> _At:
        return _At(f"{self.where}[{part}]" if isinstance(part, int) else f"{self.where}.{part}".lstrip("."))

    def fail(self, what: str) -> _Invalid:
        return _Invalid(f"{self.where or 'the document'} {what}")


def _object(value: Any, at: _At) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise at.fail("must be a JSON object")
    return value


def _text(value: Any, at: _At, pattern: re.Pattern[str] | None = None) -> str:
    if not isinstance(value, str) or len(value) > MAX_TEXT or (pattern and not pattern.fullmatch(value)):
        rule = f"matching {pattern.pattern}" if pattern else f"of at most {MAX_TEXT} characters"
        raise at.fail(f"must be a string {rule}")
    return value


def _int(value: Any, at: _At, low: int = 0, high: int = 2**62) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise at.fail(f"must be a whole number from {low} to {high}")
    return value


def _number(value: Any, at: _At) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool) or not math.isfinite(value):
        raise at.fail("must be a finite number")
    return float(value)


def _machine(value: Any, at: _At) -> dict[str, Any]:
    m = _object(value, at)
    limits = _object(m.get("limits") or {}, at / "limits")
    return {
        "key": _text(m.get("key"), at / "key", re.compile(r"[0-9a-f]{16}")),
        "cpu_model": _text(m.get("cpu_model"), at / "cpu_model"),
        "cores": _int(m.get("cores"), at / "cores", 1, 65_536),
        "memory_bytes": _int(m.get("memory_bytes"), at / "memory_bytes"),
        "kernel": _text(m.get("kernel"), at / "kernel"),
        "system": _text(m.get("system"), at / "system"),
        "limits": {_text(k, at / "limits", NAME): None if v is None else _int(v, at / "limits" / k)
                   for k, v in limits.items()},
    }  # fmt: skip


def _summary(value: Any, at: _At) -> dict[str, Any]:
    s = _object(value, at)
    out: dict[str, Any] = {k: _number(s.get(k), at / k) for k in ("median", "ci_low", "ci_high", "ci_coverage")}
    out["n"] = _int(s.get("n"), at / "n", 0, MAX_SAMPLES)
    for k in ("q1", "q3", "iqr", "min", "max"):
        if k in s:
            out[k] = _number(s[k], at / k)
    return out


def _result(value: Any, at: _At) -> dict[str, Any]:
    r = _object(value, at)
    workload = _text(r.get("workload"), at / "workload", NAME)
    if workload not in WORKLOADS:
        raise (at / "workload").fail(f"must be one of {', '.join(WORKLOADS)}")
    unit = _text(r.get("unit"), at / "unit", NAME)
    folder = WORKLOADS[workload].folder or workload  # connections measure the servers of benchmarks/http
    program = _text(
        r.get("program"), at / "program", re.compile(rf"benchmarks/{folder}/[a-z0-9_]{{1,64}}\.[a-z]{{1,4}}")
    )
    stem = program.rsplit("/", 1)[-1].split(".")[0]
    if unit != stem and not unit.startswith(f"{stem}_"):  # a variant's unit is <stem>_<variant>
        raise (at / "unit").fail(f"must be {stem} or a variant of it ({stem}_...)")
    params = _object(r.get("params"), at / "params")
    if len(params) > 8:
        raise (at / "params").fail("has more than 8 parameters")
    summary = _object(r.get("summary"), at / "summary")
    samples = _object(r.get("samples") or {}, at / "samples")
    for name, values in samples.items():
        if not isinstance(values, list) or len(values) > MAX_SAMPLES:
            raise (at / "samples" / _text(name, at / "samples", NAME)).fail(f"must be a list of {MAX_SAMPLES} at most")
        for i, v in enumerate(values):
            if v is not None:
                _number(v, at / "samples" / name / i)
    out: dict[str, Any] = {
        "workload": workload,
        "unit": unit,
        "program": program,
        "params": {_text(k, at / "params", NAME): _int(v, at / "params" / k, -(10**12), 10**12)
                   for k, v in params.items()},
        "status": "ok",
        "summary": {_text(k, at / "summary", NAME): _summary(v, at / "summary" / k) for k, v in summary.items()},
        "samples": samples,
        "measured_at": _text(r.get("measured_at"), at / "measured_at"),
    }  # fmt: skip
    for key in ("runs", "warmups"):
        if key in r:
            out[key] = _int(r[key], at / key, 0, MAX_SAMPLES)
    args = _object(r.get("args") or {}, at / "args")
    if args:  # a variant's own arguments (start_method=spawn)
        out["args"] = {_text(k, at / "args", NAME): _text(v, at / "args" / k, NAME) for k, v in list(args.items())[:8]}
    if r.get("measured_until") is not None:
        out["measured_until"] = _text(r["measured_until"], at / "measured_until")
    load = _object(r.get("load") or {}, at / "load")
    if load.get("open_files") is not None:  # connections: the open files allowed to server and client
        out["load"] = {"open_files": _int(load["open_files"], at / "load" / "open_files", 0, 2**31)}
    return out


def _entry(data: Any, source: str, name: str, here: Mapping[str, str]) -> dict[str, Any]:
    """The document as results.json lists it under other_machines (only the fields checked here are kept)."""
    top = _At("")
    doc = _object(data, top)
    if doc.get("format") != FORMAT:
        raise (top / "format").fail(f"must be {FORMAT!r} (written by `python -m hooks.bench --out FILE`)")
    if doc.get("format_schema") != SCHEMA:
        raise (top / "format_schema").fail(f"must be {SCHEMA} (this build reads that version)")
    machine = _machine(doc.get("machine"), top / "machine")
    toolchains = {_text(k, top / "toolchains", NAME): _text(v, top / "toolchains" / k)
                  for k, v in _object(doc.get("toolchains"), top / "toolchains").items()}  # fmt: skip
    commit = doc.get("commit")
    if commit is not None:
        _text(commit, top / "commit", COMMIT)
    programs = {_text(k, top / "programs"): _text(v, top / "programs" / k, HEX64)
                for k, v in _object(doc.get("programs"), top / "programs").items()}  # fmt: skip
    harness = _text(doc.get("harness"), top / "harness", HEX64)
    profile = _object(doc.get("profile"), top / "profile")
    profile_out = {"name": _text(profile.get("name"), top / "profile" / "name", NAME),
                   "runs": _int(profile.get("runs"), top / "profile" / "runs", 0, MAX_SAMPLES),
                   "warmups": _int(profile.get("warmups"), top / "profile" / "warmups", 0, MAX_SAMPLES)}  # fmt: skip
    raw = doc.get("results")
    if not isinstance(raw, list) or len(raw) > MAX_RESULTS:
        raise (top / "results").fail(f"must be a list of at most {MAX_RESULTS} results")
    ok = [(i, r) for i, r in enumerate(raw) if _object(r, top / "results" / i).get("status") == "ok"]
    results = latest([_result(r, top / "results" / i) for i, r in ok])
    if not results:
        raise (top / "results").fail("has no measured result (status ok)")
    reason = stale_reason((str(r["program"]) for r in results), programs, here)
    return {
        "origin": "document",
        "name": name,
        "source": source,
        "machine": machine,
        "toolchains": toolchains,
        "commit": commit,
        "profile": profile_out,
        "publishable": doc.get("publishable") is True,
        "harness_matches": harness == harness_hash(),
        "without_measurement": len(raw) - len(ok),
        "stale": bool(reason),
        "stale_reason": reason,
        "results": with_ids(results),
        "derived": derived(parse_results(results), machine["cores"]),
    }


def other_machines(
    root: Path, cached: Sequence[tuple[Mapping[str, Any], list[CaseResult]]]
) -> tuple[list[dict[str, Any]], list[MachineDocumentError]]:
    """results.json's `other_machines`: the documents under benchmarks/machines/ first, then other machines found
    in the local benchmark cache; and the documents that could not be used."""
    here = program_hashes(root)
    documents, errors = read_all(root, here)
    return documents + [from_cache(m, rs, here) for m, rs in cached], errors
