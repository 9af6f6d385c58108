"""Reviews judge catalogue content without importing the catalogue: the catalogue registers its side."""

from __future__ import annotations

import ast
from pathlib import Path

import registry.reviews
from registry.catalogue.review_subjects import CatalogueSubjects
from registry.reviews.subjects import review_subjects

REVIEWS = Path(registry.reviews.__file__).parent


def _catalogue_imports(path: Path) -> list[str]:
    """Imports of registry.catalogue anywhere in a module, except under ``if TYPE_CHECKING:``."""
    tree = ast.parse(path.read_text())
    type_only = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and getattr(block.test, "id", None) == "TYPE_CHECKING"
        for stmt in block.body
        for node in ast.walk(stmt)
    }
    found = []
    for node in ast.walk(tree):
        if id(node) in type_only:
            continue
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("registry.catalogue"):
            found.append(f"{path.name}:{node.lineno}")
        if isinstance(node, ast.Import) and any(a.name.startswith("registry.catalogue") for a in node.names):
            found.append(f"{path.name}:{node.lineno}")
    return found


def test_no_module_in_reviews_imports_the_catalogue():
    offenders = [hit for path in sorted(REVIEWS.glob("*.py")) for hit in _catalogue_imports(path)]
    assert offenders == []


def test_the_app_registers_the_catalogue_as_the_subjects_of_review(app):
    assert isinstance(review_subjects(), CatalogueSubjects)
