"""Locations and staff records of an organisation: keep them, import them, export and erase them.

Every entry point checks access first; every view of and change to staff data is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import EXCLUDE, fields, validate
from sqlalchemy.orm import selectinload

from registry.accounts.models import User
from registry.audit.service import record
from registry.compliance import staff_import
from registry.compliance.models import Diploma, Location, PlannedCourse, StaffCertificate, StaffMember
from registry.compliance.permissions import require_staff_access
from registry.errors import NotFound, ValidationFailed
from registry.extensions import db
from registry.organisations.models import CareType
from registry.schema import Schema
from registry.transactions import unit_of_work
from registry.validation import load_or_fail

# People who left are erased this long after their last working day (AVG: no longer than needed).
LEAVER_RETENTION_DAYS = 365
CERTIFICATE_KINDS = ("kinder-ehbo", "taal-3f", "babyscholing", "vve")
REQUIREMENT_CODES = ("kinder-ehbo", "taalniveau-3f", "babyscholing", "vve-certificaat", "pedagogisch-coach")


class LocationSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    lrk_number = fields.String(
        required=True, validate=validate.Regexp(r"^\d{9}$", error=_l("Een LRK-nummer bestaat uit 9 cijfers."))
    )
    care_type = fields.Enum(CareType, by_value=True, required=True)
    offers_vve = fields.Boolean(load_default=False)
    city = fields.String(load_default="", validate=validate.Length(max=100))
    province = fields.String(load_default=None, allow_none=True)
    coaching_hours_planned = fields.Integer(
        load_default=0, validate=validate.Range(min=0, max=100_000, error=_l("0 tot 100000."))
    )


class CertificateSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    kind = fields.String(
        required=True, validate=validate.OneOf(CERTIFICATE_KINDS, error=_l("Onbekende soort."))
    )
    name = fields.String(load_default="", validate=validate.Length(max=200))
    obtained_on = fields.Date(
        load_default=None, allow_none=True, error_messages={"invalid": _l("Datum als JJJJ-MM-DD.")}
    )
    valid_until = fields.Date(
        load_default=None, allow_none=True, error_messages={"invalid": _l("Datum als JJJJ-MM-DD.")}
    )
    approved = fields.Boolean(load_default=False)
    hours = fields.Integer(
        load_default=0, validate=validate.Range(min=0, max=10_000, error=_l("0 tot 10000."))
    )


def locations(user: User | None, organisation_id: int) -> list[Location]:
    """The organisation's LRK locations."""
    require_staff_access(user, organisation_id)
    return list(
        db.session.scalars(
            sa.select(Location).where(Location.organisation_id == organisation_id).order_by(Location.name)
        )
    )


def add_location(user: User | None, organisation_id: int, data: dict) -> Location:
    """Register one of the organisation's LRK locations. :raise ValidationFailed: bad or duplicate LRK."""
    require_staff_access(user, organisation_id)
    values = load_or_fail(LocationSchema(), data)
    exists = db.session.scalar(
        sa.select(Location.id).where(
            Location.organisation_id == organisation_id, Location.lrk_number == values["lrk_number"]
        )
    )
    if exists:
        raise ValidationFailed(
            _("Deze locatie staat er al."), fields={"lrk_number": [_("Dit LRK-nummer staat er al.")]}
        )
    with unit_of_work():
        location = Location(organisation_id=organisation_id, **values)
        db.session.add(location)
        db.session.flush()
        record(
            "location.created", "location", location.id, actor_id=user.id, after={"lrk": location.lrk_number}
        )
    return location


def staff(user: User | None, organisation_id: int, *, include_leavers: bool = False) -> list[StaffMember]:
    """The organisation's staff records (the view is audited)."""
    require_staff_access(user, organisation_id)
    members = list(
        db.session.scalars(
            _staff_query(organisation_id).where(
                sa.true() if include_leavers else StaffMember.left_on.is_(None)
            )
        )
    )
    with unit_of_work():
        record(
            "staff.viewed", "organisation", organisation_id, actor_id=user.id, after={"count": len(members)}
        )
    return members


