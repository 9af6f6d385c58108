"""Review cases beyond single transitions: the queue, a case's details, checklist, comments,
the officials' dashboard and the daily expiry of marks."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from registry.accounts.models import User
from registry.audit.models import AuditEvent
from registry.audit.service import record
from registry.clock import today, utcnow
from registry.errors import Conflict, InvalidTransition, NotFound, ValidationFailed
from registry.extensions import db
from registry.notifications.models import MailCategory
from registry.notifications.service import queue_templated_email
from registry.reviews.criteria import criteria_of
from registry.reviews.models import (
    PRE_DECISION,
    MarkStatus,
    QualityMark,
    Review,
    ReviewComment,
    ReviewState,
    SubjectType,
)
from registry.reviews.notices import provider_contacts
from registry.reviews.permissions import (
    can_see_queue,
    require_case_viewer,
    require_commenter,
    require_official_view,
    require_queue_reader,
)
from registry.reviews.workflow import apply_transition, stage_checklist
from registry.transactions import unit_of_work

REMINDER_DAYS = (60, 14)


@dataclass(frozen=True)
class QueueFilter:
    state: ReviewState | None = None
    subject_type: SubjectType | None = None
    older_than_days: int | None = None
    import_batch: str | None = None
    assigned_to_me: bool | None = False


@dataclass(frozen=True)
class ImportBatch:
    """Cases a provider submitted together from one import, as the queue shows them: one line."""

    key: str
    provider_name: str
    cases: list[Review]

    @property
    def submitted_at(self) -> datetime | None:
        return min((case.submitted_at for case in self.cases if case.submitted_at), default=None)

    @property
    def first_waiting(self) -> Review:
        """Where reviewing the batch in turn starts: its first case still waiting for a decision."""
        waiting = (ReviewState.SUBMITTED, ReviewState.IN_REVIEW)
        return next((case for case in self.cases if case.state in waiting), self.cases[0])


def group_import_batches(cases: list[Review]) -> list[Review | ImportBatch]:
    """The queue with each import batch as one entry where its first case stands (cases keep their order)."""
    batches: dict[str, ImportBatch] = {}
    entries: list[Review | ImportBatch] = []
    for case in cases:
        if case.import_batch is None:
            entries.append(case)
        elif case.import_batch in batches:
            batches[case.import_batch].cases.append(case)
        else:
            name = case.course.provider.name if case.course is not None else ""
            batches[case.import_batch] = ImportBatch(case.import_batch, name, [case])
            entries.append(batches[case.import_batch])
    return entries


def next_in_batch(user: User | None, review: Review) -> Review | None:
    """The next case of the same import batch (by number) that still waits for a decision, if any.

    :raise PermissionDenied: anonymous users and organisations have no queue.
    """
    require_queue_reader(user)
    if review.import_batch is None:
        return None
    query = sa.select(Review).where(
        Review.import_batch == review.import_batch,
        Review.id > review.id,
        Review.state.in_([ReviewState.SUBMITTED, ReviewState.IN_REVIEW]),
    )
    if not can_see_queue(user):
        query = query.where(Review.about_providers([p.id for p in user.providers]))
    return db.session.scalar(query.order_by(Review.id).limit(1))


def review_queue(user: User | None, filters: QueueFilter = QueueFilter()) -> list[Review]:
    """Officials: every case, oldest first; providers: the cases about their own offer.

    :raise PermissionDenied: anonymous users and organisations have no queue.
    """
    require_queue_reader(user)
    query = sa.select(Review).options(
        selectinload(Review.course), selectinload(Review.provider), selectinload(Review.assignee)
    )
    if not can_see_queue(user):
        own = [p.id for p in user.providers]
        query = query.where(Review.about_providers(own))
    else:
        query = query.where(Review.state != ReviewState.DRAFT)  # drafts are the provider's business
    if filters.state is not None:
        query = query.where(Review.state == filters.state)
    if filters.subject_type is not None:
        query = query.where(Review.subject_type == filters.subject_type)
    if filters.assigned_to_me:
        query = query.where(Review.assignee_id == user.id)
    if filters.older_than_days is not None:
        query = query.where(Review.submitted_at <= utcnow() - timedelta(days=filters.older_than_days))
    if filters.import_batch is not None:
        query = query.where(Review.import_batch == filters.import_batch)
    query = query.order_by(sa.func.coalesce(Review.submitted_at, Review.created_at), Review.id)
    return list(db.session.scalars(query))


def review_detail(user: User | None, review_id: int) -> tuple[Review, list[AuditEvent]]:
    """A case with its thread and history.

    :raise NotFound: no such case, or the user may not see it.
    """
    review = require_case_viewer(user, review_id)
    history = db.session.scalars(
        sa.select(AuditEvent)
        .where(AuditEvent.subject_type == "review", AuditEvent.subject_id == str(review.id))
        .order_by(AuditEvent.id)
    ).all()
    return review, list(history)


def add_comment(user: User | None, review_id: int, body: str) -> ReviewComment:
    """Write in a case's thread: a question from the official or an answer from the provider.

    :raise PermissionDenied / NotFound / ValidationFailed.
    """
    review = require_commenter(user, review_id)
    if review.state not in PRE_DECISION:
        raise InvalidTransition(_("Over deze zaak is al besloten; reageren kan niet meer."))
    if not body.strip():
        raise ValidationFailed(_("Schrijf eerst een reactie."), fields={"comment": [_("verplicht")]})
    with unit_of_work():
        comment = ReviewComment(review=review, author_id=user.id, body=body.strip())
        db.session.add(comment)
        db.session.flush()
        record("review.comment", "review", review.id, actor_id=user.id, after={"comment_id": comment.id})
    return comment


def update_checklist(
    user: User | None, review_id: int, answers: dict[str, bool], *, version: int | None = None
) -> Review:
    """The assigned official ticks criteria off (criteria not mentioned keep their answer).

    :raise InvalidTransition: the case is not being worked; PermissionDenied: not the assigned official;
        ValidationFailed: unknown criterion; Conflict: stale version.
    """
    review = require_case_viewer(user, review_id)
    if version is not None and version != review.version:
        raise Conflict(_("Deze beoordeling is intussen gewijzigd. Laad de pagina opnieuw."))
    with unit_of_work(_("Deze beoordeling is intussen gewijzigd. Laad de pagina opnieuw.")):
        stage_checklist(user, review, answers)
    return review


def checklist_from_ticks(review_id: int, ticked: list[str]) -> dict[str, bool]:
    """A form's ticked boxes as answers for every criterion of the case (unticked means not met)."""
    review = db.session.get(Review, review_id)
    if review is None:
        raise NotFound(_("Deze beoordeling bestaat niet."))
    return {code: code in ticked for code in criteria_of(review)}


