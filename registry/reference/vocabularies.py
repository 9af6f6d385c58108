"""Each reference vocabulary: its data file, the model it fills and how a file entry becomes model values."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _

from registry.catalogue.enums import Level
from registry.catalogue.models import AgeGroup, LegalRequirement, TargetRole, Topic
from registry.compliance.models import ComplianceRule
from registry.errors import ValidationFailed
from registry.extensions import db
from registry.schemes.models import AmountBasis, Applicant, ApplicationWindow, SubsidyScheme

DATA_DIR = Path(__file__).resolve().parent / "data"

# A scheme's windows as one comparable value: ((opens_on, closes_on, lottery), ...) in date order.
Windows = tuple[tuple[date, date | None, bool], ...]


@dataclass(frozen=True)
class Vocabulary:
    """A reference vocabulary kept in ``data/<name>.toml`` as an array of ``entry`` tables."""

    name: str  # file stem; also the audit subject type and the OfficialEdit vocabulary
    entry: str  # the TOML array's name
    model: type
    key: str  # the entry's key in the file, and the model's attribute that holds it
    defaults: dict[str, Any]  # model field -> value when the file leaves it out
    find: Callable[[str], Any]
    convert: Callable[[dict[str, Any], int], dict[str, Any]]  # file entry (and its position) -> fields

    def key_of(self, obj: Any) -> str:
        """The key a stored row has in the file."""
        return getattr(obj, self.key)

    def entries(self) -> list[dict[str, Any]]:
        """The file's entries as model field values, keyed by ``self.key``.

        :raise ValidationFailed: the file is missing, is not valid TOML or holds an entry without a key.
        """
        path = DATA_DIR / f"{self.name}.toml"
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8")).get(self.entry, [])
        except (OSError, tomllib.TOMLDecodeError) as error:
            raise ValidationFailed(_("%(file)s: %(error)s", file=path.name, error=error)) from error
        result = []
        for position, item in enumerate(raw):
            if not item.get(self.key):
                raise ValidationFailed(
                    _(
                        "%(file)s: item %(n)s heeft geen %(key)s.",
                        file=path.name,
                        n=position + 1,
                        key=self.key,
                    )
                )
            values = {**self.defaults, **self.convert(item, position)}
            result.append({"key": item[self.key], "values": values})
        return result


def checked_on(item: dict[str, Any]) -> date | None:
    """The entry's check date; an empty string means nobody has checked it yet."""
    value = item.get("checked_on") or None
    if value is not None and not isinstance(value, date):
        raise ValidationFailed(
            _("checked_on is een datum (JJJJ-MM-DD) of leeg, niet %(value)r.", value=value)
        )
    return value


def get_value(obj: Any, field: str) -> Any:
    """A field's current value, in the form the data files give it (windows as a tuple of date pairs)."""
    if field == "windows":
        return tuple(sorted((w.opens_on, w.closes_on, w.lottery) for w in obj.windows))
    if field == "parent":
        return obj.parent.slug if obj.parent else None
    if field == "requirement":
        return obj.requirement.code
    value = getattr(obj, field)
    return value.value if isinstance(value, Enum) else value


def set_value(obj: Any, field: str, value: Any) -> None:
    """Set a field from a data-file value (replacing a scheme's windows as a whole)."""
    if field == "windows":
        obj.windows = [
            ApplicationWindow(opens_on=opens, closes_on=closes, lottery=lottery)
            for opens, closes, lottery in value
        ]
    elif field == "parent":
        obj.parent = _topic(value) if value else None
    elif field == "requirement":
        obj.requirement = _requirement(value)
    else:
        setattr(obj, field, value)


