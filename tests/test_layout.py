"""The layout's rules (docs/architecture.md): stages import backwards only, training never loads at run time,
every module stays under 300 lines.

Imports are read from the source with ``ast`` (a function's import counts as
much as a module's; ``if TYPE_CHECKING:`` blocks do not, as they never run).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from module_probe import modules_after

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "mtcheck"

# The flow, in order: a module may import its own layer and the layers before it.
# `english`, `metrics` and the foundation (types, errors, params, views) are read by every stage.
LAYERS = (
    ("errors", "types", "params", "views", "handover", "plugins", "english", "metrics"),
    ("read",),
    ("segment",),
    ("align",),
    ("models",),  # the engine: read after alignment (contrast asks need the word alignment)
    ("score",),
    ("analyses",),
    ("checks",),
    ("config",),  # resolves [checks.NAME] tables against the registries above
    ("grade",),
    ("gate",),
    ("report",),
)
# These wire several stages; nothing imports them but each other and the entry point.
WIRING = ("pipeline", "batch", "cli", "__main__", "training")
MAX_LINES = 300


def _head(module: str) -> str:
    """``X`` of ``mtcheck.X...``; "" for the package itself."""
    return module.split(".")[1] if module.count(".") else ""


def _layer(module: str) -> int | None:
    """The layer of ``mtcheck.X...`` (by its first name under mtcheck), or None for the wiring."""
    for rank, names in enumerate(LAYERS):
        if _head(module) in names:
            return rank
    return None


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _runtime_imports(path: Path, module: str) -> set[str]:
    """Every ``mtcheck...`` module a file imports, outside ``if TYPE_CHECKING:`` blocks."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    type_only = {id(node) for block in ast.walk(tree) if isinstance(block, ast.If)
                 and "TYPE_CHECKING" in ast.unparse(block.test) for node in ast.walk(block)}
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names = set()
    for node in ast.walk(tree):
        if id(node) in type_only:
            continue
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return {name for name in names if name == "mtcheck" or name.startswith("mtcheck.")}


def _backward_violations() -> list[str]:
    modules = _modules()
    wrong = []
    for module, path in sorted(modules.items()):
        own = _layer(module)
        # `from mtcheck.x import name`: the module is mtcheck.x, unless name is itself a module.
        imports = {name if name in modules else name.rpartition(".")[0] for name in _runtime_imports(path, module)}
        for imported in sorted(imports):
            if imported == "mtcheck" or imported not in modules:
                continue
            if _head(imported) in WIRING and imported != module:
                if own is not None:
                    wrong.append(f"{module} -> {imported} (a stage imports the wiring)")
                continue
            theirs = _layer(imported)
            if own is not None and theirs is not None and theirs > own:
                wrong.append(f"{module} -> {imported}")
    return wrong


def test_every_module_is_in_a_layer_or_the_wiring():
    unplaced = [m for m in _modules() if m != "mtcheck" and _layer(m) is None and _head(m) not in WIRING]
    assert unplaced == []


def test_stages_import_backwards_only():
    assert _backward_violations() == []


def test_runtime_never_imports_training():
    training = [m for m, path in _modules().items()
                if _head(m) != "training"
                and any(i.startswith("mtcheck.training") for i in _runtime_imports(path, m))]
    # `mtcheck calibrate` refits on editors' verdicts: the one command that fits, it loads training when run.
    assert training == ["mtcheck.cli.calibrate"]


def test_a_compare_loads_no_training_module(tmp_path):
    source, target = tmp_path / "source.txt", tmp_path / "target.txt"
    source.write_text("The council met on Monday. It approved the budget.\n", encoding="utf-8")
    target.write_text("The council met on Monday. It approved the budget.\n", encoding="utf-8")
    argv = ["compare", str(source), str(target), "--no-models", "--format", "json", "--output", str(tmp_path / "r.json")]
    assert modules_after(argv, "m.startswith('mtcheck.training')") == (0, [])


@pytest.mark.parametrize("module", sorted(_modules()))
def test_modules_stay_under_the_line_limit(module):
    lines = _modules()[module].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{module}: {lines} lines"


def test_no_package_exports_a_name_that_hides_one_of_its_modules():
    # `from mtcheck.cli.app import main` in cli/__init__ is fine; a function named like its module
    # (cli.main.main) would make `mtcheck.cli.main` the function, and every patch aimed at the module miss.
    import importlib
    import pkgutil

    hidden = []
    for module, path in sorted(_modules().items()):
        if path.name != "__init__.py":
            continue
        package = importlib.import_module(module)
        for info in pkgutil.iter_modules(package.__path__):
            if info.name == "__main__":
                continue  # running it is the command line
            submodule = importlib.import_module(f"{module}.{info.name}")
            if getattr(package, info.name) is not submodule:
                hidden.append(f"{module}.{info.name}")
    assert hidden == []
