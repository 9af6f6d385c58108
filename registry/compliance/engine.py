"""Verdicts per location and per person: plain facts in, plain verdicts out, every one naming its rule.

The service turns database rows into these facts; tests build them by hand with hand-computed
expectations. Nothing here reads the database or the clock.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from flask_babel import ngettext

from registry.compliance.labels import diploma_label
from registry.compliance.rules import Rule

OK, AT_RISK, ACTION = "ok", "at_risk", "action"
_SEVERITY = {OK: 0, AT_RISK: 1, ACTION: 2}


class Status(StrEnum):
    OK = OK
    AT_RISK = AT_RISK
    ACTION = ACTION


@dataclass(frozen=True)
class CertificateFact:
    kind: str
    obtained_on: date | None = None
    valid_until: date | None = None
    approved: bool = False
    hours: int = 0
    name: str = ""

    def expires_on(self, rule: Rule) -> date | None:
        """The certificate's own end date, else the rule's default validity from the day obtained."""
        if self.valid_until is not None:
            return self.valid_until
        if rule.default_validity_months and self.obtained_on is not None:
            return _add_months(self.obtained_on, rule.default_validity_months)
        return None


@dataclass(frozen=True)
class PlannedFact:
    requirement_code: str
    title: str
    starts_on: date | None
    hours: int = 0
    booked: bool = False


@dataclass(frozen=True)
class PersonFact:
    id: int
    name: str
    role: str
    fte: Decimal
    location_ids: tuple[int, ...]
    works_with_babies: bool = False
    diplomas: tuple[str, ...] = ()
    certificates: tuple[CertificateFact, ...] = ()
    planned: tuple[PlannedFact, ...] = ()


@dataclass(frozen=True)
class LocationFact:
    id: int
    name: str
    care_type: str
    lrk_number: str = ""
    offers_vve: bool = False
    province: str | None = None
    coaching_hours_planned: int = 0


@dataclass
class Verdict:
    rule: Rule
    status: str
    message: str
    location_id: int | None = None
    person_id: int | None = None
    people: list[str] = field(default_factory=list)
    hours_needed: int | None = None
    hours_planned: int | None = None
    fte: Decimal | None = None
    due_by: date | None = None
    planned: list[PlannedFact] = field(default_factory=list)


@dataclass
class LocationReport:
    location: LocationFact
    verdicts: list[Verdict]
    person_verdicts: list[Verdict]

    @property
    def status(self) -> str:
        return worst([v.status for v in self.verdicts + self.person_verdicts])

    @property
    def duties(self) -> list[Duty]:
        """This location's verdicts per duty, the most serious first."""
        return duties((self.location.id, v) for v in self.verdicts + self.person_verdicts)


@dataclass
class Duty:
    """One rule's verdicts taken together: the worst of them, and how many of the locations or people
    the rule reaches are not in order. ``location_id`` is where the worst verdict was first seen."""

    rule: Rule
    verdicts: list[Verdict]
    location_id: int

    @property
    def status(self) -> str:
        return worst([v.status for v in self.verdicts])

    @property
    def per_person(self) -> bool:
        return self.rule.kind.startswith("person_")

    @property
    def reached(self) -> int:
        return len(self.verdicts)

    @property
    def not_in_order(self) -> int:
        return sum(v.status != OK for v in self.verdicts)


def duties(placed: Iterable[tuple[int, Verdict]]) -> list[Duty]:
    """Verdicts (each with the location it was reported at) grouped per rule, the most serious duty first.

    A person working at two locations is reported at both, and counts once.
    """
    grouped: dict[str, Duty] = {}
    seen: set[tuple[str, int | None, int | None]] = set()
    for location_id, verdict in placed:
        key = (verdict.rule.code, verdict.location_id, verdict.person_id)
        if key in seen:
            continue
        seen.add(key)
        duty = grouped.setdefault(verdict.rule.code, Duty(verdict.rule, [], location_id))
        if _SEVERITY[verdict.status] > _SEVERITY[duty.status]:
            duty.location_id = location_id
        duty.verdicts.append(verdict)
    return sorted(grouped.values(), key=lambda duty: -_SEVERITY[duty.status])


def worst(statuses: list[str]) -> str:
    """The most serious status; no verdicts at all is ok."""
    return max(statuses, key=_SEVERITY.__getitem__, default=OK)


def evaluate(
    locations: list[LocationFact], people: list[PersonFact], rules: list[Rule], day: date
) -> list[LocationReport]:
    """Every verdict for every location on ``day``, from the rules in force that day."""
    in_force = [rule for rule in rules if rule.in_force_on(day)]
    person_verdicts = [v for person in people for v in person_verdicts_for(person, locations, in_force, day)]
    reports = []
    for location in locations:
        staff = [p for p in people if location.id in p.location_ids]
        verdicts = [
            verdict
            for rule in in_force
            if rule.covers_care_type(location.care_type)
            for verdict in _location_verdicts(rule, location, staff, day)
        ]
        mine = [v for v in person_verdicts if v.person_id in {p.id for p in staff}]
        reports.append(LocationReport(location, verdicts, mine))
    return reports


def coaching_fte(location: LocationFact, staff: list[PersonFact], rule: Rule) -> Decimal:
    """Fte of pedagogical staff at the location; someone at several locations counts in equal shares."""
    return sum(
        (p.fte / len(p.location_ids) for p in staff if rule.covers_role(p.role) and p.location_ids),
        Decimal(0),
    )


