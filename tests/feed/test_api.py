"""Every feed endpoint through the test client: the records' shape and content, filters, errors."""

from __future__ import annotations

from datetime import timedelta

import pytest

from registry.extensions import db
from registry.openapi import build_spec
from registry.reviews.models import MarkStatus


def component_properties(name: str) -> set[str]:
    return set(build_spec()["components"]["schemas"][name]["properties"])


def ids(response) -> list[int]:
    return [item["id"] for item in response.get_json()["items"]]


def test_course_listing_shows_public_courses_with_every_documented_field(client, catalogue):
    response = client.get("/api/v1/courses")
    assert response.status_code == 200 and response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) == component_properties("CoursePage")
    assert ids(response) == [catalogue.ehbo.id, catalogue.online.id, catalogue.plain.id]
    assert body["next"] is None and body["tombstones"] == [] and body["synced_until"] is None
    ehbo = body["items"][0]
    assert set(ehbo) == component_properties("Course")
    assert ehbo["name"] == "Kinder-EHBO voor de kinderopvang" and ehbo["primary_code"] == "EHBO-1"
    assert ehbo["provider"]["name"] == "Academie Kindwijs"
    assert ehbo["provider"]["quality_mark"] == {
        "state": "valid",
        "valid_until": (catalogue.day + timedelta(days=500)).isoformat(),
    }
    assert ehbo["accreditation"]["state"] == "valid"
    assert ehbo["price"] == {"amount": 149.5, "currency": "EUR"}
    assert ehbo["study_load"] == {"value": 12, "unit": "hour"}
    assert ehbo["mode_of_delivery"] == "blended"
    assert [scheme["code"] for scheme in ehbo["schemes"]] == ["OO-KO", "STAP"]
    assert [topic["slug"] for topic in ehbo["topics"]] == ["kinder-ehbo"]
    assert [role["slug"] for role in ehbo["target_roles"]] == ["pedagogisch-medewerker"]
    assert [(o["city"], o["online"]) for o in ehbo["offerings"]] == [("Deventer", False), ("", True)]
    assert ehbo["url"].endswith(f"/opleidingen/{catalogue.ehbo.id}")
    assert body["items"][1]["accreditation"]["state"] == "expired"
    assert body["items"][2]["accreditation"] == {"state": "none", "valid_until": None}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("topic=kinder-ehbo", ["ehbo"]),
        ("role=pedagogisch-medewerker", ["ehbo"]),
        ("province=groningen", ["plain"]),
        ("delivery_mode=online", ["online"]),
        ("scheme=STAP", ["ehbo"]),
        ("accreditation=valid", ["ehbo"]),
        ("accreditation=expired", ["online"]),
        ("accreditation=none", ["plain"]),
        ("q=babyscholing", ["online"]),
        ("q=3f oefenen", ["plain"]),
        ("q=ehbo onbekendwoord", []),
    ],
)
def test_course_filters(client, catalogue, query, expected):
    response = client.get(f"/api/v1/courses?{query}")
    assert response.status_code == 200
    assert ids(response) == [getattr(catalogue, name).id for name in expected]


def test_course_filters_by_provider_and_by_run_dates(client, catalogue):
    assert ids(client.get(f"/api/v1/courses?provider={catalogue.other_provider.id}")) == [
        catalogue.online.id,
        catalogue.plain.id,
    ]
    after = (catalogue.day + timedelta(days=50)).isoformat()
    before = (catalogue.day + timedelta(days=70)).isoformat()
    # The online run of the EHBO course starts in that window; the other courses' runs do not.
    assert ids(client.get(f"/api/v1/courses?starts_after={after}&starts_before={before}")) == [
        catalogue.ehbo.id
    ]


@pytest.mark.parametrize(
    "query",
    [
        "limit=0",
        "limit=201",
        "limit=x",
        "province=atlantis",
        "accreditation=great",
        "cursor=%21%21",
        "modified_since=2026-01-01T00:00:00",
        "starts_after=2027-02-01&starts_before=2027-01-01",
    ],
)
def test_invalid_queries_get_a_problem_naming_the_parameter(client, catalogue, query):
    response = client.get(f"/api/v1/courses?{query}")
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert problem["status"] == 422 and problem["title"] == "Ongeldige invoer"
    assert problem["titles"] == {"nl": "Ongeldige invoer", "en": "Invalid input"}
    assert set(problem["errors"]) & {
        "limit",
        "province",
        "accreditation",
        "cursor",
        "modified_since",
        "starts_before",
    }


