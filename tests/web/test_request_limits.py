"""Each kind of request has a ceiling, refused with 413 before the body is read (before the CSRF check
too), in Dutch on pages and as problem+json in the API; nothing is saved."""

from __future__ import annotations

import io

from registry.accounts.service import create_api_token
from tests.conftest import Browser
from tests.web.test_hostile_input import stored_rows


def test_an_oversized_form_is_refused_before_the_csrf_check_reads_it(app, client):
    before = stored_rows()
    # No CSRF token: had anything parsed the form first, the answer would be the CSRF page (400).
    response = client.post("/inloggen", data={"email": "a@b.nl", "password": "x" * (1024 * 1024)})
    assert response.status_code == 413
    assert "Dit is te veel in één keer" in response.get_data(as_text=True)
    assert stored_rows() == before


def test_an_oversized_json_body_is_refused_as_a_problem(app, client, people):
    _token, secret = create_api_token(people.member, "limits")
    before = stored_rows()
    body = b'{"title": "' + b"x" * (2 * 1024 * 1024) + b'"}'
    response = client.post(
        "/api/v1/provider/courses",
        data=body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert response.status_code == 413
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["title"] == "Het verzoek is te groot"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert stored_rows() == before


def test_a_chunked_body_without_a_length_is_cut_off_at_the_ceiling(app, client, people):
    _token, secret = create_api_token(people.member, "limits")
    before = stored_rows()
    stream = io.BytesIO(b'{"title": "' + b"x" * (2 * 1024 * 1024) + b'"}')
    response = client.post(
        "/api/v1/provider/courses",
        input_stream=stream,
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}", "Transfer-Encoding": "chunked"},
        environ_overrides={"wsgi.input_terminated": True},
    )
    assert response.status_code == 413
    assert stream.tell() <= 1024 * 1024 + 64 * 1024  # read no further than the ceiling (and a buffer)
    assert stored_rows() == before


def test_a_file_import_gets_the_larger_bulk_ceiling(app, people):
    browser = Browser(app.test_client())
    browser.login(people.member.email)
    page = f"/aanbieder/{people.provider.id}/import"
    big_csv = ("titel;samenvatting\n" + "Oudergesprekken voeren;Lastige gesprekken\n" * 30_000).encode()
    assert len(big_csv) > app.config["MAX_FORM_BYTES"]
    # Encoded here: the test client would spool a body this large to a temporary file it leaves open.
    boundary = "grens"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n'
            f"{browser.csrf_from(page)}\r\n"
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="opleidingen.csv"\r\n'
            "Content-Type: text/csv\r\n\r\n"
        ).encode()
        + big_csv
        + f"\r\n--{boundary}--\r\n".encode()
    )
    response = browser.client.post(page, data=body, content_type=f"multipart/form-data; boundary={boundary}")
    assert response.status_code != 413
    assert response.status_code < 500
