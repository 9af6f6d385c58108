"""The planner's pages: an organisation's overview and plan, its certificates, and the rules admins keep."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from registry.catalogue import reference
from registry.clock import today
from registry.errors import ValidationFailed
from registry.organisations.permissions import own_organisation_id
from registry.planner import certificates, service
from registry.planner.permissions import can_manage_rules, can_plan

bp = Blueprint("planner", __name__)


@bp.app_context_processor
def _planner_flags() -> dict[str, bool]:
    """Templates ask these instead of comparing role names."""
    return {"can_plan": can_plan(current_user), "can_manage_planner_rules": can_manage_rules(current_user)}


def _user():
    return current_user._get_current_object()


def _organisation_id() -> int:
    return own_organisation_id(_user())


@bp.get("/organisatie/")
@login_required
def overview():
    """The organisation's details, staff and certificates: what the planner counts."""
    organisation, items = service.plan(_user(), _organisation_id(), today())
    return render_template(
        "organisations/overview.html",
        provinces=reference.choices()["provinces"],
        organisation=organisation,
        roles=reference.choices()["target_roles"],
        requirements=[item.rule for item in items],
    )


@bp.get("/organisatie/planner")
@login_required
def planner_page():
    """The mandatory-training planner for today (or ``?datum=`` to look ahead)."""
    day = today()
    try:
        asked = date.fromisoformat(request.args.get("datum", ""))
    except ValueError:
        asked = day
    if abs((asked - day).days) <= 10 * 365:  # looking ahead (or back) a few years is enough
        day = asked
    organisation, items = service.plan(_user(), _organisation_id(), day)
    return render_template("planner/plan.html", organisation=organisation, items=items, day=day)


@bp.post("/organisatie/certificaten")
@login_required
def add_certificate():
    try:
        certificates.add_certificate(_user(), _organisation_id(), request.form)
    except ValidationFailed as error:
        flash(
            error.summary() if error.message == _("Niet alle velden zijn goed ingevuld.") else error.message,
            "error",
        )
    else:
        flash(_("Het certificaat is toegevoegd."))
    return redirect(url_for("planner.overview") + "#certificaten")


@bp.post("/organisatie/certificaten/<int:certificate_id>/verwijderen")
@login_required
def remove_certificate(certificate_id: int):
    certificates.remove_certificate(_user(), _organisation_id(), certificate_id)
    flash(_("Het certificaat is verwijderd."))
    return redirect(url_for("planner.overview") + "#certificaten")


@bp.get("/beheer/planner-regels/")
@login_required
def rules():
    return render_template("planner/rules.html", rules=service.all_rules(_user()))


@bp.post("/beheer/planner-regels/<int:rule_id>")
@login_required
def update(rule_id: int):
    try:
        service.update_rule(_user(), rule_id, request.form)
    except ValidationFailed as error:
        flash(error.summary(), "error")
    else:
        flash(_("De regel is opgeslagen."))
    return redirect(url_for("planner.rules"))
