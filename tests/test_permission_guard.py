"""Every service entry point that acts for a user starts with its permission check.

CKAN guards its actions with ``check_access``; here the guard is static. A public function in a service
module whose first parameter is the acting ``user`` or ``actor`` must, within its first two statements
(room to load the object being judged), either call a ``require_*`` function, raise when an ``is_*`` /
``can_*`` predicate says no, or call a function of the same module that does. The deliberate exceptions
carry a marker from ``registry/accounts/permissions.py``: ``@public`` or ``@checked_by_caller``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "registry"
# Layers that are not services: HTTP and CLI handlers call services; models, schemas and permissions
# are what services are built from; ``auth`` wires Flask-Login.
NOT_SERVICES = {"views", "api", "cli", "models", "schemas", "permissions", "auth", "openapi", "docs"}
ACTING = {"user", "actor"}
MARKERS = {"public", "checked_by_caller"}


def service_modules() -> list[Path]:
    return sorted(
        path
        for path in ROOT.glob("*/*.py")
        if path.stem not in NOT_SERVICES and path.stem != "__init__" and "demo" not in path.parts
    )


def _statements(function: ast.FunctionDef) -> list[ast.stmt]:
    body = function.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]  # the docstring
    return body


def _called_names(node: ast.AST) -> set[str]:
    names = set()
    for call in (n for n in ast.walk(node) if isinstance(n, ast.Call)):
        if isinstance(call.func, ast.Name):
            names.add(call.func.id)
        elif isinstance(call.func, ast.Attribute):
            names.add(call.func.attr)
    return names


def _is_guard(statement: ast.stmt, guarded_here: set[str]) -> bool:
    called = _called_names(statement)
    if any(name.startswith("require_") for name in called) or called & guarded_here:
        return True
    if isinstance(statement, ast.If):
        predicate = any(name.startswith(("is_", "can_")) for name in _called_names(statement.test))
        refuses = any(isinstance(node, ast.Raise) for node in statement.body)
        return predicate and refuses
    return False


def _markers(function: ast.FunctionDef) -> set[str]:
    return {ast.unparse(decorator).split(".")[-1] for decorator in function.decorator_list} & MARKERS


def unguarded_entry_points(path: Path) -> list[str]:
    """Names of the entry points in ``path`` that act for a user without a permission check first."""
    functions = {
        node.name: node
        for node in ast.parse(path.read_text(encoding="utf-8")).body
        if isinstance(node, ast.FunctionDef)
    }
    guarded: set[str] = set()
    for _round in range(3):  # a helper that checks may itself be checked through another helper
        guarded |= {
            name
            for name, function in functions.items()
            if any(_is_guard(statement, guarded) for statement in _statements(function)[:2])
        }
    return [
        name
        for name, function in functions.items()
        if not name.startswith(("_", "require_", "can_", "is_"))
        and function.args.args
        and function.args.args[0].arg in ACTING
        and not _markers(function)
        and name not in guarded
    ]


@pytest.mark.parametrize("path", service_modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_entry_point_checks_permission_first(path):
    missing = unguarded_entry_points(path)
    assert not missing, (
        f"{path.relative_to(ROOT)}: {missing} act for a user without starting with a require_* check "
        "(or mark them @public / @checked_by_caller from registry.accounts.permissions)"
    )


def test_the_guard_catches_a_forgotten_check(tmp_path):
    module = tmp_path / "service.py"
    module.write_text(
        "def _load(user, i):\n    require_member(user, i)\n\n"
        "def checked(user, i):\n    '''Doc.'''\n    _load(user, i)\n\n"
        "def predicate(user, i):\n    x = get(i)\n    if not can_see(user, x):\n        raise NotFound()\n\n"
        "@public\ndef sign_up(user, data):\n    return data\n\n"
        "def forgotten(user, i):\n    x = get(i)\n    y = load(x)\n    require_member(user, i)\n",
        encoding="utf-8",
    )
    assert unguarded_entry_points(module) == ["forgotten"]
