"""Wiring accounts into requests: session users, bearer tokens for the API, and session timeouts."""

from __future__ import annotations

from datetime import datetime

from flask import Flask, Request, current_app, request, session
from flask.sessions import SecureCookieSessionInterface
from flask_login import current_user, login_user, logout_user

from registry.accounts.models import User
from registry.accounts.service import user_for_api_token, user_for_session
from registry.clock import utcnow
from registry.extensions import login_manager


class CookielessApiSessions(SecureCookieSessionInterface):
    """The JSON API never reads or writes the session cookie: tokens only, and cacheable responses
    (no ``Vary: Cookie``)."""

    def open_session(self, app: Flask, request: Request):
        if request.path.startswith("/api/"):
            return self.session_class()
        return super().open_session(app, request)

    def save_session(self, app: Flask, session, response) -> None:
        if request.path.startswith("/api/"):
            return
        super().save_session(app, session, response)


def init_auth(app: Flask) -> None:
    app.session_interface = CookielessApiSessions()
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = "Log in om verder te gaan."
    login_manager.session_protection = "strong"
    login_manager.user_loader(_load_session_user)
    login_manager.request_loader(_load_token_user)
    app.before_request(_enforce_session_timeouts)


def _load_session_user(session_id: str) -> User | None:
    return user_for_session(session_id)


def _load_token_user(req: Request) -> User | None:
    header = req.headers.get("Authorization", "")
    if not req.path.startswith("/api/") or not header.startswith("Bearer "):
        return None
    user = user_for_api_token(header.removeprefix("Bearer ").strip())
    return user


def _enforce_session_timeouts() -> None:
    """End a session after too long idle, or too long since sign-in, whatever happens in between."""
    if request.path.startswith(("/static/", "/api/")) or not current_user.is_authenticated:
        return
    now = utcnow()
    idle_limit = current_app.config["SESSION_IDLE_MINUTES"] * 60
    absolute_limit = current_app.config["SESSION_ABSOLUTE_HOURS"] * 3600
    signed_in_at = _stamp(session.get("signed_in_at"))
    last_seen_at = _stamp(session.get("last_seen_at"))
    if (
        signed_in_at is None
        or (now - signed_in_at).total_seconds() > absolute_limit
        or last_seen_at is None
        or (now - last_seen_at).total_seconds() > idle_limit
    ):
        logout_user()
        session.clear()
        return
    session["last_seen_at"] = now.isoformat()


def _stamp(value: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


def start_session(user: User) -> None:
    """Sign in with a fresh session (no fixation), stamped for the timeouts."""
    session.clear()
    login_user(user)
    now = utcnow().isoformat()
    session["signed_in_at"] = now
    session["last_seen_at"] = now