def shown(value: Any) -> Any:
    """A value as the audit trail stores it (JSON: dates as ISO text, amounts as text)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list | tuple):
        return [shown(item) for item in value]
    return value


def _by(model: type, column: str) -> Callable[[str], Any]:
    return lambda key: db.session.scalar(sa.select(model).where(getattr(model, column) == key))


_topic = _by(Topic, "slug")
_requirement = _by(LegalRequirement, "code")


def _term(item: dict[str, Any], _position: int) -> dict[str, Any]:
    return {
        "slug": item["slug"],
        "name": item["name"],
        "source_url": item.get("source_url", ""),
        "source_checked_on": checked_on(item),
    }


def _amount(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))


def _scheme(item: dict[str, Any], _position: int) -> dict[str, Any]:
    fields = {
        key: item.get(key, "")
        for key in ("code", "name", "funder", "summary", "covers", "excludes", "conditions", "source_url")
    }
    return {
        **fields,
        "applicant": Applicant(item["applicant"]).value,
        "max_amount": _amount(item.get("max_amount")),
        "max_amount_per": AmountBasis(item["max_amount_per"]).value if item.get("max_amount_per") else None,
        "min_costs": _amount(item.get("min_costs")),
        "cofinancing_percent": item.get("cofinancing_percent"),
        "active_from": item.get("active_from"),
        "active_until": item.get("active_until"),
        "last_checked_on": checked_on(item),
        "windows": tuple(
            sorted(
                (w["opens"], w.get("closes"), bool(w.get("lottery", False))) for w in item.get("windows", [])
            )
        ),
    }


TOPICS = Vocabulary(
    name="topic",
    entry="topic",
    model=Topic,
    key="slug",
    defaults={"retired_on": None, "parent": None},
    find=_topic,
    convert=lambda item, position: {**_term(item, position), "parent": item.get("parent")},
)
ROLES = Vocabulary(
    name="target_role",
    entry="role",
    model=TargetRole,
    key="slug",
    defaults={"retired_on": None},
    find=_by(TargetRole, "slug"),
    convert=_term,
)
AGE_GROUPS = Vocabulary(
    name="age_group",
    entry="age_group",
    model=AgeGroup,
    key="slug",
    defaults={"retired_on": None},
    find=_by(AgeGroup, "slug"),
    convert=lambda item, position: {**_term(item, position), "position": position},
)
REQUIREMENTS = Vocabulary(
    name="legal_requirement",
    entry="requirement",
    model=LegalRequirement,
    key="code",
    defaults={"retired_on": None},
    find=_requirement,
    convert=lambda item, _position: {
        "code": item["code"],
        "name": item["name"],
        "description": item.get("description", ""),
        "source_url": item.get("source_url", ""),
        "source_checked_on": checked_on(item),
    },
)
SCHEMES = Vocabulary(
    name="subsidy_scheme",
    entry="scheme",
    model=SubsidyScheme,
    key="code",
    defaults={"retired_on": None},
    find=_by(SubsidyScheme, "code"),
    convert=_scheme,
)


def _compliance_rule(item: dict[str, Any], _position: int) -> dict[str, Any]:
    renamed = {"requirement": "requirement_code", "also": "also_urls", "checked_on": "source_checked_on"}
    values = {renamed.get(key, key): value for key, value in item.items()}
    values["source_checked_on"] = checked_on(item)
    return values


COMPLIANCE_RULES = Vocabulary(
    name="compliance_rule",
    entry="rule",
    model=ComplianceRule,
    key="code",
    defaults={
        "retired_on": None,
        "care_types": [],
        "roles": [],
        "babies_only": False,
        "vve_only": False,
        "certificate_kinds": [],
        "qualifying_diplomas": [],
        "requires_approved": False,
        "min_hours": 0,
        "holders_per_location": 0,
        "default_validity_months": None,
        "hours_per_centre": 0,
        "hours_per_fte": 0,
        "hours_per_fte_unit": 36,
        "valid_until": None,
        "plan_ahead_days": 90,
        "explanation": "",
        "also_urls": [],
        "verified": "",
    },
    find=_by(ComplianceRule, "code"),
    convert=_compliance_rule,
)

# In load order: a topic's parent before the topic.
ALL = (TOPICS, ROLES, AGE_GROUPS, REQUIREMENTS, SCHEMES, COMPLIANCE_RULES)
BY_NAME = {vocabulary.name: vocabulary for vocabulary in ALL}


def check_levels() -> None:
    """The levels file and the code's Level enum name the same levels.

    :raise ValidationFailed: they differ (a level is a code constant; a new one needs a release).
    """
    path = DATA_DIR / "level.toml"
    codes = {item["code"] for item in tomllib.loads(path.read_text(encoding="utf-8")).get("level", [])}
    if codes != {level.value for level in Level}:
        differ = ", ".join(sorted(codes ^ {*Level}))
        raise ValidationFailed(
            _("%(file)s en de niveaus in de code verschillen: %(codes)s", file=path.name, codes=differ)
        )
