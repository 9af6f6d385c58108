"""The same search as JSON: ``/api/v1/search`` and prefix completion at ``/api/v1/search/suggest``."""

from flask import Blueprint, request, url_for

from registry.clock import today
from registry.extensions import csrf
from registry.http.ratelimit import PUBLIC_API_LIMIT
from registry.search import service
from registry.search.schemas import SearchResponseSchema, SuggestResponseSchema

bp = Blueprint("search_api", __name__, url_prefix="/api/v1/search")
csrf.exempt(bp)
PUBLIC_API_LIMIT(bp)


@bp.get("")
def search():
    """Hits, facet counts and the total for the same parameters as ``/zoeken``.

    :raise 422: a parameter is out of range (problem+json naming the field).
    """
    args = service.parse_search_args(request.args)
    day = today()
    outcome = service.search(args, day)
    hits = service.load_hits(
        outcome, lambda cid: url_for("catalogue.course_detail", course_id=cid, _external=True)
    )
    facets = service.facets_for(outcome, service.facet_labels())
    return SearchResponseSchema().dump(
        {
            "query": outcome.query,
            "corrected_query": outcome.corrected_query,
            "did_you_mean": outcome.did_you_mean,
            "partial": outcome.partial,
            "notice": outcome.notice,
            "total": outcome.total,
            "page": outcome.page,
            "per_page": outcome.per_page,
            "sort": outcome.sort,
            "near": outcome.near,
            "filters": {facet: list(values) for facet, values in outcome.filters.items()},
            "hits": hits,
            "facets": facets,
        }
    )


@bp.get("/suggest")
def suggest():
    """Completions for what has been typed so far in the search box."""
    return SuggestResponseSchema().dump(
        {"query": request.args.get("q", ""), "suggestions": service.suggest(request.args)}
    )
