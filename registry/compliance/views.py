"""Pages for an organisation's compliance: locations, staff and their import, the planner per location
and person, the opleidingsplan (page, CSV, XLSX) and the GGD overview per location."""

from __future__ import annotations

import base64
import binascii
from datetime import date

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from registry.catalogue import reference
from registry.clock import today
from registry.compliance import exports, planning, service
from registry.compliance.permissions import can_manage_staff
from registry.compliance.staff_import import DIPLOMA_KINDS, HEADERS, ROLES
from registry.errors import ValidationFailed
from registry.http.limits import bulk_upload
from registry.organisations.models import CareType
from registry.organisations.permissions import own_organisation_id

bp = Blueprint("compliance", __name__)
MAX_UPLOAD_BYTES = 2 * 1024 * 1024


@bp.app_context_processor
def _compliance_flags() -> dict[str, bool]:
    """Templates ask this instead of comparing roles: the organisation's administrators check compliance."""
    user = current_user._get_current_object()
    return {"can_check_compliance": can_manage_staff(user, getattr(user, "organisation_id", None))}


def _user():
    return current_user._get_current_object()


def _organisation_id() -> int:
    return own_organisation_id(_user())


def asked_day(value: str | None) -> date:
    """``?datum=JJJJ-MM-DD`` within ten years of today, else today."""
    day = today()
    try:
        asked = date.fromisoformat(value or "")
    except ValueError:
        return day
    return asked if abs((asked - day).days) <= 10 * 365 else day


@bp.get("/organisatie/naleving")
@login_required
def planner_page():
    """Verdicts per location and person on today or ``?datum=``."""
    day = asked_day(request.args.get("datum"))
    plan = planning.plan(_user(), _organisation_id(), day)
    return render_template("compliance/planner.html", plan=plan, day=day)


@bp.get("/organisatie/planner")
def old_planner():
    """The head-count planner's address, kept for bookmarks: the compliance planner replaced it."""
    return redirect(url_for("compliance.planner_page", **request.args), 301)


@bp.route("/organisatie/locaties", methods=["GET", "POST"])
@login_required
def locations():
    """The organisation's LRK locations, and a form to add one."""
    errors, values, status = {}, {}, 200
    if request.method == "POST":
        values = request.form.to_dict()
        data = {k: v for k, v in values.items() if v.strip() and k != "csrf_token"}  # empty: the default
        data["offers_vve"] = "offers_vve" in request.form
        try:
            service.add_location(_user(), _organisation_id(), data)
        except ValidationFailed as error:
            errors, status = error.fields or {"lrk_number": [error.message]}, 422
        else:
            flash(_("De locatie is toegevoegd."))
            return redirect(url_for("compliance.locations"))
    return render_template(
        "compliance/locations.html",
        locations=service.locations(_user(), _organisation_id()),
        care_types=[(c.value, c.value) for c in CareType],
        provinces=reference.choices()["provinces"],
        values=values,
        errors=errors,
    ), status


@bp.get("/organisatie/personeel")
@login_required
def staff_list():
    return render_template("compliance/staff.html", members=service.staff(_user(), _organisation_id()))


@bp.route("/organisatie/personeel/<int:staff_id>", methods=["GET", "POST"])
@login_required
def staff_page(staff_id: int):
    """One person's record; POST adds a certificate."""
    errors, status = {}, 200
    if request.method == "POST":
        data = request.form.to_dict()
        data["approved"] = "approved" in request.form
        data = {k: (v if v != "" else None) for k, v in data.items() if k != "csrf_token"}
        try:
            service.add_certificate(_user(), _organisation_id(), staff_id, data)
        except ValidationFailed as error:
            errors, status = error.fields, 422
        else:
            flash(_("Het certificaat is toegevoegd."))
            return redirect(url_for("compliance.staff_page", staff_id=staff_id))
    member = service.staff_member(_user(), _organisation_id(), staff_id)
    return render_template(
        "compliance/person.html",
        member=member,
        errors=errors,
        values=request.form if errors else {},
        kinds=service.CERTIFICATE_KINDS,
        requirements=service.REQUIREMENT_CODES,
    ), status


@bp.post("/organisatie/personeel/<int:staff_id>/scholing")
@login_required
def plan_course(staff_id: int):
    """Plan or book a course for this person."""
    data = {k: v for k, v in request.form.to_dict().items() if v.strip() and k != "csrf_token"}
    data["booked"] = "booked" in request.form
    try:
        service.plan_course(_user(), _organisation_id(), staff_id, data)
    except ValidationFailed as error:
        flash(error.summary(), "error")
    else:
        flash(_("De scholing is ingepland."))
    return redirect(url_for("compliance.staff_page", staff_id=staff_id))


