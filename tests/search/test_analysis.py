"""Dutch analysis: folding, stemming, stop words and the thesaurus kept as data."""

import pytest
from whoosh.fields import TEXT

from registry.search.analysis import DutchText, dutch_analyzer, spelling_analyzer, stems, words
from registry.search.thesaurus import THESAURUS_FILE, find_synonyms, synonym_keys

# Accents that keep and that change the length when folded (æ -> ae), stop words, repeats,
# single letters, digits, dotted abbreviations and punctuation.
AWKWARD_TEXTS = [
    "",
    "De training voor 0-jarigen: baby's en peuters, baby's en dreumesen!",
    "Hygiëne, café-cultuur en één naïeve coöperatie",
    "Encyclopædia Æsop: cæsar en de curriculum vitæ van een PBM'er",
    "EHBO/BHV v.o.f. 3F t.b.v. de VVE-coach (niveau 3, 2026-11-27)",
    "opleiding opleidingen Opleiding OPLEIDINGEN opleid",
]


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
        ("EHBO", "eerste hulp"),
        ("BHV", "bedrijfshulpverlening"),
        ("3F", "taaleis"),
        ("taalniveau", "3F"),
        ("VVE", "vroeg- en voorschoolse educatie"),
        ("PBM", "pedagogisch beleidsmedewerker"),
        ("pedagogisch coach", "PBM"),
        ("0-jarigen", "baby's"),
        ("zuigelingen", "baby"),
        ("teamleider", "leidinggevende"),
        ("locatiemanager", "manager"),
        ("praktijkopleider", "werkbegeleider"),
        ("praktijkbegeleider", "praktijkopleider"),
        ("ouders", "opvoeder"),
    ],
)
def test_synonyms_share_a_group(text, also):
    assert synonym_keys(text)
    assert synonym_keys(text) == synonym_keys(also)


def test_the_longest_alternative_wins_and_spans_are_reported_in_order():
    tokens = stems("eerste hulp bij 0-jarigen")
    assert [(start, end) for start, end, _key in find_synonyms(tokens)] == [(0, 2), (2, 4)]


def test_the_thesaurus_is_data_not_code():
    lines = [line for line in THESAURUS_FILE.read_text().splitlines() if line and not line.startswith("#")]
    assert len(lines) >= 30
    assert all("|" in line or ">" in line for line in lines)


@pytest.mark.parametrize("text", AWKWARD_TEXTS)
@pytest.mark.parametrize("analyzer", [dutch_analyzer, spelling_analyzer])
def test_the_fast_term_list_is_what_the_token_stream_yields(text, analyzer):
    tokenizer = analyzer()
    assert tokenizer.terms(text) == [token.text for token in tokenizer(text)]


@pytest.mark.parametrize("text", AWKWARD_TEXTS)
@pytest.mark.parametrize("analyzer", [dutch_analyzer, spelling_analyzer])
def test_indexing_a_field_gives_the_postings_whoosh_would(text, analyzer):
    ours = DutchText(analyzer=analyzer(), phrase=False, field_boost=2.0)
    whooshs = TEXT(analyzer=analyzer(), phrase=False, field_boost=2.0)
    assert sorted(ours.index(text)) == sorted(whooshs.index(text))
