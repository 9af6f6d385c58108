"""Domain errors and the one place that maps them to HTTP responses."""

from __future__ import annotations

from typing import Any

import sqlalchemy.exc as sa_exc
from flask import Flask, Response, current_app, g, json, render_template, request
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from marshmallow import ValidationError
from werkzeug.exceptions import HTTPException


class DomainError(Exception):
    """Base of every error a user can cause; carries a Dutch message safe to show."""

    status = 400
    title = _l("Ongeldig verzoek")
    title_en = "Bad request"

    def __init__(self, message: str | None = None, *, fields: dict[str, list[str]] | None = None):
        super().__init__(message or self.title)
        self.message = message or str(self.title)
        self.fields = fields or {}


class NotFound(DomainError):
    status = 404
    title = _l("Niet gevonden")
    title_en = "Not found"


class Unauthenticated(DomainError):
    status = 401
    title = _l("Niet ingelogd")
    title_en = "Not signed in"


class PermissionDenied(DomainError):
    status = 403
    title = _l("Geen toegang")
    title_en = "Forbidden"


class ValidationFailed(DomainError):
    status = 422
    title = _l("Ongeldige invoer")
    title_en = "Invalid input"

    def summary(self) -> str:
        """One line naming every refused field, for a page that shows the form again."""
        if not self.fields:
            return self.message
        problems = "; ".join(f"{name}: {_flattened(messages)}" for name, messages in self.fields.items())
        return _("Niet opgeslagen: %(problems)s", problems=problems)


def _flattened(messages: Any) -> str:
    """marshmallow nests the messages of list rows and nested schemas: {0: {"headcount": [...]}}."""
    if isinstance(messages, dict):
        return " ".join(f"{key}: {_flattened(value)}" for key, value in messages.items())
    if isinstance(messages, list | tuple):
        return " ".join(_flattened(message) for message in messages)
    return str(messages)


class InvalidTransition(DomainError):
    status = 409
    title = _l("Deze stap is nu niet mogelijk")
    title_en = "This step is not possible now"


class Conflict(DomainError):
    status = 409
    title = _l("Iemand anders heeft dit intussen gewijzigd")
    title_en = "Someone else changed this in the meantime"


# Problem titles for HTTP errors the API can give, in Dutch (the default) and English.
HTTP_TITLES = {
    400: (_l("Ongeldig verzoek"), "Bad request"),
    404: (_l("Niet gevonden"), "Not found"),
    405: (_l("Methode niet toegestaan"), "Method not allowed"),
    406: (_l("Dit formaat kunnen we niet leveren"), "Not acceptable"),
    413: (_l("Het verzoek is te groot"), "Content too large"),
    414: (_l("Het adres is te lang"), "URI too long"),
    422: (_l("Ongeldige invoer"), "Invalid input"),
    429: (_l("Te veel verzoeken"), "Too many requests"),
    500: (_l("Er ging iets mis aan onze kant"), "Internal server error"),
    503: (_l("Even niet beschikbaar"), "Service unavailable"),
}
HTTP_DETAILS = {
    404: _l("Dit adres bestaat niet in de API; zie /api/docs voor de adressen die er zijn."),
    405: _l("De API is alleen-lezen: gebruik GET."),
    413: _l("Het verzoek is groter dan de registry aanneemt; stuur minder gegevens per verzoek."),
    414: _l("Het adres is langer dan de registry aanneemt; gebruik minder of kortere zoektermen."),
    429: _l("U heeft te veel verzoeken gedaan; probeer het na het aantal seconden in Retry-After opnieuw."),
    500: _l("Er ging iets mis aan onze kant. Probeer het later opnieuw."),
    503: _l(
        "De database is even niet bereikbaar; probeer het na het aantal seconden in Retry-After opnieuw."
    ),
}
# How long a client is asked to wait while the database cannot be reached.
RETRY_AFTER_SECONDS = 30


def _wants_json() -> bool:
    return request.path.startswith(("/api/", "/ooapi/"))


def _prefers_english() -> bool:
    # The request's language as Babel chose it (for the API: Accept-Language), so title and detail agree.
    return str(get_locale()) == "en"


