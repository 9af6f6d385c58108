"""The provider's import pages: template, upload, preview, confirmation."""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from registry.catalogue.permissions import require_course_creator
from registry.errors import DomainError
from registry.exchange import service
from registry.exchange.columns import COLUMNS
from registry.exchange.template import template_csv, template_xlsx
from registry.http.limits import bulk_upload

bp = Blueprint("exchange", __name__, url_prefix="/aanbieder")

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _user():
    return current_user._get_current_object()


def _page(provider_id: int, status: int = 200, **extra):
    return render_template("exchange/import.html", provider_id=provider_id, columns=COLUMNS, **extra), status


@bp.get("/<int:provider_id>/import")
@login_required
def import_form(provider_id: int):
    """The upload form with the template and what each column means."""
    require_course_creator(_user(), provider_id)
    return _page(provider_id)


@bp.get("/import/sjabloon.<fmt>")
@login_required
def template(fmt: str) -> Response:
    """The template with the Dutch column names and an example row, as CSV or Excel."""
    if fmt == "xlsx":
        body, mimetype = template_xlsx(), XLSX
    elif fmt == "csv":
        body, mimetype = template_csv(), "text/csv"
    else:
        return Response(_("Kies sjabloon.csv of sjabloon.xlsx."), status=404, mimetype="text/plain")
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="opleidingen-sjabloon.{fmt}"'
    return response


@bp.post("/<int:provider_id>/import")
@bulk_upload
@login_required
def upload(provider_id: int):
    """Read the file and show what importing it would do; nothing is written yet."""
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return _page(provider_id, 422, message=_("Kies een bestand om te importeren."))
    try:
        preview = service.preview_import(_user(), provider_id, upload.stream)
    except DomainError as error:
        if error.status != 422:
            raise
        return _page(provider_id, 422, message=error.message)
    return render_template("exchange/preview.html", provider_id=provider_id, preview=preview)


@bp.post("/<int:provider_id>/import/<token>/bevestigen")
@login_required
def confirm(provider_id: int, token: str):
    """Import what the preview showed, all of it or nothing."""
    result = service.confirm_import(
        _user(),
        provider_id,
        token,
        request.form.get("digest", ""),
        submit_new=request.form.get("submit_new") == "1",
    )
    return render_template("exchange/done.html", provider_id=provider_id, result=result)
