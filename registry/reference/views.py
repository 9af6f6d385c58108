"""The admin screens under /beheer/ for the reference data, and the public page of its vocabularies."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, flash, redirect, render_template, request, stream_with_context, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.datastructures import MultiDict

from registry.clock import today
from registry.dutch_input import decimal_text
from registry.errors import ValidationFailed
from registry.reference import audit_trail as audit_service
from registry.reference import (
    compliance_rule_admin,
    criteria_admin,
    requirement_admin,
    scheme_admin,
    thesaurus_admin,
)
from registry.reference import taxonomy as taxonomy_service
from registry.reference.permissions import can_maintain_reference
from registry.reference.public import vocabularies_for_public

bp = Blueprint("reference_admin", __name__, url_prefix="/beheer")
public_bp = Blueprint("reference", __name__)

# How many empty window rows the scheme form offers for new application periods.
NEW_WINDOW_ROWS = 2


@bp.app_context_processor
def _reference_flags() -> dict[str, bool]:
    """Templates ask this instead of comparing role names."""
    return {"can_maintain_reference": can_maintain_reference(current_user)}


@public_bp.get("/referentiegegevens")
def vocabularies():
    """Topics, roles, age groups and legal requirements, each with its source and check date."""
    return render_template("reference/vocabularies.html", **vocabularies_for_public())


def _amount(text: str | None) -> str | None:
    """A Dutch amount ("€ 1.000,50") as the form schema reads it ("1000.50")."""
    return decimal_text(text) if text else text


def _scheme_form(form: Any) -> dict[str, Any]:
    """The scheme form as plain values: empty fields are "not set", window rows a list."""
    data: dict[str, Any] = {
        key: (value.strip() or None)
        for key, value in form.items()
        if key != "csrf_token" and not key.startswith("venster-")
    }
    for key in ("max_amount", "min_costs"):
        data[key] = _amount(data.get(key))
    for key in ("excludes", "conditions"):
        data[key] = data.get(key) or ""
    rows = sorted({key.split("-")[1] for key in form if key.startswith("venster-")})
    data["windows"] = [
        {
            "opens": form.get(f"venster-{row}-open"),
            "closes": form.get(f"venster-{row}-sluit") or None,
            "lottery": f"venster-{row}-loting" in form,
        }
        for row in rows
        if form.get(f"venster-{row}-open") and not form.get(f"venster-{row}-weg")
    ]
    return data


def _initial(scheme: Any) -> dict[str, Any]:
    fields = ("name", "funder", "summary", "covers", "excludes", "conditions", "source_url")
    values = {name: getattr(scheme, name) for name in fields}
    values["applicant"] = scheme.applicant.value
    values["max_amount_per"] = scheme.max_amount_per.value if scheme.max_amount_per else ""
    optional = (
        "max_amount",
        "min_costs",
        "cofinancing_percent",
        "active_from",
        "active_until",
        "last_checked_on",
    )
    for name in optional:
        value = getattr(scheme, name)
        values[name] = "" if value is None else str(value)
    return values


def _window_rows(scheme: Any, form: Any | None) -> list[tuple[int, str, str, bool]]:
    """(row, opens, closes, lottery) for every window, then empty rows for new ones."""
    if form is not None:
        rows = sorted({int(key.split("-")[1]) for key in form if key.startswith("venster-")})
        filled = [
            (
                row,
                form.get(f"venster-{row}-open", ""),
                form.get(f"venster-{row}-sluit", ""),
                f"venster-{row}-loting" in form,
            )
            for row in rows
        ]
    else:
        filled = [
            (i, str(w.opens_on), str(w.closes_on or ""), w.lottery) for i, w in enumerate(scheme.windows)
        ]
    start = max((row[0] for row in filled), default=-1) + 1
    kept = [row for row in filled if row[1] or row[2]]
    return kept + [(start + i, "", "", False) for i in range(NEW_WINDOW_ROWS)]


@bp.get("/regelingen")
@login_required
def schemes():
    overview = scheme_admin.schemes_for_officials(current_user._get_current_object(), today())
    return render_template("reference/admin_schemes.html", **overview, today=today())


@bp.route("/regelingen/<code>", methods=["GET", "POST"])
@login_required
def scheme(code: str):
    user = current_user._get_current_object()
    found, conflicts = scheme_admin.scheme_for_official(user, code)
    if request.method == "POST":
        try:
            changed = scheme_admin.update_scheme(user, code, _scheme_form(request.form))
        except ValidationFailed as error:
            return render_template(
                "reference/admin_scheme.html",
                scheme=found,
                conflicts=conflicts,
                values=request.form,
                windows=_window_rows(found, request.form),
                errors=error.fields,
                message=error.message,
            ), 422
        flash(_("De regeling is opgeslagen.") if changed else _("Er was niets gewijzigd."))
        return redirect(url_for("reference_admin.scheme", code=code))
    return render_template(
        "reference/admin_scheme.html",
        scheme=found,
        conflicts=conflicts,
        values=_initial(found),
        windows=_window_rows(found, None),
        errors={},
    )


# -- legal requirements ------------------------------------------------------------------------------


@bp.get("/eisen")
@login_required
def requirements():
    overview = requirement_admin.requirements_for_officials(current_user._get_current_object())
    return render_template("reference/admin_requirements.html", **overview, errors={}, failed=None)


@bp.post("/eisen/<code>")
@login_required
def update_requirement(code: str):
    user = current_user._get_current_object()
    data = {key: (value.strip() or None) for key, value in request.form.items() if key != "csrf_token"}
    data["description"] = data.get("description") or ""
    try:
        changed = requirement_admin.update_requirement(user, code, data)
    except ValidationFailed as error:
        overview = requirement_admin.requirements_for_officials(user)
        return render_template(
            "reference/admin_requirements.html",
            **overview,
            errors=error.fields,
            failed=code,
            message=error.message,
        ), 422
    flash(_("De wettelijke eis is opgeslagen.") if changed else _("Er was niets gewijzigd."))
    return redirect(url_for("reference_admin.requirements") + f"#eis-{code}")


# -- compliance rules ---------------------------------------------------------------------------------


def _rule_values(rule: Any) -> MultiDict:
    """A rule as its form shows it (lists as repeated keys, as the checkboxes post them)."""
    values = MultiDict()
    for name in (
        "title",
        "explanation",
        "citation",
        "source_url",
        "verified",
        "plan_ahead_days",
        "min_hours",
    ):
        values[name] = getattr(rule, name)
    for name in ("holders_per_location", "hours_per_centre", "hours_per_fte", "default_validity_months"):
        values[name] = "" if getattr(rule, name) is None else getattr(rule, name)
    for name in ("valid_from", "valid_until", "source_checked_on"):
        values[name] = getattr(rule, name) or ""
    for name in ("care_types", "roles", "qualifying_diplomas"):
        for item in getattr(rule, name):
            values.add(name, item)
    for name in ("babies_only", "vve_only"):
        if getattr(rule, name):
            values[name] = "on"
    return values


@bp.get("/planner-regels/")
def old_planner_rules():
    """The head-count planner's rules screen, kept for bookmarks: its rules are the compliance rules now."""
    return redirect(url_for("reference_admin.compliance_rules"), 301)


