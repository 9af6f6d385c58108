"""Fixtures: a real SMTP server that the app sends to, and a certificate for STARTTLS."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.smtp_server import Inbox, make_certificate, start_server


@pytest.fixture
def inbox(app) -> Iterator[Inbox]:
    """A plain SMTP server; the app sends to it for the length of the test."""
    box = Inbox()
    controller = start_server(box)
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.port)
    yield box
    box.release.set()
    controller.stop()
    for key in ("MAIL_SERVER", "MAIL_PORT"):
        app.config.pop(key)


@pytest.fixture(scope="session")
def certificate(tmp_path_factory):
    return make_certificate(tmp_path_factory.mktemp("tls"))
