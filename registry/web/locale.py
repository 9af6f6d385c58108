"""The interface language: Dutch unless the visitor chose English."""

from __future__ import annotations

from flask import Blueprint, has_request_context, redirect, request, url_for

from registry.web.safety import safe_next_url

LANGUAGES = ("nl", "en")
COOKIE = "taal"

bp = Blueprint("locale", __name__)


def select_locale() -> str:
    """The visitor's choice from the language switch, else Dutch (also outside requests: CLI, jobs)."""
    if not has_request_context():
        return "nl"
    choice = request.cookies.get(COOKIE)
    return choice if choice in LANGUAGES else "nl"


@bp.get("/taal/<any(nl, en):language>")
def switch(language: str):
    """Remember the choice for a year and go back to the page the visitor came from."""
    response = redirect(safe_next_url(request.args.get("terug")) or url_for("web.home"))
    response.set_cookie(COOKIE, language, max_age=365 * 24 * 3600, samesite="Lax", httponly=True)
    return response
