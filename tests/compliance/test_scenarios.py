"""Scenario tests with hand-computed expectations, straight against the verdict engine."""

from datetime import date, timedelta
from decimal import Decimal

from registry.compliance.engine import (
    ACTION,
    AT_RISK,
    OK,
    CertificateFact,
    LocationFact,
    PersonFact,
    duties,
    evaluate,
)
from tests.compliance.file_rules import rules_in_file

DAY = date(2025, 3, 1)


def _rule_verdicts(reports, code):
    return [v for r in reports for v in r.verdicts + r.person_verdicts if v.rule.code == code]


def _staff(ftes, location_id=1, role="pedagogisch-medewerker", **extra):
    return [
        PersonFact(id=i, name=f"PM {i}", role=role, fte=Decimal(f), location_ids=(location_id,), **extra)
        for i, f in enumerate(ftes, start=1)
    ]


def test_dagopvang_with_six_part_timers_needs_88_coaching_hours():
    location = LocationFact(1, "De Boomhut", "dagopvang", coaching_hours_planned=88)
    people = _staff(["0.5", "0.6", "0.8", "1.0", "0.5", "0.4"])  # 3.8 fte: 50 + 38
    [verdict] = _rule_verdicts(evaluate([location], people, rules_in_file(), DAY), "coaching-uren")
    assert verdict.hours_needed == 88
    assert verdict.fte == Decimal("3.8")
    assert verdict.status == OK


def test_one_hour_short_of_the_coaching_norm_is_action_needed():
    location = LocationFact(1, "De Boomhut", "dagopvang", coaching_hours_planned=87)
    people = _staff(["0.5", "0.6", "0.8", "1.0", "0.5", "0.4"])
    [verdict] = _rule_verdicts(evaluate([location], people, rules_in_file(), DAY), "coaching-uren")
    assert verdict.status == ACTION


def test_bso_with_three_half_timers_needs_65_coaching_hours():
    location = LocationFact(1, "BSO Vlinder", "bso")
    [verdict] = _rule_verdicts(
        evaluate([location], _staff(["0.5", "0.5", "0.5"]), rules_in_file(), DAY), "coaching-uren"
    )
    assert verdict.hours_needed == 65


def test_coaching_counts_fte_not_heads_and_shares_people_between_locations():
    a, b = LocationFact(1, "A", "dagopvang"), LocationFact(2, "B", "bso")
    shared = PersonFact(1, "Gedeeld", "pedagogisch-medewerker", Decimal("1.0"), (1, 2))
    reports = evaluate([a, b], [shared], rules_in_file(), DAY)
    assert [v.hours_needed for v in _rule_verdicts(reports, "coaching-uren")] == [55, 55]


def test_mbo4_diploma_meets_3f_without_a_certificate():
    location = LocationFact(1, "A", "dagopvang")
    people = _staff(["1.0"], diplomas=("mbo-4",))
    [verdict] = _rule_verdicts(evaluate([location], people, rules_in_file(), DAY), "taaleis-3f")
    assert verdict.status == OK
    assert "mbo 4" in verdict.message


def test_mbo3_diploma_alone_does_not_meet_3f():
    people = _staff(["1.0"], diplomas=("mbo-3",))
    [verdict] = _rule_verdicts(
        evaluate([LocationFact(1, "A", "bso")], people, rules_in_file(), DAY), "taaleis-3f"
    )
    assert verdict.status == ACTION


def test_baby_worker_without_approved_babyscholing_is_action_needed_from_2025_only():
    location = LocationFact(1, "A", "dagopvang")
    people = _staff(["1.0"], works_with_babies=True)
    before = evaluate([location], people, rules_in_file(), date(2024, 12, 31))
    on = evaluate([location], people, rules_in_file(), date(2025, 1, 1))
    assert _rule_verdicts(before, "babyscholing") == []
    assert [v.status for v in _rule_verdicts(on, "babyscholing")] == [ACTION]


def test_babyscholing_counts_only_when_approved_and_at_least_20_hours():
    location = LocationFact(1, "A", "dagopvang")

    def status(certificate):
        people = _staff(["1.0"], works_with_babies=True, certificates=(certificate,))
        [verdict] = _rule_verdicts(evaluate([location], people, rules_in_file(), DAY), "babyscholing")
        return verdict.status

    assert status(CertificateFact("babyscholing", approved=True, hours=20)) == OK
    assert status(CertificateFact("babyscholing", approved=True, hours=19)) == ACTION
    assert status(CertificateFact("babyscholing", approved=False, hours=40)) == ACTION


def test_babyscholing_does_not_reach_bso_or_staff_without_babies():
    people = _staff(["1.0"], works_with_babies=True)
    bso = evaluate([LocationFact(1, "A", "bso")], people, rules_in_file(), DAY)
    no_babies = evaluate([LocationFact(1, "A", "dagopvang")], _staff(["1.0"]), rules_in_file(), DAY)
    assert _rule_verdicts(bso, "babyscholing") == [] == _rule_verdicts(no_babies, "babyscholing")


