"""Rate limits per client address on the API, announced in RateLimit-* headers.

One budget per client for the whole public read API (``/api/v1`` and ``/ooapi/v5``, whichever endpoint
it calls), with a stricter limit on top for the costly dumps; a dump answered 304 (the client's copy is
current) costs nothing of the dump's budget. The counters live in a file every worker of the host shares
(registry.ratelimit_store), or in Redis when ``REDIS_URL`` is set (shared by every host); ``memory://``
counts per process and is only allowed in development and tests (see registry.config).
"""

from __future__ import annotations

import math
import time

from flask import Flask, Response, current_app, request

from registry.extensions import limiter


def api_limit() -> str:
    """The limit for the feed's listings and records (configurable, e.g. "300 per minute")."""
    return current_app.config["REGISTRY_API_RATE_LIMIT"]


def dump_limit() -> str:
    """The (lower) limit for the full dumps, which are costly to serve."""
    return current_app.config["REGISTRY_DUMP_RATE_LIMIT"]


def form_limit() -> str:
    """The limit per address on forms that send e-mail or create accounts (sign-in, reset, sign-up)."""
    return current_app.config["REGISTRY_FORM_RATE_LIMIT"]


def unless_not_modified(response: Response) -> bool:
    """Whether a response counts against a costly limit: a 304 sends nothing costly, so it does not."""
    return response.status_code != 304


# One decorator object for every blueprint of the public read API: the limiter keeps it once, and its
# scope makes every endpoint count against the same budget per client.
PUBLIC_API_LIMIT = limiter.shared_limit(api_limit, scope="public-api")
# On top of the budget for the dumps; only responses that send a dump count.
DUMP_LIMIT = limiter.limit(dump_limit, override_defaults=False, deduct_when=unless_not_modified)


def binding_limit():
    """The limit this response is closest to breaching: a breached one, else the one with least left."""
    limits = limiter.current_limits
    if not limits:
        return limiter.current_limit
    breached = [limit for limit in limits if limit.breached]
    if breached:
        return breached[0]
    return min(limits, key=lambda limit: (limit.remaining, -limit.limit.get_expiry()))


def add_rate_limit_headers(response: Response) -> Response:
    """RateLimit-Limit/-Remaining/-Reset (seconds) and RateLimit-Policy of the limit that binds this
    response; Retry-After on a 429."""
    if not request.path.startswith(("/api/", "/ooapi/")):
        return response
    current = binding_limit()
    if current is None:
        return response
    try:
        reset_at, remaining = current.reset_at, current.remaining  # both ask the counters' storage
    except limiter.storage.base_exceptions:
        # The storage (the database, or Redis) went away mid-request: the answer goes out without headers
        # rather than turning into a 500.
        return response
    reset_in = max(0, math.ceil(reset_at - time.time()))
    window = current.limit.get_expiry()
    response.headers["RateLimit-Limit"] = str(current.limit.amount)
    response.headers["RateLimit-Remaining"] = str(max(0, remaining))
    response.headers["RateLimit-Reset"] = str(reset_in)
    response.headers["RateLimit-Policy"] = f"{current.limit.amount};w={window}"
    if response.status_code == 429:
        response.headers["Retry-After"] = str(max(1, reset_in))
    return response


def is_preflight() -> bool:
    """A CORS preflight asks permission for the real request; only the real request counts."""
    return request.method == "OPTIONS"


def register_rate_limits(app: Flask) -> None:
    """Bind the limiter to the app; its storage comes from ``RATELIMIT_STORAGE_URI``."""
    # Flask runs after-request hooks last-registered first: registered before the limiter's own, the
    # headers are written after a dump's conditional deduction, so Remaining counts this response.
    app.after_request(add_rate_limit_headers)
    limiter.init_app(app)
    limiter.request_filter(is_preflight)
