"""Search straight from the database, for the moments this host has no index it can trust.

Slower and plainer than the index (the words must appear in the title or summary, as in the
catalogue's own word filter; no facets, no relevance), but never wrong about what is published,
and the page says why (:attr:`SearchOutcome.notice`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa
from markupsafe import escape
from sqlalchemy.orm import selectinload

from registry.catalogue.models import Course
from registry.catalogue.service import course_words_filter
from registry.extensions import db
from registry.reviews.models import QualityMark
from registry.search.execution import Ranked, SearchOutcome
from registry.search.facets import _MARK_STATE as MARK_STATE_VALUE


def _accreditation(course: Course, day: date) -> str:
    latest = QualityMark.latest_awarded(course.quality_marks, day)
    return "geen" if latest is None else MARK_STATE_VALUE[latest.status_on(day)]


def search_database(args: dict[str, Any], day: date) -> SearchOutcome:
    """Published courses with every word of the query, in title order, a page at a time."""
    conditions = [Course.published(), *course_words_filter(args["q"])]
    total = db.session.scalar(sa.select(sa.func.count()).select_from(Course).where(*conditions)) or 0
    per_page, page = args["per_pagina"], args["pagina"]
    courses = db.session.scalars(
        sa.select(Course)
        .where(*conditions)
        .options(selectinload(Course.runs), selectinload(Course.quality_marks))
        .order_by(Course.title, Course.id)
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    ranked = [
        Ranked(
            course_id=course.id,
            snippet=str(escape(course.summary or "")),
            next_start=(run.starts_on if (run := course.next_run(day)) else None),
            accreditation=_accreditation(course, day),
        )
        for course in courses
    ]
    return SearchOutcome(
        query=args["q"],
        total=total,
        page=page,
        per_page=per_page,
        sort=args["sorteer"],
        filters=args["filters"],
        ranked=ranked,
        facet_counts={},
        from_database=True,
    )
