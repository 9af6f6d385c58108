"""The import speaks the interface's language: file errors and row refusals in Dutch, or in English
after the language switch (the column names are the file's own and stay as they are)."""

from __future__ import annotations

import io
from html import unescape

import pytest

from registry.catalogue.models import Course
from tests.conftest import count
from tests.exchange.conftest import as_csv, course_rows
from tests.exchange.test_edudex import feed, program

NOT_OUR_COLUMNS = b"naam,prijs\nA,1\n"


def _upload(browser_client, people, data: bytes, language: str, name: str = "aanbod.csv") -> tuple[int, str]:
    browser_client.login(people.member.email)
    browser_client.client.set_cookie("taal", language)
    page = f"/aanbieder/{people.provider.id}/import"
    response = browser_client.post(
        page, page, {"file": (io.BytesIO(data), name)}, content_type="multipart/form-data"
    )
    return response.status_code, unescape(response.get_data(as_text=True))


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("nl", "De eerste regel moet de kolomnamen van het sjabloon bevatten; ontbreekt: Code, Titel."),
        ("en", "The first line must hold the template's column names; missing: Code, Titel."),
    ],
)
def test_a_file_without_our_columns_is_refused_in_the_chosen_language(
    browser_client, people, vocabulary, language, message
) -> None:
    status, html = _upload(browser_client, people, NOT_OUR_COLUMNS, language)
    assert status == 422
    assert message in html
    assert count(Course) == 0


@pytest.mark.parametrize(
    ("language", "date", "amount", "duplicate"),
    [
        (
            "nl",
            "Startdatum: ‘32-13-2027’ is geen datum; schrijf 31-01-2027 of 2027-01-31.",
            "Prijs (euro): ‘gratis’ is geen bedrag; schrijf bijvoorbeeld 149,50.",
            "Deze uitvoering (startdatum en plaats) staat er al eerder in.",
        ),
        (
            "en",
            "Startdatum: ‘32-13-2027’ is not a date; write 31-01-2027 or 2027-01-31.",
            "Prijs (euro): ‘gratis’ is not an amount; write for example 149,50.",
            "This run (start date and place) is already listed earlier.",
        ),
    ],
)
def test_refused_rows_are_explained_in_the_chosen_language(
    browser_client, people, vocabulary, language, date, amount, duplicate
) -> None:
    rows = course_rows(3, 1)
    rows[0][12] = "32-13-2027"
    rows[1][7] = "gratis"
    rows.append(list(rows[2]))  # the same run of the same course twice
    status, html = _upload(browser_client, people, as_csv(rows), language)
    assert status == 200
    assert date in html and amount in html and duplicate in html


@pytest.mark.parametrize(
    ("language", "file_error", "row_error"),
    [
        (
            "nl",
            "Het XML-bestand bevat geen EDU-DEX-programma (element program).",
            "programLevel ‘academic master’ kent het register niet",
        ),
        (
            "en",
            "The XML file contains no EDU-DEX program (element program).",
            "programLevel ‘academic master’ is not known to the registry",
        ),
    ],
)
def test_an_edudex_feed_is_explained_in_the_chosen_language(
    browser_client, people, vocabulary, language, file_error, row_error
) -> None:
    status, html = _upload(browser_client, people, b"<catalog><item/></catalog>", language, "feed.xml")
    assert status == 422 and file_error in html
    bad_level = feed(program("OK-1"), program("WO-1", level="academic master"))
    status, html = _upload(browser_client, people, bad_level, language, "feed.xml")
    assert status == 200 and row_error in html
