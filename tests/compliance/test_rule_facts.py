"""Each legal fact of the compliance rules pinned: changing one is a deliberate act that changes this test."""

import re
from datetime import date

import pytest

from registry.compliance.rules import rules_on, upcoming_rules
from tests.compliance.file_rules import rules_in_file

RULES = {rule.code: rule for rule in rules_in_file()}


def test_coaching_norm_is_50_per_centre_and_10_per_fte_of_36_hours_from_2019():
    rule = RULES["coaching-uren"]
    assert (rule.hours_per_centre, rule.hours_per_fte, rule.hours_per_fte_unit) == (50, 10, 36)
    assert rule.valid_from == date(2019, 1, 1)
    assert set(rule.care_types) == {"dagopvang", "bso", "peuteropvang"}
    assert "artikel 8" in rule.source.citation
    assert "https://wetten.overheid.nl/BWBR0039936/" in rule.source.also
    assert "niet geverifieerd" in rule.source.verified  # the text of artikel 8 itself was not read


def test_babyscholing_from_2025_for_dagopvang_babies_approved_and_20_hours():
    rule = RULES["babyscholing"]
    assert rule.valid_from == date(2025, 1, 1)
    assert rule.care_types == ("dagopvang",)
    assert rule.babies_only and rule.requires_approved and rule.min_hours == 20
    assert "bijlage V" in rule.source.citation


def test_3f_from_2025_with_the_diplomas_of_cao_bijlage_iv():
    rule = RULES["taaleis-3f"]
    assert rule.valid_from == date(2025, 1, 1)
    assert set(rule.qualifying_diplomas) == {
        "havo",
        "vhbo",
        "vwo",
        "mbo-4",
        "associate-degree",
        "hbo-bachelor",
        "wo-bachelor",
    }
    assert "mbo-3" not in rule.qualifying_diplomas
    assert "bijlage IV" in rule.source.citation
    assert "Regeling Wet kinderopvang, artikel 7, derde lid" in rule.source.citation
    assert "Stcrt. 2024, 20497" in rule.source.citation
    assert rule.source.url == "https://zoek.officielebekendmakingen.nl/stcrt-2024-20497.html"
    # The regulation binds the holder of any kindercentrum, so the bso as well as the dagopvang.
    assert set(rule.care_types) == {"dagopvang", "bso", "peuteropvang"}


def test_kinder_ehbo_one_holder_per_centre_two_years_since_2018():
    centre, gastouder = RULES["kinder-ehbo-kindercentrum"], RULES["kinder-ehbo-gastouder"]
    assert centre.holders_per_location == 1
    assert centre.default_validity_months == gastouder.default_validity_months == 24
    assert centre.valid_from == gastouder.valid_from == date(2018, 1, 1)
    assert "gastouderbureau" not in centre.care_types
    assert gastouder.care_types == ("gastouderbureau",) and gastouder.roles == ("gastouder",)
    assert "Stcrt. 2017, 49283" in centre.source.citation
    grounds = "artikelen 8, eerste lid, 9b, eerste lid, en 10d, eerste lid, van de Regeling Wet kinderopvang"
    assert grounds in centre.source.citation
    assert "Stcrt. 2015, 8353" in gastouder.source.citation  # the gastouder designation it replaced
    assert (
        centre.source.url
        == gastouder.source.url
        == "https://zoek.officielebekendmakingen.nl/stcrt-2017-49283.html"
    )
    # No statute sets a period of validity: 24 months is only the fallback without an expiry date.
    assert "geen wettelijke geldigheidsduur" in centre.source.verified.lower()


def test_vve_training_for_vve_locations_from_the_besluit_basisvoorwaarden():
    rule = RULES["vve-scholing"]
    assert rule.vve_only and set(rule.care_types) == {"dagopvang", "peuteropvang"}
    assert "Besluit basisvoorwaarden kwaliteit voorschoolse educatie, artikel 4" in rule.source.citation
    assert "Stb. 2017, 184" in rule.source.citation
    assert rule.source.url == "https://wetten.overheid.nl/BWBR0027961/2022-01-01"


# The identifiers in the Basiswettenbestand, each checked against the text it names.
BWB_IDS = {
    "BWBR0017017": "Wet kinderopvang",
    "BWBR0017252": "Regeling Wet kinderopvang",
    "BWBR0027961": "Besluit basisvoorwaarden kwaliteit voorschoolse educatie",
    "BWBR0039936": "Besluit kwaliteit kinderopvang",
}


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_law_link_names_a_checked_identifier(code):
    source = RULES[code].source
    for url in (source.url, *source.also):
        for found in re.findall(r"wetten\.overheid\.nl/(BWBR\d+)", url):
            assert found in BWB_IDS, f"{code}: {url}"


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_rule_has_a_source_checked_and_a_statement_of_what_was_verified(code):
    source = RULES[code].source
    assert source.url.startswith("https://") and source.checked_on == date(2026, 11, 29)
    assert len(source.verified) > 20


def test_future_dated_rules_apply_from_their_date():
    rules = tuple(RULES.values())
    codes_2024 = {r.code for r in rules_on(date(2024, 12, 31), rules)}
    codes_2025 = {r.code for r in rules_on(date(2025, 1, 1), rules)}
    assert codes_2025 - codes_2024 == {"babyscholing", "taaleis-3f"}
    assert {r.code for r in upcoming_rules(date(2024, 12, 31), rules)} == {"babyscholing", "taaleis-3f"}