def coaching_hours_needed(rule: Rule, centres: int, fte: Decimal) -> int:
    """50 hours per kindercentrum plus 10 per fte, rounded up to a whole hour (never below the norm)."""
    return math.ceil(rule.hours_per_centre * centres + rule.hours_per_fte * fte)


def _location_verdicts(
    rule: Rule, location: LocationFact, staff: list[PersonFact], day: date
) -> list[Verdict]:
    if rule.kind == "coaching_hours":
        fte = coaching_fte(location, staff, rule)
        needed = coaching_hours_needed(rule, 1, fte)
        planned = location.coaching_hours_planned
        status = OK if planned >= needed else ACTION
        return [
            Verdict(
                rule,
                status,
                f"{needed} uur nodig (50 + 10 × {fte.normalize():f} fte), {planned} uur gepland.",
                location_id=location.id,
                hours_needed=needed,
                hours_planned=planned,
                fte=fte,
            )
        ]
    if rule.kind == "location_certificate":
        return [_location_certificate(rule, location, staff, day)]
    return []


def _location_certificate(rule: Rule, location: LocationFact, staff: list[PersonFact], day: date) -> Verdict:
    horizon = day + timedelta(days=rule.plan_ahead_days)
    holders: list[tuple[PersonFact, date | None]] = []
    for person in staff:
        ends = [
            c.expires_on(rule)
            for c in person.certificates
            if c.kind in rule.certificate_kinds and _valid_on(c, rule, day)
        ]
        if ends:
            holders.append((person, max(ends, key=lambda d: d or date.max)))
    lasting = [p for p, end in holders if end is None or end > horizon]
    names = [p.name for p, _ in holders]
    needed = rule.holders_per_location
    if len(holders) < needed:
        status, message = (
            ACTION,
            ngettext(
                "%(num)s van de minimaal %(needed)s geldige certificaathouders.",
                "%(num)s van de minimaal %(needed)s geldige certificaathouders.",
                len(holders),
                needed=needed,
            ),
        )
    elif len(lasting) < needed:
        status, message = AT_RISK, "Een certificaat verloopt binnen de planningshorizon."
    else:
        status, message = (
            OK,
            ngettext(
                "%(num)s geldige certificaathouder.", "%(num)s geldige certificaathouders.", len(holders)
            ),
        )
    due = min((end for _, end in holders if end is not None and end <= horizon), default=None)
    planned = [
        plan for person in staff for plan in person.planned if plan.requirement_code == rule.requirement_code
    ]
    return Verdict(rule, status, message, location_id=location.id, people=names, due_by=due, planned=planned)


def person_verdicts_for(
    person: PersonFact, locations: list[LocationFact], rules: list[Rule], day: date
) -> list[Verdict]:
    """The verdicts about one person: each rule that reaches them through one of their locations."""
    theirs = [loc for loc in locations if loc.id in person.location_ids]
    verdicts = []
    for rule in rules:
        if not rule.in_force_on(day) or not rule.kind.startswith("person_"):
            continue
        if not rule.covers_role(person.role) or (rule.babies_only and not person.works_with_babies):
            continue
        reached = [
            loc
            for loc in theirs
            if rule.covers_care_type(loc.care_type) and (loc.offers_vve or not rule.vve_only)
        ]
        if reached:
            verdicts.append(_person_verdict(rule, person, day))
    return verdicts


def _person_verdict(rule: Rule, person: PersonFact, day: date) -> Verdict:
    planned = [p for p in person.planned if p.requirement_code == rule.requirement_code]
    base = {"person_id": person.id, "people": [person.name], "planned": planned}
    if rule.kind == "person_language":
        diploma = next((d for d in person.diplomas if d in rule.qualifying_diplomas), None)
        if diploma:
            return Verdict(rule, OK, f"Aangetoond met diploma {diploma_label(diploma)}.", **base)
        if any(c.kind in rule.certificate_kinds for c in person.certificates):
            return Verdict(rule, OK, "Aangetoond met certificaat.", **base)
        return Verdict(
            rule, ACTION, "Geen bewijs van 3F: geen certificaat en geen kwalificerend diploma.", **base
        )
    if rule.kind == "person_training":
        fitting = [
            c
            for c in person.certificates
            if c.kind in rule.certificate_kinds
            and (c.approved or not rule.requires_approved)
            and c.hours >= rule.min_hours
        ]
        if fitting:
            return Verdict(rule, OK, "Scholing aangetoond.", **base)
        unfit = [c for c in person.certificates if c.kind in rule.certificate_kinds]
        reason = (
            f"Scholing telt niet: niet goedgekeurd door cao-partijen of korter dan {rule.min_hours} uur."
            if unfit
            else "Geen bewijs van de vereiste scholing."
        )
        return Verdict(rule, ACTION, reason, **base)
    # person_certificate: a certificate that expires
    horizon = day + timedelta(days=rule.plan_ahead_days)
    ends = [
        c.expires_on(rule)
        for c in person.certificates
        if c.kind in rule.certificate_kinds and _valid_on(c, rule, day)
    ]
    if not ends:
        return Verdict(rule, ACTION, "Geen geldig certificaat.", **base)
    end = max(ends, key=lambda d: d or date.max)
    if end is not None and end <= horizon:
        return Verdict(rule, AT_RISK, f"Certificaat verloopt op {end.isoformat()}.", due_by=end, **base)
    return Verdict(rule, OK, "Geldig certificaat.", **base)


def _valid_on(certificate: CertificateFact, rule: Rule, day: date) -> bool:
    end = certificate.expires_on(rule)
    started = certificate.obtained_on is None or certificate.obtained_on <= day
    return started and (end is None or end >= day)


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")
