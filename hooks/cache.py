# Results of passed examples, stored by a hash of everything that can change them.
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from hooks.atomic import write_atomically
from hooks.example import Example
from hooks.result import PASSED, Result
from hooks.timeline.helpers import helper_digest  # timeline

SCHEMA = 2  # bump when the runner or the result format changes meaning (2: results carry timeline events)


def cache_key(example: Example, toolchain_version: str, timeout: float) -> str:
    """Source, file name, language, toolchain version, options, effective timeout, schema."""
    material = {
        "schema": SCHEMA,
        "name": example.path.name,
        "language": example.language,
        "source": hashlib.sha256(example.source.encode("utf-8", "surrogateescape")).hexdigest(),
        "toolchain": toolchain_version,
        "options": example.options.key(),
        "timeout": timeout,
        "timeline": helper_digest(example.language) if example.options.timeline else None,  # timeline
    }
    return hashlib.sha256(json.dumps(material, sort_keys=True).encode()).hexdigest()


class ResultCache:
    """One JSON file per key in `directory` (outside docs/, so `mkdocs serve` never reloads on it)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _file(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str, path: str) -> Result | None:
        try:
            data = json.loads(self._file(key).read_text(encoding="utf-8"))
            return Result.from_json(data).as_cached(path)
        except (OSError, ValueError, TypeError):
            return None

    def put(self, key: str, result: Result) -> None:
        """Only passed results are kept: a failure is re-run next build, in case the fix was elsewhere."""
        if result.status == PASSED:
            write_atomically(self._file(key), json.dumps(result.to_json(), indent=1))