def test_ehbo_certificate_ending_in_60_days_is_at_risk():
    certificate = CertificateFact(
        "kinder-ehbo", obtained_on=date(2023, 5, 1), valid_until=DAY + timedelta(days=60)
    )
    people = _staff(["1.0"], certificates=(certificate,))
    [verdict] = _rule_verdicts(
        evaluate([LocationFact(1, "A", "dagopvang")], people, rules_in_file(), DAY),
        "kinder-ehbo-kindercentrum",
    )
    assert verdict.status == AT_RISK
    assert verdict.due_by == DAY + timedelta(days=60)


def test_ehbo_location_without_a_valid_holder_needs_action_and_one_far_ahead_is_ok():
    expired = CertificateFact("kinder-ehbo", valid_until=DAY - timedelta(days=1))
    lasting = CertificateFact("kinder-ehbo", valid_until=DAY + timedelta(days=400))
    location = LocationFact(1, "A", "dagopvang")

    def status(certificates):
        people = _staff(["1.0"], certificates=certificates)
        [verdict] = _rule_verdicts(
            evaluate([location], people, rules_in_file(), DAY), "kinder-ehbo-kindercentrum"
        )
        return verdict.status

    assert status((expired,)) == ACTION
    assert status((lasting,)) == OK


def test_ehbo_without_end_date_is_valid_two_years_from_obtained():
    certificate = CertificateFact("kinder-ehbo", obtained_on=date(2023, 3, 1))  # ends 2025-03-01
    people = _staff(["1.0"], certificates=(certificate,))
    location = LocationFact(1, "A", "dagopvang")
    [on_last_day] = _rule_verdicts(
        evaluate([location], people, rules_in_file(), DAY), "kinder-ehbo-kindercentrum"
    )
    [day_after] = _rule_verdicts(
        evaluate([location], people, rules_in_file(), DAY + timedelta(days=1)), "kinder-ehbo-kindercentrum"
    )
    assert on_last_day.status == AT_RISK
    assert day_after.status == ACTION


def test_gastouderbureau_gets_no_coaching_verdict_and_an_ehbo_verdict_per_gastouder():
    bureau = LocationFact(1, "GOB Zon", "gastouderbureau")
    valid = CertificateFact("kinder-ehbo", valid_until=DAY + timedelta(days=500))
    people = [
        PersonFact(1, "Gastouder 1", "gastouder", Decimal("0.5"), (1,), certificates=(valid,)),
        PersonFact(2, "Gastouder 2", "gastouder", Decimal("0.5"), (1,)),
        PersonFact(3, "Bemiddelaar", "bemiddelingsmedewerker", Decimal("1.0"), (1,)),
    ]
    reports = evaluate([bureau], people, rules_in_file(), DAY)
    assert _rule_verdicts(reports, "coaching-uren") == []
    assert _rule_verdicts(reports, "kinder-ehbo-kindercentrum") == []
    per_gastouder = {v.person_id: v.status for v in _rule_verdicts(reports, "kinder-ehbo-gastouder")}
    assert per_gastouder == {1: OK, 2: ACTION}


def test_vve_training_only_for_vve_locations():
    people = _staff(["1.0"])
    vve = evaluate([LocationFact(1, "A", "peuteropvang", offers_vve=True)], people, rules_in_file(), DAY)
    plain = evaluate([LocationFact(1, "A", "peuteropvang")], people, rules_in_file(), DAY)
    assert [v.status for v in _rule_verdicts(vve, "vve-scholing")] == [ACTION]
    assert _rule_verdicts(plain, "vve-scholing") == []


def test_every_verdict_names_its_rule_and_source():
    people = _staff(["1.0"], works_with_babies=True)
    reports = evaluate([LocationFact(1, "A", "dagopvang", offers_vve=True)], people, rules_in_file(), DAY)
    verdicts = [v for r in reports for v in r.verdicts + r.person_verdicts]
    assert {v.rule.code for v in verdicts} == {
        "coaching-uren",
        "babyscholing",
        "taaleis-3f",
        "kinder-ehbo-kindercentrum",
        "vve-scholing",
    }
    assert all(v.rule.source.citation and v.rule.source.url.startswith("https://") for v in verdicts)
    assert reports[0].status == ACTION


def test_the_summary_per_duty_counts_a_person_at_two_locations_once_and_puts_action_first():
    a, b = LocationFact(1, "A", "dagopvang"), LocationFact(2, "B", "dagopvang", coaching_hours_planned=99)
    shared = PersonFact(1, "Gedeeld", "pedagogisch-medewerker", Decimal("1.0"), (1, 2), diplomas=("mbo-3",))
    proven = PersonFact(2, "Bewezen", "pedagogisch-medewerker", Decimal("1.0"), (2,), diplomas=("mbo-4",))
    reports = evaluate([a, b], [shared, proven], rules_in_file(), DAY)
    summary = {
        d.rule.code: (d.status, d.not_in_order, d.reached, d.location_id)
        for d in duties((r.location.id, v) for r in reports for v in r.verdicts + r.person_verdicts)
    }
    assert summary["taaleis-3f"] == (ACTION, 1, 2, 1)  # 'Gedeeld' is reported at A and B, counted once
    assert summary["coaching-uren"] == (ACTION, 1, 2, 1)  # A planned nothing; B enough
    assert summary["kinder-ehbo-kindercentrum"] == (ACTION, 2, 2, 1)
    assert [d.status for d in reports[1].duties] == sorted(
        (d.status for d in reports[1].duties), key=[ACTION, AT_RISK, OK].index
    )
