"""The feed's small catalogue, and validators built from the vendored, unmodified OOAPI v5 specification."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from tests.feed.conftest import Catalogue, catalogue  # noqa: F401  (the shared test catalogue)

SPEC_DIR = Path(__file__).parent / "spec"
SPEC_URI = "urn:ooapi-v5"
SPEC = json.loads((SPEC_DIR / "ooapi.json").read_text(encoding="utf-8"))
# Every format jsonschema can check (uuid, date, email ...), not only draft 4's few.
FORMATS = jsonschema.FormatChecker()
_REGISTRY = Registry().with_resource(SPEC_URI, Resource(contents=SPEC, specification=DRAFT4))


def _pointer(*parts: str) -> str:
    return "/".join(part.replace("~", "~0").replace("/", "~1") for part in parts)


def response_validator(path: str, status: str = "200", media: str = "application/json") -> Any:
    """A validator for the response schema the specification gives ``GET path``."""
    ref = f"{SPEC_URI}#/{_pointer('paths', path, 'get', 'responses', status, 'content', media, 'schema')}"
    return jsonschema.Draft4Validator({"$ref": ref}, registry=_REGISTRY, format_checker=FORMATS)


def offering_branches(body: Any) -> set[str]:
    """Which members of ``GET /offerings/{offeringId}``'s oneOf a body is valid under.

    The specification's oneOf cannot tell a course offering from a program offering: ProgramOffering
    leaves ``offeringType`` open, so every valid CourseOffering (with a price) is a valid
    ProgramOffering as well and a strict oneOf fails for any implementation. The test asks instead that
    the body is a valid CourseOffering, names itself "course", and is no ComponentOffering.
    """
    schema = SPEC["paths"]["/offerings/{offeringId}"]["get"]["responses"]["200"]["content"]
    members = schema["application/json"]["schema"]["oneOf"]
    return {
        member["title"]
        for member in members
        if jsonschema.Draft4Validator(
            {"$ref": SPEC_URI + member["$ref"]}, registry=_REGISTRY, format_checker=FORMATS
        ).is_valid(body)
    }


def course_offering_validator() -> Any:
    """OOAPI's CourseOffering, the member of the offering oneOf that a run of a course is."""
    return jsonschema.Draft4Validator(
        {"$ref": f"{SPEC_URI}#/components/schemas/CourseOffering"}, registry=_REGISTRY, format_checker=FORMATS
    )


def problem_validator() -> Any:
    """OOAPI's Problem (the body of its 400 and 404 answers)."""
    return jsonschema.Draft4Validator({"$ref": f"{SPEC_URI}#/components/schemas/Problem"}, registry=_REGISTRY)


class _Yaml12Loader(yaml.SafeLoader):
    """PyYAML reads YAML 1.1, where yes/no are booleans; the RIO files mean the strings (YAML 1.2)."""


_Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))


def rio_validator(name: str) -> Any:
    """The RIO consumer extension's schema for ``name`` (Offering, Course, ...)."""
    schema = yaml.load(  # a SafeLoader subclass
        (SPEC_DIR / "consumers-RIO" / f"{name}.yaml").read_text(encoding="utf-8"), Loader=_Yaml12Loader
    )
    return jsonschema.Draft4Validator(schema, format_checker=FORMATS)


def assert_valid(validator: Any, body: Any) -> None:
    errors = sorted(validator.iter_errors(body), key=lambda error: list(error.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


@pytest.fixture
def ooapi_catalogue(catalogue: Catalogue) -> Catalogue:  # noqa: F811
    return catalogue
