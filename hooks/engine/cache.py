# Results of passed examples, stored by a hash of everything that can change them, and checked when read back.
from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

from hooks.common.atomic import write_atomically
from hooks.common.untrusted import printable
from hooks.common.untrusted_files import read_text_capped
from hooks.engine.example import Example
from hooks.engine.result import PASSED, Result
from hooks.engine.spec import RunSpec
from hooks.timeline.helpers import helper_digest

SCHEMA = 5  # bump when the runner or the result format changes meaning (2: sandbox, limits, stdout-only output;
# 3: cores granted; 4: results carry timeline events; 5: results carry their run spec)
# A passed result holds at most its capped output (256 KiB) and events (1 MiB), each escaped as JSON.
MAX_ENTRY_BYTES = 16 * 1024 * 1024
log = logging.getLogger("mkdocs.hooks.examples")


def cache_key(example: Example, toolchain_version: str, spec: RunSpec) -> str:
    """Source, file name, language, toolchain version, options, the run's spec (timeout, cores, limits, isolation),
    the timeline helper where one is declared, schema."""
    material = {
        "schema": SCHEMA,
        "name": example.path.name,
        "language": example.language,
        "source": hashlib.sha256(example.source.encode("utf-8", "surrogateescape")).hexdigest(),
        "toolchain": toolchain_version,
        "options": example.options.key(),
        "spec": spec.to_json(),
        "timeline": helper_digest(example.language) if example.options.timeline else None,  # its helper's hash
    }
    return hashlib.sha256(json.dumps(material, sort_keys=True).encode()).hexdigest()


class ResultCache:
    """One JSON file per key in `directory` (outside docs/, so `mkdocs serve` never reloads on it). Examples run
    with the file system read-only, so they cannot write here; a file that does not hold a well-formed passed
    result for its own key (or is a link, not a regular file, or too large) is a miss, with a warning."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _file(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str, path: str) -> Result | None:
        file = self._file(key)
        try:
            text = read_text_capped(file, MAX_ENTRY_BYTES, "cache entry")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            log.warning(printable(f"cache: ignoring {file}: unreadable ({exc})"))
            return None
        try:
            data = json.loads(text)
            if not isinstance(data, dict) or data.pop("key", None) != key:
                raise ValueError("it was not written for this key")
            result = Result.from_json(data)
            if result.status != PASSED:
                raise ValueError(f"status {result.status!r}: only passed results are kept")
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
            log.warning(printable(f"cache: ignoring {file}: malformed ({str(exc)[:200]}); the example runs again"))
            return None
        return result.as_cached(path)

    def put(self, key: str, result: Result) -> None:
        """Only passed results are kept: a failure is re-run next build, in case the fix was elsewhere. A cache
        that cannot be written (a full disk) costs the next build a run, never this build its result."""
        if result.status != PASSED:
            return
        try:
            write_atomically(self._file(key), json.dumps({"key": key, **result.to_json()}, indent=1))
        except OSError as exc:
            log.warning(f"cache: cannot store {result.path} ({exc.strerror or exc}); it runs again next build")