@bp.get("/nalevingsregels")
@login_required
def compliance_rules():
    overview = compliance_rule_admin.rules_for_officials(current_user._get_current_object())
    return render_template("reference/admin_compliance_rules.html", **overview)


@bp.route("/nalevingsregels/<code>", methods=["GET", "POST"])
@login_required
def compliance_rule(code: str):
    user = current_user._get_current_object()
    rule, conflicts = compliance_rule_admin.rule_for_official(user, code)
    page = {
        "rule": rule,
        "conflicts": conflicts,
        "roles": compliance_rule_admin.role_choices(),
        "care_types": [(care_type, care_type) for care_type in compliance_rule_admin.CARE_TYPES],
        "diplomas": compliance_rule_admin.diploma_choices(),
    }
    if request.method == "POST":
        try:
            changed = compliance_rule_admin.update_rule(user, code, request.form)
        except ValidationFailed as error:
            return render_template(
                "reference/admin_compliance_rule.html",
                **page,
                values=request.form,
                errors=error.fields,
                message=error.message,
            ), 422
        flash(_("De nalevingsregel is opgeslagen.") if changed else _("Er was niets gewijzigd."))
        return redirect(url_for("reference_admin.compliance_rule", code=code))
    return render_template(
        "reference/admin_compliance_rule.html", **page, values=_rule_values(rule), errors={}
    )


# -- search thesaurus -------------------------------------------------------------------------------


