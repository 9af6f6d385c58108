"""The versioned JSON API: the feed and the OpenAPI document register their handlers on this blueprint."""

from flask import Blueprint

from registry.http.ratelimit import PUBLIC_API_LIMIT


def api_blueprint() -> Blueprint:
    """A fresh ``/api/v1`` blueprint for one app, within the client's API budget; the factory adds the
    handlers."""
    api_v1 = Blueprint("api_v1", __name__, url_prefix="/api/v1")
    PUBLIC_API_LIMIT(api_v1)
    return api_v1
