"""The workflow through the JSON API with personal tokens, and its problem+json errors."""

from __future__ import annotations

import pytest

from registry.accounts.service import create_api_token, revoke_api_token
from registry.catalogue.models import Course, Topic
from registry.extensions import db
from registry.reviews.criteria import COURSE_CRITERIA
from tests.conftest import count
from tests.factories import People

COURSE = {
    "title": "Kinder-EHBO voor de dagopvang",
    "summary": "Eerste hulp bij ongelukken met kinderen, met geregistreerd certificaat.",
    "delivery_mode": "classroom",
    "study_load_hours": 8,
    "price": "129.00",
    "topics": ["kinder-ehbo"],
    "runs": [
        {"starts_on": "2027-03-01", "ends_on": "2027-03-01", "city": "Zwolle", "province": "overijssel"}
    ],
}


@pytest.fixture
def tokens(people: People) -> dict[str, dict[str, str]]:
    db.session.add(Topic(slug="kinder-ehbo", name="Kinder-EHBO"))
    db.session.commit()
    headers = {}
    for name in ("member", "other_member", "official", "second_official", "organisation"):
        _token, secret = create_api_token(getattr(people, name), "test")
        headers[name] = {"Authorization": f"Bearer {secret}"}
    return headers


def test_provider_and_two_officials_complete_a_case_over_the_api(client, people, tokens):
    created = client.post("/api/v1/provider/courses", json=COURSE, headers=tokens["member"])
    assert created.status_code == 201, created.json
    course = created.json
    assert course["status"] == "draft" and course["runs"][0]["city"] == "Zwolle"

    patched = client.patch(
        f"/api/v1/provider/courses/{course['id']}",
        json={"price": "139.00", "version": course["version"]},
        headers=tokens["member"],
    )
    assert patched.status_code == 200 and patched.json["price"] == "139.00"

    submitted = client.post(f"/api/v1/provider/courses/{course['id']}/submit", headers=tokens["member"])
    assert submitted.status_code == 201 and submitted.json["state"] == "submitted"
    case_id = submitted.json["id"]

    queue = client.get("/api/v1/reviews?state=submitted", headers=tokens["official"]).json["items"]
    assert [c["id"] for c in queue] == [case_id]

    def act(who: str, action: str, comment: str = "") -> dict:
        version = client.get(f"/api/v1/reviews/{case_id}", headers=tokens[who]).json["review"]["version"]
        response = client.post(
            f"/api/v1/reviews/{case_id}/actions",
            json={"action": action, "comment": comment, "version": version},
            headers=tokens[who],
        )
        assert response.status_code == 200, response.json
        return response.json

    case = act("official", "take")
    assert "recommend_approve" in case["available_actions"] and case["criteria"]
    checklist = client.put(
        f"/api/v1/reviews/{case_id}/checklist",
        json={"checklist": {code: True for code in COURSE_CRITERIA}},
        headers=tokens["official"],
    )
    assert checklist.status_code == 200
    act("official", "recommend_approve", "Voldoet aan alle criteria.")
    case = act("second_official", "confirm")
    assert case["review"]["state"] == "approved" and case["review"]["marks"][0]["status"] == "valid"
    assert [h["action"] for h in case["history"]][:2] == ["review.submit", "review.take"]
    assert client.get(f"/opleidingen/{course['id']}").status_code == 200  # public now


def test_errors_are_problem_json_with_the_right_status(client, people, tokens):
    no_token = client.get("/api/v1/reviews")
    assert no_token.status_code == 401 and no_token.mimetype == "application/problem+json"
    assert no_token.headers["WWW-Authenticate"].startswith("Bearer")
    assert client.get("/api/v1/reviews", headers={"Authorization": "Bearer srk_wrong"}).status_code == 401

    invalid = client.post(
        "/api/v1/provider/courses", json={**COURSE, "title": "", "price": "duur"}, headers=tokens["member"]
    )
    assert invalid.status_code == 422 and {"title", "price"} <= set(invalid.json["errors"])
    assert (
        client.post("/api/v1/provider/courses", data="geen json", headers=tokens["member"]).status_code == 422
    )
    assert count(Course) == 0

    course = client.post("/api/v1/provider/courses", json=COURSE, headers=tokens["member"]).json
    assert (
        client.get(f"/api/v1/provider/courses/{course['id']}", headers=tokens["other_member"]).status_code
        == 404
    )
    assert (
        client.post(
            "/api/v1/provider/courses",
            json={**COURSE, "provider_id": people.provider.id},
            headers=tokens["other_member"],
        ).status_code
        == 403
    )

    stale = client.patch(
        f"/api/v1/provider/courses/{course['id']}",
        json={"price": "1.00", "version": 999},
        headers=tokens["member"],
    )
    assert stale.status_code == 409 and stale.json["title"]

    case = client.post(f"/api/v1/provider/courses/{course['id']}/submit", headers=tokens["member"]).json
    wrong_state = client.post(
        f"/api/v1/reviews/{case['id']}/actions",
        json={"action": "confirm", "version": case["version"]},
        headers=tokens["official"],
    )
    assert wrong_state.status_code == 409 and "kan niet bij" in wrong_state.json["detail"]
    missing = client.post(
        f"/api/v1/reviews/{case['id']}/actions", json={"action": "take"}, headers=tokens["official"]
    )
    assert missing.status_code == 422 and "version" in missing.json["errors"]
    provider_takes = client.post(
        f"/api/v1/reviews/{case['id']}/actions",
        json={"action": "take", "version": case["version"]},
        headers=tokens["member"],
    )
    assert provider_takes.status_code == 403


def test_a_revoked_token_stops_working(client, people, tokens):
    token, secret = create_api_token(people.member, "tijdelijk")
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/v1/provider/courses", headers=headers).status_code == 200
    revoke_api_token(people.member, token.id)
    assert client.get("/api/v1/provider/courses", headers=headers).status_code == 401


def test_api_ignores_session_cookies(client, people, tokens):
    """A signed-in browser session must not authorise API calls (they are CSRF-exempt)."""
    with client.session_transaction() as session:
        session["_user_id"] = people.member.get_id()
    assert client.get("/api/v1/provider/courses").status_code == 401
