"""The arrows point down: kieswet → conformance → interchange → reference → spec.

Checked by reading every module's imports (the module's top level and inside functions alike):

- ``spec/`` (the law: plain typed code, frozen records) imports only ``spec`` and the standard
  library, and no JSON reader (``json``);
- ``reference/`` (the engine) imports only ``reference``, the records of ``spec`` (the modules
  ``spec.model``, ``spec.districts``, ``spec.counts``, ``spec.eerste_kamer``, no function of them
  but the listed helpers) and the standard library; never ``interchange`` nor ``json``;
- ``interchange/`` (the formats) never imports ``conformance`` or ``kieswet``;
- ``conformance/`` never imports ``kieswet``.

docs/formats.md ("Where the formats live") describes the packages.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STDLIB = frozenset(sys.stdlib_module_names)

SPEC_RECORDS = frozenset({"spec.model", "spec.districts", "spec.counts", "spec.eerste_kamer"})
"""The modules of ``spec`` whose records the engine may use."""
SPEC_HELPERS = frozenset({"spec.counts.preorder"})
"""Functions of those modules that are about the records, not the law: ``preorder`` lists the
units of a ``Hierarchy`` from the root down."""


def _imports(path: Path) -> Iterator[tuple[str, tuple[str, ...], int]]:
    """(module, names imported from it, line) for every import in ``path``."""
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, (), node.lineno
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}:{node.lineno}: relative import"
            assert node.module is not None
            yield node.module, tuple(a.name for a in node.names), node.lineno


def _modules(package: str) -> list[Path]:
    found = sorted((ROOT / package).rglob("*.py"))
    assert found, package
    return found


def _top(module: str) -> str:
    return module.split(".")[0]


def _where(path: Path, line: int) -> str:
    return f"{path.relative_to(ROOT)}:{line}"


def test_spec_imports_only_spec_and_the_standard_library() -> None:
    wrong = [
        f"{_where(path, line)}: {module}"
        for path in _modules("spec")
        for module, _, line in _imports(path)
        if _top(module) not in {"spec", "__future__"}
        and (_top(module) not in STDLIB or _top(module) == "json")
    ]
    assert wrong == []


def test_reference_imports_only_itself_spec_records_and_the_standard_library() -> None:
    wrong: list[str] = []
    for path in _modules("reference"):
        for module, names, line in _imports(path):
            top = _top(module)
            if top in {"reference", "__future__"}:
                continue
            if top == "spec":
                if module not in SPEC_RECORDS:
                    wrong.append(f"{_where(path, line)}: {module} is spec logic, not records")
                    continue
                loaded = importlib.import_module(module)
                for name in names:
                    value = getattr(loaded, name)
                    qualified = f"{module}.{name}"
                    if inspect.isfunction(value) and qualified not in SPEC_HELPERS:
                        wrong.append(f"{_where(path, line)}: {qualified} is a function of spec")
            elif top not in STDLIB or top == "json":
                wrong.append(f"{_where(path, line)}: {module}")
    assert wrong == []


@pytest.mark.parametrize(
    ("package", "above"),
    [
        ("spec", {"reference", "interchange", "conformance", "kieswet"}),
        ("reference", {"interchange", "conformance", "kieswet"}),
        ("interchange", {"conformance", "kieswet"}),
        ("conformance", {"kieswet"}),
    ],
)
def test_no_package_imports_one_above_it(package: str, above: set[str]) -> None:
    wrong = [
        f"{_where(path, line)}: {module}"
        for path in _modules(package)
        for module, _, line in _imports(path)
        if _top(module) in above
    ]
    assert wrong == []


def test_the_check_fails_on_a_wrong_arrow(tmp_path: Path) -> None:
    """The import reader sees an import inside a function too (the test above can fail)."""
    module = tmp_path / "m.py"
    module.write_text("def f():\n    import json\n    from interchange.allocation import x\n")
    assert [(m, n) for m, n, _ in _imports(module)] == [
        ("json", ()),
        ("interchange.allocation", ("x",)),
    ]
