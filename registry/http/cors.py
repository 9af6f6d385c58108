"""CORS for the read-only API: any origin may GET, and read the headers a harvester needs."""

from flask import Flask, Response, request

EXPOSED = (
    "ETag, Last-Modified, Content-Language, Retry-After, "
    "RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, RateLimit-Policy, Server-Timing"
)


def add_cors_headers(response: Response) -> Response:
    """Open the API to every origin for reading; nothing here takes cookies or writes."""
    if not request.path.startswith(("/api/", "/ooapi/")):
        return response
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = EXPOSED
    if request.method == "OPTIONS":  # a preflight, e.g. for If-None-Match
        response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = (
            "Accept, Accept-Language, If-None-Match, If-Modified-Since"
        )
        response.headers["Access-Control-Max-Age"] = "86400"
    return response


def register_cors(app: Flask) -> None:
    """Add the CORS headers to every API response, errors included."""
    app.after_request(add_cors_headers)
