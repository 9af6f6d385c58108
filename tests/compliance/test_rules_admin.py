"""Officials keep the compliance rules in /beheer/nalevingsregels: roles picked from a list, every change
audited, kept by a later `reference load`, and followed at once by the organisations' verdicts."""

from __future__ import annotations

import re
from html import unescape

import pytest
import sqlalchemy as sa

from registry.accounts.models import Role
from registry.audit.models import AuditEvent
from registry.clock import today
from registry.compliance import service
from registry.compliance.models import ComplianceRule
from registry.extensions import db
from registry.reference.loader import load_reference
from tests.conftest import Browser
from tests.factories import make_user

STAFF = (
    b"personeelsnummer;naam;functie;fte;locaties;werkt_met_babys;diplomas\n"
    b"1;C. Groep;groepshulp;0,5;111111111;ja;mbo-4\n"
)
RULE_PAGE = "/beheer/nalevingsregels/babyscholing"


@pytest.fixture
def official(app, client) -> Browser:
    make_user(Role.REVIEWER, email="beoordelaar@example.org")
    db.session.commit()
    browser = Browser(client)
    browser.login("beoordelaar@example.org")
    return browser


def _form(browser: Browser) -> dict[str, object]:
    """The rule's form as the page shows it: text boxes, text areas and the ticked boxes."""
    page = browser.client.get(RULE_PAGE).get_data(as_text=True)
    form: dict[str, object] = {
        name: unescape(value)
        for name, value in re.findall(
            r'<input class="utrecht-textbox[^"]*"[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page
        )
    }
    form.update(
        {n: unescape(v) for n, v in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)</textarea>', page)}
    )
    for name, value in re.findall(r'<input type="checkbox"[^>]*name="([^"]+)" value="([^"]+)" checked', page):
        form.setdefault(name, []).append(value)  # type: ignore[union-attr]
    form.update(
        {name: "on" for name in re.findall(r'<input type="checkbox"[^>]*name="(\w+_only)" checked', page)}
    )
    return form


def _babyscholing() -> ComplianceRule:
    db.session.expire_all()
    return db.session.scalar(sa.select(ComplianceRule).where(ComplianceRule.code == "babyscholing"))


def test_official_ticks_a_role_and_the_organisations_verdicts_follow(orgs, official, client):
    service.add_location(
        orgs.a_member, orgs.a.id, {"name": "De Boomhut", "lrk_number": "111111111", "care_type": "dagopvang"}
    )
    service.apply_import(orgs.a_member, orgs.a.id, "p.csv", STAFF)
    hr = Browser(client.application.test_client())
    hr.login("hr@zonnetje.example")
    planner = "/organisatie/naleving?datum=2025-06-01"
    assert 'data-testid="verdict-babyscholing"' not in hr.client.get(planner).get_data(as_text=True)

    overview = official.client.get("/beheer/nalevingsregels").get_data(as_text=True)
    assert "Scholing werken met 0-jarigen" in overview and RULE_PAGE in overview
    form = _form(official)
    assert set(form["roles"]) == {"pedagogisch-medewerker", "student-bbl", "zij-instromer"}
    form["roles"] = [*form["roles"], "groepshulp"]
    saved = official.post(RULE_PAGE, RULE_PAGE, form, follow_redirects=True)
    assert "De nalevingsregel is opgeslagen." in saved.get_data(as_text=True)
    assert "groepshulp" in _babyscholing().roles

    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "compliance_rule.updated"))
    assert (
        event.after == {"roles": sorted(_babyscholing().roles) or event.after["roles"]}
        or "groepshulp" in event.after["roles"]
    )
    assert "groepshulp" not in event.before["roles"]
    assert 'data-testid="verdict-babyscholing"' in hr.client.get(planner).get_data(as_text=True)

    report = load_reference(today())  # the next release's load keeps the official's change
    assert "groepshulp" in _babyscholing().roles
    assert [(c.key, c.field) for c in report.conflicts if c.vocabulary == "compliance_rule"] == [
        ("babyscholing", "roles")
    ]
    public = unescape(client.get("/referentiegegevens").get_data(as_text=True))
    rule = public.split('data-testid="rule-babyscholing">', 1)[1].split("</p>", 1)[0]
    assert "Scholing werken met 0-jarigen" in rule and "1 januari 2025" in rule
    assert "cao Kinderopvang, bijlage V" in rule and "29 november 2026" in rule