def _staff_query(organisation_id: int) -> sa.Select:
    return (
        sa.select(StaffMember)
        .where(StaffMember.organisation_id == organisation_id)
        .options(
            selectinload(StaffMember.locations),
            selectinload(StaffMember.diplomas),
            selectinload(StaffMember.certificates),
            selectinload(StaffMember.planned_courses),
        )
        .order_by(StaffMember.name)
    )


def staff_member(user: User | None, organisation_id: int, staff_id: int) -> StaffMember:
    """One person's record, only within the user's own organisation (audited). :raise NotFound:"""
    require_staff_access(user, organisation_id)
    member = _own_member(organisation_id, staff_id)
    with unit_of_work():
        record("staff.viewed", "staff_member", member.id, actor_id=user.id)
    return member


def _own_member(organisation_id: int, staff_id: int) -> StaffMember:
    member = db.session.scalar(_staff_query(organisation_id).where(StaffMember.id == staff_id))
    if member is None:
        raise NotFound(_("Deze medewerker bestaat niet."))
    return member


def add_certificate(user: User | None, organisation_id: int, staff_id: int, data: dict) -> StaffCertificate:
    """Record a certificate for one person of the organisation."""
    require_staff_access(user, organisation_id)
    member = _own_member(organisation_id, staff_id)
    values = load_or_fail(CertificateSchema(), data)
    with unit_of_work():
        certificate = StaffCertificate(staff_id=member.id, **values)
        db.session.add(certificate)
        db.session.flush()
        record(
            "staff.certificate_added", "staff_member", member.id, actor_id=user.id,
            after={"kind": certificate.kind, "valid_until": str(certificate.valid_until)},
        )  # fmt: skip
    return certificate


class PlannedCourseSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    requirement_code = fields.String(
        required=True,
        validate=validate.OneOf(REQUIREMENT_CODES, error=_l("Kies een eis.")),
    )
    title = fields.String(required=True, validate=validate.Length(min=1, max=200))
    starts_on = fields.Date(
        load_default=None, allow_none=True, error_messages={"invalid": _l("Datum als JJJJ-MM-DD.")}
    )
    hours = fields.Integer(
        load_default=0, validate=validate.Range(min=0, max=10_000, error=_l("0 tot 10000."))
    )
    cost = fields.Decimal(
        load_default=Decimal(0),
        places=2,
        validate=validate.Range(min=0, max=100_000, error=_l("0 tot 100000.")),
    )
    booked = fields.Boolean(load_default=False)


def plan_course(user: User | None, organisation_id: int, staff_id: int, data: dict) -> PlannedCourse:
    """Plan (or record as booked) a course for one person towards a requirement."""
    require_staff_access(user, organisation_id)
    member = _own_member(organisation_id, staff_id)
    values = load_or_fail(PlannedCourseSchema(), data)
    with unit_of_work():
        planned = PlannedCourse(staff_id=member.id, **values)
        db.session.add(planned)
        db.session.flush()
        record(
            "staff.course_planned",
            "staff_member",
            member.id,
            actor_id=user.id,
            after={"requirement": planned.requirement_code, "starts_on": str(planned.starts_on)},
        )
    return planned


@dataclass
class ImportPreview:
    rows: list[staff_import.StaffRow]
    existing: set[str]

    @property
    def valid(self) -> list[staff_import.StaffRow]:
        return [row for row in self.rows if not row.errors]

    @property
    def rejected(self) -> list[staff_import.StaffRow]:
        return [row for row in self.rows if row.errors]

    def action(self, row: staff_import.StaffRow) -> str:
        if row.errors:
            return _("overgeslagen")
        return _("bijwerken") if row.employee_number in self.existing else _("nieuw")


def preview_import(user: User | None, organisation_id: int, filename: str, content: bytes) -> ImportPreview:
    """What importing the file would do, row by row; nothing is stored.

    :raise ValidationFailed: the file as a whole cannot be read.
    """
    require_staff_access(user, organisation_id)
    try:
        raw = staff_import.read_table(filename, content)
    except staff_import.ImportFileError as error:
        raise ValidationFailed(str(error), fields={"file": [str(error)]}) from error
    known = set(
        db.session.scalars(sa.select(Location.lrk_number).where(Location.organisation_id == organisation_id))
    )
    existing = set(
        db.session.scalars(
            sa.select(StaffMember.employee_number).where(StaffMember.organisation_id == organisation_id)
        )
    )
    return ImportPreview(staff_import.check_rows(raw, known), existing)


