"""``/statistieken``: the figures as charts with tables, each figure as CSV; the officials' gap panel."""

from __future__ import annotations

import io

from flask import Blueprint, Flask, Response, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from registry.catalogue.enums import Province
from registry.errors import NotFound, ValidationFailed
from registry.spreadsheet import csv_writer
from registry.statistics import service
from registry.statistics.counting import HORIZONS, ONLINE
from registry.statistics.figures import statistics_view
from registry.statistics.permissions import can_see_coverage_gaps
from registry.statistics.presenting import Filters, place_label
from registry.statistics.schemas import StatisticsArgsSchema

bp = Blueprint("statistics", __name__, url_prefix="/statistieken")


def load_args(args) -> dict:
    """The filters of a query string.

    :raise ValidationFailed: a filter has a value that does not exist (the field is named).
    """
    errors = StatisticsArgsSchema().validate(args)
    if errors:
        raise ValidationFailed(_("Dit filter bestaat niet."), fields=errors)
    return StatisticsArgsSchema().load(args)


@bp.get("")
def page():
    """Every figure with its chart, summary and table; filters are plain links.

    :raise 422: a filter value does not exist.
    """
    view = statistics_view(load_args(request.args))
    return render_template(
        "statistics/page.html",
        view=view,
        horizons=[str(h) for h in HORIZONS],
        places=[(p.value, p.label) for p in Province] + [(ONLINE, place_label(ONLINE))],
    )


@bp.get("/<key>.csv")
def figure_csv(key: str):
    """One figure's table as CSV (UTF-8, comma-separated), with the same filters as the page.

    :raise 404: no figure has this name.
    """
    view = statistics_view(load_args(request.args))
    figure = next((f for f in view.figures if f.key == key), None)
    if figure is None:
        raise NotFound(_("Deze figuur bestaat niet."))
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(figure.columns)
    writer.writerows(figure.rows)
    response = Response(out.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{key}-{view.as_of.isoformat()}.csv"'
    return response


@bp.app_template_global()
def statistics_url(filters: Filters, **changes) -> str:
    """The page's address with ``filters`` and ``changes`` applied (None drops a filter)."""
    args = {"periode": filters.period, "provincie": filters.province, "eis": filters.requirement}
    args.update(changes)
    if args["periode"] == str(HORIZONS[0]):
        args["periode"] = None
    return url_for("statistics.page", **{k: v for k, v in args.items() if v})


def gap_panel() -> Markup:
    """The open gaps for the officials' dashboard, or nothing for anyone else."""
    user = current_user._get_current_object()
    if not can_see_coverage_gaps(user):
        return Markup("")
    return Markup(render_template("statistics/gap_panel.html", panel=service.gap_panel(user)))


def register_dashboard_panel(app: Flask) -> None:
    """Offer the gap panel to the officials' dashboard (which does not need to know this package)."""
    app.extensions.setdefault("official_dashboard_panels", []).append(gap_panel)
