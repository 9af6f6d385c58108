"""The provider's workspace: its courses, drafts, runs, submission, renewal and colleagues."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.datastructures import MultiDict

from registry.accounts.permissions import is_provider_user
from registry.catalogue import colleagues, drafts, profiles, reference, submission
from registry.catalogue.permissions import require_course_creator
from registry.clock import today
from registry.errors import ValidationFailed

bp = Blueprint("provider_portal", __name__, url_prefix="/aanbieder")


@bp.app_context_processor
def _provider_flags() -> dict[str, bool]:
    """Templates ask ``can_offer_courses`` instead of comparing role names."""
    return {"can_offer_courses": is_provider_user(current_user)}


def _user():
    return current_user._get_current_object()


@bp.get("/")
@login_required
def dashboard():
    """Every course of the user's providers with its status and open review."""
    return _dashboard_page()


def _dashboard_page(**extra):
    user = _user()
    providers = [(p, drafts.own_courses(user, p.id)) for p in drafts.providers_of(user)]
    open_reviews = drafts.open_reviews([c for _p, courses in providers for c in courses])
    # One word for where each course stands, never "concept" beside "Ingediend".
    stage = {
        course.id: next(
            step.label
            for step in submission.course_steps(course, open_reviews.get(course.id))
            if step.current
        )
        for _p, courses in providers
        for course in courses
    }
    return render_template(
        "provider/dashboard.html",
        providers=providers,
        open_reviews=open_reviews,
        stage=stage,
        provinces=reference.choices()["provinces"],
        **extra,
    )


@bp.route("/<int:provider_id>/opleidingen/nieuw", methods=["GET", "POST"])
@login_required
def new_course(provider_id: int):
    require_course_creator(_user(), provider_id)
    if request.method == "GET":
        return render_template(
            "provider/course_form.html", values={}, provider_id=provider_id, choices=reference.choices()
        )
    try:
        course = drafts.create_course(_user(), provider_id, request.form)
    except ValidationFailed as error:
        return render_template(
            "provider/course_form.html",
            values=request.form,
            provider_id=provider_id,
            choices=reference.choices(),
            errors=error.fields,
            message=error.message,
        ), 422
    flash(_("Het concept is opgeslagen. Voeg uitvoeringen toe en dien het in als het klaar is."))
    return redirect(url_for("provider_portal.course", course_id=course.id))


@bp.route("/opleidingen/<int:course_id>", methods=["GET", "POST"])
@login_required
def course(course_id: int):
    """Show and edit one's own course; a published course's edits become a proposal for review."""
    user = _user()
    course, review = drafts.own_course(user, course_id)
    if request.method == "POST":
        try:
            drafts.update_course(user, course_id, request.form, version=request.form.get("version", type=int))
        except ValidationFailed as error:
            return _course_page(
                course, review, values=request.form, errors=error.fields, message=error.message
            ), 422
        flash(_("Uw wijzigingen zijn opgeslagen."))
        return redirect(url_for("provider_portal.course", course_id=course_id))
    return _course_page(course, review)


def _course_page(course, review, **extra):
    """The provider's course page: steps, what blocks submission, runs, and the content form."""
    content = drafts.pending_content(course, review)
    values = extra.pop("values", None) or _form_values(content)
    return render_template(
        "provider/course.html",
        course=course,
        review=review,
        values=values,
        choices=reference.choices(),
        steps=submission.course_steps(course, review),
        blockers=extra.pop("submit_errors", None) or submission.submission_blockers(course, content, today()),
        run_values=extra.pop("run_values", {}),
        **extra,
    )


def _form_values(content: dict[str, Any]) -> MultiDict:
    values = MultiDict()
    for key, value in content.items():
        if isinstance(value, list) and key != "cross_over_sectors":
            values.setlist(key, value)
        elif key == "cross_over_sectors":
            values[key] = ", ".join(value)
        else:
            values[key] = "" if value is None else str(value)
    return values


@bp.post("/opleidingen/<int:course_id>/uitvoeringen")
@login_required
def add_run(course_id: int):
    """Add a run; on an error the page comes back with what was typed and says what to fix."""
    try:
        drafts.add_run(_user(), course_id, request.form)
    except ValidationFailed as error:
        course, review = drafts.own_course(_user(), course_id)
        return _course_page(
            course, review, run_values=request.form, run_errors=error.fields, run_message=error.message
        ), 422
    flash(_("De uitvoering is toegevoegd."), "success")
    return redirect(url_for("provider_portal.course", course_id=course_id) + "#uitvoeringen")


@bp.post("/opleidingen/<int:course_id>/uitvoeringen/<int:run_id>/verwijderen")
@login_required
def remove_run(course_id: int, run_id: int):
    drafts.remove_run(_user(), course_id, run_id)
    flash(_("De uitvoering is verwijderd."))
    return redirect(url_for("provider_portal.course", course_id=course_id) + "#uitvoeringen")


@bp.post("/opleidingen/<int:course_id>/indienen")
@login_required
def submit(course_id: int):
    try:
        drafts.submit_course(_user(), course_id)
    except ValidationFailed as error:  # no run ahead or an ended scheme: say so beside the button
        course, review = drafts.own_course(_user(), course_id)
        return _course_page(course, review, submit_errors=error.fields, submit_message=error.message), 422
    flash(_("Ingediend. Een beoordelaar van de branche neemt uw aanvraag in behandeling."), "success")
    return redirect(url_for("provider_portal.course", course_id=course_id))


@bp.post("/opleidingen/<int:course_id>/verlengen")
@login_required
def renew(course_id: int):
    drafts.start_renewal(_user(), course_id)
    flash(_("De verlenging is gestart met de goedgekeurde versie. Controleer de gegevens en dien in."))
    return redirect(url_for("provider_portal.course", course_id=course_id))


@bp.post("/<int:provider_id>/collega")
@login_required
def invite(provider_id: int):
    email = request.form.get("email", "").strip().lower()
    try:
        colleagues.invite_colleague(_user(), provider_id, email, request.form.get("name", ""))
    except ValidationFailed as error:
        flash(error.message, "error")
    else:  # the same words whether or not the address already had an account
        flash(_("%(email)s is uitgenodigd en ontvangt een link om een wachtwoord te kiezen.", email=email))
    return redirect(url_for("provider_portal.dashboard"))


@bp.post("/<int:provider_id>/profiel")
@login_required
def update_profile(provider_id: int):
    form = {key: value for key, value in request.form.items() if key != "csrf_token"}
    try:
        profiles.update_profile(_user(), provider_id, form)
    except ValidationFailed as error:  # the profile form opens again with what was typed
        failed = {"provider_id": provider_id, "typed": request.form, "errors": error.fields}
        return _dashboard_page(profile_form={**failed, "message": error.message}), 422
    flash(_("Het profiel is opgeslagen."), "success")
    return redirect(url_for("provider_portal.dashboard"))


@bp.post("/<int:provider_id>/keurmerk")
@login_required
def request_keurmerk(provider_id: int):
    review = profiles.request_keurmerk(_user(), provider_id)
    flash(_("Uw aanvraag voor het keurmerk is ingediend."))
    return redirect(url_for("reviews.case", review_id=review.id))