@dataclass(frozen=True)
class Dashboard:
    cases_per_state: dict[ReviewState, int]
    median_days_to_decision: float | None
    expiring_marks: list[QualityMark]


def official_dashboard(user: User | None, day: date | None = None) -> Dashboard:
    """Cases per state, median time from submission to decision, and marks expiring within 60 days."""
    require_official_view(user)
    day = day or today()
    counts = dict(db.session.execute(sa.select(Review.state, sa.func.count()).group_by(Review.state)).all())
    decided = db.session.execute(
        sa.select(Review.submitted_at, Review.decided_at).where(
            Review.decided_at.is_not(None), Review.submitted_at.is_not(None)
        )
    ).all()
    durations = [_days_between(submitted, decided_at) for submitted, decided_at in decided]
    expiring = db.session.scalars(
        sa.select(QualityMark)
        .where(QualityMark.valid_on(day), QualityMark.valid_until <= day + timedelta(days=60))
        .order_by(QualityMark.valid_until)
        .options(selectinload(QualityMark.course), selectinload(QualityMark.provider))
    ).all()
    return Dashboard(
        cases_per_state={state: counts.get(state, 0) for state in ReviewState},
        median_days_to_decision=statistics.median(durations) if durations else None,
        expiring_marks=list(expiring),
    )


def _days_between(start: datetime, end: datetime) -> float:
    return round((end - start).total_seconds() / 86400, 1)


def expire_marks(day: date | None = None) -> dict[str, int]:
    """Daily job: expire marks past their date and queue renewal reminders 60 and 14 days ahead.

    Safe to run more than once a day: expired marks are skipped and reminders are de-duplicated.
    """
    day = day or today()
    expired = 0
    for mark in db.session.scalars(
        sa.select(QualityMark).where(QualityMark.status == MarkStatus.VALID, QualityMark.valid_until < day)
    ).all():
        review = mark.review
        if review is not None and review.state is ReviewState.APPROVED and len(review.marks) == 1:
            apply_transition(None, review.id, "expire")  # marks the review and its mark, with audit
        else:
            with unit_of_work():
                mark.status = MarkStatus.EXPIRED
                record(
                    "quality_mark.expired",
                    "quality_mark",
                    mark.id,
                    after={"valid_until": str(mark.valid_until)},
                )
        expired += 1

    reminders = 0
    with unit_of_work():
        for mark in db.session.scalars(
            sa.select(QualityMark).where(
                QualityMark.valid_on(day), QualityMark.valid_until <= day + timedelta(days=max(REMINDER_DAYS))
            )
        ).all():
            # The nearest reminder term the mark has reached; a missed day still sends it, once.
            term = min(t for t in REMINDER_DAYS if mark.valid_until <= day + timedelta(days=t))
            subject = mark.course.title if mark.course else mark.provider.name
            provider_id = mark.course.provider_id if mark.course else mark.provider_id
            days_left = (mark.valid_until - day).days
            for address in provider_contacts(provider_id):
                reminders += queue_templated_email(
                    address,
                    "mark_reminder",
                    {"subject": subject, "days_left": days_left, "valid_until": mark.valid_until},
                    dedup_key=f"reminder:{mark.id}:{term}:{address}",
                    category=MailCategory.REMINDER,
                )
    return {"expired": expired, "reminders": reminders}