def apply_import(user: User | None, organisation_id: int, filename: str, content: bytes) -> ImportPreview:
    """Store the valid rows: new people are added, known employee numbers updated (so re-importing
    the same file changes nothing). Rows with problems are skipped and reported."""
    preview = preview_import(user, organisation_id, filename, content)
    by_lrk = {loc.lrk_number: loc for loc in locations(user, organisation_id)}
    members = {m.employee_number: m for m in db.session.scalars(_staff_query(organisation_id))}
    with unit_of_work():
        for row in preview.valid:
            member = members.get(row.employee_number) or StaffMember(
                organisation_id=organisation_id, employee_number=row.employee_number
            )
            member.name, member.role, member.fte = row.name, row.role, row.fte
            member.works_with_babies, member.left_on = row.works_with_babies, row.left_on
            member.locations = [by_lrk[n] for n in row.lrk_numbers]
            have = {d.kind for d in member.diplomas}
            member.diplomas.extend(Diploma(kind=k) for k in row.diplomas if k not in have)
            if row.ehbo_valid_until or row.ehbo_obtained_on:
                _merge_ehbo(member, row)
            db.session.add(member)
        record(
            "staff.imported", "organisation", organisation_id, actor_id=user.id,
            after={"file": filename[:100], "stored": len(preview.valid), "skipped": len(preview.rejected)},
        )  # fmt: skip
    return preview


def _merge_ehbo(member: StaffMember, row: staff_import.StaffRow) -> None:
    for certificate in member.certificates:
        if certificate.kind == "kinder-ehbo" and certificate.valid_until == row.ehbo_valid_until:
            return
    member.certificates.append(
        StaffCertificate(
            kind="kinder-ehbo",
            obtained_on=row.ehbo_obtained_on,
            valid_until=row.ehbo_valid_until,
            name="Kinder-EHBO",
        )
    )


def export_person(user: User | None, organisation_id: int, staff_id: int) -> dict:
    """Everything held about one person, for an AVG access request (audited)."""
    member = staff_member(user, organisation_id, staff_id)
    return {
        "personeelsnummer": member.employee_number,
        "naam": member.name,
        "functie": member.role,
        "fte": str(member.fte),
        "werkt_met_babys": member.works_with_babies,
        "uit_dienst": member.left_on.isoformat() if member.left_on else None,
        "locaties": [loc.lrk_number for loc in member.locations],
        "diplomas": [d.kind for d in member.diplomas],
        "certificaten": [
            {
                "soort": c.kind,
                "behaald": c.obtained_on.isoformat() if c.obtained_on else None,
                "geldig_tot": c.valid_until.isoformat() if c.valid_until else None,
                "uren": c.hours,
                "goedgekeurd": c.approved,
            }
            for c in member.certificates
        ],
        "geplande_scholing": [
            {"titel": p.title, "start": p.starts_on.isoformat() if p.starts_on else None, "geboekt": p.booked}
            for p in member.planned_courses
        ],
    }


def delete_person(user: User | None, organisation_id: int, staff_id: int) -> None:
    """Erase one person's record with everything attached (AVG right to erasure); the audit keeps only
    that a record was erased, not its contents."""
    require_staff_access(user, organisation_id)
    member = _own_member(organisation_id, staff_id)
    with unit_of_work():
        record("staff.deleted", "staff_member", member.id, actor_id=user.id)
        db.session.delete(member)


def remove_leavers(day: date, retention_days: int = LEAVER_RETENTION_DAYS) -> int:
    """Erase people who left more than ``retention_days`` before ``day``; a daily job. Returns how many."""
    cutoff = day - timedelta(days=retention_days)
    leavers = list(db.session.scalars(sa.select(StaffMember).where(StaffMember.left_on < cutoff)))
    with unit_of_work():
        for member in leavers:
            record(
                "staff.retention_erased", "staff_member", member.id, after={"left_on": str(member.left_on)}
            )
            db.session.delete(member)
    return len(leavers)


def fte_total(members: list[StaffMember]) -> Decimal:
    return sum((m.fte for m in members), Decimal(0))
