"""The officials' workspace: the queue, a case with its checklist and thread, and the dashboard.

Providers use the same case page to follow their cases, answer comments and withdraw.
"""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from registry.clock import utcnow
from registry.errors import Conflict, InvalidTransition, ValidationFailed
from registry.reviews import service
from registry.reviews.criteria import criteria_of
from registry.reviews.models import MARK_STATUS_LABELS
from registry.reviews.permissions import can_see_queue, case_abilities
from registry.reviews.schemas import QueueFilterSchema
from registry.reviews.workflow import STATE_LABELS, TRANSITIONS, apply_transition, available_actions
from registry.validation import load_or_fail

bp = Blueprint("reviews", __name__, url_prefix="/beoordelingen")


@bp.app_context_processor
def _review_flags() -> dict[str, bool]:
    """Templates ask ``can_review`` instead of comparing role names."""
    return {"can_review": can_see_queue(current_user)}


# How the reviewed content's fields are named on the case page.
FIELD_LABELS = {
    "title": _l("Titel"),
    "summary": _l("Samenvatting"),
    "description_html": _l("Beschrijving"),
    "level": _l("Niveau"),
    "delivery_mode": _l("Vorm"),
    "study_load_hours": _l("Studiebelasting (uren)"),
    "price": _l("Prijs (euro)"),
    "language": _l("Taal"),
    "certificate_type": _l("Bewijs"),
    "programme_name": _l("Module van"),
    "cross_over_sectors": _l("Ook bruikbaar in"),
    "course_code": _l("Cursuscode"),
    "legal_requirement": _l("Wettelijke eis"),
    "topics": _l("Thema's"),
    "target_roles": _l("Voor wie"),
    "age_groups": _l("Leeftijdsgroepen"),
    "schemes": _l("Regelingen"),
    "name": _l("Naam"),
    "kvk_number": _l("KvK-nummer"),
    "description": _l("Beschrijving"),
}
# Fields of the reviewed content that hold codes, and the vocabulary that names them.
FIELD_VOCABULARIES = {
    "level": "level",
    "delivery_mode": "delivery_mode",
    "legal_requirement": "legal_requirement",
    "topics": "topic",
    "target_roles": "target_role",
    "age_groups": "age_group",
    "schemes": "scheme",
}
MARK_LABELS = {status.value: words for status, words in MARK_STATUS_LABELS.items()}


def _user():
    return current_user._get_current_object()


@bp.get("/")
@login_required
def queue():
    """The queue with filters on state, subject and age; each case shows how long it has waited."""
    try:
        filters = service.QueueFilter(**load_or_fail(QueueFilterSchema(), request.args))
    except ValidationFailed as error:  # the same rules as the API; the page explains and shows all
        problems = " ".join(str(m) for messages in error.fields.values() for m in messages)
        flash(problems, "error")
        filters = service.QueueFilter()
    cases = service.review_queue(_user(), filters)
    return render_template(
        "reviews/queue.html",
        # An import submitted in one step is one entry, unless the queue shows that import alone.
        cases=cases if filters.import_batch else service.group_import_batches(cases),
        filters=filters,
        now=utcnow(),
        state_labels=STATE_LABELS,
        can_see_dashboard=can_see_queue(_user()),
    )


@bp.get("/<int:review_id>")
@login_required
def case(review_id: int):
    return _case_page(review_id)


def _case_page(review_id: int, **extra):
    """The case page; after a refused step it shows again what the official typed and ticked."""
    review, history = service.review_detail(_user(), review_id)
    values = extra.pop("values", None)
    ticked = values.getlist("met") if values is not None and values.get("checklist") else None
    return render_template(
        "reviews/case.html",
        review=review,
        next_in_batch=service.next_in_batch(_user(), review),
        history=history,
        abilities=case_abilities(_user(), review),
        actions=available_actions(_user(), review),
        criteria=criteria_of(review),
        ticked=ticked if ticked is not None else [c for c, met in review.checklist.items() if met],
        comment=values.get("comment", "") if values is not None else "",
        state_labels=STATE_LABELS,
        transitions=TRANSITIONS,
        field_labels=FIELD_LABELS,
        field_vocabularies=FIELD_VOCABULARIES,
        mark_labels=MARK_LABELS,
        **extra,
    )


def _posted_checklist(review_id: int) -> dict[str, bool] | None:
    """The ticks posted with a step, when the form showed the checklist for editing."""
    if not request.form.get("checklist"):
        return None
    return service.checklist_from_ticks(review_id, request.form.getlist("met"))


@bp.post("/<int:review_id>/stap")
@login_required
def act(review_id: int):
    """Take one workflow step from the case page, with the checklist as ticked on the page.

    A heavy step (its transition has a ``caution``) first shows a confirmation page that carries
    everything typed; nothing is lost on "back" or on a refusal.
    """
    action = request.form.get("action", "")
    transition = TRANSITIONS.get(action)
    if request.form.get("terug"):
        return _case_page(review_id, values=request.form)
    needs_confirmation = transition is not None and transition.caution and not request.form.get("bevestigd")
    if needs_confirmation and (request.form.get("comment", "").strip() or not transition.needs_comment):
        review, _history = service.review_detail(_user(), review_id)
        return render_template(
            "reviews/confirm_step.html", review=review, transition=transition, form=request.form
        )
    try:
        review = apply_transition(
            _user(),
            review_id,
            action,
            comment=request.form.get("comment", ""),
            version=request.form.get("version", type=int),
            checklist=_posted_checklist(review_id),
        )
    except (ValidationFailed, Conflict, InvalidTransition) as error:
        return _case_page(
            review_id, values=request.form, errors=error.fields, message=error.message
        ), error.status
    flash(_("Gelukt: de zaak heeft nu de status ‘%(state)s’.", state=STATE_LABELS[review.state]), "success")
    return redirect(url_for("reviews.case", review_id=review_id))


@bp.post("/<int:review_id>/reactie")
@login_required
def comment(review_id: int):
    try:
        service.add_comment(_user(), review_id, request.form.get("comment", ""))
    except ValidationFailed as error:
        flash(error.message, "error")
    return redirect(url_for("reviews.case", review_id=review_id) + "#gesprek")


@bp.post("/<int:review_id>/checklist")
@login_required
def checklist(review_id: int):
    """Save only the ticks; a half-written rationale beside them stays on the page."""
    try:
        answers = service.checklist_from_ticks(review_id, request.form.getlist("met"))
        service.update_checklist(_user(), review_id, answers, version=request.form.get("version", type=int))
    except (ValidationFailed, Conflict, InvalidTransition) as error:
        return _case_page(review_id, values=request.form, message=error.message), error.status
    if request.form.get("comment", "").strip():
        flash(_("De checklist is opgeslagen."), "success")
        return _case_page(review_id, values=request.form)
    flash(_("De checklist is opgeslagen."), "success")
    return redirect(url_for("reviews.case", review_id=review_id) + "#beoordelen")


@bp.get("/overzicht")
@login_required
def dashboard():
    """Cases per state, median time to decision, marks expiring within 60 days, and the panels other
    features offer officials (the gaps in the accredited offer)."""
    dashboard = service.official_dashboard(_user())
    panels = [panel() for panel in current_app.extensions.get("official_dashboard_panels", ())]
    return render_template(
        "reviews/dashboard.html", dashboard=dashboard, state_labels=STATE_LABELS, panels=panels
    )
