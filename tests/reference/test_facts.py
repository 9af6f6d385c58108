"""The reference data's facts, pinned: changing one is a deliberate act that changes this test too."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlparse

import pytest

from registry.reference.vocabularies import ALL, COMPLIANCE_RULES, REQUIREMENTS, SCHEMES


def _entries(vocabulary) -> dict[str, dict]:
    return {entry["key"]: entry["values"] for entry in vocabulary.entries()}


def _checked(values: dict) -> date | None:
    return values.get("source_checked_on", values.get("last_checked_on"))


def test_babyscholing_applies_from_2025_and_needs_twenty_hours():
    babyscholing = _entries(REQUIREMENTS)["babyscholing"]
    assert "1 januari 2025" in babyscholing["description"]
    assert "2023" not in babyscholing["description"]
    assert "ten minste twintig uur" in babyscholing["description"]
    assert "bijlage-v" in babyscholing["source_url"]
    assert _entries(COMPLIANCE_RULES)["babyscholing"]["min_hours"] == 20


def test_slim_runs_until_1_january_2030():
    slim = _entries(SCHEMES)["SLIM"]
    assert slim["active_until"] == date(2029, 12, 31)  # the regulation lapses on 1 January 2030
    assert "1 januari 2030" in slim["summary"]
    assert slim["source_url"] == "https://zoek.officielebekendmakingen.nl/stcrt-2024-41822.html"
    assert slim["cofinancing_percent"] == 40
    assert slim["min_costs"] == 5000 and slim["max_amount_per"] == "application"
    assert all(lottery for _opens, _closes, lottery in slim["windows"])


def test_kinder_ehbo_cites_the_designation_in_the_staatscourant():
    ehbo = _entries(REQUIREMENTS)["kinder-ehbo"]
    assert ehbo["source_url"] == "https://zoek.officielebekendmakingen.nl/stcrt-2017-49283.html"
    assert "Staatscourant 2017, 49283" in ehbo["description"]
    assert _entries(COMPLIANCE_RULES)["kinder-ehbo-kindercentrum"]["source_url"] == ehbo["source_url"]


def test_the_3f_requirement_cites_the_regulation_and_covers_the_bso():
    taal = _entries(REQUIREMENTS)["taalniveau-3f"]
    assert taal["source_url"] == "https://zoek.officielebekendmakingen.nl/stcrt-2024-20497.html"
    assert taal["source_checked_on"] == date(2026, 11, 29)
    assert "1 januari 2025" in taal["description"] and "3F of B2" in taal["description"]
    assert "buitenschoolse opvang" in taal["description"]  # the holder of any kindercentrum
    assert _entries(COMPLIANCE_RULES)["taaleis-3f"]["source_url"] == taal["source_url"]


@pytest.mark.parametrize(
    ("code", "law"),
    [
        ("pedagogisch-coach", "https://wetten.overheid.nl/BWBR0039936/"),
        ("vve-certificaat", "https://wetten.overheid.nl/BWBR0027961/2022-01-01"),
    ],
)
def test_requirements_not_yet_read_in_their_law_point_at_it_unchecked(code, law):
    requirement = _entries(REQUIREMENTS)[code]
    assert requirement["source_url"] == law
    assert requirement["source_checked_on"] is None


def test_stap_cites_its_regulation():
    stap = _entries(SCHEMES)["STAP"]
    assert stap["source_url"] == "https://wetten.overheid.nl/BWBR0045419"
    assert stap["active_until"] == date(2023, 12, 31)


def test_the_example_fund_is_fictional_and_links_nowhere():
    fund = _entries(SCHEMES)["OO-KINDEROPVANG"]
    assert "fictief" in fund["name"].lower() and "bestaat niet" in fund["summary"]
    assert fund["source_url"] == "" and fund["last_checked_on"] is None


@pytest.mark.parametrize("vocabulary", ALL, ids=lambda v: v.name)
def test_a_check_date_only_with_a_source_that_is_more_than_a_homepage(vocabulary):
    for key, values in _entries(vocabulary).items():
        if _checked(values) is not None:
            url = urlparse(values["source_url"])
            assert url.scheme == "https" and url.path.strip("/"), f"{vocabulary.name} {key}"
            assert _checked(values) <= date(2026, 11, 29)
