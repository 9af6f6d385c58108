"""Dutch analysis: folding, stemming, stop words and the synonym groups kept as data."""

import pytest

from registry.search.analysis import SYNONYMS_FILE, find_synonyms, stems, synonym_keys, words


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("opleidingen", "opleiding"),
        ("baby's", "baby"),
        ("Hygiëne", "hygiene"),
        ("beleidsmedewerkers", "beleidsmedewerker"),
        ("pedagogische", "pedagogisch"),
    ],
)
def test_inflections_and_accents_meet_in_one_stem(one, other):
    assert stems(one) == stems(other)


def test_stop_words_and_single_letters_go_but_digits_stay():
    assert stems("de training voor 0-jarigen") == ["training", "0", "jarig"]


def test_spelling_words_are_folded_but_not_stemmed():
    assert words("Opleidingen Hygiëne") == ["opleidingen", "hygiene"]


@pytest.mark.parametrize(
    ("text", "also"),
    [
        ("kinder-EHBO", "eerste hulp"),
        ("BHV", "bedrijfshulpverlening"),
        ("3F", "taaleis"),
        ("taalniveau", "3F"),
        ("VVE", "vroeg- en voorschoolse educatie"),
        ("PBM", "pedagogisch beleidsmedewerker"),
        ("pedagogisch coach", "PBM"),
        ("0-jarigen", "baby's"),
    ],
)
def test_synonyms_share_a_group(text, also):
    assert synonym_keys(text)
    assert synonym_keys(text) == synonym_keys(also)


def test_the_longest_alternative_wins_and_spans_are_reported_in_order():
    tokens = stems("eerste hulp bij 0-jarigen")
    assert [(start, end) for start, end, _key in find_synonyms(tokens)] == [(0, 2), (2, 4)]


def test_synonyms_are_data_not_code():
    lines = [line for line in SYNONYMS_FILE.read_text().splitlines() if line and not line.startswith("#")]
    assert len(lines) >= 6
    assert all("|" in line for line in lines)
