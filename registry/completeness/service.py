"""Completeness (what a course still lacks) and freshness (what has gone stale) of a course's data.

Every check takes the day, so tests can move time. The checks read what the registry holds; where it
has no field of its own the check says what it looks at instead (learning goals: the description).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from registry.catalogue.models import Course, Provider
from registry.extensions import db
from registry.text import plain_text

MIN_DESCRIPTION_CHARS = 300
NO_RUN_AHEAD_DAYS = 60
PRICE_CONFIRMED_DAYS = 365
_LEARNING_GOALS = re.compile(r"leerdoel|leeropbrengst|na afloop (kunt|ben|weet)", re.IGNORECASE)


@dataclass(frozen=True)
class Check:
    key: str
    todo: object  # a lazy Dutch string: what to do when the check fails
    passes: Callable[[Course, date], bool]


CHECKS = (
    Check(
        "runs_ahead", _l("Plan een uitvoering in de toekomst."), lambda c, day: c.next_run(day) is not None
    ),
    Check(
        "learning_goals",
        _l("Beschrijf de leerdoelen (het woord ‘leerdoelen’ in de beschrijving)."),
        lambda c, _day: bool(_LEARNING_GOALS.search(plain_text(c.description_html))),
    ),
    Check(
        "target_roles",
        _l("Kies voor wie de opleiding is (doelgroepen)."),
        lambda c, _day: bool(c.target_roles),
    ),
    Check(
        "price_details",
        _l("Bevestig de prijs: sla de opleiding op of importeer haar opnieuw."),
        lambda c, day: not price_unconfirmed(c, day),
    ),
    Check(
        "certificate",
        _l("Vermeld welk certificaat of bewijs deelnemers krijgen."),
        lambda c, _day: bool(c.certificate_type),
    ),
    Check(
        "description_length",
        _l("Schrijf een beschrijving van minstens 300 tekens."),
        lambda c, _day: len(plain_text(c.description_html)) >= MIN_DESCRIPTION_CHARS,
    ),
)


@dataclass
class Completeness:
    """A score from 0 to 100 and what is missing, as a to-do list."""

    score: int
    missing: list[Check] = field(default_factory=list)


def completeness(course: Course, day: date) -> Completeness:
    """How complete ``course`` is on ``day``."""
    missing = [check for check in CHECKS if not check.passes(course, day)]
    return Completeness(round(100 * (len(CHECKS) - len(missing)) / len(CHECKS)), missing)


def no_run_ahead_since(course: Course, day: date) -> date | None:
    """Since when the course has had no run ahead, if that is 60 days or more; else None."""
    if course.next_run(day) is not None:
        return None
    since = max(
        (run.starts_on for run in course.runs), default=course.published_at or course.created_at.date()
    )
    return since if (day - since).days >= NO_RUN_AHEAD_DAYS else None


def price_unconfirmed(course: Course, day: date) -> bool:
    """The price (with the rest of the course) has not been saved or imported for a year.

    The registry keeps no separate confirmation date: saving or importing a course confirms its price.
    """
    return course.updated_at.date() < day - timedelta(days=PRICE_CONFIRMED_DAYS)


@dataclass
class Staleness:
    no_run_ahead_since: date | None
    price_unconfirmed: bool

    def __bool__(self) -> bool:
        return self.no_run_ahead_since is not None or self.price_unconfirmed


def staleness(course: Course, day: date) -> Staleness:
    """What of the course's data has gone stale on ``day`` (shown on the public page)."""
    return Staleness(no_run_ahead_since(course, day), price_unconfirmed(course, day))


@dataclass
class ProviderDigest:
    provider: Provider
    courses: list[tuple[Course, Staleness]]


def stale_digests(day: date) -> list[ProviderDigest]:
    """Per public provider, its published courses whose data went stale (for the e-mail digest)."""
    digests: dict[int, ProviderDigest] = {}
    query = (
        sa.select(Course)
        .where(Course.published())
        .options(selectinload(Course.runs), selectinload(Course.provider))
        .order_by(Course.provider_id, Course.id)
        .execution_options(yield_per=500)
    )
    for course in db.session.scalars(query):
        stale = staleness(course, day)
        if stale:
            digest = digests.setdefault(course.provider_id, ProviderDigest(course.provider, []))
            digest.courses.append((course, stale))
    return list(digests.values())


def queue_stale_digests(day: date) -> int:
    """Queue one e-mail per provider with stale courses, once per provider per week. Returns how many."""
    from registry.notifications.models import MailCategory
    from registry.notifications.service import queue_email
    from registry.transactions import unit_of_work

    queued = 0
    week = day.isocalendar()
    with unit_of_work():
        for digest in stale_digests(day):
            lines = [f"- {course.title}: {_reason(stale)}" for course, stale in digest.courses]
            body = (
                f"Beste {digest.provider.name},\n\nVan deze opleidingen in het Scholingsregister zijn de "
                "gegevens verouderd; bezoekers zien dat op de pagina van de opleiding:\n\n"
                + "\n".join(lines)
                + "\n\nPlan nieuwe uitvoeringen of bevestig de prijs door de opleiding op te slaan of "
                "opnieuw te importeren.\n"
            )
            key = f"stale-digest:{digest.provider.id}:{week.year}-{week.week}"
            queued += queue_email(  # a digest: recipients may switch it off
                digest.provider.email,
                "Verouderde gegevens in het Scholingsregister",
                body,
                dedup_key=key,
                category=MailCategory.DIGEST,
            )
    return queued


def _reason(stale: Staleness) -> str:
    parts = []
    if stale.no_run_ahead_since is not None:
        parts.append(f"geen uitvoering gepland sinds {stale.no_run_ahead_since:%d-%m-%Y}")
    if stale.price_unconfirmed:
        parts.append("prijs langer dan een jaar niet bevestigd")
    return "; ".join(parts)
