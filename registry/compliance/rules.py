"""The compliance rules as the engine reads them: each dated and carrying its legal source.

They are reference data (``registry/reference/data/compliance_rule.toml``, loaded into ``ComplianceRule``
by ``reference load`` and kept current by officials in ``/beheer/nalevingsregels``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa

from registry.compliance.models import ComplianceRule
from registry.extensions import db


@dataclass(frozen=True)
class Source:
    citation: str
    url: str
    checked_on: date | None
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

    def in_force_on(self, day: date) -> bool:
        """Whether the rule applies on ``day`` (a rule entered ahead of time applies from its date)."""
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)

    def covers_care_type(self, care_type: str) -> bool:
        return care_type in self.care_types

    def covers_role(self, role: str) -> bool:
        return not self.roles or role in self.roles


_TUPLES = ("care_types", "roles", "certificate_kinds", "qualifying_diplomas")
_SOURCE_FIELDS = (
    "citation",
    "source_url",
    "also_urls",
    "source_checked_on",
    "verified",
    "retired_on",
    "code",
)


def rule_from_fields(code: str, values: dict[str, Any]) -> Rule:
    """A rule from the reference data's fields (a ``ComplianceRule`` row or an entry of its data file)."""
    plain = {name: value for name, value in values.items() if name not in _SOURCE_FIELDS}
    for name in _TUPLES:
        if name in plain:
            plain[name] = tuple(plain[name] or ())
    source = Source(
        citation=values.get("citation", ""),
        url=values.get("source_url", ""),
        checked_on=values.get("source_checked_on"),
        verified=values.get("verified", ""),
        also=tuple(values.get("also_urls") or ()),
    )
    return Rule(code=code, source=source, **plain)


def all_rules() -> tuple[Rule, ...]:
    """Every rule in the reference data that is not retired, in force or not."""
    rows = db.session.scalars(
        sa.select(ComplianceRule).where(ComplianceRule.retired_on.is_(None)).order_by(ComplianceRule.id)
    )
    names = [column.key for column in sa.inspect(ComplianceRule).column_attrs]
    skip = {"id", "created_at", "updated_at"}
    return tuple(
        rule_from_fields(row.code, {name: getattr(row, name) for name in names if name not in skip})
        for row in rows
    )


def rules_on(day: date, rules: tuple[Rule, ...] | None = None) -> list[Rule]:
    """The rules in force on ``day``."""
    return [rule for rule in (all_rules() if rules is None else rules) if rule.in_force_on(day)]


def upcoming_rules(day: date, rules: tuple[Rule, ...] | None = None) -> list[Rule]:
    """Rules entered with a later start date: what ``?datum=`` in the future will show."""
    return [rule for rule in (all_rules() if rules is None else rules) if rule.valid_from > day]
