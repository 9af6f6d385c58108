"""Where a course stands on its way to the public register, and what keeps it from being submitted.

A course goes to review only when people could actually take it (a run that has not started yet) and
when every scheme it names still pays (none has ended). The provider sees the same reasons on its page
before pressing the button as the service gives when it refuses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from registry.catalogue.enums import CourseStatus
from registry.catalogue.models import Course
from registry.extensions import db
from registry.reviews.models import Review, ReviewState
from registry.schemes.models import SchemeState, SubsidyScheme

# The steps a provider sees, in order: (key, label).
STEPS = (
    ("concept", _l("Concept")),
    ("submitted", _l("Ingediend")),
    ("in_review", _l("In beoordeling")),
    ("published", _l("Gepubliceerd")),
)
_STEP_OF_STATE = {
    ReviewState.DRAFT: "concept",
    ReviewState.CHANGES_REQUESTED: "concept",
    ReviewState.SUBMITTED: "submitted",
    ReviewState.IN_REVIEW: "in_review",
    ReviewState.AWAITING_CONFIRMATION: "in_review",
}


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    done: bool
    current: bool


def course_steps(course: Course, review: Review | None) -> list[Step]:
    """The four steps with the one the course (or its pending change) is at now."""
    if review is not None and review.state in _STEP_OF_STATE:
        current = _STEP_OF_STATE[review.state]
    elif course.status is CourseStatus.PUBLISHED:
        current = "published"
    else:
        current = "concept"
    keys = [key for key, _label in STEPS]
    at = keys.index(current)
    return [
        Step(key, str(label), done=index < at, current=index == at)
        for index, (key, label) in enumerate(STEPS)
    ]


def submission_blockers(course: Course, content: dict[str, Any], day: date) -> dict[str, list[str]]:
    """Why ``course`` with ``content`` (the version that would be reviewed) cannot be submitted on
    ``day``, per field the provider fixes ("runs", "schemes"); empty when it can."""
    problems: dict[str, list[str]] = {}
    if not any(run.starts_on >= day for run in course.runs):
        problems["runs"] = [
            _(
                "Voeg eerst een uitvoering toe die nog moet beginnen: "
                "zonder geplande uitvoering kan niemand de opleiding volgen."
            )
        ]
    codes = content.get("schemes") or []
    if codes:
        schemes = db.session.scalars(sa.select(SubsidyScheme).where(SubsidyScheme.code.in_(codes)))
        ended = sorted(s.name for s in schemes if s.status_on(day).state is SchemeState.ENDED)
        if ended:
            problems["schemes"] = [
                _(
                    "Deze regeling is beëindigd en betaalt niet meer: %(names)s. "
                    "Vink haar uit bij ‘Regelingen die deze opleiding betalen’.",
                    names=", ".join(ended),
                )
            ]
    return problems
