"""What OOAPI serves, read with the public-visibility rules: published courses of public providers."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from registry.catalogue.models import Course, CourseRun, Provider
from registry.errors import NotFound
from registry.extensions import db

# OOAPI's pageSize parameter is an enum with a default of 10.
PAGE_SIZES = (10, 20, 50, 100, 250)
DEFAULT_PAGE_SIZE = 10


@dataclass(frozen=True)
class Page:
    """One page of OOAPI's page-number pagination."""

    items: list[Any]
    page_size: int
    page_number: int
    total: int

    @property
    def total_pages(self) -> int:
        return max(1, math.ceil(self.total / self.page_size))


def _page(query: sa.Select, page_size: int, page_number: int) -> Page:
    total = db.session.scalar(sa.select(sa.func.count()).select_from(query.order_by(None).subquery())) or 0
    items = list(db.session.scalars(query.limit(page_size).offset((page_number - 1) * page_size)))
    return Page(items, page_size, page_number, total)


def _course_loading() -> tuple:
    return (
        selectinload(Course.provider),
        selectinload(Course.runs),
        selectinload(Course.target_roles),
        selectinload(Course.topics),
        selectinload(Course.quality_marks),
    )


def course_page(page_size: int, page_number: int, day: date) -> Page:
    """Public courses in id order."""
    query = sa.select(Course).where(Course.published()).options(*_course_loading()).order_by(Course.id)
    return _page(query, page_size, page_number)


def public_course(course_uuid: str | None) -> Course:
    """:raise NotFound: no public course has this uuid."""
    course = db.session.scalar(
        sa.select(Course).where(Course.uuid == course_uuid, Course.published()).options(*_course_loading())
    )
    if course_uuid is None or course is None:
        raise NotFound(_("Er is geen openbare opleiding met dit courseId."))
    return course


def offering_page(course: Course, page_size: int, page_number: int) -> Page:
    """The runs of one public course, by start date."""
    query = (
        sa.select(CourseRun)
        .where(CourseRun.course_id == course.id)
        .order_by(CourseRun.starts_on, CourseRun.id)
    )
    return _page(query, page_size, page_number)


def public_offering(offering_uuid: str | None) -> CourseRun:
    """:raise NotFound: no run of a public course has this uuid."""
    run = db.session.scalar(
        sa.select(CourseRun)
        .join(CourseRun.course)
        .where(CourseRun.uuid == offering_uuid, Course.published())
        .options(selectinload(CourseRun.course).options(*_course_loading()))
    )
    if offering_uuid is None or run is None:
        raise NotFound(_("Er is geen uitvoering van een openbare opleiding met dit offeringId."))
    return run


def organization_page(page_size: int, page_number: int) -> Page:
    """Public providers in id order."""
    query = (
        sa.select(Provider)
        .where(Provider.public())
        .options(selectinload(Provider.quality_marks))
        .order_by(Provider.id)
    )
    return _page(query, page_size, page_number)


def public_organization(organization_uuid: str | None) -> Provider:
    """:raise NotFound: no public provider has this uuid."""
    provider = db.session.scalar(
        sa.select(Provider).where(Provider.uuid == organization_uuid, Provider.public())
    )
    if organization_uuid is None or provider is None:
        raise NotFound(_("Er is geen openbare aanbieder met dit organizationId."))
    return provider
