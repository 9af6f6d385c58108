"""Locations, staff import, the planner from the database, AVG export/erase, and isolation."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa

from registry.accounts.models import Role
from registry.audit.models import AuditEvent
from registry.compliance import planning, service
from registry.compliance.models import Location, StaffCertificate, StaffMember
from registry.compliance.permissions import can_manage_staff
from registry.errors import NotFound, PermissionDenied, ValidationFailed
from registry.extensions import db
from tests.conftest import count
from tests.factories import make_user

CSV = (
    b"personeelsnummer;naam;functie;fte;uren;locaties;werkt_met_babys;diplomas;ehbo_behaald;ehbo_geldig_tot\n"
    b"1001;A. de Vries;Pedagogisch medewerker;0,5;;111111111;ja;mbo-4;01-03-2024;01-03-2026\n"
    b"1002;B. Jansen;pedagogisch-medewerker;;21,6;111111111;nee;mbo-3;;\n"
    b"1003;C. Smit;kok;1,0;;111111111;nee;;;\n"
    b"1004;D. Bakker;pedagogisch-medewerker;0,8;;111111111;nee;;31-02-2025;\n"
    b"1001;E. Dubbel;pedagogisch-medewerker;0,4;;111111111;nee;;;\n"
    b"1006;F. Visser;pedagogisch-medewerker;0,6;;999999999;nee;;;\n"
)


@pytest.fixture
def location(orgs):
    return service.add_location(
        orgs.a_member,
        orgs.a.id,
        {"name": "De Boomhut", "lrk_number": "111111111", "care_type": "dagopvang", "province": "utrecht"},
    )


def test_preview_reports_each_bad_row_in_dutch_and_stores_nothing(orgs, location):
    preview = service.preview_import(orgs.a_member, orgs.a.id, "personeel.csv", CSV)
    errors = {row.line: row.errors for row in preview.rejected}
    assert errors == {
        4: ["onbekende functie 'kok'"],
        5: ["ehbo_behaald: '31-02-2025' is geen geldige datum (DD-MM-JJJJ)"],
        6: ["personeelsnummer 1001 staat ook op regel 2"],
        7: ["onbekende locatie(s) 999999999: voeg ze eerst toe met hun LRK-nummer"],
    }
    assert [preview.action(row) for row in preview.valid] == ["nieuw", "nieuw"]
    assert count(StaffMember) == 0


def test_import_stores_valid_rows_converts_hours_to_fte_and_is_idempotent(orgs, location):
    service.apply_import(orgs.a_member, orgs.a.id, "personeel.csv", CSV)
    again = service.apply_import(orgs.a_member, orgs.a.id, "personeel.csv", CSV)
    members = {m.employee_number: m for m in db.session.scalars(sa.select(StaffMember))}
    assert sorted(members) == ["1001", "1002"]
    assert members["1002"].fte == Decimal("0.60")  # 21.6 hours / 36
    assert members["1001"].works_with_babies and [d.kind for d in members["1001"].diplomas] == ["mbo-4"]
    assert count(StaffCertificate) == 1
    assert [again.action(row) for row in again.valid] == ["bijwerken", "bijwerken"]


def test_import_of_an_unreadable_file_is_a_clear_error(orgs, location):
    with pytest.raises(ValidationFailed, match=r"csv- of \.xlsx"):
        service.preview_import(orgs.a_member, orgs.a.id, "personeel.pdf", b"%PDF")
    with pytest.raises(ValidationFailed, match="personeelsnummer"):
        service.preview_import(orgs.a_member, orgs.a.id, "personeel.csv", b"naam;functie\nA;b\n")


def test_xlsx_import_reads_the_same_columns(orgs, location):
    from io import BytesIO

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Personeelsnummer", "Naam", "Functie", "FTE", "Locaties", "Werkt met baby's", "Diplomas"])
    sheet.append(["2001", "G. Mulder", "pedagogisch-medewerker", 0.75, "111111111", "ja", "havo"])
    buffer = BytesIO()
    book.save(buffer)
    preview = service.apply_import(orgs.a_member, orgs.a.id, "hr.xlsx", buffer.getvalue())
    assert [row.errors for row in preview.rows] == [[]]
    member = db.session.scalar(sa.select(StaffMember))
    assert (member.name, member.fte, member.works_with_babies) == ("G. Mulder", Decimal("0.75"), True)


def test_planner_from_the_database_gives_verdicts_with_rules(orgs, location):
    service.apply_import(orgs.a_member, orgs.a.id, "personeel.csv", CSV)
    result = planning.plan(orgs.a_member, orgs.a.id, date(2025, 6, 1), with_options=False)
    [report] = result.reports
    by_rule = {
        (v.rule.code, v.person_id and result.people[v.person_id].name): v.status
        for v in report.person_verdicts
    }
    assert by_rule[("taaleis-3f", "A. de Vries")] == "ok"
    assert by_rule[("taaleis-3f", "B. Jansen")] == "action"
    assert by_rule[("babyscholing", "A. de Vries")] == "action"
    [coaching] = [v for v in report.verdicts if v.rule.code == "coaching-uren"]
    assert coaching.hours_needed == 61  # 50 + 10 x (0.5 + 0.6)
    assert result.coaching_hours_needed == 61


def test_export_and_erase_one_person_are_audited(orgs, location):
    service.apply_import(orgs.a_member, orgs.a.id, "personeel.csv", CSV)
    member = db.session.scalar(sa.select(StaffMember).where(StaffMember.employee_number == "1001"))
    exported = service.export_person(orgs.a_member, orgs.a.id, member.id)
    assert exported["naam"] == "A. de Vries" and exported["certificaten"][0]["geldig_tot"] == "2026-03-01"
    service.delete_person(orgs.a_member, orgs.a.id, member.id)
    assert db.session.get(StaffMember, member.id) is None
    actions = set(db.session.scalars(sa.select(AuditEvent.action)))
    assert {"staff.imported", "staff.viewed", "staff.deleted"} <= actions


def test_leavers_are_erased_after_the_retention_period(orgs, location):
    service.apply_import(orgs.a_member, orgs.a.id, "personeel.csv", CSV)
    member = db.session.scalar(sa.select(StaffMember).where(StaffMember.employee_number == "1002"))
    member.left_on = date(2025, 1, 31)
    db.session.commit()
    assert service.remove_leavers(date(2026, 1, 31)) == 0
    assert service.remove_leavers(date(2026, 2, 1)) == 1
    assert count(StaffMember) == 1


def test_organisation_b_can_neither_read_nor_change_a(orgs, location):
    service.apply_import(orgs.a_member, orgs.a.id, "personeel.csv", CSV)
    member = db.session.scalar(sa.select(StaffMember))
    b, a_id = orgs.b_member, orgs.a.id
    for attempt in (
        lambda: service.locations(b, a_id),
        lambda: service.staff(b, a_id),
        lambda: service.staff_member(b, a_id, member.id),
        lambda: service.add_location(b, a_id, {"name": "X", "lrk_number": "222222222", "care_type": "bso"}),
        lambda: service.add_certificate(b, a_id, member.id, {"kind": "kinder-ehbo"}),
        lambda: service.apply_import(b, a_id, "p.csv", CSV),
        lambda: service.export_person(b, a_id, member.id),
        lambda: service.delete_person(b, a_id, member.id),
        lambda: planning.plan(b, a_id, date(2025, 6, 1)),
    ):
        with pytest.raises(PermissionDenied):
            attempt()
    # B's own id with A's person: not found, not a leak.
    with pytest.raises(NotFound):
        service.staff_member(b, orgs.b.id, member.id)
    assert count(Location) == 1 and db.session.get(StaffMember, member.id) is not None


def test_duplicate_lrk_number_is_refused(orgs, location):
    with pytest.raises(ValidationFailed, match="staat er al"):
        service.add_location(
            orgs.a_member, orgs.a.id, {"name": "Dubbel", "lrk_number": "111111111", "care_type": "bso"}
        )


def test_a_plain_member_is_refused_staff_data_only_administrators_see_it(orgs, location):
    colleague = make_user(Role.ORGANISATION, email="groep@zonnetje.example")
    colleague.organisation_id = orgs.a.id
    db.session.commit()
    assert can_manage_staff(orgs.a_member, orgs.a.id) and not can_manage_staff(colleague, orgs.a.id)
    for attempt in (
        lambda: service.staff(colleague, orgs.a.id),
        lambda: service.apply_import(colleague, orgs.a.id, "p.csv", CSV),
        lambda: planning.plan(colleague, orgs.a.id, date(2025, 6, 1)),
    ):
        with pytest.raises(PermissionDenied, match="Alleen beheerders"):
            attempt()


def test_whoever_signs_an_organisation_up_administers_its_staff_records(app):
    from registry.organisations.service import register_organisation

    signup = {"name": "Kinderopvang Ster", "kvk_number": "11223344", "care_type": "bso"}
    signup |= {"email": "ster@example.org", "your_name": "S", "password": "correct horse battery staple"}
    user = register_organisation(signup)
    assert user.organisation_admin
