"""Sign in and out, password reset, one's own account and API tokens, and user management by admins."""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    Response,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user

from registry.accounts import service
from registry.accounts.auth import start_session
from registry.accounts.models import Role
from registry.accounts.permissions import is_admin
from registry.accounts.service import LoginFailed, TooManyAttempts
from registry.accounts.signin_limits import FAILURE_WINDOW
from registry.errors import DomainError, InvalidTransition, ValidationFailed
from registry.extensions import limiter
from registry.http.ratelimit import form_limit
from registry.web.safety import client_address, safe_next_url

bp = Blueprint("accounts", __name__)


@bp.app_context_processor
def _account_flags() -> dict[str, bool]:
    """Templates ask ``can_manage_users`` instead of comparing role names."""
    return {"can_manage_users": is_admin(current_user)}


@bp.route("/inloggen", methods=["GET", "POST"])
@limiter.limit(form_limit, methods=["POST"])
def login():
    """Sign in; failures are limited per account and per address."""
    if request.method == "GET":
        return render_template("accounts/login.html", next=request.args.get("next", ""))
    email = request.form.get("email", "")
    try:
        user = service.authenticate(email, request.form.get("password", ""), client_address())
    except (LoginFailed, TooManyAttempts) as error:
        return _refused(
            error, "accounts/login.html", error=error.message, email=email, next=request.form.get("next", "")
        )
    start_session(user)
    return redirect(safe_next_url(request.form.get("next")) or url_for("accounts.home_for_role"))


def _refused(refusal: DomainError, template: str, **context: Any) -> Response:
    """The form again with the error; a limit also says (Retry-After) how long to wait at most."""
    response = make_response(render_template(template, **context), refusal.status)
    if isinstance(refusal, TooManyAttempts):
        response.headers["Retry-After"] = str(int(FAILURE_WINDOW.total_seconds()))
    return response


@bp.get("/mijn")
@login_required
def home_for_role():
    """Where each role starts after signing in."""
    if current_user.role is Role.PROVIDER:
        return redirect(url_for("provider_portal.dashboard"))
    if current_user.role in (Role.REVIEWER, Role.ADMIN):
        return redirect(url_for("reviews.queue"))
    if current_user.role is Role.ORGANISATION:
        if current_user.organisation_admin:
            return redirect(url_for("compliance.planner_page"))
        return redirect(url_for("organisations.overview"))
    return redirect(url_for("accounts.profile"))


@bp.post("/uitloggen")
@login_required
def logout():
    """Sign out everywhere: every session and API token of this account ends."""
    service.end_all_sessions(current_user._get_current_object())
    logout_user()
    session.clear()
    flash(_("U bent uitgelogd."))
    return redirect(url_for("web.home"))


@bp.route("/wachtwoord/vergeten", methods=["GET", "POST"])
@limiter.limit(form_limit, methods=["POST"])
def forgot_password():
    if request.method == "POST":
        service.request_password_reset(request.form.get("email", ""))
        flash(_("Als dit e-mailadres bij ons bekend is, ontvangt u binnen enkele minuten een link."))
        return redirect(url_for("accounts.login"))
    return render_template("accounts/forgot.html")


@bp.get("/wachtwoord/nieuw/<secret>")
def open_link_in_address(secret: str):
    """A link in the old form, with the secret in the path and so in access logs: it is retired."""
    service.retire_link_in_address(secret)
    message = _("Deze link werkt niet meer. Vraag een nieuwe aan; die komt binnen enkele minuten.")
    return render_template("accounts/reset.html", retired=True, message=message), 410


