"""``/api/v1/statistics``: the figures of the statistics page as JSON, with the same filters."""

from __future__ import annotations

from flask import Blueprint, current_app, request

from registry.extensions import csrf, limiter
from registry.statistics.figures import statistics_view
from registry.statistics.schemas import StatisticsResponseSchema
from registry.statistics.views import load_args

bp = Blueprint("statistics_api", __name__, url_prefix="/api/v1/statistics")
csrf.exempt(bp)
# The API's own limit (registry.api.ratelimit.api_limit reads the same setting); importing it would make
# registry.api and this package import each other, since the OpenAPI document describes this endpoint.
limiter.limit(lambda: current_app.config["REGISTRY_API_RATE_LIMIT"])(bp)


@bp.get("")
def statistics():
    """Every figure: title, as-of date, how it is counted, summary and table.

    :raise 422: a filter value does not exist (problem+json naming the field).
    """
    view = statistics_view(load_args(request.args))
    return StatisticsResponseSchema().dump(
        {
            "as_of": view.as_of,
            "filters": {
                "period": view.filters.period,
                "province": view.filters.province,
                "requirement": view.filters.requirement,
            },
            "figures": view.figures,
        }
    )
