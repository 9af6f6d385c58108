"""One way for an official's change to a reference entry: audited, noted as theirs, committed at once."""

from __future__ import annotations

from typing import Any

from registry.accounts.models import User
from registry.audit.official_edits import note_official_edit
from registry.audit.service import record
from registry.extensions import db
from registry.reference.vocabularies import Vocabulary, get_value, set_value, shown
from registry.transactions import unit_of_work


def apply_official_change(vocabulary: Vocabulary, obj: Any, values: dict[str, Any], user: User) -> list[str]:
    """Set the values that differ; returns the changed fields (none: nothing written, nothing audited)."""
    changes = {name: value for name, value in values.items() if get_value(obj, name) != value}
    if not changes:
        return []
    with unit_of_work():
        before = {name: shown(get_value(obj, name)) for name in changes}
        for name, value in changes.items():
            set_value(obj, name, value)
        db.session.flush()
        record(
            f"{vocabulary.name}.updated",
            vocabulary.name,
            obj.id,
            actor_id=user.id,
            before=before,
            after={name: shown(value) for name, value in changes.items()},
        )
        note_official_edit(vocabulary.name, vocabulary.key_of(obj), changes, user.id)
    return sorted(changes)
