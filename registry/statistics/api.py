"""``/api/v1/statistics``: the figures of the statistics page as JSON, with the same filters."""

from __future__ import annotations

from flask import Blueprint, request

from registry.extensions import csrf
from registry.http.ratelimit import PUBLIC_API_LIMIT
from registry.statistics.figures import statistics_view
from registry.statistics.schemas import StatisticsResponseSchema
from registry.statistics.views import load_args

bp = Blueprint("statistics_api", __name__, url_prefix="/api/v1/statistics")
csrf.exempt(bp)
PUBLIC_API_LIMIT(bp)


@bp.get("")
def statistics():
    """Every figure: title, as-of date, how it is counted, summary and table.

    :raise 422: a filter value does not exist (problem+json naming the field).
    """
    view = statistics_view(load_args(request.args))
    return StatisticsResponseSchema().dump(
        {
            "as_of": view.as_of,
            "computed_at": view.computed_at,
            "filters": {
                "period": view.filters.period,
                "province": view.filters.province,
                "requirement": view.filters.requirement,
            },
            "figures": view.figures,
        }
    )
