"""Every OOAPI v5 answer validates against the vendored specification; only public data is served."""

from __future__ import annotations

import pytest

from registry.catalogue.models import Course, CourseRun, Provider
from registry.extensions import db
from registry.ooapi.identifiers import record_uuid
from tests.factories import make_course
from tests.ooapi.conftest import (
    assert_valid,
    course_offering_validator,
    offering_branches,
    problem_validator,
    response_validator,
    rio_validator,
)

BASE = "/ooapi/v5"
PINNED_COURSE_1 = "cca858e0-e3bd-551c-8689-acb7de53ca6d"


def _get(client, path: str, status: int = 200):
    response = client.get(BASE + path)
    assert response.status_code == status, response.get_data(as_text=True)
    return response.get_json()


def test_service_metadata_validates(client) -> None:
    body = _get(client, "/")
    assert_valid(response_validator("/"), body)
    assert body["contactEmail"]


def test_every_listing_and_record_validates(client, ooapi_catalogue) -> None:
    cat = ooapi_catalogue
    courses = _get(client, "/courses?pageSize=100")
    assert_valid(response_validator("/courses"), courses)
    assert {item["courseId"] for item in courses["items"]} == {
        c.uuid for c in (cat.ehbo, cat.online, cat.plain)
    }
    offerings_seen = 0
    for item in courses["items"]:
        course = _get(client, f"/courses/{item['courseId']}")
        assert_valid(response_validator("/courses/{courseId}"), course)
        offerings = _get(client, f"/courses/{item['courseId']}/offerings?pageSize=250")
        assert_valid(response_validator("/courses/{courseId}/offerings"), offerings)
        for offering in offerings["items"]:
            single = _get(client, f"/offerings/{offering['offeringId']}")
            assert_valid(course_offering_validator(), single)
            assert single["offeringType"] == "course"
            assert "componentOffering" not in offering_branches(single)
            assert "courseOffering" in offering_branches(single)
            rio = [c for c in single["consumers"] if c["consumerKey"] == "rio"]
            assert len(rio) == 1
            assert_valid(rio_validator("Offering"), rio[0])
            offerings_seen += 1
    assert offerings_seen == 4
    organizations = _get(client, "/organizations?pageSize=250")
    assert_valid(response_validator("/organizations"), organizations)
    assert {o["organizationId"] for o in organizations["items"]} == {
        cat.provider.uuid,
        cat.other_provider.uuid,
    }
    for item in organizations["items"]:
        organization = _get(client, f"/organizations/{item['organizationId']}")
        assert_valid(response_validator("/organizations/{organizationId}"), organization)


def test_course_carries_what_the_registry_knows(client, ooapi_catalogue) -> None:
    cat = ooapi_catalogue
    body = _get(client, f"/courses/{cat.ehbo.uuid}")
    assert body["name"] == [{"language": "nl-NL", "value": "Kinder-EHBO voor de kinderopvang"}]
    assert body["abbreviation"] == "EHBO-1"
    assert body["modeOfDelivery"] == ["hybrid"]
    assert body["studyLoad"] == {"studyLoadUnit": "hour", "value": 12}
    assert body["organization"] == cat.provider.uuid
    assert body["ext"]["scholingsregister"]["qualityMark"]["validUntil"]
    offerings = _get(client, f"/courses/{cat.ehbo.uuid}/offerings")["items"]
    assert [o["addresses"][0]["city"] for o in offerings if "addresses" in o] == ["Deventer"]
    assert offerings[0]["priceInformation"][0]["amount"] == "149.50"
    assert offerings[0]["consumers"][0]["registrationStatus"] == "open"


def test_uuids_are_uuid5_of_kind_and_id(app, ooapi_catalogue) -> None:
    cat = ooapi_catalogue
    assert cat.ehbo.uuid == record_uuid("course", cat.ehbo.id)
    assert cat.provider.uuid == record_uuid("organization", cat.provider.id)
    run = cat.ehbo.runs[0]
    assert run.uuid == record_uuid("offering", run.id)
    # The namespace is fixed: this value is what every harvester has derived, and must never change.
    assert record_uuid("course", 1) == PINNED_COURSE_1


@pytest.mark.parametrize("which", ["draft", "withdrawn", "suspended_providers_course"])
def test_hidden_courses_are_not_served(client, ooapi_catalogue, which: str) -> None:
    course: Course = getattr(ooapi_catalogue, which)
    body = _get(client, f"/courses/{course.uuid}", 404)
    assert_valid(problem_validator(), body)
    _get(client, f"/courses/{course.uuid}/offerings", 404)


def test_suspended_provider_is_not_served(client, ooapi_catalogue) -> None:
    hidden: Provider = ooapi_catalogue.suspended_providers_course.provider
    assert_valid(problem_validator(), _get(client, f"/organizations/{hidden.uuid}", 404))


def test_run_of_a_hidden_course_is_not_served(client, app, ooapi_catalogue) -> None:
    from tests.factories import make_run

    run: CourseRun = make_run(ooapi_catalogue.draft, ooapi_catalogue.day)
    db.session.commit()
    assert_valid(problem_validator(), _get(client, f"/offerings/{run.uuid}", 404))


def test_pagination(client, ooapi_catalogue) -> None:
    for number in range(12):
        make_course(ooapi_catalogue.provider, title=f"Extra opleiding {number:02}")
    db.session.commit()
    first = _get(client, "/courses")
    assert (first["pageSize"], first["pageNumber"], first["totalPages"]) == (10, 1, 2)
    assert (first["hasPreviousPage"], first["hasNextPage"], len(first["items"])) == (False, True, 10)
    second = _get(client, "/courses?pageNumber=2")
    assert_valid(response_validator("/courses"), second)
    assert (second["hasPreviousPage"], second["hasNextPage"], len(second["items"])) == (True, False, 5)
    assert not {i["courseId"] for i in first["items"]} & {i["courseId"] for i in second["items"]}
    beyond = _get(client, "/courses?pageNumber=9")
    assert beyond["items"] == [] and beyond["hasNextPage"] is False


@pytest.mark.parametrize(
    "query", ["pageSize=7", "pageSize=abc", "pageNumber=0", "pageNumber=-1", "pageNumber=99999999999"]
)
def test_bad_paging_is_a_400_problem(client, ooapi_catalogue, query: str) -> None:
    response = client.get(f"{BASE}/courses?{query}")
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    assert_valid(problem_validator(), response.get_json())


@pytest.mark.parametrize("path", ["/courses/not-a-uuid", "/offerings/42", "/organizations/x"])
def test_unknown_ids_are_404_problems(client, ooapi_catalogue, path: str) -> None:
    assert_valid(problem_validator(), _get(client, path, 404))
