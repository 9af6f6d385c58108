"""Childcare organisations: signing up, colleagues, staff and certificates, and the shortlist."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _
from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate
from sqlalchemy.orm import selectinload

from registry.accounts import service as accounts
from registry.accounts.models import Role, User
from registry.audit.service import record, update_with_audit
from registry.catalogue.enums import Province
from registry.catalogue.models import Course, LegalRequirement, TargetRole
from registry.catalogue.schemas import load_or_fail
from registry.catalogue.service import mark_summary
from registry.errors import NotFound, ValidationFailed
from registry.extensions import db
from registry.organisations.models import CareType, CertificateRecord, Organisation, ShortlistItem, StaffGroup
from registry.organisations.permissions import require_organisation_member
from registry.planner.models import PlannerRule
from registry.text import slugify
from registry.transactions import unit_of_work
from registry.validation import is_valid_kvk, is_valid_lrk

MAX_COMPARE = 4


def _kvk(value: str) -> None:
    if not is_valid_kvk(value):
        raise ValidationError(_("Een KvK-nummer bestaat uit 8 cijfers."))


def _lrk(values: list[str]) -> None:
    wrong = [value for value in values if not is_valid_lrk(value)]
    if wrong:
        raise ValidationError(
            _("Een LRK-nummer bestaat uit 9 cijfers: %(numbers)s.", numbers=", ".join(wrong))
        )


class OrganisationSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    name = fields.String(
        required=True,
        validate=validate.Length(min=2, max=200, error="Gebruik 2 tot 200 tekens."),
        error_messages={"required": "Dit veld is verplicht."},
    )
    kvk_number = fields.String(
        required=True, validate=_kvk, error_messages={"required": "Dit veld is verplicht."}
    )
    lrk_numbers = fields.List(fields.String(), load_default=list, validate=_lrk)
    care_type = fields.Enum(
        CareType,
        by_value=True,
        required=True,
        error_messages={"unknown": "Kies een soort opvang.", "required": "Kies een soort opvang."},
    )
    staff_count = fields.Integer(
        load_default=1,
        validate=validate.Range(min=1, max=100_000, error="Minstens 1."),
        error_messages={"invalid": "Vul een geheel getal in."},
    )
    city = fields.String(load_default="", validate=validate.Length(max=100))
    province = fields.Enum(
        Province,
        by_value=True,
        allow_none=True,
        load_default=None,
        error_messages={"unknown": "Kies een provincie."},
    )
    offers_vve = fields.Boolean(load_default=False)


class SignupSchema(OrganisationSchema):
    email = fields.Email(
        required=True,
        error_messages={"invalid": "Vul een geldig e-mailadres in.", "required": "Dit veld is verplicht."},
    )
    password = fields.String(
        required=True, load_only=True, error_messages={"required": "Dit veld is verplicht."}
    )
    your_name = fields.String(load_default="", validate=validate.Length(max=200))


def register_organisation(data: dict[str, Any]) -> User:
    """Sign up a new organisation and its first account (anyone may; the account is the organisation's)."""
    values = load_or_fail(SignupSchema(), data)
    email, password, name = values.pop("email"), values.pop("password"), values.pop("your_name")
    with unit_of_work():
        organisation = Organisation(slug=_free_slug(values["name"]), **values)
        db.session.add(organisation)
        db.session.flush()
        user = User(email=email.strip().lower(), name=name, role=Role.ORGANISATION, organisation=organisation)
        if db.session.scalar(sa.select(User.id).where(User.email == user.email)):
            raise ValidationFailed(
                _("Er bestaat al een account met dit e-mailadres."), fields={"email": ["bestaat al"]}
            )
        accounts.set_password(user, password)
        db.session.add(user)
        db.session.flush()
        record(
            "organisation.registered",
            "organisation",
            organisation.id,
            actor_id=user.id,
            after={"name": organisation.name},
        )
    return user


def _free_slug(name: str) -> str:
    base = slugify(name) or "organisatie"
    slug, n = base, 1
    while db.session.scalar(sa.select(Organisation.id).where(Organisation.slug == slug)):
        n += 1
        slug = f"{base}-{n}"
    return slug


def update_organisation(user: User | None, organisation_id: int, data: dict[str, Any]) -> Organisation:
    organisation = require_organisation_member(user, organisation_id)
    values = load_or_fail(OrganisationSchema(), data, partial=True)
    with unit_of_work():
        update_with_audit(organisation, values, "organisation.updated", "organisation", actor_id=user.id)
    return organisation


def invite_colleague(user: User | None, organisation_id: int, email: str, name: str = "") -> User:
    """A colleague joins through a one-time link to choose a password."""
    organisation = require_organisation_member(user, organisation_id)
    with unit_of_work():
        colleague = accounts.invite_account(user, email, Role.ORGANISATION, name, organisation=organisation)
    return colleague


def set_staff(user: User | None, organisation_id: int, groups: list[dict[str, Any]]) -> Organisation:
    """Replace the staff overview: rows of role, headcount and whether they work with babies."""
    organisation = require_organisation_member(user, organisation_id)
    known_roles = set(db.session.scalars(sa.select(TargetRole.slug)))
    rows = []
    for index, group in enumerate(groups):
        try:
            headcount = int(group.get("headcount") or 0)
        except ValueError as error:
            raise ValidationFailed(
                _("Vul aantallen in als hele getallen."), fields={f"staff.{index}": ["geen getal"]}
            ) from error
        if headcount <= 0:
            continue
        if group.get("role_slug") not in known_roles:
            raise ValidationFailed(
                _("Kies een bestaande functie."), fields={f"staff.{index}": ["onbekende functie"]}
            )
        rows.append((group["role_slug"], bool(group.get("works_with_babies")), headcount))
    merged: dict[tuple[str, bool], int] = {}
    for role, babies, headcount in rows:
        merged[(role, babies)] = merged.get((role, babies), 0) + headcount
    with unit_of_work():
        organisation.staff = [
            StaffGroup(role_slug=r, works_with_babies=b, headcount=n) for (r, b), n in merged.items()
        ]
        db.session.flush()
        record(
            "organisation.staff_set",
            "organisation",
            organisation.id,
            actor_id=user.id,
            after={f"{r}{' (baby)' if b else ''}": n for (r, b), n in merged.items()},
        )
    return organisation


def add_certificate(
    user: User | None, organisation_id: int, requirement_code: str, holder: str, valid_until: date | None
) -> CertificateRecord:
    organisation = require_organisation_member(user, organisation_id)
    if not holder.strip():
        raise ValidationFailed(_("Vul in wie het certificaat heeft."), fields={"holder": ["verplicht"]})
    rule = db.session.scalar(
        sa.select(PlannerRule).join(PlannerRule.requirement).where(LegalRequirement.code == requirement_code)
    )
    if rule is None:
        raise ValidationFailed(
            _("Kies een certificaat uit de lijst."), fields={"requirement_code": [_("onbekend")]}
        )
    if rule.renewal_months and valid_until is None:
        raise ValidationFailed(
            _(
                "Dit certificaat blijft %(months)s maanden geldig; vul in tot wanneer.",
                months=rule.renewal_months,
            ),
            fields={"valid_until": [_("verplicht")]},
        )
    with unit_of_work():
        certificate = CertificateRecord(
            organisation=organisation,
            requirement_code=requirement_code,
            holder=holder.strip()[:120],
            valid_until=valid_until,
        )
        db.session.add(certificate)
        db.session.flush()
        record(
            "certificate.added",
            "organisation",
            organisation.id,
            actor_id=user.id,
            after={"requirement": requirement_code, "valid_until": str(valid_until)},
        )
    return certificate


def remove_certificate(user: User | None, organisation_id: int, certificate_id: int) -> None:
    organisation = require_organisation_member(user, organisation_id)
    certificate = db.session.get(CertificateRecord, certificate_id)
    if certificate is None or certificate.organisation_id != organisation.id:
        raise NotFound(_("Onbekend certificaat."))
    with unit_of_work():
        db.session.delete(certificate)
        record(
            "certificate.removed",
            "organisation",
            organisation.id,
            actor_id=user.id,
            before={"requirement": certificate.requirement_code, "holder": certificate.holder},
        )


# -- shortlist ---------------------------------------------------------------------------------------


def shortlist(user: User | None, organisation_id: int) -> list[Course]:
    """The organisation's saved courses that are still public, newest first."""
    require_organisation_member(user, organisation_id)
    return list(
        db.session.scalars(
            sa.select(Course)
            .join(ShortlistItem, ShortlistItem.course_id == Course.id)
            .where(ShortlistItem.organisation_id == organisation_id, Course.published())
            .order_by(ShortlistItem.added_at.desc(), ShortlistItem.id.desc())
            .options(
                selectinload(Course.runs),
                selectinload(Course.schemes),
                selectinload(Course.quality_marks),
                selectinload(Course.provider),
            )
        )
    )


def add_to_shortlist(user: User | None, organisation_id: int, course_id: int) -> None:
    """Save a public course; saving twice changes nothing."""
    require_organisation_member(user, organisation_id)
    course = db.session.scalar(sa.select(Course).where(Course.id == course_id, Course.published()))
    if course is None:
        raise NotFound(_("Deze opleiding bestaat niet of is niet gepubliceerd."))
    exists = db.session.scalar(
        sa.select(ShortlistItem.id).where(
            ShortlistItem.organisation_id == organisation_id, ShortlistItem.course_id == course_id
        )
    )
    if exists:
        return
    with unit_of_work():
        db.session.add(
            ShortlistItem(organisation_id=organisation_id, course_id=course_id, added_by_id=user.id)
        )
        record(
            "shortlist.added",
            "organisation",
            organisation_id,
            actor_id=user.id,
            after={"course_id": course_id},
        )


def remove_from_shortlist(user: User | None, organisation_id: int, course_id: int) -> None:
    require_organisation_member(user, organisation_id)
    with unit_of_work():
        db.session.execute(
            sa.delete(ShortlistItem).where(
                ShortlistItem.organisation_id == organisation_id, ShortlistItem.course_id == course_id
            )
        )
        record(
            "shortlist.removed",
            "organisation",
            organisation_id,
            actor_id=user.id,
            after={"course_id": course_id},
        )


def compare(user: User | None, organisation_id: int, course_ids: list[int]) -> list[Course]:
    """Up to four shortlisted courses side by side, in the order asked.

    :raise ValidationFailed: fewer than two or more than four.
    """
    saved = {course.id: course for course in shortlist(user, organisation_id)}
    chosen = [saved[i] for i in dict.fromkeys(course_ids) if i in saved]
    if not 2 <= len(chosen) <= MAX_COMPARE:
        raise ValidationFailed(
            _("Kies twee tot %(most)s opleidingen van uw bewaarlijst om te vergelijken.", most=MAX_COMPARE),
            fields={"c": ["2 tot 4"]},
        )
    return chosen


EXPORT_COLUMNS = [
    "opleiding",
    "aanbieder",
    "prijs_euro",
    "studiebelasting_uren",
    "vorm",
    "eerstvolgende_start",
    "plaats",
    "accreditatie",
    "geldig_tot",
    "regelingen",
    "adres",
]


def shortlist_csv(user: User | None, organisation_id: int, day: date, base_url: str) -> str:
    """The shortlist as CSV (semicolon-separated, as Dutch spreadsheets expect)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(EXPORT_COLUMNS)
    for course in shortlist(user, organisation_id):
        run = course.next_run(day)
        mark = mark_summary(course.quality_marks, day)
        writer.writerow(
            _spreadsheet_safe(
                course.title,
                course.provider.name,
                f"{course.price:.2f}".replace(".", ","),
                course.study_load_hours,
                course.delivery_mode.label,
                run.starts_on.isoformat() if run else "",
                ("online" if run.is_online else run.city) if run else "",
                mark.status.value if mark.status else "geen",
                mark.valid_until.isoformat() if mark.valid_until else "",
                ", ".join(s.name for s in course.schemes),
                f"{base_url}/opleidingen/{course.id}",
            )
        )
    return out.getvalue()


def _spreadsheet_safe(*cells: object) -> list[str]:
    """Text a provider typed must not run as a formula when the file is opened in a spreadsheet."""
    return [
        f"'{cell}" if isinstance(cell, str) and cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell
        for cell in cells
    ]
