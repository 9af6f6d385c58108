"""Pages behind the links in every e-mail: unsubscribe in one click, choose what to receive."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from registry.errors import ValidationFailed
from registry.extensions import csrf
from registry.notifications import preferences
from registry.notifications.preferences import LANGUAGES

bp = Blueprint("mail", __name__, url_prefix="/e-mail")


@bp.get("/afmelden/<token>")
def confirm_unsubscribe(token: str):
    """Ask before switching off: link scanners in mail filters open every link with GET."""
    address, category = preferences.read_token(token)
    return render_template(
        "mail/unsubscribe.html", address=address, category=category, token=token, done=False
    )


@bp.post("/afmelden/<token>")
@csrf.exempt  # RFC 8058 one-click: the mail client posts without a form; the signed link is the key
def unsubscribe(token: str):
    address, category = preferences.unsubscribe(token)
    return render_template(
        "mail/unsubscribe.html", address=address, category=category, token=token, done=True
    )


@bp.get("/voorkeuren/<token>")
def edit_preferences(token: str):
    address, _category = preferences.read_token(token)
    return render_template(
        "mail/preferences.html",
        address=address,
        preference=preferences.preference_for(address),
        token=preferences.preferences_token(address),
        languages=LANGUAGES,
    )


@bp.post("/voorkeuren/<token>")
def save_preferences(token: str):
    try:
        preferences.update_preferences(
            token,
            reminders=request.form.get("reminders") == "on",
            digests=request.form.get("digests") == "on",
            language=request.form.get("language", ""),
        )
    except ValidationFailed as error:
        address, _category = preferences.read_token(token)
        return render_template(
            "mail/preferences.html",
            address=address,
            preference=preferences.preference_for(address),
            token=token,
            languages=LANGUAGES,
            errors=error.fields,
            message=error.message,
        ), 422
    flash(_("Uw keuze is opgeslagen."))
    return redirect(url_for("mail.edit_preferences", token=token))
