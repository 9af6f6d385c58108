"""The interface language: Dutch unless the visitor chose English.

Pages follow the language switch (a cookie); the JSON APIs follow the client's ``Accept-Language``, so a
problem's title, its detail and every field message answer in one language.
"""

from __future__ import annotations

from flask import Blueprint, Response, has_request_context, redirect, request, url_for

from registry.web.safety import safe_next_url

LANGUAGES = ("nl", "en")
COOKIE = "taal"
API_PREFIXES = ("/api/", "/ooapi/")

bp = Blueprint("locale", __name__)


def select_locale() -> str:
    """An API client's ``Accept-Language``, a visitor's choice from the language switch, else Dutch
    (also outside requests: CLI, jobs)."""
    if not has_request_context():
        return "nl"
    if request.path.startswith(API_PREFIXES):
        return request.accept_languages.best_match(LANGUAGES, default="nl")
    choice = request.cookies.get(COOKIE)
    return choice if choice in LANGUAGES else "nl"


def vary_api_on_language(response: Response) -> Response:
    """An API answer depends on ``Accept-Language``; a shared cache must keep one per language."""
    if request.path.startswith(API_PREFIXES):
        response.vary.add("Accept-Language")
    return response


@bp.get("/taal/<any(nl, en):language>")
def switch(language: str):
    """Remember the choice for a year and go back to the page the visitor came from."""
    response = redirect(safe_next_url(request.args.get("terug")) or url_for("web.home"))
    response.set_cookie(COOKIE, language, max_age=365 * 24 * 3600, samesite="Lax", httponly=True)
    return response
