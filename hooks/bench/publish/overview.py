# Markdown for the benchmarks index: what this build measured, and the machine and toolchains it measured on.
from __future__ import annotations

from hooks.bench.measure.units import language_label
from hooks.bench.results import fmt
from hooks.bench.results.common import Doc, notice, or_current, results_of, table
from hooks.common.untrusted import code_span


def overview(doc: Doc | None = None) -> str:
    """The notice, and how many cases this build measured, took from the cache, or could not measure."""
    doc = or_current(doc)
    out = [notice(doc)]
    results = results_of(doc)
    if doc and results:
        fresh = sum(1 for r in results if r.ok and not r.cached)
        cached = sum(1 for r in results if r.ok and r.cached)
        bad = len(results) - fresh - cached
        spent = f" The benchmark phase took {doc['phase_seconds']:.0f} s." if fresh and doc.get("phase_seconds") else ""
        out.append(
            f"{len(results)} program/parameter combinations: {fresh} measured during this build, "
            f"{cached} taken unchanged from the cache, {bad} without a measurement.{spent}\n"
        )
    return "\n".join(out)


def machine(doc: Doc | None = None) -> str:
    """The machine and toolchain fingerprint as a table."""
    doc = or_current(doc)
    if not doc:
        return notice(doc)
    m = doc["machine"]
    steal = m.get("steal_fraction")
    rows = [
        ["CPU", str(m["cpu_model"])],
        ["cores", str(m["cores"])],
        ["memory", fmt.size(m["memory_bytes"])],
        ["kernel", f"{m['system']}, {m['kernel']}"],
        ["CPU time stolen by the hypervisor while measuring", _steal(doc, steal)],
        ["load average (1, 5, 15 min) before and after measuring", _load(m.get("load_average"))],
        *[[f"limit: {k.replace('_', ' ')}", f"{v:,}" if v else "none"] for k, v in m.get("limits", {}).items()
          if k != "memory_bytes"],
        ["fingerprint", f"`{m['key']}`"],
        *[[f"toolchain: {language_label(k)}", code_span(v) if v else "missing"] for k, v in doc["toolchains"].items()],
    ]  # fmt: skip
    return table(["", ""], rows, "ll")


def _steal(doc: Doc, steal: float | None) -> str:
    if steal is not None:
        return f"{steal:.1%} during this build's runs"
    stored = [float(r["steal_fraction"]) for r in doc["results"] if r.get("steal_fraction") is not None]
    return f"up to {max(stored):.1%} while the stored results were measured" if stored else "not recorded"


def _load(load: dict[str, list[float]] | None) -> str:
    if not load:
        return "not recorded (nothing was measured in this build)"
    return " → ".join(" ".join(f"{x:.2f}" for x in load[when]) for when in ("before", "after"))
