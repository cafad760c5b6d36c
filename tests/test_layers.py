# The layers of `hooks/` and the one direction imports may go (hooks/<layer>/__init__.py says what each owns).
from __future__ import annotations

import ast
from pathlib import Path

HOOKS = Path(__file__).resolve().parents[1] / "hooks"

# Lowest first: a module may import its own layer and those before it, never one after it.
LAYERS = (
    "common",
    "process",
    "toolchains",
    "timeline",
    "engine",
    "bench.measure",
    "bench.results",
    "bench.factcheck",
    "bench.publish",
    "bench",  # bench/__main__.py: the benchmark CLI, above its sub-layers
    "site",
    "",  # hooks/cli.py, hooks/__main__.py, hooks/mkdocs_entry.py: the entry points
)


def layer_of(module: str) -> int:
    """The index of the layer a dotted module name (without `hooks.`) belongs to: its longest matching prefix."""
    best = len(LAYERS) - 1
    length = -1
    for index, layer in enumerate(LAYERS):
        if layer and (module == layer or module.startswith(layer + ".")) and len(layer) > length:
            best, length = index, len(layer)
    return best


def imports_of(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every `hooks` module the file imports; `from hooks.x import y` counts y when it is a module."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names if alias.name.startswith("hooks.")]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "hooks":
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                is_module = (HOOKS.parent / (candidate.replace(".", "/") + ".py")).exists() or (
                    HOOKS.parent / candidate.replace(".", "/")
                ).is_dir()
                found.append((node.lineno, candidate if is_module else node.module))
    return [(line, name.removeprefix("hooks").removeprefix(".")) for line, name in found if name != "hooks"]


def module_name(path: Path) -> str:
    parts = path.relative_to(HOOKS).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_every_layer_is_a_folder_with_a_header() -> None:
    for layer in filter(None, LAYERS):
        init = HOOKS / layer.replace(".", "/") / "__init__.py"
        assert init.is_file(), f"{layer}: no package"
        assert init.read_text().strip(), f"{init}: says nothing of what the layer owns and may import"


def test_only_entry_points_stay_at_the_top() -> None:
    top = sorted(path.name for path in HOOKS.glob("*.py"))
    assert top == ["__init__.py", "__main__.py", "cli.py", "mkdocs_entry.py"], top


def test_imports_go_down_the_layers_only() -> None:
    wrong = []
    for path in sorted(HOOKS.rglob("*.py")):
        own = layer_of(module_name(path))
        for line, imported in imports_of(path):
            if layer_of(imported) > own:
                wrong.append(f"{path.relative_to(HOOKS.parent)}:{line}: {LAYERS[own] or 'top'} imports {imported}")
    assert not wrong, "imports against the layers' direction:\n" + "\n".join(wrong)


def test_the_check_sees_a_wrong_import(tmp_path: Path) -> None:
    """The rule itself: an engine module importing the site adapter is caught."""
    assert layer_of("engine.cache") < layer_of("site.render")
    assert layer_of("bench.measure.store") < layer_of("bench.publish.pages") < layer_of("site.build")
    bad = tmp_path / "bad.py"
    bad.write_text("from hooks.site import render\nimport hooks.bench.publish.pages\n")
    assert [name for _, name in imports_of(bad)] == ["site.render", "bench.publish.pages"]
