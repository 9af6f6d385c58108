"""Officials keep the search thesaurus: a draft is checked line by line before it is saved, every saved
text is kept and audited, and it goes live with the next rebuild of the index."""

from __future__ import annotations

import difflib
from typing import Any

from flask_babel import gettext as _

from registry.accounts.models import User
from registry.audit.service import record
from registry.errors import ValidationFailed
from registry.extensions import db
from registry.reference.permissions import require_reference_maintainer
from registry.search.thesaurus import ThesaurusError, parse_thesaurus
from registry.search.thesaurus_store import ThesaurusVersion, latest_version, live_version, shipped_text
from registry.transactions import unit_of_work

MAX_CHARS = 200_000


def thesaurus_for_officials(user: User | None) -> dict[str, Any]:
    """The text to edit (the last saved, else the shipped one), and whether it is live yet.

    :raise PermissionDenied: not an official or admin.
    """
    require_reference_maintainer(user)
    latest, live = latest_version(), live_version()
    return {
        "text": latest.text if latest is not None else shipped_text(),
        "latest": latest,
        "waiting": latest is not None and latest.indexed_at is None,
        "live": live,
    }


def save_thesaurus(user: User | None, text: str) -> ThesaurusVersion | None:
    """Save a new text of the thesaurus (None: it did not change); it goes live with the next rebuild.

    :raise PermissionDenied: not an official or admin.
    :raise ValidationFailed: a line cannot be read (the message names it); nothing is saved.
    """
    require_reference_maintainer(user)
    text = text.replace("\r\n", "\n").strip() + "\n"
    if len(text) > MAX_CHARS:
        raise ValidationFailed(_("De thesaurus is te lang."), fields={"text": [_("Te lang.")]})
    try:
        parse_thesaurus(text)
    except ThesaurusError as error:
        message = _("Niet opgeslagen: %(reason)s", reason=str(error))
        raise ValidationFailed(message, fields={"text": [str(error)]}) from error
    latest = latest_version()
    before = latest.text if latest is not None else shipped_text()
    if text.strip() == before.strip():
        return None
    changed = [
        line
        for line in difflib.unified_diff(before.splitlines(), text.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---")) and line[1:].strip()
    ]
    with unit_of_work():
        version = ThesaurusVersion(text=text, saved_by_id=user.id)
        db.session.add(version)
        db.session.flush()
        record(
            "thesaurus.saved",
            "thesaurus",
            version.id,
            actor_id=user.id,
            before={"lines": [line[1:] for line in changed if line.startswith("-")]},
            after={"lines": [line[1:] for line in changed if line.startswith("+")]},
        )
    return version