@pytest.mark.parametrize(
    "change, field, message",
    [
        ({"roles": ["pedagogisch-medewerkr"]}, "roles", "Onbekende functie."),
        ({"roles": []}, "roles", "Kies ten minste één functie."),
        ({"care_types": ["kinderdagverblijf"]}, "care_types", "Onbekende soort opvang."),
        ({"valid_from": "32-01-2025"}, "valid_from", "Vul een datum in als JJJJ-MM-DD."),
        ({"source_url": "javascript:alert(1)"}, "source_url", "Vul een volledige URL in (https://…)."),
        ({"source_url": "data:text/html,<script>"}, "source_url", "Vul een volledige URL in (https://…)."),
    ],
)
def test_a_role_or_care_type_outside_the_list_is_refused_and_changes_nothing(
    official, change, field, message
):
    def state():
        rule = _babyscholing()
        return rule.roles, rule.care_types, rule.valid_from, rule.source_url

    before = state()
    form = {**_form(official), **change}
    response = official.post(RULE_PAGE, RULE_PAGE, form)
    assert response.status_code == 422
    html = unescape(response.get_data(as_text=True))
    assert f'id="fout-{field}">' in response.get_data(as_text=True) and message in html
    assert state() == before
    assert (
        db.session.scalar(
            sa.select(sa.func.count(AuditEvent.id)).where(AuditEvent.action == "compliance_rule.updated")
        )
        == 0
    )


def test_only_officials_and_admins_reach_the_rules(orgs, client):
    hr = Browser(client)
    hr.login("hr@zonnetje.example")
    assert hr.client.get("/beheer/nalevingsregels").status_code == 403
    assert hr.post("/account", RULE_PAGE, {"title": "Niets"}).status_code == 403
    assert _babyscholing().title == "Scholing werken met 0-jarigen"


def test_the_language_rule_takes_its_proving_diplomas_from_the_list(official):
    page = "/beheer/nalevingsregels/taaleis-3f"
    html = official.client.get(page).get_data(as_text=True)
    ticked = re.findall(r'name="qualifying_diplomas" value="([^"]+)" checked', html)
    assert set(ticked) == {"havo", "vhbo", "vwo", "mbo-4", "associate-degree", "hbo-bachelor", "wo-bachelor"}
    form = {
        name: value
        for name, value in re.findall(
            r'<input class="utrecht-textbox[^"]*"[^>]*name="([^"]+)"[^>]*value="([^"]*)"', html
        )
    }
    form.update(
        {n: unescape(v) for n, v in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)</textarea>', html)}
    )
    form["care_types"] = re.findall(r'name="care_types" value="([^"]+)" checked', html)
    form["roles"] = re.findall(r'name="roles" value="([^"]+)" checked', html)
    refused = official.post(page, page, {**form, "qualifying_diplomas": [*ticked, "mbo4"]})
    assert refused.status_code == 422 and "Onbekend diploma." in refused.get_data(as_text=True)
    saved = official.post(page, page, {**form, "qualifying_diplomas": [d for d in ticked if d != "vhbo"]})
    assert saved.status_code == 302
    db.session.expire_all()
    rule = db.session.scalar(sa.select(ComplianceRule).where(ComplianceRule.code == "taaleis-3f"))
    assert "vhbo" not in rule.qualifying_diplomas and "mbo-4" in rule.qualifying_diplomas
