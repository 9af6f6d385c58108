"""Domain errors and the one place that maps them to HTTP responses."""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, json, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException


class DomainError(Exception):
    """Base of every error a user can cause; carries a Dutch message safe to show."""

    status = 400
    title = "Ongeldig verzoek"

    def __init__(self, message: str | None = None, *, fields: dict[str, list[str]] | None = None):
        super().__init__(message or self.title)
        self.message = message or self.title
        self.fields = fields or {}


class NotFound(DomainError):
    status = 404
    title = "Niet gevonden"


class Unauthenticated(DomainError):
    status = 401
    title = "Niet ingelogd"


class PermissionDenied(DomainError):
    status = 403
    title = "Geen toegang"


class ValidationFailed(DomainError):
    status = 422
    title = "Ongeldige invoer"


class InvalidTransition(DomainError):
    status = 409
    title = "Deze stap is nu niet mogelijk"


class Conflict(DomainError):
    status = 409
    title = "Iemand anders heeft dit intussen gewijzigd"


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def problem(status: int, title: str, detail: str, **extra: Any) -> Response:
    """An RFC 9457 problem+json response."""
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra}
    return Response(json.dumps(body), status=status, mimetype="application/problem+json")


def register_error_handlers(app: Flask) -> None:
    """Map domain and HTTP errors once: Dutch pages in HTML, problem+json under /api/."""

    @app.errorhandler(DomainError)
    def handle_domain_error(error: DomainError):
        from registry.extensions import db

        db.session.rollback()  # whatever the failed action staged must not be saved by anything later
        if _wants_json():
            extra = {"errors": error.fields} if error.fields else {}
            response = problem(error.status, error.title, error.message, **extra)
            if error.status == 401:
                response.headers["WWW-Authenticate"] = 'Bearer realm="scholingsregister"'
            return response
        return render_template("errors/domain.html", error=error), error.status

    @app.errorhandler(CSRFError)
    def handle_csrf_error(_error: CSRFError):
        return render_template("errors/csrf.html"), 400

    @app.errorhandler(HTTPException)
    def handle_http_error(error: HTTPException):
        status = error.code or 500
        if status < 400:  # routing redirects travel as HTTPExceptions too
            return error
        if _wants_json():
            return problem(status, error.name, error.description or error.name)
        template = {404: "errors/404.html", 500: "errors/500.html"}.get(status, "errors/http.html")
        return render_template(template, status=status, error=error), status
