"""How much a request may carry, by kind, refused before anything reads the body.

Forms, JSON and bulk files (the course import, the staff import, the batch push) each get their own ceiling.
The check runs first of all request hooks, before the CSRF check parses a form: a declared
``Content-Length`` over the ceiling is refused without reading a byte, and a body without one (chunked) is
read through a stream capped at the same ceiling, so it is cut off as soon as it passes it.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import TypeVar

from flask import Flask, current_app, request
from werkzeug.exceptions import RequestEntityTooLarge, RequestURITooLarge
from werkzeug.routing import IntegerConverter

View = TypeVar("View", bound=Callable)


def bulk_upload(view: View) -> View:
    """Mark a view that takes a file or a batch, so its requests get the larger bulk ceiling."""
    view.accepts_bulk_upload = True  # type: ignore[attr-defined]
    return view


def request_kind() -> str:
    """``bulk`` for views marked with :func:`bulk_upload`, ``json`` for JSON bodies, else ``form``."""
    view = current_app.view_functions.get(request.endpoint or "")
    if getattr(view, "accepts_bulk_upload", False):
        return "bulk"
    if request.is_json:
        return "json"
    return "form"


def body_limit() -> int:
    """The ceiling in bytes for the current request's body."""
    return int(current_app.config[f"MAX_{request_kind().upper()}_BYTES"])


def refuse_oversized_requests() -> None:
    """Before every request: an address or a body over its ceiling is refused (414 / 413).

    :raise RequestURITooLarge: the query string is longer than MAX_QUERY_CHARACTERS.
    :raise RequestEntityTooLarge: the declared length is over the ceiling for this kind of request.
    """
    if len(request.query_string) > int(current_app.config["MAX_QUERY_CHARACTERS"]):
        raise RequestURITooLarge()
    limit = body_limit()
    request.max_content_length = limit
    request.max_form_memory_size = limit
    if request.content_length is not None:
        if request.content_length > limit:
            raise RequestEntityTooLarge()
    elif "wsgi.input_terminated" in request.environ:
        _buffer_unsized_body(limit)


def _buffer_unsized_body(limit: int) -> None:
    """A chunked body: read at most one byte past the ceiling, refuse if it got there, else keep it.

    Werkzeug's own cap would hand on a body cut off at the ceiling, which then fails as bad JSON (422)
    instead of too large (413); reading it here bounds the memory just the same and answers right.
    :raise RequestEntityTooLarge: the body is longer than ``limit``.
    """
    environ = request.environ
    body = environ["wsgi.input"].read(limit + 1)
    if len(body) > limit:
        raise RequestEntityTooLarge()
    environ["wsgi.input"] = io.BytesIO(body)
    environ["CONTENT_LENGTH"] = str(len(body))
    del environ["wsgi.input_terminated"]


class StorableInteger(IntegerConverter):
    """``<int:...>`` in every route: a number wider than any id column does not match, so it is a 404.

    The pattern itself stops at 18 digits (below 2**63): a value the converter refused only after
    matching would make werkzeug answer a write method with 405 instead of 404.
    """

    regex = r"\d{1,18}"


def register_storable_integers(app: Flask) -> None:
    """Before the blueprints register: every ``<int:...>`` route takes the bounded converter."""
    app.url_map.converters["int"] = StorableInteger
