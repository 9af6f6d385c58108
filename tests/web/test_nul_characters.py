"""A NUL character in an address or a query parameter is refused once, before anything reads it."""

import pytest

from registry.audit.models import AuditEvent
from registry.extensions import db


@pytest.mark.parametrize(
    "path",
    [
        "/zoeken?q=%00",
        "/opleidingen?topic=a%00b",
        "/aanbieders/a%00b",
        "/api/v1/courses?topic=%00",
        "/api/v1/search?q=kind%00",
    ],
)
def test_a_nul_is_refused_with_a_clear_error_and_changes_nothing(client, path):
    before = db.session.query(AuditEvent).count()
    response = client.get(path)
    assert response.status_code == 422
    if path.startswith("/api/"):
        assert response.mimetype == "application/problem+json"
        assert response.get_json()["status"] == 422
    else:
        assert "ongeldig teken" in response.get_data(as_text=True)
    assert db.session.query(AuditEvent).count() == before


def test_an_ordinary_query_still_passes(client):
    assert client.get("/zoeken?q=kinder-ehbo").status_code == 200
