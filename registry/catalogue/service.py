"""Read services for the public catalogue: what anyone may see, on a given day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy.orm import selectinload

from registry.catalogue.models import Course, Provider
from registry.errors import NotFound
from registry.extensions import db
from registry.reviews.models import MarkStatus, QualityMark


@dataclass(frozen=True)
class MarkSummary:
    """What a badge shows: the latest mark's status on a day, and until when it holds."""

    status: MarkStatus | None
    valid_until: date | None = None

    @property
    def is_valid(self) -> bool:
        return self.status is MarkStatus.VALID


def mark_summary(marks: list[QualityMark], day: date) -> MarkSummary:
    """Summarise the most recently awarded mark among ``marks`` (none: not accredited)."""
    latest = QualityMark.latest_awarded(marks, day)
    if latest is None:
        return MarkSummary(None)
    return MarkSummary(latest.status_on(day), latest.valid_until)


_COURSE_CARD_LOADS = (
    selectinload(Course.provider).selectinload(Provider.quality_marks),
    selectinload(Course.topics),
    selectinload(Course.runs),
    selectinload(Course.quality_marks),
)


def published_courses_page(page: int, per_page: int, words: str = "") -> Pagination:
    """One page of published courses in a stable order (title, then id).

    ``words`` narrows the list to courses whose title or summary contains every word.
    """
    query = sa.select(Course).where(Course.published(), *course_words_filter(words))
    query = query.order_by(Course.title, Course.id).options(*_COURSE_CARD_LOADS)
    return db.paginate(query, page=page, per_page=per_page, max_per_page=100, error_out=False)


def course_words_filter(words: str) -> list[sa.ColumnElement[bool]]:
    """Conditions that keep courses whose title or summary contains every one of ``words``."""
    conditions = []
    for word in words.split():
        pattern = f"%{_escape_like(word)}%"
        conditions.append(
            sa.or_(Course.title.ilike(pattern, escape="\\"), Course.summary.ilike(pattern, escape="\\"))
        )
    return conditions


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def published_course(course_id: int) -> Course:
    """A published course with everything its page shows.

    :raise NotFound: the course does not exist or is not public.
    """
    course = db.session.scalars(
        sa.select(Course)
        .where(Course.id == course_id, Course.published())
        .options(
            *_COURSE_CARD_LOADS,
            selectinload(Course.target_roles),
            selectinload(Course.age_groups),
            selectinload(Course.schemes),
            selectinload(Course.legal_requirement),
        )
    ).one_or_none()
    if course is None:
        raise NotFound(_("Deze opleiding bestaat niet of is niet (meer) gepubliceerd."))
    return course


def public_provider(slug: str) -> tuple[Provider, list[Course]]:
    """A provider's profile and its published courses.

    :raise NotFound: no provider has this slug.
    """
    provider = db.session.scalars(
        sa.select(Provider)
        .where(Provider.slug == slug)
        .options(selectinload(Provider.recognitions), selectinload(Provider.quality_marks))
    ).one_or_none()
    if provider is None:
        raise NotFound(_("Deze aanbieder staat niet in het register."))
    courses = db.session.scalars(
        sa.select(Course)
        .where(Course.provider_id == provider.id, Course.published())
        .order_by(Course.title, Course.id)
        .options(*_COURSE_CARD_LOADS)
    ).all()
    return provider, list(courses)


@dataclass
class ProviderDirectory:
    """One page of the provider directory and each listed provider's number of published courses."""

    providers: Pagination
    published: dict[int, int]


def provider_directory(page: int, per_page: int) -> ProviderDirectory:
    """Providers by name, one page at a time, with their numbers of published courses (counted for
    that page's providers only: at thousands of providers, counting all of them is what made the
    directory slow)."""
    query = sa.select(Provider).order_by(Provider.name, Provider.id)
    providers = db.paginate(query, page=page, per_page=per_page, max_per_page=per_page, error_out=False)
    ids = [provider.id for provider in providers.items]
    counts = db.session.execute(
        sa.select(Course.provider_id, sa.func.count(Course.id))
        .where(Course.provider_id.in_(ids), Course.published())
        .group_by(Course.provider_id)
    )
    return ProviderDirectory(providers, {provider_id: count for provider_id, count in counts})


def catalogue_counts() -> dict[str, int]:
    """Headline figures for the home page."""
    courses = db.session.scalar(sa.select(sa.func.count()).select_from(Course).where(Course.published()))
    providers = db.session.scalar(
        sa.select(sa.func.count(sa.distinct(Course.provider_id))).where(Course.published())
    )
    return {"courses": courses or 0, "providers": providers or 0}
