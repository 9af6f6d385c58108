"""Conditional responses: ETag, Last-Modified, 304 Not Modified and Cache-Control."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from flask import Response, current_app, request


def json_response(
    body: Any,
    *,
    last_modified: datetime | None,
    max_age: int,
    mimetype: str = "application/json",
    vary: tuple[str, ...] = (),
) -> Response:
    """``body`` as JSON with a strong ETag of its bytes; answers 304 when the client's copy is current."""
    data = current_app.json.dumps(body).encode()
    return json_bytes_response(
        data, last_modified=last_modified, max_age=max_age, mimetype=mimetype, vary=vary
    )


def json_bytes_response(
    data: bytes,
    *,
    last_modified: datetime | None,
    max_age: int,
    mimetype: str = "application/json",
    vary: tuple[str, ...] = (),
) -> Response:
    """JSON already encoded (``data``), with a strong ETag of its bytes, as :func:`json_response`."""
    response = current_app.response_class(data, mimetype=mimetype)
    return conditional(
        response,
        etag=hashlib.sha256(data).hexdigest()[:32],
        last_modified=last_modified,
        max_age=max_age,
        vary=vary,
    )


def conditional(
    response: Response,
    *,
    etag: str,
    last_modified: datetime | None,
    max_age: int,
    vary: tuple[str, ...] = (),
    private: bool = False,
) -> Response:
    """Add the validators and caching policy to ``response`` and turn it into a 304 when they match.

    ``private``: only the client may keep it, never a shared cache (say, for a secret address).
    """
    response.set_etag(etag)
    if last_modified is not None:
        response.last_modified = last_modified
    if private:
        response.cache_control.private = True
    else:
        response.cache_control.public = True
    response.cache_control.max_age = max_age
    for header in vary:
        response.vary.add(header)
    return response.make_conditional(request)
