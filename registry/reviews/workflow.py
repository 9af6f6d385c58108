"""The review state machine: one declarative table of transitions, and the one function that applies them.

Each transition names the states it leaves, the state it reaches, who may take it and whether it needs a
comment. `apply_transition` checks all of that, changes the case, records the audit event and queues the
e-mails, in one transaction; a stale version or a concurrent decision is a Conflict and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from registry.accounts.models import User
from registry.audit.service import record
from registry.clock import today, utcnow
from registry.errors import Conflict, InvalidTransition, NotFound, PermissionDenied, ValidationFailed
from registry.extensions import db
from registry.reviews import notices
from registry.reviews.criteria import criteria_of, current_version_number
from registry.reviews.models import (
    MarkStatus,
    QualityMark,
    Recommendation,
    Review,
    ReviewComment,
    ReviewState,
)
from registry.reviews.permissions import (
    can_act_for_subject,
    can_confirm,
    can_manage_mark,
    can_take,
    can_view_review,
    is_assigned_official,
)
from registry.transactions import unit_of_work

S = ReviewState
PRE_DECISION = frozenset({S.DRAFT, S.SUBMITTED, S.IN_REVIEW, S.CHANGES_REQUESTED, S.AWAITING_CONFIRMATION})


def _system_only(user: User | None, _review: Review) -> bool:
    return user is None  # the daily expiry job acts without a user


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    sources: frozenset[ReviewState]
    target: ReviewState
    allowed: Callable[[User | None, Review], bool]
    needs_comment: bool = False


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        Transition("submit", _l("Indienen"), frozenset({S.DRAFT}), S.SUBMITTED, can_act_for_subject),
        Transition(
            "resubmit",
            _l("Opnieuw indienen"),
            frozenset({S.CHANGES_REQUESTED}),
            S.SUBMITTED,
            can_act_for_subject,
        ),
        Transition("take", _l("In behandeling nemen"), frozenset({S.SUBMITTED}), S.IN_REVIEW, can_take),
        Transition(
            "request_changes",
            _l("Wijzigingen vragen"),
            frozenset({S.IN_REVIEW}),
            S.CHANGES_REQUESTED,
            is_assigned_official,
            needs_comment=True,
        ),
        Transition(
            "recommend_approve",
            _l("Goedkeuring voorstellen"),
            frozenset({S.IN_REVIEW}),
            S.AWAITING_CONFIRMATION,
            is_assigned_official,
            needs_comment=True,
        ),
        Transition(
            "recommend_reject",
            _l("Afwijzing voorstellen"),
            frozenset({S.IN_REVIEW}),
            S.AWAITING_CONFIRMATION,
            is_assigned_official,
            needs_comment=True,
        ),
        # The target of confirm follows the recommendation: approved or rejected (see _decide).
        Transition(
            "confirm", _l("Besluit bevestigen"), frozenset({S.AWAITING_CONFIRMATION}), S.APPROVED, can_confirm
        ),
        Transition(
            "send_back",
            _l("Terugsturen naar beoordelaar"),
            frozenset({S.AWAITING_CONFIRMATION}),
            S.IN_REVIEW,
            can_confirm,
            needs_comment=True,
        ),
        Transition(
            "suspend",
            _l("Schorsen"),
            frozenset({S.APPROVED}),
            S.SUSPENDED,
            can_manage_mark,
            needs_comment=True,
        ),
        Transition(
            "reinstate",
            _l("Schorsing opheffen"),
            frozenset({S.SUSPENDED}),
            S.APPROVED,
            can_manage_mark,
            needs_comment=True,
        ),
        Transition(
            "revoke",
            _l("Intrekken"),
            frozenset({S.APPROVED, S.SUSPENDED}),
            S.REVOKED,
            can_manage_mark,
            needs_comment=True,
        ),
        Transition("expire", _l("Laten verlopen"), frozenset({S.APPROVED}), S.EXPIRED, _system_only),
        Transition("withdraw", _l("Terugtrekken"), PRE_DECISION, S.WITHDRAWN, can_act_for_subject),
    )
}

STATE_LABELS = {state: state.label for state in ReviewState}


def available_actions(user: User | None, review: Review) -> list[Transition]:
    """The transitions ``user`` may take on ``review`` now (for buttons and the API)."""
    return [t for t in TRANSITIONS.values() if review.state in t.sources and t.allowed(user, review)]


def apply_transition(
    user: User | None, review_id: int, action: str, *, comment: str = "", version: int | None = None
) -> Review:
    """Take one step in the workflow; everything or nothing is saved.

    :raise NotFound: no such case, or the user may not see it.
    :raise ValidationFailed: unknown action, or a required comment or checklist is missing.
    :raise Conflict: ``version`` is stale, or another official acted at the same moment.
    :raise InvalidTransition: the case's state does not allow this step.
    :raise PermissionDenied: the user may not take this step.
    """
    review = db.session.get(Review, review_id)
    if review is None or (user is not None and not can_view_review(user, review)):
        raise NotFound(_("Deze beoordeling bestaat niet of u heeft er geen toegang toe."))
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise ValidationFailed(
            _("Onbekende stap ‘%(action)s’.", action=action),
            fields={"action": [_("kies uit %(actions)s", actions=", ".join(sorted(TRANSITIONS)))]},
        )
    if version is not None and version != review.version:
        raise Conflict(_("Iemand anders heeft deze beoordeling intussen gewijzigd. Laad de pagina opnieuw."))
    if review.state not in transition.sources:
        raise InvalidTransition(
            _(
                "‘%(step)s’ kan niet bij een beoordeling met status ‘%(state)s’.",
                step=transition.label,
                state=STATE_LABELS[review.state],
            )
        )
    if not transition.allowed(user, review):
        raise PermissionDenied(_denial_reason(transition, user, review))
    comment = comment.strip()
    if transition.needs_comment and not comment:
        raise ValidationFailed(_("Geef een toelichting bij deze stap."), fields={"comment": ["verplicht"]})

    with unit_of_work(_("Een andere beoordelaar was u net voor; uw stap is niet opgeslagen.")):
        before = {"state": review.state.value, "version": review.version}
        _EFFECTS.get(action, _no_effect)(user, review, comment)
        if action != "confirm":
            review.state = transition.target
        if comment:
            review.comments.append(
                ReviewComment(author_id=user.id if user else None, action=action, body=comment)
            )
        record(
            f"review.{action}",
            "review",
            review.id,
            actor_id=user.id if user else None,
            before=before,
            after={"state": review.state.value, "comment": comment or None},
        )
        notices.queue_for_transition(action, review, comment)
    return review


def _denial_reason(transition: Transition, user: User | None, review: Review) -> str:
    if (
        transition.action in {"confirm", "send_back"}
        and user is not None
        and review.recommended_by_id == user.id
    ):
        return _("Een tweede beoordelaar moet dit besluit bevestigen; u heeft het zelf voorgesteld.")
    if user is not None and user.belongs_to_provider(review.subject_provider_id):
        return _("U hoort bij deze aanbieder en mag deze zaak daarom niet beoordelen.")
    return _("U mag de stap ‘%(step)s’ niet zetten.", step=transition.label)


# -- effects: what each step changes besides the state ------------------------------------------


def _no_effect(_user: User | None, _review: Review, _comment: str) -> None:
    return None


def _submit(user: User | None, review: Review, _comment: str) -> None:
    from registry.catalogue.drafts import snapshot_for_review

    review.proposal = snapshot_for_review(review)
    review.submitted_at = review.submitted_at or utcnow()
    review.submitted_by_id = user.id if user else None


def _take(user: User | None, review: Review, _comment: str) -> None:
    review.assignee_id = user.id if user else None
    # The case is judged on the criteria in force now, even if officials change them later.
    if review.criteria_version is None:
        review.criteria_version = current_version_number(review.subject_type.value)


def _recommend(recommendation: Recommendation) -> Callable[[User | None, Review, str], None]:
    def effect(user: User | None, review: Review, comment: str) -> None:
        if recommendation is Recommendation.APPROVE:
            criteria = criteria_of(review)
            unmet = [code for code in criteria if review.checklist.get(code) is not True]
            if unmet:
                raise ValidationFailed(
                    _("Alle criteria moeten zijn afgevinkt voordat u goedkeuring voorstelt."),
                    fields={"checklist": unmet},
                )
        review.recommendation = recommendation
        review.recommended_by_id = user.id if user else None
        review.rationale = comment

    return effect


def _confirm(user: User | None, review: Review, _comment: str) -> None:
    review.confirmed_by_id = user.id if user else None
    review.decided_at = utcnow()
    if review.recommendation is Recommendation.APPROVE:
        review.state = S.APPROVED
        _award_mark(review, today())
    else:
        review.state = S.REJECTED


def _send_back(_user: User | None, review: Review, _comment: str) -> None:
    review.recommendation = None
    review.recommended_by_id = None


def _set_mark_status(status: MarkStatus) -> Callable[[User | None, Review, str], None]:
    def effect(user: User | None, review: Review, comment: str) -> None:
        for mark in review.marks:
            if mark.status is not MarkStatus.REVOKED:
                mark.status = status
                mark.status_reason = comment
                record(
                    f"quality_mark.{status.value}",
                    "quality_mark",
                    mark.id,
                    actor_id=user.id if user else None,
                    after={"status": status.value, "reason": comment},
                )

    return effect


def _award_mark(review: Review, day: date) -> QualityMark:
    from registry.catalogue.drafts import publish_reviewed_content

    years = int(current_app.config.get("MARK_VALIDITY_YEARS", 3))
    mark = QualityMark(
        subject_type=review.subject_type,
        course_id=review.course_id,
        provider_id=review.provider_id,
        awarded_on=day,
        valid_until=_add_years(day, years),
    )
    review.marks.append(mark)
    publish_reviewed_content(review)
    db.session.flush()
    record(
        "quality_mark.awarded",
        "quality_mark",
        mark.id,
        actor_id=review.confirmed_by_id,
        after={"valid_until": mark.valid_until.isoformat(), "review_id": review.id},
    )
    return mark


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


_EFFECTS: dict[str, Callable[[User | None, Review, str], None]] = {
    "submit": _submit,
    "resubmit": _submit,
    "take": _take,
    "recommend_approve": _recommend(Recommendation.APPROVE),
    "recommend_reject": _recommend(Recommendation.REJECT),
    "confirm": _confirm,
    "send_back": _send_back,
    "suspend": _set_mark_status(MarkStatus.SUSPENDED),
    "reinstate": _set_mark_status(MarkStatus.VALID),
    "revoke": _set_mark_status(MarkStatus.REVOKED),
    "expire": _set_mark_status(MarkStatus.EXPIRED),
}
