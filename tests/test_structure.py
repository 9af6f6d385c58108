"""The house stays in order: scripts/check_structure.py's rules, run as part of the suite."""

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "check_structure.py"

# Pairs of packages that no longer import each other. Other pairs are being untangled on their own
# branches; once every one is gone this list gives way to "no problem at all".
UNTANGLED = [
    "api <-> feed",
    "api <-> reviews",
    "api <-> search",
    "catalogue <-> feed",
    "feed <-> http",
    "http <-> reviews",
    "http <-> search",
]


def _check_structure():
    spec = importlib.util.spec_from_file_location("check_structure", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_no_module_is_over_the_length_limit():
    check = _check_structure()
    too_long = [problem for problem in check.problems() if problem.startswith("module over")]
    assert too_long == []


def test_the_untangled_packages_stay_apart():
    check = _check_structure()
    cycles = {problem.removeprefix("packages import each other: ") for problem in check.problems()}
    assert [pair for pair in UNTANGLED if pair in cycles] == []


def test_the_plumbing_imports_no_feature():
    check = _check_structure()
    graph = check.package_graph()
    assert graph["http"] <= {"extensions"}, graph["http"]
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
