"""Officials refine the review criteria; each change is a new version that later cases are judged on."""

from __future__ import annotations

import re
from typing import Any

from flask_babel import gettext as _

from registry.accounts.models import User
from registry.audit.service import record
from registry.errors import NotFound, ValidationFailed
from registry.extensions import db
from registry.reference.permissions import require_reference_maintainer
from registry.reviews.criteria import criteria_for, current_version_number
from registry.reviews.models import CriteriaVersion, SubjectType
from registry.transactions import unit_of_work

_LINE = re.compile(r"^([a-z][a-z0-9_]{1,39})\s*:\s*(.{5,300})$")


def criteria_for_officials(user: User | None) -> dict[str, Any]:
    """Per subject type the current version number and its criteria as editable lines.

    :raise PermissionDenied: not an official or admin.
    """
    require_reference_maintainer(user)
    return {
        subject.value: {
            "version": current_version_number(subject.value),
            "lines": "\n".join(f"{code}: {text}" for code, text in criteria_for(subject.value).items()),
        }
        for subject in SubjectType
    }


def parse_lines(text: str) -> list[dict[str, str]]:
    """``code: text`` per line into criteria; codes stay the same across versions so answers carry over.

    :raise ValidationFailed: a line is not ``code: text``, a code repeats, or there is none.
    """
    items: list[dict[str, str]] = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        match = _LINE.match(line.strip())
        if match is None:
            message = _(
                "Regel %(n)s: schrijf 'code: omschrijving' (code in kleine letters, 5 tot 300 tekens).",
                n=number,
            )
            raise ValidationFailed(message, fields={"lines": [message]})
        if any(item["code"] == match.group(1) for item in items):
            message = _("Regel %(n)s: de code %(code)s staat er al.", n=number, code=match.group(1))
            raise ValidationFailed(message, fields={"lines": [message]})
        items.append({"code": match.group(1), "text": match.group(2).strip()})
    if not items:
        message = _("Vul ten minste één criterium in.")
        raise ValidationFailed(message, fields={"lines": [message]})
    return items


def add_version(user: User | None, subject_type: str, text: str) -> int | None:
    """A new version of the checklist when it differs from the current one; returns its number.

    :raise PermissionDenied: not an official or admin.
    :raise NotFound: unknown subject type.
    :raise ValidationFailed: the lines are not valid criteria.
    """
    require_reference_maintainer(user)
    if subject_type not in {subject.value for subject in SubjectType}:
        raise NotFound(_("Deze soort beoordeling bestaat niet."))
    items = parse_lines(text)
    current = [{"code": code, "text": str(label)} for code, label in criteria_for(subject_type).items()]
    if items == current:
        return None
    version = current_version_number(subject_type) + 1
    with unit_of_work():
        created = CriteriaVersion(
            subject_type=SubjectType(subject_type), version=version, items=items, created_by_id=user.id
        )
        db.session.add(created)
        db.session.flush()
        record(
            "criteria.versioned",
            "criteria",
            f"{subject_type}-{version}",
            actor_id=user.id,
            before={"version": version - 1, "items": current},
            after={"version": version, "items": items},
        )
    return version