def test_problems_have_english_titles_when_asked(client, catalogue):
    response = client.get("/api/v1/courses/999999", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert response.status_code == 404
    assert response.get_json()["title"] == "Not found"
    assert response.headers["Content-Language"] == "en"
    dutch = client.get("/api/v1/courses/999999")
    assert dutch.get_json()["title"] == "Niet gevonden" and dutch.headers["Content-Language"] == "nl"


@pytest.mark.parametrize("name", ["draft", "withdrawn", "suspended_providers_course"])
def test_a_course_that_is_not_public_is_not_found(client, catalogue, name):
    response = client.get(f"/api/v1/courses/{getattr(catalogue, name).id}")
    assert response.status_code == 404 and response.mimetype == "application/problem+json"


def test_course_record(client, catalogue):
    response = client.get(f"/api/v1/courses/{catalogue.ehbo.id}")
    assert response.status_code == 200
    record = response.get_json()
    assert set(record) == component_properties("Course")
    assert record["id"] == catalogue.ehbo.id and record["teaching_language"] == "nl"


def test_provider_listing_and_record(client, catalogue):
    response = client.get("/api/v1/providers")
    assert ids(response) == [catalogue.provider.id, catalogue.other_provider.id]  # not the suspended one
    record = response.get_json()["items"][0]
    assert set(record) == component_properties("Provider")
    assert record["quality_mark"]["state"] == "valid" and record["province"] == "overijssel"
    single = client.get(f"/api/v1/providers/{catalogue.provider.id}").get_json()
    assert single == record


def test_scheme_listing_shows_the_state_today(client, catalogue):
    body = client.get("/api/v1/schemes").get_json()
    states = {item["code"]: item["status"]["state"] for item in body["items"]}
    assert states == {"OO-KO": "open", "STAP": "ended"}
    assert set(body["items"][0]) == component_properties("Scheme")
    single = client.get(f"/api/v1/schemes/{catalogue.ended_scheme.id}").get_json()
    assert single["status"] == {"state": "ended", "closes_on": None, "next_opens_on": None}
    assert client.get("/api/v1/schemes/424242").status_code == 404


def test_quality_mark_register_lists_marks_in_force(client, catalogue):
    body = client.get("/api/v1/quality-marks").get_json()
    subjects = [(item["subject"]["type"], item["subject"]["name"], item["state"]) for item in body["items"]]
    # The online course's accreditation expired, so it is not in the register.
    assert subjects == [
        ("course", "Kinder-EHBO voor de kinderopvang", "valid"),
        ("provider", "Academie Kindwijs", "valid"),
    ]
    assert set(body["items"][0]) == component_properties("QualityMark")
    providers_only = client.get("/api/v1/quality-marks?subject_type=provider").get_json()
    assert [item["subject"]["type"] for item in providers_only["items"]] == ["provider"]


def test_suspended_marks_stay_in_the_register(client, catalogue):
    mark = catalogue.ehbo.quality_marks[0]
    mark.status = MarkStatus.SUSPENDED
    db.session.commit()
    body = client.get("/api/v1/quality-marks?state=suspended").get_json()
    assert [item["id"] for item in body["items"]] == [mark.id]


def test_topics(client, catalogue):
    body = client.get("/api/v1/topics").get_json()
    assert [topic["slug"] for topic in body["items"]] == ["kinder-ehbo", "babyscholing"]
    assert set(body["items"][0]) == component_properties("TopicEntry")
    assert body["items"][0]["source_checked_on"] is None and body["items"][0]["retired_on"] is None


def test_the_api_is_read_only(client, catalogue):
    response = client.post("/api/v1/courses")
    assert response.status_code == 405 and response.mimetype == "application/problem+json"
    assert "GET" in response.headers["Allow"]
