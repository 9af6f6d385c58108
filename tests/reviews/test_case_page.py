"""Officials work a case through its page: ticks and rationale travel together, heavy steps are confirmed."""

from __future__ import annotations

import re
from datetime import timedelta

from registry.accounts.service import create_api_token
from registry.clock import today
from registry.extensions import db
from registry.reviews.criteria import COURSE_CRITERIA
from registry.reviews.models import Recommendation, Review, ReviewState
from tests.conftest import Browser
from tests.factories import case_in_state, make_run

RATIONALE = "Voldoet aan alle criteria; de trainers zijn gecertificeerd."


def official(app, people) -> Browser:
    browser = Browser(app.test_client())
    browser.login(people.official.email)
    return browser


def unticked_case(people) -> Review:
    case = case_in_state(people, ReviewState.IN_REVIEW)
    case.checklist = {}
    make_run(case.course, today() + timedelta(days=40), city="Zwolle")
    db.session.commit()
    return case


def test_ticking_every_criterion_and_proposing_approval_is_one_step(app, people):
    case = unticked_case(people)
    browser = official(app, people)
    page = f"/beoordelingen/{case.id}"
    form = {
        "action": "recommend_approve",
        "comment": RATIONALE,
        "version": case.version,
        "checklist": "1",
        "met": list(COURSE_CRITERIA),
    }
    response = browser.post(page, f"{page}/stap", form)
    assert response.status_code == 302
    db.session.expire_all()
    decided = db.session.get(Review, case.id)
    assert decided.state is ReviewState.AWAITING_CONFIRMATION
    assert decided.recommendation is Recommendation.APPROVE and decided.rationale == RATIONALE
    assert decided.checklist == {code: True for code in COURSE_CRITERIA}


def test_a_refused_step_keeps_the_ticks_and_the_rationale_and_names_the_fields(app, people):
    case = unticked_case(people)
    browser = official(app, people)
    page = f"/beoordelingen/{case.id}"
    first, *rest = COURSE_CRITERIA
    form = {"action": "recommend_approve", "comment": RATIONALE, "version": case.version, "checklist": "1"}
    response = browser.post(page, f"{page}/stap", {**form, "met": [first]})
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert db.session.get(Review, case.id).state is ReviewState.IN_REVIEW
    assert RATIONALE in body  # the rationale is still in the box
    assert re.search(rf'id="crit-{first}"[^>]*checked', body)
    assert not re.search(rf'id="crit-{rest[0]}"[^>]*checked', body)
    assert 'id="foutmelding"' in body and 'href="#veld-checklist"' in body
    assert f'action="{page}/stap#foutmelding"' in body


def test_the_case_shows_the_runs_the_course_will_be_published_with(app, people):
    case = unticked_case(people)
    body = official(app, people).client.get(f"/beoordelingen/{case.id}").get_data(as_text=True)
    assert "Zwolle" in body[body.index('id="voorstel"') : body.index('id="beoordelen"')]


def test_a_heavy_step_asks_for_confirmation_and_back_keeps_the_text(app, people):
    case = unticked_case(people)
    browser = official(app, people)
    page = f"/beoordelingen/{case.id}"
    body = browser.client.get(page).get_data(as_text=True)
    assert re.search(r'utrecht-button--warning" name="action" value="recommend_reject"', body)
    assert re.search(r'utrecht-button--primary-action" name="action" value="recommend_approve"', body)
    form = {
        "action": "recommend_reject",
        "comment": "Geen leerdoelen.",
        "version": case.version,
        "checklist": "1",
    }

    asked = browser.post(page, f"{page}/stap", form)
    assert asked.status_code == 200 and "Weet u het zeker" in asked.get_data(as_text=True)
    assert db.session.get(Review, case.id).state is ReviewState.IN_REVIEW  # nothing happened yet

    back = browser.post(page, f"{page}/stap", {**form, "terug": "1"}).get_data(as_text=True)
    assert "Geen leerdoelen." in back and db.session.get(Review, case.id).state is ReviewState.IN_REVIEW

    done = browser.post(page, f"{page}/stap", {**form, "bevestigd": "1"})
    assert done.status_code == 302
    db.session.expire_all()
    assert db.session.get(Review, case.id).recommendation is Recommendation.REJECT


def test_the_queue_names_title_provider_and_assignee_and_filters_my_cases(app, people):
    mine = case_in_state(people, ReviewState.IN_REVIEW)  # taken by people.official
    other = case_in_state(people, ReviewState.SUBMITTED)
    other.course.title = "Babyscholing in de praktijk"
    db.session.commit()
    browser = official(app, people)
    everything = browser.client.get("/beoordelingen/").get_data(as_text=True)
    assert f'href="/beoordelingen/{mine.id}">Kinder-EHBO basis</a>' in everything
    assert "Babyscholing in de praktijk" in everything and "Academie Kindwijs" in everything
    only_mine = browser.client.get("/beoordelingen/?mijn=true").get_data(as_text=True)
    assert "Kinder-EHBO basis" in only_mine and "Babyscholing in de praktijk" not in only_mine


def test_the_api_filters_my_cases_with_the_same_rule(client, people):
    mine = case_in_state(people, ReviewState.IN_REVIEW)
    case_in_state(people, ReviewState.SUBMITTED)
    _token, secret = create_api_token(people.official, "mijn-zaken")
    headers = {"Authorization": f"Bearer {secret}"}
    listed = client.get("/api/v1/reviews?assigned_to_me=true", headers=headers).json
    assert [case["id"] for case in listed["items"]] == [mine.id]
    assert client.get("/api/v1/reviews?assigned_to_me=misschien", headers=headers).status_code == 422