def problem(status: int, title: str, detail: str, *, title_en: str | None = None, **extra: Any) -> Response:
    """An RFC 9457 problem+json response, titled in Dutch or (when the client prefers it) English."""
    english = title_en is not None and _prefers_english()
    body = {
        "type": f"/api/docs#fout-{status}",
        "title": title_en if english else str(title),
        "status": status,
        "detail": detail,
        "titles": {"nl": str(title), "en": title_en or str(title)},
        **extra,
    }
    response = Response(json.dumps(body), status=status, mimetype="application/problem+json")
    response.headers["Content-Language"] = "en" if english else "nl"
    response.cache_control.no_store = True
    return response


def register_error_handlers(app: Flask) -> None:
    """Map domain and HTTP errors once: Dutch pages in HTML, problem+json under /api/."""

    @app.errorhandler(DomainError)
    def handle_domain_error(error: DomainError):
        from registry.extensions import db

        db.session.rollback()  # whatever the failed action staged must not be saved by anything later
        if _wants_json():
            extra = {"errors": error.fields} if error.fields else {}
            response = problem(
                error.status, str(error.title), error.message, title_en=error.title_en, **extra
            )
            if error.status == 401:
                response.headers["WWW-Authenticate"] = 'Bearer realm="scholingsregister"'
            return response
        return render_template("errors/domain.html", error=error), error.status

    @app.errorhandler(CSRFError)
    def handle_csrf_error(_error: CSRFError):
        return render_template("errors/csrf.html"), 400

    @app.errorhandler(ValidationError)
    def handle_invalid_input(error: ValidationError):
        # marshmallow names the fields, so a form and a JSON client can both point at them.
        fields = error.normalized_messages()
        failed = ValidationFailed(str(_l("Controleer de gemarkeerde velden.")), fields=fields)  # type: ignore[arg-type]
        return handle_domain_error(failed)

    @app.errorhandler(HTTPException)
    def handle_http_error(error: HTTPException):
        status = error.code or 500
        if status < 400:  # routing redirects travel as HTTPExceptions too
            return error
        if _wants_json():
            title, title_en = HTTP_TITLES.get(status, (error.name, error.name))
            detail = str(HTTP_DETAILS.get(status, error.description or error.name))
            response = problem(status, str(title), detail, title_en=title_en)
            allowed = getattr(error, "valid_methods", None)
            if status == 405 and allowed:
                response.headers["Allow"] = ", ".join(allowed)
            return response
        template = {404: "errors/404.html", 500: "errors/500.html"}.get(status, "errors/http.html")
        title = HTTP_TITLES.get(status, (None, None))[0]  # the page's title says what happened
        page = Response(render_template(template, status=status, error=error, title=title), status=status)
        allowed = getattr(error, "valid_methods", None)
        if status == 405 and allowed:
            page.headers["Allow"] = ", ".join(allowed)
        return page

    @app.errorhandler(sa_exc.OperationalError)
    @app.errorhandler(sa_exc.InterfaceError)
    def handle_database_unavailable(_error: Exception):
        # The database is down, restarting or out of connections: a wait, not a fault. The pool's
        # pre-ping (registry/config.py) replaces dead connections, so the next request recovers by itself.
        _forget_the_session()
        current_app.logger.warning("database unavailable: %s", _error.__class__.__name__)
        if _wants_json():
            title, title_en = HTTP_TITLES[503]
            response = problem(503, str(title), str(HTTP_DETAILS[503]), title_en=title_en)
        else:
            response = Response(render_template("errors/unavailable.html"), status=503)
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response.cache_control.no_store = True
        return response

    @app.errorhandler(sa_exc.DataError)
    @app.errorhandler(OverflowError)
    def handle_unstorable_value(_error: Exception):
        # A value the columns cannot hold (a number wider than 64 bits, a date past 9999) that slipped past
        # a schema: refused like any invalid input, and nothing of it is saved.
        return handle_domain_error(ValidationFailed(_("Een van de waarden is te groot of ongeldig.")))

    @app.errorhandler(sa_exc.IntegrityError)
    def handle_duplicate(_error: Exception):
        # Two requests raced to create the same thing (one e-mail address signing up twice at once).
        return handle_domain_error(
            Conflict(_("Dit bestaat al; vernieuw de pagina en kijk of het gelukt is."))
        )


def _forget_the_session() -> None:
    """Drop the failed transaction and show the page as to a visitor: the user cannot be loaded now."""
    from registry.extensions import db

    try:
        db.session.rollback()
    except sa_exc.SQLAlchemyError:
        db.session.close()
    g._login_user = current_app.login_manager.anonymous_user()  # type: ignore[attr-defined]
