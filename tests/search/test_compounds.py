"""Dutch compounds: cut into parts from a real word list, linking elements, shared heads."""

import pytest

from registry.search.analysis import stems
from registry.search.compounds import WORDS_FILE, compound_terms, compound_words, expand_dangling, split


@pytest.mark.parametrize(
    ("word", "modifiers", "head"),
    [
        ("kindermishandeling", ("kinder",), "mishandeling"),
        ("infectiepreventie", ("infectie",), "preventie"),
        ("taalontwikkeling", ("taal",), "ontwikkeling"),
        ("natuurbeleving", ("natuur",), "beleving"),
        ("taalachterstand", ("taal",), "achterstand"),
        ("oudercontact", ("ouder",), "contact"),
        ("praktijkbegeleider", ("praktijk",), "begeleider"),
        ("praktijkbegeleiders", ("praktijk",), "begeleiders"),  # an inflected head
        ("beleidsmedewerker", ("beleid",), "medewerker"),  # linking -s-
        ("ontwikkelingsachterstand", ("ontwikkeling",), "achterstand"),
        ("buitenspelen", ("buiten",), "spelen"),  # the longest head, not buitens|pelen
        ("onderwijsachterstandenbeleid", ("onderwijs", "achterstanden"), "beleid"),  # -en-, three parts
        ("teamleider", ("team",), "leider"),
        ("locatiemanager", ("locatie",), "manager"),
    ],
)
def test_compounds_are_cut_into_their_parts(word, modifiers, head):
    found = split(word)
    assert found is not None, word
    assert (found.modifiers, found.head) == (modifiers, head)


@pytest.mark.parametrize(
    "word",
    ["opleiding", "ontwikkeling", "vaardigheden", "medewerker", "pedagogisch", "verzorging", "achterstand"],
)
def test_words_that_only_look_like_compounds_stay_whole(word):
    # ont|wikkeling, vaardig|heden, mede|werker, achter|stand: a prefix or a suffix, not a part.
    assert split(word) is None


def test_a_shared_head_is_written_out():
    assert expand_dangling("Bewegen op de bso: sport- en spelbegeleiding") == (
        "Bewegen op de bso: sportbegeleiding en spelbegeleiding"
    )
    assert expand_dangling("kinder-EHBO en BHV") == "kinder-EHBO en BHV"  # a hyphen inside a word


def test_index_terms_keep_heads_apart_from_first_parts():
    heads, modifiers = compound_terms("Basistraining meldcode kindermishandeling; sport- en spelbegeleiding")
    assert stems("mishandeling")[0] in heads
    assert stems("kinder")[0] in modifiers and stems("kinder")[0] not in heads
    assert stems("sportbegeleiding")[0] in heads  # the written-out word counts whole
    assert {"sport", "spel"} <= set(modifiers)


def test_the_word_list_is_real_dutch_data_with_its_source_and_licence():
    header = WORDS_FILE.read_text(encoding="utf-8").splitlines()[:4]
    assert any("OpenTaal" in line for line in header)
    assert any("BSD" in line and "CC BY" in line for line in header)
    assert len(compound_words()) > 15_000
    assert {"mishandeling", "preventie", "begeleider", "kind"} <= compound_words()
