"""Childcare organisations: signing up, their details, colleagues and staff, and the shortlist.

Certificates are recorded by the planner (``registry/planner/certificates.py``): what counts as a
certificate, and how long it lasts, are the planner's rules.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from datetime import date
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from registry.accounts import service as accounts
from registry.accounts.models import Role, User
from registry.accounts.permissions import public
from registry.audit.service import record, update_with_audit
from registry.catalogue.models import Course, TargetRole
from registry.catalogue.service import mark_summary
from registry.errors import Conflict, NotFound, ValidationFailed
from registry.extensions import db
from registry.organisations.models import Organisation, ShortlistItem, StaffGroup
from registry.organisations.permissions import require_organisation_member
from registry.organisations.schemas import InviteSchema, OrganisationSchema, SignupSchema, StaffSchema
from registry.spreadsheet import csv_writer
from registry.text import slugify
from registry.transactions import unit_of_work
from registry.validation import load_or_fail

MAX_COMPARE = 4


@public
def register_organisation(data: Mapping[str, Any]) -> User:
    """Sign up a new organisation and its first account (anyone may; the account is the organisation's)."""
    values = load_or_fail(SignupSchema(), data)
    email, password, name = values.pop("email"), values.pop("password"), values.pop("your_name")
    try:
        return _register(values, email.strip().lower(), password, name)
    except sa.exc.IntegrityError as error:
        # Sign-ups with one address (or one name) raced past the checks; the unique index chose one.
        # The others get the answer they would have had a moment later, never an error page.
        if _account_exists(email.strip().lower()):
            raise _address_taken() from error
        raise Conflict(
            _("Tegelijk werd een organisatie met deze naam aangemeld; probeer het opnieuw.")
        ) from error


def _register(values: dict[str, Any], email: str, password: str, name: str) -> User:
    with unit_of_work():
        organisation = Organisation(slug=_free_slug(values["name"]), **values)
        db.session.add(organisation)
        db.session.flush()
        user = User(
            email=email,
            name=name,
            role=Role.ORGANISATION,
            organisation=organisation,
            organisation_admin=True,  # whoever signs the organisation up administers its staff records
        )
        if _account_exists(user.email):
            raise _address_taken()
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


def _account_exists(email: str) -> bool:
    return db.session.scalar(sa.select(User.id).where(User.email == email)) is not None


def _address_taken() -> ValidationFailed:
    return ValidationFailed(
        _("Er bestaat al een account met dit e-mailadres."), fields={"email": ["bestaat al"]}
    )


def _free_slug(name: str) -> str:
    base = slugify(name) or "organisatie"
    slug, n = base, 1
    while db.session.scalar(sa.select(Organisation.id).where(Organisation.slug == slug)):
        n += 1
        slug = f"{base}-{n}"
    return slug


def update_organisation(user: User | None, organisation_id: int, data: Mapping[str, Any]) -> Organisation:
    """Change the organisation's details (only the fields given)."""
    organisation = require_organisation_member(user, organisation_id)
    values = load_or_fail(OrganisationSchema(), data, partial=True)
    with unit_of_work():
        update_with_audit(organisation, values, "organisation.updated", "organisation", actor_id=user.id)
    return organisation


def invite_colleague(user: User | None, organisation_id: int, data: Mapping[str, Any]) -> User:
    """A colleague joins through a one-time link to choose a password."""
    organisation = require_organisation_member(user, organisation_id)
    values = load_or_fail(InviteSchema(), data)
    with unit_of_work():
        return accounts.invite_account(
            user, values["email"], Role.ORGANISATION, values["name"], organisation=organisation
        )


def set_staff(user: User | None, organisation_id: int, data: Mapping[str, Any]) -> Organisation:
    """Replace the staff overview: rows of role, headcount and whether they work with babies."""
    organisation = require_organisation_member(user, organisation_id)
    rows = load_or_fail(StaffSchema(), data)["staff"]
    known_roles = set(db.session.scalars(sa.select(TargetRole.slug)))
    merged: dict[tuple[str, bool], int] = {}
    for index, row in enumerate(rows):
        if row["headcount"] <= 0:
            continue
        if row["role_slug"] not in known_roles:
            raise ValidationFailed(
                _("Kies een bestaande functie."), fields={f"staff.{index}": ["onbekende functie"]}
            )
        key = (row["role_slug"], row["works_with_babies"])
        merged[key] = merged.get(key, 0) + row["headcount"]
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
    courses = shortlist(user, organisation_id)
    out = io.StringIO()
    writer = csv_writer(out, delimiter=";")
    writer.writerow(EXPORT_COLUMNS)
    for course in courses:
        run = course.next_run(day)
        mark = mark_summary(course.quality_marks, day)
        writer.writerow(
            (
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
