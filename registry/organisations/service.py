"""Childcare organisations: signing up, their details, colleagues, and the shortlist.

Locations, staff per person and their certificates are the compliance package's (``registry/compliance/``).
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
from registry.catalogue.models import Course
from registry.catalogue.service import mark_summary
from registry.errors import Conflict, NotFound, ValidationFailed
from registry.extensions import db
from registry.organisations.models import Organisation, ShortlistItem
from registry.organisations.permissions import require_organisation_member
from registry.organisations.schemas import InviteSchema, OrganisationSchema, SignupSchema
from registry.spreadsheet import csv_writer
from registry.text import long_date, slugify
from registry.transactions import unit_of_work
from registry.validation import load_or_fail

MAX_COMPARE = 4


@public
def register_organisation(data: Mapping[str, Any]) -> User | None:
    """Sign up a new organisation and its first account (anyone may; the account is the organisation's).

    The person chooses a password through a link mailed to the address, which proves the address is
    theirs. An address that already has an account (any role) gets a mail saying so instead, and
    nothing is created: the caller answers "check your mail" either way, so the answer reveals nothing.
    Returns the new account, or None when the address was taken.
    """
    values = load_or_fail(SignupSchema(), data)
    email, name = values.pop("email").strip().lower(), values.pop("your_name")
    try:
        return _register(values, email, name)
    except sa.exc.IntegrityError as error:
        # Sign-ups with one address (or one name) raced past the checks; the unique index chose one.
        # The others get the answer they would have had a moment later, never an error page.
        if _account_exists(email):
            with unit_of_work():
                accounts.tell_owner_of_signup(email)
            return None
        raise Conflict(
            _("Tegelijk werd een organisatie met deze naam aangemeld; probeer het opnieuw.")
        ) from error


def _register(values: dict[str, Any], email: str, name: str) -> User | None:
    with unit_of_work():
        if _account_exists(email):
            accounts.tell_owner_of_signup(email)
            return None
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
        db.session.add(user)
        db.session.flush()
        record(
            "organisation.registered",
            "organisation",
            organisation.id,
            actor_id=user.id,
            after={"name": organisation.name},
        )
        accounts.send_signup_link(user)
    return user


def _account_exists(email: str) -> bool:
    return db.session.scalar(sa.select(User.id).where(User.email == email)) is not None


def _free_slug(name: str) -> str:
    base = slugify(name) or "organisatie"
    slug, n = base, 1
    while db.session.scalar(sa.select(Organisation.id).where(Organisation.slug == slug)):
        n += 1
        slug = f"{base}-{n}"
    return slug


def organisation_for_member(user: User | None, organisation_id: int) -> Organisation:
    """The organisation, for one of its own people.

    :raise PermissionDenied: the user does not work for it.
    """
    return require_organisation_member(user, organisation_id)


def update_organisation(user: User | None, organisation_id: int, data: Mapping[str, Any]) -> Organisation:
    """Change the organisation's details (only the fields given)."""
    organisation = require_organisation_member(user, organisation_id)
    values = load_or_fail(OrganisationSchema(), data, partial=True)
    with unit_of_work():
        update_with_audit(organisation, values, "organisation.updated", "organisation", actor_id=user.id)
    return organisation


def invite_colleague(user: User | None, organisation_id: int, data: Mapping[str, Any]) -> User | None:
    """A colleague joins through a one-time link to choose a password (None: the address had an
    account, whose owner is told instead)."""
    organisation = require_organisation_member(user, organisation_id)
    values = load_or_fail(InviteSchema(), data)
    with unit_of_work():
        return accounts.invite_account(
            user, values["email"], Role.ORGANISATION, values["name"], organisation=organisation
        )


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
            fields={"c": [_("2 tot %(most)s", most=MAX_COMPARE)]},
        )
    return chosen


# Column headings a person reads in a spreadsheet: words, not field names.
EXPORT_COLUMNS = [
    "Opleiding",
    "Aanbieder",
    "Prijs (euro)",
    "Studiebelasting (uren)",
    "Vorm",
    "Eerstvolgende start",
    "Plaats",
    "Accreditatie",
    "Geldig tot en met",
    "Regelingen",
    "Adres",
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
                long_date(run.starts_on) if run else "",
                (_("online") if run.is_online else run.city) if run else "",
                mark.status.label if mark.status else _("geen"),
                long_date(mark.valid_until),
                ", ".join(s.name for s in course.schemes),
                f"{base_url}/opleidingen/{course.id}",
            )
        )
    return out.getvalue()
