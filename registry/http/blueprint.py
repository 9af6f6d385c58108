"""The versioned JSON API: the feed and the OpenAPI document register their handlers on this blueprint."""

from flask import Blueprint

from registry.extensions import limiter
from registry.http.ratelimit import api_limit

# One decorator for every app's blueprint: the limiter keeps it once, so no request is counted twice.
_API_LIMIT = limiter.limit(api_limit)


def api_blueprint() -> Blueprint:
    """A fresh ``/api/v1`` blueprint for one app, rate limited as a whole; the factory adds the handlers."""
    api_v1 = Blueprint("api_v1", __name__, url_prefix="/api/v1")
    _API_LIMIT(api_v1)
    return api_v1
