"""The house stays in order: scripts/check_structure.py's rules, run as part of the suite."""

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "check_structure.py"


def _check_structure():
    spec = importlib.util.spec_from_file_location("check_structure", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_house_is_in_order():
    """No two packages import each other and no module is over the length limit."""
    assert _check_structure().problems() == []


def test_the_plumbing_imports_no_feature():
    check = _check_structure()
    graph = check.package_graph()
    assert graph["http"] <= {"extensions", "schema"}, graph["http"]  # the base Schema is plumbing too
    assert (
        "api" not in graph
    )  # the old grab-bag is gone: plumbing in http, the OpenAPI document beside the factory


def test_the_check_sees_a_pair_that_imports_each_other_and_a_long_module(tmp_path, monkeypatch):
    check = _check_structure()
    for name, other in (("left", "right"), ("right", "left")):
        package = tmp_path / "registry" / name
        package.mkdir(parents=True)
        (package / "__init__.py").write_text(f"from registry.{other} import thing\n")
    (tmp_path / "registry" / "left" / "long.py").write_text("x = 1\n" * 501)
    monkeypatch.setattr(check, "ROOT", tmp_path)
    monkeypatch.setattr(check, "PACKAGE", tmp_path / "registry")
    assert check.problems() == [
        "packages import each other: left <-> right",
        "module over 500 lines: registry/left/long.py (501)",
    ]


def test_accounts_depend_on_no_feature_and_compliance_leans_on_organisations():
    graph = _check_structure().package_graph()
    features = {"catalogue", "organisations", "compliance", "reviews", "schemes", "search", "feed"}
    assert graph["accounts"] & features == set()
    assert "organisations" in graph["compliance"] and "compliance" not in graph["organisations"]
