"""A planner rule's source is a web address: a script or data address is refused and changes nothing."""

from __future__ import annotations

import pytest

from tests.conftest import Browser
from tests.organisations.world import ehbo_rule_id, snapshot


@pytest.mark.parametrize(
    "address", ["javascript:alert(1)", "data:text/html,<script>", "ftp://wetten.example"]
)
def test_an_admin_cannot_give_a_rule_a_script_as_its_source(app, world, address):
    people, a, _b = world
    admin = Browser(app.test_client())
    admin.login(people.admin.email)
    before = snapshot(a)
    action = f"/beheer/planner-regels/{ehbo_rule_id()}"
    data = {"holders_per_location": "3", "source_url": address, "source_checked_on": "2026-11-20"}
    response = admin.post("/beheer/planner-regels/", action, data, follow_redirects=True)
    assert "Niet opgeslagen" in response.get_data(as_text=True)
    assert snapshot(a)["rule"] == before["rule"]
