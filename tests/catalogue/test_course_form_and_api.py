"""A provider's course form and the JSON API load through one schema: same input, same answer."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from registry.accounts.service import create_api_token
from registry.catalogue.models import Course, CourseRun
from registry.extensions import db
from tests.conftest import Browser, count

COURSE = {
    "title": "Oudergesprekken voeren",
    "summary": "Lastige gesprekken met ouders goed voeren.",
    "delivery_mode": "online",
    "study_load_hours": "6",
    "price": "99.00",
}


@pytest.mark.parametrize(
    ("change", "accepted"),
    [
        ({}, True),
        ({"study_load_hours": "zes"}, False),
        ({"price": "gratis"}, False),
        ({"title": "Kort"}, False),
        ({"delivery_mode": "per-post"}, False),
    ],
)
def test_the_form_and_the_api_accept_and_refuse_the_same_course(app, client, people, change, accepted):
    _token, secret = create_api_token(people.member, "form-and-api")
    api = client.post(
        "/api/v1/provider/courses",
        json={**COURSE, **change, "provider_id": people.provider.id},
        headers={"Authorization": f"Bearer {secret}"},
    )
    browser = Browser(app.test_client())
    browser.login(people.member.email)
    new = f"/aanbieder/{people.provider.id}/opleidingen/nieuw"
    form = browser.post(new, new, {**COURSE, **change})
    assert (api.status_code == 201) is accepted
    assert (form.status_code == 302) is accepted
    if not accepted:
        assert form.status_code == 422 and set(api.json["errors"]) == set(change)
    assert count(Course) == (2 if accepted else 0)


def test_the_form_takes_a_decimal_comma_and_unticked_boxes(app, people):
    browser = Browser(app.test_client())
    browser.login(people.member.email)
    new = f"/aanbieder/{people.provider.id}/opleidingen/nieuw"
    browser.post(new, new, {**COURSE, "price": "195,50", "cross_over_sectors": "zorg, onderwijs"})
    course = db.session.scalar(sa.select(Course))
    assert (str(course.price), course.cross_over_sectors) == ("195.50", ["zorg", "onderwijs"])
    page = f"/aanbieder/opleidingen/{course.id}"
    browser.post(
        page,
        f"{page}/uitvoeringen",
        {"starts_on": "2027-03-01", "ends_on": "2027-03-01", "seats": "", "province": "", "is_online": "on"},
    )
    run = db.session.scalar(sa.select(CourseRun))
    assert (run.is_online, run.seats, run.province) == (True, None, None)
