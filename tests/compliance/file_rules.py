"""The compliance rules as their reference data file gives them, for engine tests that need no database."""

from __future__ import annotations

from registry.compliance.rules import Rule, rule_from_fields
from registry.reference.vocabularies import COMPLIANCE_RULES


def rules_in_file() -> list[Rule]:
    return [rule_from_fields(entry["key"], entry["values"]) for entry in COMPLIANCE_RULES.entries()]
