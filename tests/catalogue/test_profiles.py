"""Providers keep their own profile and ask for the registry's keurmerk; officials decide."""

from __future__ import annotations

import pytest

from registry.accounts.service import create_api_token
from registry.audit.models import AuditEvent
from registry.catalogue import profiles
from registry.catalogue.models import Provider
from registry.errors import PermissionDenied, ValidationFailed
from registry.extensions import db
from registry.reviews.criteria import PROVIDER_CRITERIA
from registry.reviews.models import MarkStatus, ReviewState, SubjectType
from registry.reviews.workflow import apply_transition
from tests.conftest import Browser


def test_members_edit_their_profile_with_an_audit_trail(people):
    profiles.update_profile(people.member, people.provider.id, {"city": "Deventer", "phone": "0570-123456"})
    provider = db.session.get(Provider, people.provider.id)
    assert provider.city == "Deventer"
    event = db.session.query(AuditEvent).filter_by(action="provider.updated").one()
    assert event.before["city"] == "Utrecht" and event.after["city"] == "Deventer"

    with pytest.raises(PermissionDenied):
        profiles.update_profile(people.other_member, people.provider.id, {"city": "Elders"})
    with pytest.raises(ValidationFailed) as error:
        profiles.update_profile(people.member, people.provider.id, {"kvk_number": "123", "postcode": "abc"})
    assert {"kvk_number", "postcode"} <= set(error.value.fields)
    assert db.session.get(Provider, people.provider.id).kvk_number != "123"


def test_keurmerk_request_through_to_a_valid_mark_on_the_public_page(client, people):
    review = profiles.request_keurmerk(people.member, people.provider.id)
    assert review.subject_type is SubjectType.PROVIDER and review.state is ReviewState.SUBMITTED
    assert review.proposal["kvk_number"] == people.provider.kvk_number
    with pytest.raises(Exception, match="loopt al"):
        profiles.request_keurmerk(people.member, people.provider.id)

    apply_transition(people.official, review.id, "take")
    review.checklist = dict.fromkeys(PROVIDER_CRITERIA, True)
    db.session.commit()
    apply_transition(people.official, review.id, "recommend_approve", comment="Kwaliteitssysteem op orde.")
    apply_transition(people.second_official, review.id, "confirm")
    assert review.marks[0].status is MarkStatus.VALID and review.marks[0].provider_id == people.provider.id
    assert "Keurmerk t/m" in client.get("/aanbieders/kindwijs").get_data(as_text=True)


def test_profile_over_the_api(client, people):
    _token, secret = create_api_token(people.member, "api")
    headers = {"Authorization": f"Bearer {secret}"}
    path = f"/api/v1/provider/profiles/{people.provider.id}"
    assert client.get(path, headers=headers).json["slug"] == "kindwijs"
    changed = client.patch(path, json={"website": "https://kindwijs.example"}, headers=headers)
    assert changed.status_code == 200 and changed.json["website"] == "https://kindwijs.example"
    bad = client.patch(path, json={"email": "geen-adres"}, headers=headers)
    assert bad.status_code == 422 and "email" in bad.json["errors"]
    submitted = client.post(f"{path}/submit", headers=headers)
    assert submitted.status_code == 201 and submitted.json["subject_type"] == "provider"


def test_profile_form_on_the_dashboard(app, people):
    browser = Browser(app.test_client())
    browser.login(people.member.email)
    response = browser.post(
        "/aanbieder/",
        f"/aanbieder/{people.provider.id}/profiel",
        {
            "name": "Academie Kindwijs",
            "kvk_number": people.provider.kvk_number,
            "email": "info@kindwijs.example",
            "city": "Zwolle",
            "province": "overijssel",
        },
        follow_redirects=True,
    )
    assert "Het profiel is opgeslagen." in response.get_data(as_text=True)
    db.session.expire_all()  # the request changed it in its own session
    assert db.session.get(Provider, people.provider.id).city == "Zwolle"


def test_a_refused_profile_comes_back_open_with_what_was_typed(app, people):
    browser = Browser(app.test_client())
    browser.login(people.member.email)
    response = browser.post(
        "/aanbieder/",
        f"/aanbieder/{people.provider.id}/profiel",
        {
            "name": "Academie Kindwijs",
            "kvk_number": "123",
            "email": "info@kindwijs.example",
            "city": "Zwolle",
        },
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "<details open>" in body and f'href="#veld-profiel-{people.provider.id}-kvk_number"' in body
    assert 'value="123"' in body and 'value="Zwolle"' in body
    db.session.expire_all()
    assert db.session.get(Provider, people.provider.id).city != "Zwolle"


def test_reviewed_fields_are_locked_while_the_keurmerk_is_valid_and_kvk_stays_unique(people):
    from datetime import timedelta

    from registry.clock import today
    from tests.factories import make_mark

    with pytest.raises(ValidationFailed) as taken:
        profiles.update_profile(
            people.member, people.provider.id, {"kvk_number": people.other_provider.kvk_number}
        )
    assert "kvk_number" in taken.value.fields
    make_mark(
        provider=people.provider,
        awarded_on=today() - timedelta(days=1),
        valid_until=today() + timedelta(days=30),
    )
    db.session.commit()
    with pytest.raises(ValidationFailed) as locked:
        profiles.update_profile(people.member, people.provider.id, {"name": "Andere naam B.V."})
    assert "name" in locked.value.fields
    profiles.update_profile(
        people.member, people.provider.id, {"phone": "030-1234567"}
    )  # the rest stays editable
