"""The human documentation of the API, in Dutch, with examples."""

from flask import Blueprint, render_template

from registry.feed.pagination import DEFAULT_LIMIT, MAX_LIMIT
from registry.feed.service import SYNC_OVERLAP

bp = Blueprint("api_docs", __name__)


@bp.get("/api/docs")
def api_docs() -> str:
    """How to use the open-data feed: endpoints, filters, syncing, caching, limits, errors."""
    return render_template(
        "api/docs.html",
        default_limit=DEFAULT_LIMIT,
        max_limit=MAX_LIMIT,
        overlap_seconds=int(SYNC_OVERLAP.total_seconds()),
    )
