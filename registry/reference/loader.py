"""`reference load`: bring the database's reference data in line with the data files, idempotently.

New entries are added and changed ones updated, each with an audit event (actor: the system). A field
an official changed in the admin screens is never overwritten: where the file now says something else,
the difference is reported as a conflict (here and in the admin screens) for an official to settle.
Nothing is deleted; an entry that left the file is retired, so courses that use it keep it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa

from registry.audit.official_edits import CREATED, OfficialEdit
from registry.audit.service import record
from registry.catalogue.models import LegalRequirement
from registry.extensions import db
from registry.reference.vocabularies import ALL, Vocabulary, check_levels, get_value, set_value, shown
from registry.transactions import unit_of_work


@dataclass(frozen=True)
class Conflict:
    """A field an official changed that the data file now gives another value."""

    vocabulary: str
    key: str
    field: str
    current: Any
    in_file: Any


@dataclass
class LoadReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.retired)


def official_fields(vocabulary: str) -> dict[str, set[str]]:
    """Per entry key, the fields officials changed in this vocabulary."""
    rows = db.session.execute(
        sa.select(OfficialEdit.key, OfficialEdit.field).where(OfficialEdit.vocabulary == vocabulary)
    )
    result: dict[str, set[str]] = {}
    for key, name in rows:
        result.setdefault(key, set()).add(name)
    return result


def conflicts_of(vocabulary: Vocabulary) -> list[Conflict]:
    """The official changes the data file now contradicts (for the admin screens)."""
    edited = official_fields(vocabulary.name)
    found = []
    for entry in vocabulary.entries():
        obj = vocabulary.find(entry["key"]) if entry["key"] in edited else None
        if obj is None:
            continue
        for name in sorted(edited[entry["key"]] & entry["values"].keys()):
            if get_value(obj, name) != entry["values"][name]:
                found.append(
                    Conflict(vocabulary.name, entry["key"], name, get_value(obj, name), entry["values"][name])
                )
    return found


def _apply(vocabulary: Vocabulary, today: date, report: LoadReport) -> None:
    edited = official_fields(vocabulary.name)
    in_file = set()
    for entry in vocabulary.entries():
        key, values = entry["key"], entry["values"]
        in_file.add(key)
        obj = vocabulary.find(key)
        if obj is None:
            obj = vocabulary.model()
            for name, value in values.items():
                set_value(obj, name, value)
            db.session.add(obj)
            db.session.flush()
            record("reference.added", vocabulary.name, obj.id, after={k: shown(v) for k, v in values.items()})
            report.added.append(f"{vocabulary.name} {key}")
            continue
        protected = edited.get(key, set())
        changes = {
            name: value
            for name, value in values.items()
            if name not in protected and get_value(obj, name) != value
        }
        report.conflicts += [
            Conflict(vocabulary.name, key, name, get_value(obj, name), values[name])
            for name in sorted(protected & values.keys())
            if get_value(obj, name) != values[name]
        ]
        if changes:
            before = {name: shown(get_value(obj, name)) for name in changes}
            for name, value in changes.items():
                set_value(obj, name, value)
            db.session.flush()
            after = {name: shown(value) for name, value in changes.items()}
            record("reference.updated", vocabulary.name, obj.id, before=before, after=after)
            report.updated.append(f"{vocabulary.name} {key}")
    if "retired_on" in vocabulary.defaults:
        _retire_the_missing(vocabulary, in_file, edited, today, report)


def _retire_the_missing(
    vocabulary: Vocabulary, in_file: set[str], edited: dict[str, set[str]], today: date, report: LoadReport
) -> None:
    """Entries that left the file are retired, not deleted; entries officials added are theirs to keep."""
    for obj in db.session.scalars(sa.select(vocabulary.model).where(vocabulary.model.retired_on.is_(None))):
        key = vocabulary.key_of(obj)
        if key in in_file or CREATED in edited.get(key, set()) or "retired_on" in edited.get(key, set()):
            continue
        obj.retired_on = today
        record(
            "reference.retired",
            vocabulary.name,
            obj.id,
            before={"retired_on": None},
            after={"retired_on": today.isoformat()},
        )
        report.retired.append(f"{vocabulary.name} {key}")


def load_reference(today: date, vocabularies: tuple[Vocabulary, ...] = ALL) -> LoadReport:
    """Apply every data file (or the ones given, in load order) in one transaction; running it again
    changes nothing.

    :raise ValidationFailed: a data file cannot be read or disagrees with the code (levels).
    """
    check_levels()
    report = LoadReport()
    with unit_of_work():
        for vocabulary in vocabularies:
            _apply(vocabulary, today, report)
    return report


def reference_data_present() -> bool:
    """Whether the reference data has been loaded at least once (any legal requirement exists)."""
    return bool(db.session.scalar(sa.select(sa.exists().where(LegalRequirement.id.is_not(None)))))
