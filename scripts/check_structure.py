#!/usr/bin/env python3
"""Check the shape of the ``registry`` package: packages lean one way, modules stay small.

Prints the import graph between the packages under ``registry/`` and exits non-zero when

- two packages import each other (at the top of a module or inside a function), or
- a module is longer than ``MAX_LINES`` lines and is not a data module.

Imports under ``if TYPE_CHECKING:`` name types for annotations and never run; they are not counted.
The application factory (``registry/__init__.py``) and the CLI registration it holds are the one place
allowed to know every feature; they are not counted.
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "registry"
MAX_LINES = 500
# Modules that are data written as Python (vocabularies, demo text), not logic.
DATA_MODULES = {"registry/demo/content.py"}
# The factory wires every feature together; that is its job.
WIRING_MODULES = {"registry/__init__.py", "registry/openapi.py", "registry/models.py"}


def package_of(module: str) -> str | None:
    """``registry.catalogue.drafts`` -> ``catalogue``; top-level modules are their own package."""
    parts = module.split(".")
    if parts[0] != "registry" or len(parts) < 2:
        return None
    return parts[1]


def is_node(name: str) -> bool:
    """A feature package or a top-level module of ``registry``."""
    return (PACKAGE / name).is_dir() or (PACKAGE / f"{name}.py").is_file()


def module_name(path: Path) -> str:
    relative = path.relative_to(ROOT).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path) -> set[str]:
    """Every ``registry.*`` module a file imports, wherever in the file the import stands."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    own = module_name(path)
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    typing_only = {
        id(child)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for statement in node.body
        for child in ast.walk(statement)
    }
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue  # annotations only: never executed, so no import at run time
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = own.split(".")
                base = base if is_package else base[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)
    return {name for name in found if name.startswith("registry.")}


def package_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = defaultdict(set)
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if relative in WIRING_MODULES:
            continue
        source = package_of(module_name(path))
        for target_module in imported_modules(path):
            target = package_of(target_module)
            if source and target and target != source and is_node(target):
                graph[source].add(target)
    return graph


def long_modules() -> list[tuple[str, int]]:
    result = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES and relative not in DATA_MODULES:
            result.append((relative, lines))
    return result


def problems() -> list[str]:
    """Every violation, as a sentence; empty when the house is in order."""
    graph = package_graph()
    found = []
    for source in sorted(graph):
        for target in sorted(graph[source]):
            if source < target and source in graph.get(target, set()):
                found.append(f"packages import each other: {source} <-> {target}")
    for relative, lines in long_modules():
        found.append(f"module over {MAX_LINES} lines: {relative} ({lines})")
    return found


def main() -> int:
    graph = package_graph()
    print("Imports between packages under registry/ (factory excepted):")
    for source in sorted(graph):
        print(f"  {source:14} -> {', '.join(sorted(graph[source]))}")
    found = problems()
    if found:
        print("\nProblems:")
        for problem in found:
            print(f"  {problem}")
        return 1
    print("\nNo two packages import each other; no module over", MAX_LINES, "lines.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