@bp.get("/organisatie/personeel/<int:staff_id>/export.json")
@login_required
def export_person(staff_id: int):
    """Everything held about one person, as a download (AVG inzageverzoek)."""
    data = service.export_person(_user(), _organisation_id(), staff_id)
    response = Response(exports.to_json(data), mimetype="application/json")
    response.headers["Content-Disposition"] = f'attachment; filename="medewerker-{staff_id}.json"'
    return response


@bp.post("/organisatie/personeel/<int:staff_id>/verwijderen")
@login_required
def delete_person(staff_id: int):
    service.delete_person(_user(), _organisation_id(), staff_id)
    flash(_("De gegevens van deze medewerker zijn verwijderd."))
    return redirect(url_for("compliance.staff_list"))


@bp.route("/organisatie/personeel/importeren", methods=["GET", "POST"])
@bulk_upload
@login_required
def import_staff():
    """Upload → preview with a report per row → confirm. The file travels back with the confirmation."""
    template = {"headers": HEADERS, "roles": sorted(ROLES), "diplomas": sorted(DIPLOMA_KINDS)}
    if request.method == "GET":
        service.locations(_user(), _organisation_id())  # the same access check as the import itself
        return render_template("compliance/import.html", **template)
    try:
        filename, content = _uploaded()
        if request.form.get("confirm"):
            result = service.apply_import(_user(), _organisation_id(), filename, content)
            saved = ngettext(
                "%(num)s medewerker opgeslagen", "%(num)s medewerkers opgeslagen", len(result.valid)
            )
            skipped = ngettext(
                "%(num)s regel overgeslagen.", "%(num)s regels overgeslagen.", len(result.rejected)
            )
            flash(_("%(saved)s, %(skipped)s", saved=saved, skipped=skipped))
            return redirect(url_for("compliance.staff_list"))
        preview = service.preview_import(_user(), _organisation_id(), filename, content)
    except ValidationFailed as error:
        return render_template("compliance/import.html", error=error.message, **template), 422
    return render_template(
        "compliance/import.html",
        preview=preview,
        filename=filename,
        payload=base64.b64encode(content).decode(),
        **template,
    )


def _uploaded() -> tuple[str, bytes]:
    if request.form.get("payload"):
        try:
            content = base64.b64decode(request.form["payload"], validate=True)
        except (binascii.Error, ValueError) as error:
            raise ValidationFailed(_("Het bestand is onderweg beschadigd; upload het opnieuw.")) from error
        filename = request.form.get("filename", "")
    else:
        upload = request.files.get("file")
        if upload is None or not upload.filename:
            raise ValidationFailed(_("Kies een CSV- of XLSX-bestand."))
        filename, content = upload.filename, upload.read(MAX_UPLOAD_BYTES + 1)
    if len(content) > MAX_UPLOAD_BYTES:
        raise ValidationFailed(_("Het bestand is groter dan 2 MB."))
    return filename, content


@bp.get("/organisatie/opleidingsplan")
@bp.get("/organisatie/opleidingsplan.<fmt>")
@login_required
def training_plan(fmt: str = "html"):
    """The opleidingsplan for ``?jaar=``: a printable page, CSV or XLSX."""
    try:
        year = int(request.args.get("jaar", today().year))
    except ValueError:
        year = today().year
    if not 2018 <= year <= today().year + 5:
        year = today().year
    plan, lines = planning.training_plan(_user(), _organisation_id(), year)
    if fmt == "csv":
        return exports.download(exports.plan_csv(lines), "text/csv", f"opleidingsplan-{year}.csv")
    if fmt == "xlsx":
        return exports.download(
            exports.plan_xlsx(lines, year),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            f"opleidingsplan-{year}.xlsx",
        )
    if fmt != "html":
        abort(404)
    return render_template("compliance/training_plan.html", plan=plan, lines=lines, year=year)


@bp.get("/organisatie/ggd-overzicht/<int:location_id>")
@login_required
def inspection(location_id: int):
    """What a GGD inspector asks of one location, on today or ``?datum=``."""
    plan = planning.plan(
        _user(), _organisation_id(), asked_day(request.args.get("datum")), with_options=False
    )
    report = next((r for r in plan.reports if r.location.id == location_id), None)
    if report is None:
        abort(404)
    return render_template("compliance/inspection.html", plan=plan, report=report)


@bp.get("/privacy/personeelsgegevens")
def privacy():
    """The plain-language privacy statement for staff data."""
    return render_template("compliance/privacy.html", retention_days=service.LEAVER_RETENTION_DAYS)
