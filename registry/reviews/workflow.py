"""The review state machine: one declarative table of transitions, and the one function that applies them.

Each `Transition` carries everything about its step: the states it leaves, the state it reaches (or the
function that picks it), who may take it and what a refusal says, whether it needs a comment, what it
changes besides the state, and which e-mails it sends. Adding a step is adding one entry to `TRANSITIONS`.
`apply_transition` checks all of that, changes the case, records the audit event and queues the e-mails,
in one transaction; a stale version or a concurrent decision is a Conflict and changes nothing.
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
from registry.errors import Conflict, InvalidTransition, PermissionDenied, ValidationFailed
from registry.extensions import db
from registry.reviews import notices
from registry.reviews.criteria import criteria_of, current_version_number
from registry.reviews.models import (
    PRE_DECISION,
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
    is_assigned_official,
    require_case_viewer,
)
from registry.reviews.subjects import review_subjects
from registry.transactions import unit_of_work

S = ReviewState
Effect = Callable[[User | None, Review, str], None]
"""What a step changes besides the state: (acting user or None for the system, case, comment)."""


# -- effects: what each step changes besides the state ------------------------------------------


def _no_effect(_user: User | None, _review: Review, _comment: str) -> None:
    return None


def _submit(user: User | None, review: Review, _comment: str) -> None:
    review.proposal = review_subjects().snapshot(review)
    review.submitted_at = review.submitted_at or utcnow()
    review.submitted_by_id = user.id if user else None


def _take(user: User | None, review: Review, _comment: str) -> None:
    review.assignee_id = user.id if user else None
    # The case is judged on the criteria in force now, even if officials change them later.
    if review.criteria_version is None:
        review.criteria_version = current_version_number(review.subject_type.value)


def _recommend(recommendation: Recommendation) -> Effect:
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
        _award_mark(review, today())


def _send_back(_user: User | None, review: Review, _comment: str) -> None:
    review.recommendation = None
    review.recommended_by_id = None


def _set_mark_status(status: MarkStatus) -> Effect:
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
    years = int(current_app.config.get("MARK_VALIDITY_YEARS", 3))
    mark = QualityMark(
        subject_type=review.subject_type,
        course_id=review.course_id,
        provider_id=review.provider_id,
        awarded_on=day,
        valid_until=_add_years(day, years),
    )
    review.marks.append(mark)
    review_subjects().publish(review)
    db.session.flush()  # the mark's id, for its audit event
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


# -- targets, permissions and refusals that are more than one value ------------------------------


def _decision(review: Review) -> ReviewState:
    """Confirming a recommendation decides the case the way the first official proposed."""
    return S.APPROVED if review.recommendation is Recommendation.APPROVE else S.REJECTED


def _system_only(user: User | None, _review: Review) -> bool:
    return user is None  # the daily expiry job acts without a user


def _four_eyes_refusal(user: User | None, review: Review) -> str | None:
    if user is not None and review.recommended_by_id == user.id:
        return _("Een tweede beoordelaar moet dit besluit bevestigen; u heeft het zelf voorgesteld.")
    return None


# -- the table -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Transition:
    """One step of the workflow, with everything that belongs to it."""

    action: str
    label: str
    sources: frozenset[ReviewState]
    target: ReviewState | Callable[[Review], ReviewState]
    allowed: Callable[[User | None, Review], bool]
    needs_comment: bool = False
    effect: Effect = _no_effect
    # Subjects of the e-mails the step sends to the provider's contacts and to all officials.
    notify_provider: str | None = None
    notify_officials: str | None = None
    # A refusal more precise than the general ones, when `allowed` says no.
    refusal: Callable[[User | None, Review], str | None] | None = None
    # How the button looks: "primary" moves the case forward, "secondary" sends it back a step.
    weight: str = "primary"
    # A heavy step (its button a warning) says what it will do and asks to be confirmed first.
    caution: str | None = None

    def target_for(self, review: Review) -> ReviewState:
        """The state this step would give ``review`` now."""
        return self.target if isinstance(self.target, ReviewState) else self.target(review)

    def refusal_for(self, user: User | None, review: Review) -> str:
        """Why ``user`` may not take this step on ``review``."""
        reason = self.refusal(user, review) if self.refusal is not None else None
        if reason:
            return reason
        if user is not None and user.belongs_to_provider(review.subject_provider_id):
            return _("U hoort bij deze aanbieder en mag deze zaak daarom niet beoordelen.")
        return _("U mag de stap ‘%(step)s’ niet zetten.", step=self.label)


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        Transition(
            "submit",
            _l("Indienen"),
            frozenset({S.DRAFT}),
            S.SUBMITTED,
            can_act_for_subject,
            effect=_submit,
            notify_officials="Nieuwe aanvraag in de wachtrij",
        ),
        Transition(
            "resubmit",
            _l("Opnieuw indienen"),
            frozenset({S.CHANGES_REQUESTED}),
            S.SUBMITTED,
            can_act_for_subject,
            effect=_submit,
            notify_officials="Aangepaste aanvraag in de wachtrij",
        ),
        Transition(
            "take",
            _l("In behandeling nemen"),
            frozenset({S.SUBMITTED}),
            S.IN_REVIEW,
            can_take,
            effect=_take,
            notify_provider="Uw aanvraag is in behandeling genomen",
        ),
        Transition(
            "request_changes",
            _l("Wijzigingen vragen"),
            frozenset({S.IN_REVIEW}),
            S.CHANGES_REQUESTED,
            is_assigned_official,
            needs_comment=True,
            notify_provider="De beoordelaar vraagt om wijzigingen",
            weight="secondary",
        ),
        Transition(
            "recommend_approve",
            _l("Goedkeuring voorstellen"),
            frozenset({S.IN_REVIEW}),
            S.AWAITING_CONFIRMATION,
            is_assigned_official,
            needs_comment=True,
            effect=_recommend(Recommendation.APPROVE),
            notify_officials="Voorstel tot goedkeuring wacht op bevestiging",
        ),
        Transition(
            "recommend_reject",
            _l("Afwijzing voorstellen"),
            frozenset({S.IN_REVIEW}),
            S.AWAITING_CONFIRMATION,
            is_assigned_official,
            needs_comment=True,
            effect=_recommend(Recommendation.REJECT),
            notify_officials="Voorstel tot afwijzing wacht op bevestiging",
            caution=_l(
                "Een tweede beoordelaar bevestigt de afwijzing; daarna krijgt de aanbieder het besluit "
                "en wordt de opleiding niet gepubliceerd."
            ),
        ),
        Transition(
            "confirm",
            _l("Besluit bevestigen"),
            frozenset({S.AWAITING_CONFIRMATION}),
            _decision,
            can_confirm,
            effect=_confirm,
            notify_provider="Besluit over uw aanvraag",
            refusal=_four_eyes_refusal,
        ),
        Transition(
            "send_back",
            _l("Terugsturen naar beoordelaar"),
            frozenset({S.AWAITING_CONFIRMATION}),
            S.IN_REVIEW,
            can_confirm,
            needs_comment=True,
            effect=_send_back,
            refusal=_four_eyes_refusal,
            weight="secondary",
        ),
        Transition(
            "suspend",
            _l("Schorsen"),
            frozenset({S.APPROVED}),
            S.SUSPENDED,
            can_manage_mark,
            needs_comment=True,
            effect=_set_mark_status(MarkStatus.SUSPENDED),
            notify_provider="Uw keurmerk of accreditatie is geschorst",
            caution=_l(
                "Het keurmerk of de accreditatie is direct niet meer geldig: het register toont ‘geschorst’ "
                "en de aanbieder krijgt bericht."
            ),
        ),
        Transition(
            "reinstate",
            _l("Schorsing opheffen"),
            frozenset({S.SUSPENDED}),
            S.APPROVED,
            can_manage_mark,
            needs_comment=True,
            effect=_set_mark_status(MarkStatus.VALID),
            notify_provider="De schorsing van uw keurmerk of accreditatie is opgeheven",
        ),
        Transition(
            "revoke",
            _l("Intrekken"),
            frozenset({S.APPROVED, S.SUSPENDED}),
            S.REVOKED,
            can_manage_mark,
            needs_comment=True,
            effect=_set_mark_status(MarkStatus.REVOKED),
            notify_provider="Uw keurmerk of accreditatie is ingetrokken",
            caution=_l(
                "Het keurmerk of de accreditatie vervalt definitief; dit kan niet ongedaan worden gemaakt. "
                "De aanbieder krijgt bericht."
            ),
        ),
        Transition(
            "expire",
            _l("Laten verlopen"),
            frozenset({S.APPROVED}),
            S.EXPIRED,
            _system_only,
            effect=_set_mark_status(MarkStatus.EXPIRED),
            notify_provider="Uw keurmerk of accreditatie is verlopen",
        ),
        Transition(
            "withdraw",
            _l("Terugtrekken"),
            PRE_DECISION,
            S.WITHDRAWN,
            can_act_for_subject,
            notify_officials="Aanvraag teruggetrokken",
            caution=_l(
                "De beoordeling stopt. Wilt u later toch een besluit, dan dient u opnieuw in en begint de "
                "beoordeling opnieuw."
            ),
        ),
    )
}

STATE_LABELS = {state: state.label for state in ReviewState}


def user_actions() -> list[str]:
    """The steps a person can take (the rest are taken by the scheduled jobs), in table order."""
    return [action for action, t in TRANSITIONS.items() if t.allowed is not _system_only]


def available_actions(user: User | None, review: Review) -> list[Transition]:
    """The transitions ``user`` may take on ``review`` now (for buttons and the API).

    :raise NotFound: the user may not see the case.
    """
    require_case_viewer(user, review.id, system=True)
    return [t for t in TRANSITIONS.values() if review.state in t.sources and t.allowed(user, review)]


def apply_transition(
    user: User | None,
    review_id: int,
    action: str,
    *,
    comment: str = "",
    version: int | None = None,
    checklist: dict[str, bool] | None = None,
) -> Review:
    """Take one step in the workflow; everything or nothing is saved. ``checklist`` answers, when
    given, are saved with the step (an official ticks the criteria and decides in one go).

    :raise NotFound: no such case, or the user may not see it.
    :raise ValidationFailed: unknown action, or a required comment or checklist is missing.
    :raise Conflict: ``version`` is stale, or another official acted at the same moment.
    :raise InvalidTransition: the case's state does not allow this step.
    :raise PermissionDenied: the user may not take this step.
    """
    review = require_case_viewer(user, review_id, system=True)
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
        raise PermissionDenied(transition.refusal_for(user, review))
    comment = comment.strip()
    if transition.needs_comment and not comment:
        raise ValidationFailed(_("Geef een toelichting bij deze stap."), fields={"comment": [_("verplicht")]})

    with unit_of_work(_("Een andere beoordelaar was u net voor; uw stap is niet opgeslagen.")):
        before = {"state": review.state.value, "version": review.version}
        if checklist is not None:
            stage_checklist(user, review, checklist)
        review.state = transition.target_for(review)
        # Loading what the effect reads must not write the half-changed case (one version step a step).
        with db.session.no_autoflush:
            transition.effect(user, review, comment)
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
        notices.queue_for_transition(review, comment, transition.notify_provider, transition.notify_officials)
    return review


def stage_checklist(user: User | None, review: Review, answers: dict[str, bool]) -> None:
    """Set the assigned official's answers (criteria not mentioned keep theirs), audited, for the
    caller's unit of work.

    :raise InvalidTransition: the case is not being worked; :raise PermissionDenied: not the assigned
        official; :raise ValidationFailed: unknown criterion.
    """
    if review.state is not ReviewState.IN_REVIEW:
        raise InvalidTransition(
            _("De checklist kan alleen worden ingevuld terwijl de zaak in behandeling is.")
        )
    if not is_assigned_official(user, review):
        raise PermissionDenied(
            _("Alleen de beoordelaar die de zaak in behandeling heeft, vult de checklist in.")
        )
    unknown = sorted(set(answers) - set(criteria_of(review)))
    if unknown:
        raise ValidationFailed(_("Onbekend criterium."), fields={"checklist": unknown})
    before = dict(review.checklist)
    review.checklist = {**review.checklist, **{code: bool(met) for code, met in answers.items()}}
    record("review.checklist", "review", review.id, actor_id=user.id, before=before, after=review.checklist)
