"""The signed-in pages, for every role: who sees them, who is refused, and that they render."""

from __future__ import annotations

import pytest

from registry.catalogue.enums import CourseStatus
from registry.extensions import db
from registry.reviews.models import ReviewState
from tests.conftest import Browser
from tests.factories import People, case_in_state, make_course

ROLES = ["anonymous", "organisation", "member", "other_member", "official", "admin"]

# page -> (path built from the people, roles that may see it)
PAGES = {
    "account": (lambda p, ids: "/account", {"organisation", "member", "other_member", "official", "admin"}),
    "provider_dashboard": (lambda p, ids: "/aanbieder/", {"member", "other_member"}),
    "new_course": (lambda p, ids: f"/aanbieder/{p.provider.id}/opleidingen/nieuw", {"member"}),
    "own_draft": (lambda p, ids: f"/aanbieder/opleidingen/{ids['course']}", {"member"}),
    "queue": (lambda p, ids: "/beoordelingen/", {"member", "other_member", "official", "admin"}),
    "case": (lambda p, ids: f"/beoordelingen/{ids['case']}", {"member", "official", "admin"}),
    "dashboard": (lambda p, ids: "/beoordelingen/overzicht", {"official", "admin"}),
    "users": (lambda p, ids: "/beheer/gebruikers", {"admin"}),
    "compliance_rules": (lambda p, ids: "/beheer/nalevingsregels", {"official", "admin"}),
    "reference_schemes": (lambda p, ids: "/beheer/regelingen", {"official", "admin"}),
    "reference_requirements": (lambda p, ids: "/beheer/eisen", {"official", "admin"}),
    "reference_taxonomy": (lambda p, ids: "/beheer/taxonomie", {"official", "admin"}),
    "audit_trail": (lambda p, ids: "/beheer/audit", {"official", "admin"}),
    "review_criteria": (lambda p, ids: "/beheer/criteria", {"official", "admin"}),
    "organisation": (lambda p, ids: "/organisatie/", {"organisation"}),
    "shortlist": (lambda p, ids: "/bewaarlijst", {"organisation"}),
    "saved_searches": (lambda p, ids: "/zoekopdrachten", {"organisation"}),
}


@pytest.fixture
def ids(people: People) -> dict[str, int]:
    course = make_course(people.provider, status=CourseStatus.DRAFT)
    db.session.commit()
    return {"course": course.id, "case": case_in_state(people, ReviewState.IN_REVIEW).id}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", sorted(PAGES))
def test_pages_for_every_role(app, people, ids, page, role):
    browser = Browser(app.test_client())
    if role != "anonymous":
        browser.login(getattr(people, role).email)
    path, allowed = PAGES[page]
    response = browser.client.get(path(people, ids))
    if role in allowed:
        assert response.status_code == 200, response.get_data(as_text=True)[:500]
        assert '<html lang="nl">' in response.get_data(as_text=True)
    elif role == "anonymous":
        assert response.status_code == 302 and "/inloggen" in response.headers["Location"]
    else:
        assert response.status_code in {403, 404}
        assert "Geen toegang" in response.get_data(as_text=True) or "bestaat niet" in response.get_data(
            as_text=True
        )


def test_a_provider_fixes_form_errors_in_dutch_and_nothing_is_saved(app, people):
    browser = Browser(app.test_client())
    browser.login(people.member.email)
    form_page = f"/aanbieder/{people.provider.id}/opleidingen/nieuw"
    response = browser.post(
        form_page,
        form_page,
        {
            "title": "Kort",
            "summary": "",
            "delivery_mode": "classroom",
            "study_load_hours": "veel",
            "price": "12.50",
        },
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Niet alle velden zijn goed ingevuld." in body
    assert "Gebruik 5 tot 200 tekens." in body and "Gebruik 10 tot 500 tekens." in body
    assert "Vul een heel aantal uren in" in body
    assert 'aria-invalid="true"' in body and 'value="Kort"' in body  # what was typed stays
    assert browser.client.get("/aanbieder/").get_data(as_text=True).count("aanbieder/opleidingen/") == 0


def test_a_provider_answers_a_comment_on_the_case_page(app, people):
    case = case_in_state(people, ReviewState.CHANGES_REQUESTED)
    browser = Browser(app.test_client())
    browser.login(people.member.email)
    page = f"/beoordelingen/{case.id}"
    response = browser.post(
        page, f"{page}/reactie", {"comment": "De leerdoelen zijn aangevuld."}, follow_redirects=True
    )
    assert "De leerdoelen zijn aangevuld." in response.get_data(as_text=True)
    resubmitted = browser.post(
        page, f"{page}/stap", {"action": "resubmit", "version": case.version}, follow_redirects=True
    )
    assert "Ingediend" in resubmitted.get_data(as_text=True)


def test_the_provider_dashboard_shows_each_course_with_its_review_state(app, people):
    submitted = case_in_state(people, ReviewState.SUBMITTED)
    make_course(people.provider, title="Nog een concept", status=CourseStatus.DRAFT)
    db.session.commit()
    browser = Browser(app.test_client())
    browser.login(people.member.email)
    page = browser.client.get("/aanbieder/").get_data(as_text=True)
    row = page.split(submitted.course.title, 1)[1].split("</tr>", 1)[0]
    assert "Ingediend" in row
    other = page.split("Nog een concept", 1)[1].split("</tr>", 1)[0]
    assert "Ingediend" not in other and "—" in other


@pytest.mark.parametrize(
    ("path", "data", "status", "explanation"),
    [
        # The form opens again with what was typed and its error summary ...
        ("/organisatie/gegevens", {"staff_count": "-4", "province": "atlantis"}, 422, 'id="foutmelding"'),
        # ... or the page it came from says what was wrong.
        ("/zoekopdrachten", {"name": "x", "query": "pagina=abc&sorteer=raar"}, 200, 'class="flash-messages"'),
    ],
)
def test_bad_form_input_gets_a_dutch_message_not_an_error_page(app, people, path, data, status, explanation):
    browser = Browser(app.test_client())
    browser.login(people.organisation.email)
    response = browser.post("/organisatie/", path, data, follow_redirects=True)
    assert response.status_code == status
    assert explanation in response.get_data(as_text=True)
