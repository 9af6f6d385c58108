"""Pages for childcare organisations: sign-up, the overview with details and colleagues, the shortlist
and searches. Locations, staff per person and the compliance verdicts are the compliance pages."""

from __future__ import annotations

import hashlib

from flask import Blueprint, Response, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from registry.catalogue import reference
from registry.clock import today
from registry.errors import InvalidTransition, ValidationFailed
from registry.extensions import limiter
from registry.http.caching import conditional
from registry.http.ratelimit import form_limit
from registry.organisations import colleagues, saved_searches, service
from registry.organisations.models import CareType
from registry.organisations.permissions import can_keep_shortlist, is_organisation_admin, own_organisation_id
from registry.organisations.schemas import ColleagueRoleSchema
from registry.schemes.costs import net_cost
from registry.validation import load_or_fail
from registry.web.safety import safe_next_url

bp = Blueprint("organisations", __name__)


@bp.app_context_processor
def _organisation_flags() -> dict[str, bool]:
    """Templates ask ``can_keep_shortlist`` (save courses, follow searches) instead of comparing roles."""
    return {"can_keep_shortlist": can_keep_shortlist(current_user)}


def _user():
    return current_user._get_current_object()


def _organisation_id() -> int:
    return own_organisation_id(_user())


@bp.route("/organisatie/aanmelden", methods=["GET", "POST"])
@limiter.limit(form_limit, methods=["POST"])
def signup():
    """A childcare organisation creates its account."""
    choices = {
        "care_types": [(c.value, c.value) for c in CareType],
        "provinces": reference.choices()["provinces"],
    }
    if request.method == "GET":
        return render_template("organisations/signup.html", values={}, choices=choices)
    try:
        service.register_organisation(request.form)
    except ValidationFailed as error:
        return render_template(
            "organisations/signup.html",
            values=request.form,
            choices=choices,
            errors=error.fields,
            message=error.message,
        ), 422
    # The same answer whether or not the address already had an account.
    return redirect(url_for("organisations.signup_sent"))


@bp.get("/organisatie/aanmelden/verstuurd")
def signup_sent():
    """Check your mail: the link in it finishes the sign-up."""
    return render_template("organisations/signup_sent.html")


@bp.get("/organisatie/")
@login_required
def overview():
    """The organisation's details and colleagues, and the way to its compliance pages."""
    return _overview_page()


def _overview_page(**refused: dict) -> str:
    """The overview; a refused form (``details`` or ``invite``) opens again with what was typed."""
    return render_template(
        "organisations/overview.html",
        provinces=reference.choices()["provinces"],
        organisation=service.organisation_for_member(_user(), _organisation_id()),
        refused=refused,
    )


def _refused(error: ValidationFailed) -> dict:
    return {"typed": request.form, "errors": error.fields, "message": error.message}


@bp.post("/organisatie/gegevens")
@login_required
def details():
    try:
        service.update_organisation(_user(), _organisation_id(), request.form)
    except ValidationFailed as error:
        return _overview_page(details=_refused(error)), 422
    flash(_("De gegevens van uw organisatie zijn opgeslagen."))
    return redirect(url_for("organisations.overview"))


@bp.post("/organisatie/collega")
@login_required
def invite():
    try:
        service.invite_colleague(_user(), _organisation_id(), request.form)
    except ValidationFailed as error:
        return _overview_page(invite=_refused(error)), 422
    # The same words whether or not the address already had an account.
    flash(_("%(email)s is uitgenodigd.", email=request.form.get("email", "").strip().lower()))
    return redirect(url_for("organisations.overview"))


@bp.get("/organisatie/collegas")
@login_required
def colleague_list():
    """Everyone with an account for the organisation and their role; administrators change roles here."""
    organisation_id = _organisation_id()
    return render_template(
        "organisations/colleagues.html",
        colleagues=colleagues.colleagues(_user(), organisation_id),
        sole_administrator=colleagues.sole_administrator(_user(), organisation_id),
        can_change_roles=is_organisation_admin(_user(), organisation_id),
    )


@bp.post("/organisatie/collegas/<int:colleague_id>/rol")
@login_required
def colleague_role(colleague_id: int):
    """Make a colleague administrator or ordinary member; stepping down oneself is asked once more."""
    choice = load_or_fail(ColleagueRoleSchema(), request.form)
    admin = choice["role"] == "beheerder"
    if colleague_id == _user().id and not admin and not choice["confirmed"]:
        return redirect(url_for("organisations.step_down"))
    try:
        colleague, changed = colleagues.set_colleague_admin(_user(), _organisation_id(), colleague_id, admin)
    except InvalidTransition as error:
        flash(error.message, "error")
        return redirect(url_for("organisations.colleague_list"))
    name = colleague.name or colleague.email
    if not changed:
        flash(_("%(name)s was al beheerder.", name=name) if admin else _("%(name)s was al lid.", name=name))
    elif colleague.id == _user().id:
        flash(_("U bent geen beheerder meer; u bent nu lid van uw organisatie."))
    else:
        flash(_("%(name)s is nu beheerder.", name=name) if admin else _("%(name)s is nu lid.", name=name))
    return redirect(url_for("organisations.colleague_list"))


