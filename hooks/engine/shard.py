# `python -m hooks run --shard I/N`: a stable I-th of N parts of the examples, the same part on every machine.
from __future__ import annotations

import hashlib
import re

SHARD = re.compile(r"([1-9][0-9]*)/([1-9][0-9]*)")


def parse(text: str) -> tuple[int, int]:
    """`2/4` -> (2, 4); ValueError unless 1 <= I <= N."""
    found = SHARD.fullmatch(text.strip())
    if not found or not 1 <= int(found.group(1)) <= int(found.group(2)):
        raise ValueError(f"--shard must be I/N with 1 <= I <= N (e.g. 1/4), not {text!r}")
    return int(found.group(1)), int(found.group(2))


def shard_of(path: str, count: int) -> int:
    """The part (1..count) an example belongs to: a hash of its path from the project root, so the parts are the
    same on every machine and an example keeps its part when others are added or removed."""
    digest = hashlib.sha256(path.replace("\\", "/").encode("utf-8", "surrogateescape")).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


def in_shard(path: str, shard: tuple[int, int] | None) -> bool:
    """Whether the example at `path` is in `shard` (every example is when there is none)."""
    return shard is None or shard_of(path, shard[1]) == shard[0]
