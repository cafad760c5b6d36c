# Measured cases on disk: one JSON file per case under <cache>/benchmarks/<machine key>/, keyed by every input.
from __future__ import annotations

import functools
import hashlib
import json
import os
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from hooks.bench.measure.profiles import Case, Profile
from hooks.bench.measure.record import CaseResult
from hooks.common.atomic import write_atomically
from hooks.common.settings import bench_cache_dir
from hooks.common.untrusted_files import read_text_capped

SCHEMA = 3  # bump when the stored shape changes (2: peak RSS from VmHWM; 3: measured_at per case)
MAX_FILE_BYTES = 32 * 1024 * 1024  # a case's samples and summaries: far less
HOOKS = Path(__file__).resolve().parents[2]
# The packages whose code takes the measurements (how a process is started, sandboxed and limited, how each
# toolchain builds a program, the measuring harness): a change to any file in them measures every case again.
MEASURING_PACKAGES = ("process", "toolchains", "bench/measure")


def measuring_files(hooks: Path) -> list[Path]:
    """Every Python file of the measuring packages, in a stable order."""
    return sorted(path for package in MEASURING_PACKAGES for path in (hooks / package).rglob("*.py"))


def cache_dir(root: Path, env: Mapping[str, str] | None = None) -> Path | None:
    """Where results live: CONCURRENCY_BENCH_CACHE_DIR, else beside the examples cache (CONCURRENCY_CACHE_DIR's
    parent)/benchmarks, else .cache/benchmarks. None when CONCURRENCY_CACHE=0: nothing is read, nothing is kept.
    """
    return bench_cache_dir(root, env)


def source_hash(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


@functools.cache
def harness_hash() -> str:
    """SHA-256 over the measuring code (MEASURING_PACKAGES), so results taken by older code are not reused."""
    digest = hashlib.sha256()
    for path in measuring_files(HOOKS):
        digest.update(path.relative_to(HOOKS).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def case_key(
    case: Case, program_hash: str, recipe_hash: str, toolchain: str, profile: Profile, machine_key: str
) -> str:
    """Program source, how it is built and measured, toolchain version, parameters, profile, machine: a SHA-256."""
    material = {
        "schema": SCHEMA,
        "harness": harness_hash(),
        "workload": case.workload,
        "program": case.program.name,
        "source": program_hash,
        "recipe": recipe_hash,
        "toolchain": toolchain,
        "params": list(case.params),
        **({"variant": case.variant, "args": list(case.args)} if case.variant or case.args else {}),
        "profile": [
            profile.name,
            profile.runs,
            profile.warmups,
            profile.http_seconds,
            profile.http_warmup_seconds,
            profile.http_connections,
        ],
        "machine": machine_key,
    }
    return hashlib.sha256(json.dumps(material, sort_keys=True).encode()).hexdigest()


class Store:
    """Results per machine; only successful measurements are kept, so a failure is measured again."""

    def __init__(self, directory: Path | None) -> None:
        self.directory = directory

    def _file(self, machine_key: str, key: str) -> Path | None:
        return None if self.directory is None else self.directory / machine_key / f"{key}.json"

    def get(self, machine_key: str, key: str) -> CaseResult | None:
        """The stored result for this key on this machine, or None."""
        path = self._file(machine_key, key)
        data = _load(path) if path else None
        return CaseResult.from_json(data) if isinstance(data, dict) else None

    def put(self, machine_key: str, key: str, result: CaseResult) -> None:
        """Keep a result (atomically); failures are not kept."""
        path = self._file(machine_key, key)
        if path is not None and result.ok:
            write_atomically(path, json.dumps(result.to_json(), indent=1, sort_keys=True))

    def put_machine(self, machine: Mapping[str, Any]) -> None:
        """Remember what the machine behind a key is, so its results can be labelled later."""
        if self.directory is not None:
            write_atomically(self.directory / str(machine["key"]) / "machine.json", json.dumps(machine, indent=1))

    def other_machines(self, machine_key: str) -> list[tuple[dict[str, object], list[CaseResult]]]:
        """(machine fingerprint, results) of every other machine found in the store, newest result last."""
        if self.directory is None or not self.directory.is_dir():
            return []
        found = []
        for folder in sorted(p for p in self.directory.iterdir() if _folder(p) and p.name != machine_key):
            machine = _load(folder / "machine.json")
            if not isinstance(machine, dict):
                continue
            results = []
            for path in sorted(folder.glob("*.json")):
                if path.name != "machine.json" and isinstance(data := _load(path), dict):
                    results.append(CaseResult.from_json(data))
            results.sort(key=lambda r: r.measured_at or "")
            found.append((machine, results))
        return found


def _load(path: Path) -> object:
    """A stored JSON document: a regular file (no link followed) of bounded size; None when it is not one."""
    try:
        return json.loads(read_text_capped(path, MAX_FILE_BYTES, "stored result"))
    except (OSError, ValueError, RecursionError):
        return None


def _folder(path: Path) -> bool:
    """A real folder, not a link to one."""
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False
