"""Property-based run of every documented operation: no server errors, responses match the document."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from registry.openapi import build_spec
from registry.search.places import locate

# The document the app serves at /api/v1/openapi.json (test_http checks that it is this one).
schema = schemathesis.openapi.from_dict(build_spec())


def test_the_served_document_is_the_one_under_test(client):
    assert client.get("/api/v1/openapi.json").get_json() == build_spec()


@schema.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    # The same examples on every run: a query string carries only text, so a "boolean" or "number"
    # schemathesis substitutes for an array of text is often still valid text, and which of those it
    # happens to draw must not decide whether CI passes.
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_operation_conforms_to_the_openapi_document(case, app, catalogue):
    # Schemathesis' default checks: no 5xx, documented status codes, content types and headers, and
    # response bodies valid against the schemas. The calls go in-process to the WSGI app.
    if len(urlencode(case.query or {}, doseq=True)) > app.config["MAX_QUERY_CHARACTERS"]:
        # Longer than any address the registry takes, valid or not: refused before anything reads it.
        response = case.call(app=app)
        sent = urlsplit(response.request.url).query  # as encoded on the wire, which the server measures
        assert response.status_code == 414 or len(sent) <= app.config["MAX_QUERY_CHARACTERS"]
        if response.status_code == 414:
            return
    excluded = [positive_data_acceptance] if rejected_for_reasons_openapi_cannot_state(case) else []
    response = case.call_and_validate(app=app, excluded_checks=excluded)
    if excluded:  # such a request is served, or refused with a documented problem; nothing else
        assert response.status_code in (200, 401, 422)


def unstorable(body) -> bool:
    """What registry.web.safety refuses in any JSON body."""
    pending = [body]
    while pending:
        value = pending.pop()
        if isinstance(value, dict):
            pending.extend([*value.keys(), *value.values()])
        elif isinstance(value, list):
            pending.extend(value)
        elif isinstance(value, str):
            if "\x00" in value or any("\ud800" <= c <= "\udfff" for c in value):
                return True
        elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**63 - 1:
            return True
    return False


def rejected_for_reasons_openapi_cannot_state(case) -> bool:
    """Requests a schema cannot mark invalid: a NUL character anywhere in the address or the body, a lone
    surrogate or a number wider than 64 bits in the body (refused for every request, since no column can
    store them), a cursor the API never issued, dates out of order, or a place the registry does not know."""
    query = case.query or {}
    values = [*(case.path_parameters or {}).values(), *query.keys()]
    for value in query.values():
        values.extend(value if isinstance(value, list) else [value])
    if any("\x00" in str(value) for value in values) or unstorable(case.body):
        return True
    if case.method != "GET":
        return False
    dates_reversed = (
        "starts_after" in query
        and "starts_before" in query
        and (str(query["starts_after"]) > str(query["starts_before"]))
    )
    unknown_place = bool(str(query.get("bij", "")).strip()) and locate(str(query["bij"])) is None
    return "cursor" in query or dates_reversed or unknown_place
