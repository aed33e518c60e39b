"""The benchmarks are run by hand, seldom: every name they import from crosswire must still exist."""

import ast
import importlib
import pathlib

import pytest

BENCH = pathlib.Path(__file__).resolve().parent.parent / "bench"


def crosswire_imports(path: pathlib.Path) -> list[tuple[str, str]]:
    """(module, name) of each `from crosswire... import name` in the file, at any depth."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "crosswire":
            found.extend((node.module, alias.name) for alias in node.names)
    return found


@pytest.mark.parametrize("path", sorted(BENCH.glob("*.py")), ids=lambda p: p.name)
def test_every_name_a_benchmark_imports_from_crosswire_exists(path):
    missing = []
    for module, name in crosswire_imports(path):
        imported = importlib.import_module(module)
        if not hasattr(imported, name):
            try:
                importlib.import_module(f"{module}.{name}")  # a submodule
            except ModuleNotFoundError:
                missing.append(f"{module}.{name}")
    assert not missing, f"{path.name} imports names that no longer exist: {missing}"
