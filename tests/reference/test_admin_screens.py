"""Officials keep the reference data current in /beheer/: every change audited and shown at once."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from registry.audit.models import AuditEvent
from registry.catalogue.models import Topic
from registry.clock import today, utcnow
from registry.extensions import db
from registry.reference.loader import load_reference
from registry.schemes.models import SubsidyScheme
from registry.search.execution import search
from registry.search.parsing import parse_search_args
from registry.search.presentation import facet_labels
from registry.spreadsheet import neutralise
from tests.conftest import Browser, count
from tests.factories import make_course, make_run

ADMIN_PAGES = [
    "/beheer/regelingen",
    "/beheer/regelingen/SLIM",
    "/beheer/eisen",
    "/beheer/taxonomie",
    "/beheer/audit",
    "/beheer/nalevingsregels",
    "/beheer/nalevingsregels/babyscholing",
    "/beheer/thesaurus",
]


@pytest.fixture
def loaded(app, people):
    load_reference(today())
    slim = db.session.scalar(sa.select(SubsidyScheme).where(SubsidyScheme.code == "SLIM"))
    topic = db.session.scalar(sa.select(Topic).where(Topic.slug == "leercultuur"))
    course = make_course(people.provider, schemes=[slim], topics=[topic], title="Leercultuur bouwen")
    make_run(course, today() + timedelta(days=30))
    db.session.commit()
    return course


def _signed_in(app, user) -> Browser:
    browser = Browser(app.test_client())
    browser.login(user.email)
    return browser


@pytest.mark.parametrize("path", ADMIN_PAGES)
@pytest.mark.parametrize(
    "role,allowed", [("official", True), ("admin", True), ("member", False), ("organisation", False)]
)
def test_only_officials_and_admins_reach_the_screens(app, people, loaded, path, role, allowed):
    response = _signed_in(app, getattr(people, role)).client.get(path)
    assert response.status_code == (200 if allowed else 403)


def _scheme_form(browser: Browser) -> dict[str, str]:
    page = browser.client.get("/beheer/regelingen/SLIM").get_data(as_text=True)
    fields = dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page))
    fields.update(dict(re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)</textarea>', page)))
    fields.update({name: "on" for name in re.findall(r'name="(venster-\d+-loting)" checked', page)})
    fields.update(
        re.findall(
            r'<select[^>]*name="([^"]+)"[^>]*>(?:(?!</select>).)*?<option value="([^"]*)" selected',
            page,
            re.S,
        )
    )
    fields["applicant"] = "employer"
    return {key: value.replace("&#39;", "'").replace("&amp;", "&") for key, value in fields.items()}


def test_an_official_opens_a_window_and_every_view_shows_it_at_once(app, people, loaded):
    official = _signed_in(app, people.official)
    before = utcnow()
    form = _scheme_form(official)
    opens, closes = today() - timedelta(days=1), today() + timedelta(days=20)
    form.update({"venster-2-open": opens.isoformat(), "venster-2-sluit": closes.isoformat()})
    form["name"] = "SLIM-regeling (open aanvraagronde)"

    response = official.post("/beheer/regelingen/SLIM", "/beheer/regelingen/SLIM", form)

    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    public = app.test_client()
    schemes_page = public.get("/regelingen").get_data(as_text=True)
    assert "SLIM-regeling (open aanvraagronde)" in schemes_page
    course_page = public.get(f"/opleidingen/{loaded.id}").get_data(as_text=True)
    assert "SLIM-regeling (open aanvraagronde)" in course_page and "open" in course_page
    labels = facet_labels()
    assert labels["regeling"]["SLIM"] == "SLIM-regeling (open aanvraagronde)"
    since = before.isoformat().replace("+00:00", "Z")
    changed = public.get("/api/v1/schemes", query_string={"modified_since": since}).get_json()
    assert [item["code"] for item in changed["items"]] == ["SLIM"]
    assert changed["items"][0]["status"]["state"] == "open"
    courses = public.get("/api/v1/courses", query_string={"modified_since": since}).get_json()
    assert [item["id"] for item in courses["items"]] == [loaded.id]

    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "subsidy_scheme.updated"))
    assert event.actor_id == people.official.id
    assert event.after["windows"][-1] == [opens.isoformat(), closes.isoformat(), False]
    assert event.before["name"].startswith("SLIM-regeling (Stimuleringsregeling")
    trail = official.client.get("/beheer/audit", query_string={"actor": people.official.email}).get_data(
        as_text=True
    )
    assert "subsidy_scheme.updated" in trail
    detail = official.client.get(f"/beheer/audit/{event.id}").get_data(as_text=True)
    assert "SLIM-regeling (open aanvraagronde)" in detail and people.official.email in detail

    # The next release's `reference load` keeps the official's window and name, and says so.
    report = load_reference(today())
    assert not report.changed
    assert {(c.key, c.field) for c in report.conflicts} == {("SLIM", "name"), ("SLIM", "windows")}
    assert "De referentiebestanden zeggen hier iets anders" in official.client.get(
        "/beheer/regelingen/SLIM"
    ).get_data(as_text=True)


def test_bad_input_is_refused_in_dutch_and_changes_nothing(app, people, loaded):
    official = _signed_in(app, people.official)
    events = count(AuditEvent)
    form = _scheme_form(official)
    form.update({"cofinancing_percent": "140", "venster-0-sluit": "2020-01-01", "source_url": "geen url"})

    response = official.post("/beheer/regelingen/SLIM", "/beheer/regelingen/SLIM", form)

    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Een percentage van 0 tot 100." in page and "Vul een volledige URL in" in page
    assert count(AuditEvent) == events
    db.session.expire_all()
    assert (
        db.session.scalar(sa.select(SubsidyScheme.cofinancing_percent).where(SubsidyScheme.code == "SLIM"))
        == 40
    )


def test_a_refused_scheme_keeps_dutch_amounts_as_typed_and_the_summary_links_each_field(app, people, loaded):
    official = _signed_in(app, people.official)
    form = _scheme_form(official)
    form.update({"max_amount": "€ 1.250,00", "cofinancing_percent": "140"})
    refused = official.post("/beheer/regelingen/SLIM", "/beheer/regelingen/SLIM", form)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422 and 'href="#veld-cofinancing_percent"' in page
    assert 'value="€ 1.250,00"' in page and "max_amount" not in _summary_links(page)
    form["cofinancing_percent"] = "40"
    assert official.post("/beheer/regelingen/SLIM", "/beheer/regelingen/SLIM", form).status_code == 302
    db.session.expire_all()
    scheme = db.session.scalar(sa.select(SubsidyScheme).where(SubsidyScheme.code == "SLIM"))
    assert str(scheme.max_amount) == "1250.00"


def _summary_links(page: str) -> str:
    start = page.index('id="foutmelding"')
    return page[start : page.index("</div>", start)]


def test_schemes_unchecked_for_six_months_are_listed(app, people, loaded):
    slim = db.session.scalar(sa.select(SubsidyScheme).where(SubsidyScheme.code == "SLIM"))
    slim.last_checked_on = today() - timedelta(days=200)
    db.session.commit()
    page = _signed_in(app, people.admin).client.get("/beheer/regelingen").get_data(as_text=True)
    warning = page.split('id="verouderd"')[1].split("</section>")[0]
    assert "SLIM" in warning and "Voorbeeldfonds" in warning  # the fictional fund was never checked
    assert "STAP" not in warning


def test_merging_two_topics_moves_the_courses_and_retires_one(app, people, loaded):
    official = _signed_in(app, people.official)
    response = official.post(
        "/beheer/taxonomie", "/beheer/taxonomie/themas/leercultuur", {"action": "merge", "into": "innovatie"}
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert [t.slug for t in db.session.get(type(loaded), loaded.id).topics] == ["innovatie"]
    assert db.session.scalar(sa.select(Topic.retired_on).where(Topic.slug == "leercultuur")) == today()
    assert not load_reference(today()).changed  # the loader leaves the retirement alone
    outcome = search(parse_search_args({"thema": ["innovatie"]}), today())
    assert outcome.total == 1


def test_renaming_and_adding_terms(app, people, loaded):
    admin = _signed_in(app, people.admin)
    admin.post(
        "/beheer/taxonomie",
        "/beheer/taxonomie/functies/groepshulp",
        {"action": "rename", "name": "Groepshulp (assistent)"},
    )
    admin.post(
        "/beheer/taxonomie",
        "/beheer/taxonomie/themas",
        {"name": "Slaapbeleid", "parent": "veiligheid-en-gezondheid"},
    )
    page = app.test_client().get("/referentiegegevens").get_data(as_text=True)
    assert "Groepshulp (assistent)" in page
    assert (
        db.session.scalar(sa.select(Topic).where(Topic.slug == "slaapbeleid")).parent.slug
        == "veiligheid-en-gezondheid"
    )
    report = load_reference(today())
    assert "topic slaapbeleid" not in report.retired
    assert [(c.key, c.field) for c in report.conflicts] == [("groepshulp", "name")]


def test_the_audit_export_neutralises_formulas(app, people, loaded):
    admin = _signed_in(app, people.admin)
    admin.post(
        "/beheer/taxonomie",
        "/beheer/taxonomie/functies/groepshulp",
        {"action": "rename", "name": "=HYPERLINK(1)"},
    )
    response = admin.client.get("/beheer/audit.csv", query_string={"action": "target_role.updated"})
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert response.mimetype == "text/csv" and rows[0][0] == "id" and len(rows) == 2
    assert rows[1][2] == people.admin.email
    assert rows[1][7].startswith("{") and '"=HYPERLINK(1)"' in rows[1][7]
    assert [neutralise(cell) for cell in ("=1+1", "+1", "-1", "@A1", "plain")] == [
        "'=1+1",
        "'+1",
        "'-1",
        "'@A1",
        "plain",
    ]
    admin.post(
        "/beheer/taxonomie", "/beheer/taxonomie/functies/groepshulp", {"action": "rename", "name": "x"}
    )
    bad = admin.client.get("/beheer/audit", query_string={"since": "gisteren"})
    assert bad.status_code == 422 and "Vul een datum in" in bad.get_data(as_text=True)


def test_the_public_page_shows_every_entry_with_its_source(app, loaded):
    page = app.test_client().get("/referentiegegevens").get_data(as_text=True)
    assert "https://zoek.officielebekendmakingen.nl/stcrt-2017-49283.html" in page
    assert "nog niet aan de bron gecontroleerd" in page  # pedagogisch beleidsmedewerker/coach
    assert "gecontroleerd op 29 november 2026" in page  # kinder-EHBO
    schemes = app.test_client().get("/regelingen").get_data(as_text=True)
    assert "Bron: geen externe bron" in schemes  # the fictional fund
    slim = schemes.split('id="slim"')[1].split("</section>")[0]
    assert "per aanvraag" in slim and "Minimale kosten" in slim and "loting" in slim
