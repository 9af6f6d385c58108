"""The organisation API with personal bearer tokens, and its place in the OpenAPI document."""

from __future__ import annotations

import sqlalchemy as sa

from registry.accounts.service import create_api_token
from registry.compliance import service
from registry.compliance.models import StaffMember
from registry.extensions import db

CSV = (
    b"personeelsnummer;naam;functie;fte;locaties;werkt_met_babys;diplomas\n"
    b"1;A. de Vries;pedagogisch-medewerker;0,5;111111111;ja;mbo-4\n"
)


def _bearer(user) -> dict:
    _token, secret = create_api_token(user, "HR-koppeling")
    return {"Authorization": f"Bearer {secret}"}


def _seed(orgs):
    service.add_location(
        orgs.a_member, orgs.a.id, {"name": "De Boomhut", "lrk_number": "111111111", "care_type": "dagopvang"}
    )
    service.apply_import(orgs.a_member, orgs.a.id, "p.csv", CSV)


def test_planner_api_gives_every_verdict_with_its_rule_and_numbers(orgs, client):
    _seed(orgs)
    response = client.get("/api/v1/organisation/planner?datum=2025-06-01", headers=_bearer(orgs.a_member))
    body = response.get_json()
    assert response.status_code == 200 and body["datum"] == "2025-06-01"
    [location] = body["locations"]
    coaching = next(v for v in location["verdicts"] if v["rule"]["code"] == "coaching-uren")
    assert (coaching["hours_needed"], coaching["fte"]) == (55, "0.50")
    baby = next(v for v in location["person_verdicts"] if v["rule"]["code"] == "babyscholing")
    assert baby["status"] == "action" and "bijlage V" in baby["rule"]["source"]["citation"]
    earlier = client.get("/api/v1/organisation/planner?datum=2024-06-01", headers=_bearer(orgs.a_member))
    assert "babyscholing" not in {
        v["rule"]["code"] for v in earlier.get_json()["locations"][0]["person_verdicts"]
    }


def test_planner_api_refuses_a_bad_date_with_problem_json(orgs, client):
    response = client.get("/api/v1/organisation/planner?datum=31-12-2025", headers=_bearer(orgs.a_member))
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json" and "datum" in response.get_json()["errors"]


def test_staff_locations_and_certificates_through_the_api(orgs, client):
    _seed(orgs)
    headers = _bearer(orgs.a_member)
    staff = client.get("/api/v1/organisation/staff", headers=headers).get_json()["items"]
    assert [(m["name"], m["fte"], m["diplomas"][0]["kind"]) for m in staff] == [
        ("A. de Vries", "0.50", "mbo-4")
    ]
    created = client.post(
        f"/api/v1/organisation/staff/{staff[0]['id']}/certificates",
        json={"kind": "kinder-ehbo", "valid_until": "2027-01-01"},
        headers=headers,
    )
    assert created.status_code == 201 and created.get_json()["valid_until"] == "2027-01-01"
    new = client.post(
        "/api/v1/organisation/locations",
        json={"name": "BSO", "lrk_number": "222222222", "care_type": "bso"},
        headers=headers,
    )
    assert new.status_code == 201
    assert len(client.get("/api/v1/organisation/locations", headers=headers).get_json()["items"]) == 2


def test_b_token_cannot_see_or_change_a(orgs, client):
    _seed(orgs)
    member_id = db.session.scalar(sa.select(StaffMember.id))
    headers = _bearer(orgs.b_member)
    assert client.get(f"/api/v1/organisation/staff/{member_id}", headers=headers).status_code == 404
    assert client.get("/api/v1/organisation/staff", headers=headers).get_json()["items"] == []
    assert client.get("/api/v1/organisation/locations", headers=headers).get_json()["items"] == []
    posted = client.post(
        f"/api/v1/organisation/staff/{member_id}/certificates", json={"kind": "vve"}, headers=headers
    )
    assert posted.status_code == 404
    assert client.get("/api/v1/organisation/planner").status_code == 401


def test_openapi_document_lists_the_organisation_paths(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert {
        "/api/v1/organisation/planner",
        "/api/v1/organisation/staff",
        "/api/v1/organisation/locations",
    } <= set(paths)
