"""The sector thesaurus: equivalent terms, broader and narrower concepts, kept as data."""

import pytest

from registry.search.interpret import query_units
from registry.search.thesaurus import (
    THESAURUS_FILE,
    ThesaurusError,
    parse_thesaurus,
    synonym_keys,
    thesaurus,
    use_thesaurus,
)


@pytest.mark.parametrize(
    "terms",
    [
        ("baby", "zuigeling", "0-jarige", "zuigelingen", "nuljarige"),
        ("leidinggevende", "teamleider", "manager", "locatiemanager"),
        ("praktijkopleider", "praktijkbegeleider", "werkbegeleider"),
        ("ouder", "ouders", "opvoeder"),
    ],
)
def test_equivalent_terms_are_one_concept(terms):
    keys = [synonym_keys(term) for term in terms]
    assert keys[0]
    assert all(key == keys[0] for key in keys), dict(zip(terms, keys, strict=True))


def test_a_narrower_concept_carries_its_broader_one_but_not_the_reverse():
    ehbo = synonym_keys("EHBO")
    assert ehbo <= synonym_keys("kinder-EHBO")  # a search for EHBO finds kinder-EHBO
    assert not synonym_keys("kinder-EHBO") <= ehbo  # a search for kinder-EHBO does not find all EHBO
    assert synonym_keys("baby") <= synonym_keys("babyscholing")


def test_the_format_reads_concepts_relations_and_new_terms_in_relations():
    parsed = parse_thesaurus("# comment\nvoeding | eten en drinken\nvoeding > borstvoeding\n")
    keys = {concept.terms[0]: concept.key for concept in parsed.concepts}
    assert set(keys) == {"voeding", "borstvoeding"}
    assert parsed.broader[keys["borstvoeding"]] == {keys["voeding"]}
    assert parsed.narrower(keys["voeding"]) == {keys["borstvoeding"]}


def test_broader_terms_are_followed_transitively():
    parsed = parse_thesaurus("hulp | bijstand\nehbo\nkinder-ehbo\nbijstand > ehbo\nehbo > kinder-ehbo\n")
    keys = {concept.terms[0]: concept.key for concept in parsed.concepts}
    assert parsed.broader[keys["kinder-ehbo"]] == {keys["hulp"], keys["ehbo"]}


@pytest.mark.parametrize("text", ["ehbo | | eerste hulp", "a > b > c", "ehbo >", "de | het"])
def test_a_bad_line_is_refused_with_its_number(text):
    with pytest.raises(ThesaurusError, match="regel 1"):
        parse_thesaurus(text)


def test_officials_can_swap_in_an_extended_thesaurus():
    shipped = THESAURUS_FILE.read_text(encoding="utf-8")
    try:
        use_thesaurus(shipped + "\nslaapbeleid | veilig slapen | wiegendood\n")
        assert synonym_keys("wiegendood") == synonym_keys("veilig slapen")
        # What a query means follows at once (the documents follow at the next reindex).
        unit = query_units("wiegendood")[0]
        assert any(term in synonym_keys("veilig slapen") for (_name, term) in unit.postings())
        with pytest.raises(ThesaurusError):
            use_thesaurus("| kapot")
        assert synonym_keys("wiegendood")  # a refused text leaves the live one in place
    finally:
        use_thesaurus(None)
    assert not synonym_keys("wiegendood")
    assert len(thesaurus().concepts) >= 40
