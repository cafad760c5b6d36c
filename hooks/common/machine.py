# What the build machine is, read from /proc: the one parser that fingerprints and timeline captions share.
from __future__ import annotations

import platform


def parse_cpu_model(cpuinfo: str) -> str:
    """The first `model name` (x86) or `Hardware`/`Model` line of /proc/cpuinfo, or "unknown"."""
    for key in ("model name", "Hardware", "Model", "cpu model"):
        for line in cpuinfo.splitlines():
            name, sep, value = line.partition(":")
            if sep and name.strip() == key and value.strip():
                return value.strip()
    return platform.processor() or "unknown"
