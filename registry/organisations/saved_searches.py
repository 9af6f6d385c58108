"""Saved searches: follow new accredited courses that match, by e-mail digest or an Atom feed."""

from __future__ import annotations

import secrets
from datetime import date
from urllib.parse import parse_qsl, urlencode

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload
from werkzeug.datastructures import MultiDict

from registry.accounts.models import User
from registry.audit.service import record
from registry.catalogue.models import Course
from registry.clock import today
from registry.errors import NotFound, ValidationFailed
from registry.extensions import db
from registry.notifications.models import MailCategory
from registry.notifications.preferences import absolute_url
from registry.notifications.service import queue_templated_email
from registry.organisations.models import SavedSearch
from registry.organisations.permissions import require_organisation_member
from registry.search.schemas import FACETS
from registry.search.service import parse_search_args, search
from registry.transactions import unit_of_work

FEED_ENTRIES = 20


def canonical_query(query_string: str) -> str:
    """The search's own parameters in a stable order, without paging or sorting.

    :raise ValidationFailed: the parameters are not a valid search.
    """
    args = parse_search_args(MultiDict(parse_qsl(query_string.lstrip("?"), keep_blank_values=False)))
    pairs = [("q", args["q"])] if args["q"] else []
    pairs += [(facet, value) for facet in FACETS for value in sorted(args["filters"].get(facet, ()))]
    return urlencode(pairs)


def save_search(user: User | None, organisation_id: int, name: str, query_string: str) -> SavedSearch:
    """Follow a search; the feed address is made here and never changes."""
    require_organisation_member(user, organisation_id)
    name = (name or "").strip()[:120]
    if not name:
        raise ValidationFailed(_("Geef de zoekopdracht een naam."), fields={"name": [_("verplicht")]})
    query = canonical_query(query_string)
    with unit_of_work():
        saved = SavedSearch(
            organisation_id=organisation_id,
            user_id=user.id,
            name=name,
            query=query,
            feed_token=secrets.token_urlsafe(32),
            last_digest_on=today(),
        )
        db.session.add(saved)
        db.session.flush()
        record(
            "saved_search.created",
            "organisation",
            organisation_id,
            actor_id=user.id,
            after={"saved_search_id": saved.id, "query": query},
        )
    return saved


def saved_searches(user: User | None, organisation_id: int) -> list[SavedSearch]:
    require_organisation_member(user, organisation_id)
    return list(
        db.session.scalars(
            sa.select(SavedSearch)
            .where(SavedSearch.organisation_id == organisation_id)
            .order_by(SavedSearch.name)
        )
    )


def delete_saved_search(user: User | None, organisation_id: int, saved_search_id: int) -> None:
    require_organisation_member(user, organisation_id)
    saved = db.session.get(SavedSearch, saved_search_id)
    if saved is None or saved.organisation_id != organisation_id:
        raise NotFound(_("Deze zoekopdracht bestaat niet."))
    with unit_of_work():
        db.session.delete(saved)
        record(
            "saved_search.deleted",
            "organisation",
            organisation_id,
            actor_id=user.id,
            before={"saved_search_id": saved_search_id, "query": saved.query},
        )


def newest_matches(saved: SavedSearch, day: date, limit: int = FEED_ENTRIES) -> list[Course]:
    """The most recently published courses that match, newest first."""
    args = parse_search_args(MultiDict(parse_qsl(saved.query)))
    outcome = search({**args, "sorteer": "nieuw", "pagina": 1, "per_pagina": 50}, day)
    ids = [ranked.course_id for ranked in outcome.ranked][:limit]
    courses = {
        course.id: course
        for course in db.session.scalars(
            sa.select(Course)
            .where(Course.id.in_(ids), Course.published())
            .options(selectinload(Course.provider))
        )
    }
    return [courses[course_id] for course_id in ids if course_id in courses]


def feed(token: str, day: date) -> tuple[SavedSearch, list[Course]]:
    """The Atom feed behind a secret address (no login: the address is the key).

    :raise NotFound: no saved search has this address.
    """
    saved = db.session.scalar(sa.select(SavedSearch).where(SavedSearch.feed_token == token))
    if saved is None:
        raise NotFound(_("Deze feed bestaat niet (meer)."))
    return saved, newest_matches(saved, day)


def send_digests(day: date | None = None) -> int:
    """Daily: mail each saved search's courses published since its last digest (up to yesterday).

    Running twice on one day sends nothing new; a missed day is caught up the next time.
    """
    day = day or today()
    queued = 0
    for saved in db.session.scalars(sa.select(SavedSearch).where(SavedSearch.last_digest_on < day)).all():
        new = [
            c
            for c in newest_matches(saved, day, limit=50)
            if c.published_at and saved.last_digest_on <= c.published_at < day
        ]
        recipient = saved.user.email if saved.user and saved.user.is_active else None
        with unit_of_work():
            if new and recipient:
                courses = [
                    {
                        "title": c.title,
                        "provider": c.provider.name,
                        "url": absolute_url(f"/opleidingen/{c.id}"),
                    }
                    for c in new
                ]
                queued += queue_templated_email(
                    recipient,
                    "saved_search_digest",
                    {"name": saved.name, "courses": courses},
                    category=MailCategory.DIGEST,
                )
            saved.last_digest_on = day
    return queued
