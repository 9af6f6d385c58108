"""No shared key signs a session: a cookie forged with the key once in the repository opens nothing."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from flask.testing import FlaskClient
from flask_login.utils import _create_identifier

from registry import create_app
from registry.accounts.models import Role
from registry.clock import utcnow
from registry.config import PUBLISHED_SECRET_KEYS
from registry.extensions import db
from tests.factories import make_user


def forged_session_cookie(client: FlaskClient, key: str, user_id: str) -> str:
    """What an attacker who knows ``key`` signs: a fresh, 'strong'-protected session for ``user_id``."""
    with client.application.test_request_context(environ_base=client.environ_base):
        identifier = _create_identifier()  # the test client's address and user agent
    signer = Flask("forger")
    signer.secret_key = key
    now = utcnow().isoformat()
    content = {
        "_user_id": user_id,
        "_fresh": True,
        "_id": identifier,
        "signed_in_at": now,
        "last_seen_at": now,
    }
    return SecureCookieSessionInterface().get_signing_serializer(signer).dumps(content)


@pytest.fixture
def development_app(test_config, tmp_path, monkeypatch):
    """The app as a developer starts it: no SECRET_KEY anywhere, the same database."""
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("REGISTRY_ENV", raising=False)
    config = {key: value for key, value in test_config.items() if key != "SECRET_KEY"}
    development = create_app({**config, "SECRET_KEY_FILE": str(tmp_path / "secret_key")})
    yield development
    with development.app_context():
        db.engine.dispose()  # its own pool, closed before the interpreter does it noisily


def test_a_cookie_signed_with_the_old_repository_key_opens_nothing(app, development_app):
    admin = make_user(Role.ADMIN)
    db.session.commit()
    user_id = admin.get_id()
    old_key = next(iter(PUBLISHED_SECRET_KEYS))

    attacker = development_app.test_client()
    attacker.set_cookie("session", forged_session_cookie(attacker, old_key, user_id))
    response = attacker.get("/beheer/gebruikers")
    assert response.status_code == 302 and "/inloggen" in response.headers["Location"]

    # The same forgery with the key the app really uses would work: the refusal above is the key's doing.
    insider = development_app.test_client()
    real_key = development_app.config["SECRET_KEY"]
    insider.set_cookie("session", forged_session_cookie(insider, real_key, user_id))
    assert insider.get("/beheer/gebruikers").status_code == 200
