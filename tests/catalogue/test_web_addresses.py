"""Links in provider and reference data are http(s) only: refused on the way in (form, API) and, for values
stored before that rule, left out on the way out (pages, feed, dump)."""

from __future__ import annotations

import pytest

from registry.accounts.service import create_api_token
from registry.catalogue.models import Provider
from registry.extensions import db
from registry.validation import is_web_address
from tests.conftest import Browser

HOSTILE = [
    "javascript:alert(document.cookie)",
    "JavaScript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "//evil.example/",
    'https://kindwijs.example/" onmouseover="alert(1)',
    " javascript:alert(1)",
]


@pytest.mark.parametrize("address", HOSTILE)
def test_only_http_and_https_addresses_pass(address):
    assert not is_web_address(address)
    assert is_web_address("https://www.kindwijs.example/opleidingen?x=1")


def profile(people, **changes) -> dict[str, str]:
    return {
        "name": "Academie Kindwijs",
        "kvk_number": people.provider.kvk_number,
        "email": "info@kindwijs.example",
        "city": "Zwolle",
        "province": "overijssel",
        **changes,
    }


@pytest.mark.parametrize("address", HOSTILE[:3])
def test_the_profile_form_and_the_api_refuse_a_script_address(app, client, people, address):
    before = db.session.get(Provider, people.provider.id).website
    browser = Browser(app.test_client())
    browser.login(people.member.email)
    page = browser.post(
        "/aanbieder/",
        f"/aanbieder/{people.provider.id}/profiel",
        profile(people, website=address),
        follow_redirects=True,
    )
    assert page.status_code == 422  # the form opens again with the error summary and what was typed
    assert 'id="foutmelding"' in page.get_data(as_text=True)
    assert "begint met https://" in page.get_data(as_text=True)
    _token, secret = create_api_token(people.member, "api")
    api = client.patch(
        f"/api/v1/provider/profiles/{people.provider.id}",
        json={"website": address},
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert api.status_code == 422 and "website" in api.json["errors"]
    db.session.expire_all()
    assert db.session.get(Provider, people.provider.id).website == before


def test_a_script_address_stored_earlier_is_never_served_as_a_link(app, client, people):
    provider = db.session.get(Provider, people.provider.id)
    provider.website = "javascript:alert(document.cookie)"
    db.session.commit()
    page = client.get(f"/aanbieders/{provider.slug}").get_data(as_text=True)
    assert 'href="javascript:' not in page
    record = client.get(f"/api/v1/providers/{provider.id}")
    assert record.status_code == 200 and record.json["website"] == ""