@bp.route("/wachtwoord/nieuw", methods=["GET", "POST"])
@limiter.limit(form_limit, methods=["POST"])
def reset_password():
    """The page a set-password link opens; its secret comes in the posted form, never in an address."""
    if request.method == "GET":
        return render_template("accounts/reset.html", values={})
    secret = request.form.get("secret", "").strip()
    values = {"secret": secret}
    if request.form.get("password") != request.form.get("password_again"):
        errors = {"password_again": [_("De wachtwoorden zijn niet gelijk.")]}
        return render_template("accounts/reset.html", values=values, errors=errors), 422
    try:
        service.reset_password(secret, request.form.get("password", ""))
    except ValidationFailed as error:
        return render_template(
            "accounts/reset.html", values=values, message=error.message, errors=error.fields
        ), 422
    flash(_("Uw wachtwoord is ingesteld. Log in met uw nieuwe wachtwoord."))
    return redirect(url_for("accounts.login"))


@bp.get("/account")
@login_required
def profile():
    user = current_user._get_current_object()
    return render_template("accounts/profile.html", tokens=service.own_api_tokens(user))


@bp.post("/account/wachtwoord")
@login_required
def change_password():
    """Change the password; other sessions and API tokens end, this one continues with a fresh session."""
    user = current_user._get_current_object()
    try:
        service.change_password(
            user,
            request.form.get("current_password", ""),
            request.form.get("password", ""),
            client_address(),
        )
    except (ValidationFailed, TooManyAttempts) as error:
        return _refused(
            error,
            "accounts/profile.html",
            tokens=service.own_api_tokens(user),
            errors=getattr(error, "fields", {}),
            message=error.message,
        )
    start_session(user)
    flash(_("Uw wachtwoord is gewijzigd. Andere sessies en uw API-tokens zijn beëindigd."))
    return redirect(url_for("accounts.profile"))


@bp.post("/account/tokens")
@login_required
def create_token():
    """A new API token, after the password again, shown once on the page that answers this request."""
    user = current_user._get_current_object()
    try:
        _token, secret = service.issue_api_token(
            user, request.form.get("name", ""), request.form.get("token_password", ""), client_address()
        )
    except (ValidationFailed, TooManyAttempts) as error:
        return _refused(
            error,
            "accounts/profile.html",
            tokens=service.own_api_tokens(user),
            token_errors={"token_password": [error.message]},
            token_message=error.message,
        )
    return render_template("accounts/profile.html", tokens=service.own_api_tokens(user), new_token=secret)


@bp.post("/account/tokens/<int:token_id>/intrekken")
@login_required
def revoke_token(token_id: int):
    service.revoke_api_token(current_user._get_current_object(), token_id)
    flash(_("Het token is ingetrokken."))
    return redirect(url_for("accounts.profile"))


@bp.get("/beheer/gebruikers")
@login_required
def users():
    """Admins: every account, and a form to invite officials or other admins."""
    return render_template(
        "accounts/users.html",
        users=service.all_users(current_user._get_current_object()),
        admin=is_admin(current_user),
    )


@bp.post("/beheer/gebruikers")
@login_required
def invite_user():
    actor = current_user._get_current_object()
    try:
        user = service.create_user(
            actor,
            request.form.get("email", ""),
            Role(request.form.get("role", "reviewer")),
            name=request.form.get("name", ""),
        )
    except (ValidationFailed, ValueError) as error:
        message = getattr(error, "message", _("Kies een geldige rol."))
        return render_template(
            "accounts/users.html",
            users=service.all_users(actor),
            admin=True,
            values=request.form,
            message=message,
            errors=getattr(error, "fields", {}),
        ), 422
    flash(_("%(email)s is uitgenodigd.", email=user.email))
    return redirect(url_for("accounts.users"))


@bp.post("/beheer/gebruikers/<int:user_id>/<any(blokkeren, deblokkeren):change>")
@login_required
def set_active(user_id: int, change: str):
    try:
        user = service.set_active(current_user._get_current_object(), user_id, change == "deblokkeren")
    except InvalidTransition as error:
        flash(error.message, "error")
        return redirect(url_for("accounts.users"))
    if user.is_active:
        flash(_("%(email)s is gedeblokkeerd.", email=user.email))
    else:
        flash(_("%(email)s is geblokkeerd; lopende sessies zijn beëindigd.", email=user.email))
    return redirect(url_for("accounts.users"))
