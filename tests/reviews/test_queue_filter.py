"""The review queue's filters: the officials' page and the API accept and refuse the same input."""

from __future__ import annotations

import pytest

from registry.accounts.service import create_api_token
from tests.conftest import Browser

# (API name, page name, value, accepted)
CASES = [
    ("state", "status", "submitted", True),
    ("state", "status", "", True),
    ("state", "status", "bestaat-niet", False),
    ("subject_type", "soort", "provider", True),
    ("subject_type", "soort", "cursus", False),
    ("older_than_days", "ouder_dan", "30", True),
    ("older_than_days", "ouder_dan", "-1", False),
    ("older_than_days", "ouder_dan", "40000", False),
    ("older_than_days", "ouder_dan", "veel", False),
]


@pytest.mark.parametrize(("api_name", "page_name", "value", "accepted"), CASES)
def test_page_and_api_share_the_filter_rules(app, client, people, api_name, page_name, value, accepted):
    _token, secret = create_api_token(people.official, "filters")
    api = client.get(f"/api/v1/reviews?{api_name}={value}", headers={"Authorization": f"Bearer {secret}"})
    browser = Browser(app.test_client())
    browser.login(people.official.email)
    page = browser.client.get(f"/beoordelingen/?{page_name}={value}")
    assert page.status_code == 200  # the page explains and shows every case
    if accepted:
        assert api.status_code == 200
        assert 'role="status"' not in page.get_data(as_text=True)
    else:
        assert api.status_code == 422 and api.mimetype == "application/problem+json"
        message = " ".join(m for messages in api.json["errors"].values() for m in messages)
        assert message and message in page.get_data(as_text=True)
