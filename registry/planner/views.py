"""Admins keep the planner's rules in step with law and cao."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from registry.errors import ValidationFailed
from registry.planner import service

bp = Blueprint("planner_admin", __name__, url_prefix="/beheer/planner-regels")


@bp.get("/")
@login_required
def rules():
    return render_template("planner/rules.html", rules=service.all_rules(current_user._get_current_object()))


@bp.post("/<int:rule_id>")
@login_required
def update(rule_id: int):
    form = request.form
    data = {key: value for key, value in form.items() if key != "csrf_token" and value != ""}
    data["babies_only"] = "babies_only" in form
    data["vve_only"] = "vve_only" in form
    for key in ("role_slugs", "care_types"):
        data[key] = [v.strip() for v in form.get(key, "").split(",") if v.strip()]
    for key in ("renewal_months", "source_checked_on"):
        if form.get(key, "") == "":
            data[key] = None
    try:
        service.update_rule(current_user._get_current_object(), rule_id, data)
    except ValidationFailed as error:
        problems = "; ".join(f"{k}: {' '.join(v)}" for k, v in error.fields.items())
        flash(_("Niet opgeslagen: %(problems)s", problems=problems))
    else:
        flash(_("De regel is opgeslagen."))
    return redirect(url_for("planner_admin.rules"))
