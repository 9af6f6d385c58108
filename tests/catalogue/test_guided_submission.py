"""A provider is guided to a submittable course: Dutch input, errors that keep the work, steps and reasons."""

from __future__ import annotations

import re
from datetime import date, timedelta

import sqlalchemy as sa

from registry.catalogue.enums import CourseStatus
from registry.catalogue.models import Course, CourseRun
from registry.clock import today
from registry.extensions import db
from registry.reviews.models import Review, ReviewState
from tests.conftest import Browser
from tests.factories import make_course, make_run, make_scheme

COURSE = {
    "title": "Oudergesprekken voeren",
    "summary": "Lastige gesprekken met ouders goed voeren.",
    "delivery_mode": "online",
    "study_load_hours": "6",
    "price": "€ 1.250,00",
}


def signed_in(app, people) -> Browser:
    browser = Browser(app.test_client())
    browser.login(people.member.email)
    return browser


def test_dutch_amounts_and_dates_are_accepted_as_typed(app, people):
    browser = signed_in(app, people)
    new = f"/aanbieder/{people.provider.id}/opleidingen/nieuw"
    assert browser.post(new, new, {**COURSE, "study_load_hours": "6,0"}).status_code == 302
    course = db.session.scalar(sa.select(Course))
    assert (str(course.price), course.study_load_hours) == ("1250.00", 6)
    page = f"/aanbieder/opleidingen/{course.id}"
    added = browser.post(
        page, f"{page}/uitvoeringen", {"starts_on": "31-01-2027", "ends_on": "2027-02-01", "is_online": "1"}
    )
    assert added.status_code == 302
    run = db.session.scalar(sa.select(CourseRun))
    assert (run.starts_on, run.ends_on) == (date(2027, 1, 31), date(2027, 2, 1))


def test_half_hours_are_refused_with_a_reason_and_the_box_asks_for_whole_hours(app, people):
    browser = signed_in(app, people)
    new = f"/aanbieder/{people.provider.id}/opleidingen/nieuw"
    form = browser.client.get(new).get_data(as_text=True)
    assert re.search(r'name="study_load_hours" type="number"[^>]*step="1"', form, re.S)
    refused = browser.post(new, new, {**COURSE, "study_load_hours": "6,5"})
    assert refused.status_code == 422
    assert "Vul een heel aantal uren in" in refused.get_data(as_text=True)


def test_a_run_error_keeps_what_was_typed_and_the_summary_links_to_each_field(app, people):
    course = make_course(people.provider, status=CourseStatus.DRAFT)
    db.session.commit()
    browser = signed_in(app, people)
    page = f"/aanbieder/opleidingen/{course.id}"
    response = browser.post(
        page,
        f"{page}/uitvoeringen",
        {"starts_on": "2027-03-10", "ends_on": "2027-03-01", "city": "Zwolle", "seats": "12"},
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 422 and db.session.scalar(sa.select(sa.func.count(CourseRun.id))) == 0
    summary = body[body.index('id="foutmelding"') : body.index("</div>", body.index('id="foutmelding"'))]
    assert 'role="alert"' in summary and 'tabindex="-1"' in summary
    assert 'href="#veld-ends_on"' in summary and "De einddatum ligt voor de startdatum." in summary
    assert 'href="#veld-city"' in summary  # no province and not online
    # The field says what is wrong, and what was typed is still there.
    assert re.search(r'id="veld-ends_on"[^>]*aria-invalid="true" aria-describedby="fout-ends_on"', body, re.S)
    assert 'value="2027-03-10"' in body and 'value="Zwolle"' in body and 'value="12"' in body
    # The form posts back to its summary, so the page opens where the person was.
    assert f'action="{page}/uitvoeringen#foutmelding"' in body


def test_a_course_without_a_run_ahead_cannot_be_submitted_and_the_page_says_why(app, people):
    course = make_course(people.provider, status=CourseStatus.DRAFT)
    make_run(course, today() - timedelta(days=10))  # only a run in the past
    db.session.commit()
    browser = signed_in(app, people)
    page = f"/aanbieder/opleidingen/{course.id}"
    before = browser.client.get(page).get_data(as_text=True)
    assert "Voeg eerst een uitvoering toe" in before and 'href="#uitvoering-toevoegen"' in before
    # The submit button and the runs form are neighbours: the runs come before the long content form.
    assert before.index("Indienen ter beoordeling") < before.index('id="uitvoering-toevoegen"')
    assert before.index('id="uitvoering-toevoegen"') < before.index('id="gegevens"')

    refused = browser.post(page, f"{page}/indienen")
    assert refused.status_code == 422 and "Voeg eerst een uitvoering toe" in refused.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Review.id))) == 0

    run = {"starts_on": "31-12-2099", "ends_on": "31-12-2099", "is_online": "1"}
    browser.post(page, f"{page}/uitvoeringen", run)
    submitted = browser.post(page, f"{page}/indienen", follow_redirects=True).get_data(as_text=True)
    assert db.session.scalar(sa.select(Review.state)) is ReviewState.SUBMITTED
    assert 'aria-current="step"' in submitted
    current = re.search(r'aria-current="step">.*?data-testid="course-status">([^<]+)<', submitted, re.S)
    assert current and current.group(1) == "Ingediend"
    assert "Status: concept" not in re.sub(r"<[^>]+>", "", submitted)  # one place says where it stands


def test_a_course_naming_an_ended_scheme_cannot_be_submitted(app, people):
    ended = make_scheme(name="STAP-budget", active_until=today() - timedelta(days=1))
    course = make_course(people.provider, status=CourseStatus.DRAFT)
    course.schemes = [ended]
    make_run(course, today() + timedelta(days=30))
    db.session.commit()
    browser = signed_in(app, people)
    page = f"/aanbieder/opleidingen/{course.id}"
    refused = browser.post(page, f"{page}/indienen")
    body = refused.get_data(as_text=True)
    assert refused.status_code == 422 and "STAP-budget" in body and "beëindigd" in body
    assert 'href="#veld-schemes"' in body and 'id="veld-schemes"' in body


def test_the_public_course_page_offers_the_next_step(client, people):
    people.provider.website = "https://www.kindwijs.example/inschrijven"
    people.provider.phone = "030 123 45 67"
    course = make_course(people.provider, status=CourseStatus.PUBLISHED)
    db.session.commit()
    body = client.get(f"/opleidingen/{course.id}").get_data(as_text=True)
    assert 'href="https://www.kindwijs.example/inschrijven"' in body
    assert "Inschrijven via de website van Academie Kindwijs" in body and 'href="tel:0301234567"' in body


def test_the_dashboard_names_one_step_per_course(app, people):
    course = make_course(people.provider, status=CourseStatus.DRAFT, title="Kinder-EHBO basis")
    make_run(course, today() + timedelta(days=30))
    db.session.commit()
    browser = signed_in(app, people)
    page = f"/aanbieder/opleidingen/{course.id}"
    browser.post(page, f"{page}/indienen")
    dashboard = browser.client.get("/aanbieder/").get_data(as_text=True)
    row = dashboard.split("Kinder-EHBO basis", 1)[1].split("</tr>", 1)[0]
    assert "Ingediend" in row and "concept" not in row.lower()