@bp.route("/thesaurus", methods=["GET", "POST"])
@login_required
def thesaurus():
    user = current_user._get_current_object()
    if request.method == "POST":
        try:
            saved = thesaurus_admin.save_thesaurus(user, request.form.get("text", ""))
        except ValidationFailed as error:
            page = thesaurus_admin.thesaurus_for_officials(user)
            page["text"] = request.form.get("text", "")
            return render_template(
                "reference/admin_thesaurus.html", **page, errors=error.fields, message=error.message
            ), 422
        flash(
            _("De thesaurus is opgeslagen; de zoekfunctie gebruikt hem na de volgende herindexering.")
            if saved
            else _("Er was niets gewijzigd.")
        )
        return redirect(url_for("reference_admin.thesaurus"))
    page = thesaurus_admin.thesaurus_for_officials(user)
    return render_template("reference/admin_thesaurus.html", **page, errors={})


# -- taxonomy ------------------------------------------------------------------------------------------


@bp.get("/taxonomie")
@login_required
def taxonomy():
    overview = taxonomy_service.taxonomy_for_officials(current_user._get_current_object())
    return render_template("reference/admin_taxonomy.html", **overview)


@bp.post("/taxonomie/<kind>")
@login_required
def add_term(kind: str):
    try:
        taxonomy_service.add_term(current_user._get_current_object(), kind, request.form)
    except ValidationFailed as error:
        flash(_("Niet toegevoegd: %(reason)s", reason=error.message), "error")
    else:
        flash(_("De term is toegevoegd."))
    return redirect(url_for("reference_admin.taxonomy") + f"#{kind}")


@bp.post("/taxonomie/<kind>/<slug>")
@login_required
def change_term(kind: str, slug: str):
    user = current_user._get_current_object()
    action = request.form.get("action")
    try:
        if action == "rename":
            taxonomy_service.rename_term(user, kind, slug, request.form)
            flash(_("De naam is gewijzigd."))
        elif action == "retire":
            taxonomy_service.retire_term(user, kind, slug, today())
            flash(_("De term is buiten gebruik gesteld."))
        elif action == "merge":
            moved = taxonomy_service.merge_terms(user, kind, slug, request.form.get("into", ""), today())
            flash(_("Samengevoegd: %(count)s opleidingen verplaatst.", count=moved))
        else:
            flash(_("Onbekende actie."))
    except ValidationFailed as error:
        flash(_("Niet gewijzigd: %(reason)s", reason=error.message), "error")
    return redirect(url_for("reference_admin.taxonomy") + f"#{kind}")


# -- audit trail -----------------------------------------------------------------------------------------


@bp.get("/audit")
@login_required
def audit_trail():
    user = current_user._get_current_object()
    try:
        page = audit_service.trail(user, request.args)
    except ValidationFailed as error:
        page = audit_service.trail(user, {})
        return render_template(
            "reference/audit_trail.html", trail=page, args=request.args, errors=error.fields
        ), 422
    return render_template("reference/audit_trail.html", trail=page, args=request.args, errors={})


@bp.get("/audit/<int:event_id>")
@login_required
def audit_event(event_id: int):
    found, actor = audit_service.event(current_user._get_current_object(), event_id)
    return render_template("reference/audit_event.html", event=found, actor=actor)


@bp.get("/audit.csv")
@login_required
def audit_export():
    lines = audit_service.export_csv(current_user._get_current_object(), request.args)
    return Response(
        stream_with_context(lines),
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="audittrail.csv"'},
    )


# -- review criteria --------------------------------------------------------------------------------------


@bp.get("/criteria")
@login_required
def criteria():
    overview = criteria_admin.criteria_for_officials(current_user._get_current_object())
    return render_template("reference/admin_criteria.html", subjects=overview, errors={}, failed=None)


@bp.post("/criteria/<subject_type>")
@login_required
def add_criteria_version(subject_type: str):
    user = current_user._get_current_object()
    try:
        version = criteria_admin.add_version(user, subject_type, request.form.get("lines", ""))
    except ValidationFailed as error:
        overview = criteria_admin.criteria_for_officials(user)
        overview[subject_type]["lines"] = request.form.get("lines", "")
        return render_template(
            "reference/admin_criteria.html",
            subjects=overview,
            errors=error.fields,
            failed=subject_type,
            message=error.message,
        ), 422
    flash(_("Versie %(n)s van de criteria geldt nu.", n=version) if version else _("Er was niets gewijzigd."))
    return redirect(url_for("reference_admin.criteria"))
