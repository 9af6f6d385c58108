"""The compliance rules as data: loaded from rules.json, each dated and carrying its legal source."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

RULES_FILE = Path(__file__).with_name("rules.json")


@dataclass(frozen=True)
class Source:
    citation: str
    url: str
    checked_on: date
    verified: str
    also: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rule:
    """One legal duty, from when until when it applies, and to which care types, roles and people."""

    code: str
    kind: str
    title: str
    requirement_code: str
    care_types: tuple[str, ...]
    roles: tuple[str, ...]
    valid_from: date
    valid_until: date | None
    plan_ahead_days: int
    explanation: str
    source: Source
    babies_only: bool = False
    vve_only: bool = False
    certificate_kinds: tuple[str, ...] = ()
    qualifying_diplomas: tuple[str, ...] = ()
    requires_approved: bool = False
    min_hours: int = 0
    holders_per_location: int = 0
    default_validity_months: int | None = None
    hours_per_centre: int = 0
    hours_per_fte: int = 0
    hours_per_fte_unit: int = 36
    extra: dict[str, Any] = field(default_factory=dict)

    def in_force_on(self, day: date) -> bool:
        """Whether the rule applies on ``day`` (a rule entered ahead of time applies from its date)."""
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)

    def covers_care_type(self, care_type: str) -> bool:
        return care_type in self.care_types

    def covers_role(self, role: str) -> bool:
        return not self.roles or role in self.roles


_TUPLES = ("care_types", "roles", "certificate_kinds", "qualifying_diplomas")


def parse_rules(document: dict[str, Any]) -> list[Rule]:
    """Rules from their JSON form (dates as ISO strings)."""
    rules = []
    for raw in document["rules"]:
        values = dict(raw)
        source = values.pop("source")
        values["source"] = Source(
            citation=source["citation"],
            url=source["url"],
            checked_on=date.fromisoformat(source["checked_on"]),
            verified=source["verified"],
            also=tuple(source.get("also", ())),
        )
        values["valid_from"] = date.fromisoformat(values["valid_from"])
        values["valid_until"] = values["valid_until"] and date.fromisoformat(values["valid_until"])
        for name in _TUPLES:
            if name in values:
                values[name] = tuple(values[name])
        rules.append(Rule(**values))
    return rules


@cache
def all_rules() -> tuple[Rule, ...]:
    """Every rule in the data file, in force or not."""
    return tuple(parse_rules(json.loads(RULES_FILE.read_text(encoding="utf-8"))))


def rules_on(day: date, rules: tuple[Rule, ...] | None = None) -> list[Rule]:
    """The rules in force on ``day``."""
    return [rule for rule in (rules or all_rules()) if rule.in_force_on(day)]


def upcoming_rules(day: date, rules: tuple[Rule, ...] | None = None) -> list[Rule]:
    """Rules entered with a later start date: what ``?datum=`` in the future will show."""
    return [rule for rule in (rules or all_rules()) if rule.valid_from > day]