@bp.get("/organisatie/collegas/geen-beheerder-meer")
@login_required
def step_down():
    """Are you sure? An administrator who steps down no longer sees the staff records."""
    organisation_id = _organisation_id()
    return render_template(
        "organisations/step_down.html",
        can_change_roles=is_organisation_admin(_user(), organisation_id),
        sole_administrator=colleagues.sole_administrator(_user(), organisation_id),
    )


@bp.get("/bewaarlijst")
@login_required
def shortlist():
    return render_template(
        "organisations/shortlist.html", courses=service.shortlist(_user(), _organisation_id()), today=today()
    )


@bp.post("/bewaarlijst/<int:course_id>")
@login_required
def save(course_id: int):
    service.add_to_shortlist(_user(), _organisation_id(), course_id)
    flash(_("Bewaard op uw bewaarlijst."))
    return redirect(safe_next_url(request.form.get("terug")) or url_for("organisations.shortlist"))


@bp.post("/bewaarlijst/<int:course_id>/verwijderen")
@login_required
def unsave(course_id: int):
    service.remove_from_shortlist(_user(), _organisation_id(), course_id)
    flash(_("Verwijderd van uw bewaarlijst."))
    return redirect(url_for("organisations.shortlist"))


@bp.get("/bewaarlijst/vergelijken")
@login_required
def compare():
    ids = request.args.getlist("c", type=int)
    try:
        courses = service.compare(_user(), _organisation_id(), ids)
    except ValidationFailed as error:
        flash(error.message, "error")
        return redirect(url_for("organisations.shortlist"))
    costs = {c.id: net_cost(c.price, c.schemes, today()) for c in courses}
    return render_template("organisations/compare.html", courses=courses, today=today(), costs=costs)


@bp.get("/bewaarlijst.csv")
@login_required
def export_csv():
    base = current_app.config["PUBLIC_BASE_URL"].rstrip("/")
    body = "\ufeff" + service.shortlist_csv(
        _user(), _organisation_id(), today(), base
    )  # BOM: Excel reads UTF-8
    return Response(
        body, mimetype="text/csv", headers={"Content-Disposition": 'attachment; filename="bewaarlijst.csv"'}
    )


@bp.get("/bewaarlijst/afdrukken")
@login_required
def printable():
    return render_template(
        "organisations/print.html", courses=service.shortlist(_user(), _organisation_id()), today=today()
    )


@bp.get("/zoekopdrachten")
@login_required
def saved_search_list():
    """The searches the organisation follows, with their Atom feed addresses."""
    return render_template(
        "organisations/saved_searches.html",
        searches=saved_searches.saved_searches(_user(), _organisation_id()),
    )


@bp.post("/zoekopdrachten")
@login_required
def save_search():
    try:
        saved_searches.save_search(
            _user(), _organisation_id(), request.form.get("name", ""), request.form.get("query", "")
        )
    except ValidationFailed as error:
        flash(error.message, "error")
        return redirect(url_for("search.search_page"))
    flash(_("U volgt deze zoekopdracht. Nieuwe opleidingen komen in de dagelijkse e-mail en in de feed."))
    return redirect(url_for("organisations.saved_search_list"))


@bp.post("/zoekopdrachten/<int:saved_search_id>/verwijderen")
@login_required
def delete_search(saved_search_id: int):
    saved_searches.delete_saved_search(_user(), _organisation_id(), saved_search_id)
    flash(_("U volgt deze zoekopdracht niet meer."))
    return redirect(url_for("organisations.saved_search_list"))


@bp.get("/zoekopdrachten/<token>.atom")
def search_feed(token: str):
    """The Atom feed of a saved search; a feed reader follows it without logging in."""
    saved, courses = saved_searches.feed(token, today())
    body = render_template("organisations/saved_search.atom.xml", saved=saved, courses=courses)
    response = Response(body, mimetype="application/atom+xml")
    # The address is the key, so no shared cache may keep a copy; a reader revalidates cheaply.
    return conditional(
        response,
        etag=hashlib.sha256(body.encode()).hexdigest()[:32],
        last_modified=max((course.changed_at for course in courses), default=saved.created_at),
        max_age=FEED_MAX_AGE,
        private=True,
    )


FEED_MAX_AGE = 600
