"""Providers whose own systems push: one course by its code (PUT), or a batch, with the import's rules."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _

from registry.accounts.models import User
from registry.catalogue import drafts
from registry.catalogue.models import Course
from registry.catalogue.permissions import require_course_creator
from registry.clock import today
from registry.errors import DomainError, ValidationFailed
from registry.exchange import upsert
from registry.transactions import unit_of_work

MAX_BATCH = 1000


@dataclass
class Pushed:
    plan: upsert.Plan
    course: Course | None


def _prepare(user: User, provider_id: int, code: str, data: dict[str, Any], links: upsert.KnownLinks):
    if not isinstance(data, dict):
        raise ValidationFailed(
            _("Stuur per opleiding een JSON-object."), fields={"_body": [_("JSON-object verwacht")]}
        )
    values = upsert.load_content({**data, "course_code": code})
    links.check(values)
    runs = None
    if data.get("runs") is not None:
        if not isinstance(data["runs"], list):
            raise ValidationFailed(_("runs moet een lijst zijn."), fields={"runs": ["lijst verwacht"]})
        runs = []
        for index, run in enumerate(data["runs"]):
            try:
                runs.append(upsert.load_run(run if isinstance(run, dict) else {}))
            except ValidationFailed as error:
                raise ValidationFailed(error.message, fields={f"runs.{index}": error.fields}) from error
        keys = [upsert.run_key(run) for run in runs]
        if len(set(keys)) != len(keys):
            raise ValidationFailed(
                _("Twee uitvoeringen met dezelfde startdatum en plaats."), fields={"runs": [_("dubbel")]}
            )
    plan = upsert.plan_course(user, provider_id, code, upsert.content_digest(values), runs, today())
    return plan, values, runs


def _check_code(code: str) -> str:
    code = code.strip()
    if not code or len(code) > 40:
        raise ValidationFailed(_("Geef een code van 1 tot 40 tekens."), fields={"course_code": [code[:50]]})
    return code


def upsert_by_code(user: User, provider_id: int, code: str, data: dict[str, Any]) -> Pushed:
    """Create or change the provider's course with this own code; ``runs`` left out keeps the runs.

    :raise PermissionDenied / InvalidTransition / ValidationFailed: as a form edit; nothing is saved.
    """
    require_course_creator(user, provider_id)
    code = _check_code(code)
    plan, values, runs = _prepare(user, provider_id, code, data, upsert.KnownLinks())
    with unit_of_work("Deze opleiding is intussen gewijzigd; er is niets opgeslagen."):
        course = upsert.apply_course(user, provider_id, plan, values, runs, today())
    return Pushed(plan, course or (drafts.own_course(user, plan.course_id)[0] if plan.course_id else None))


def upsert_batch(user: User, provider_id: int, items: Any) -> list[Pushed]:
    """Upsert many courses by code: all of them, or (when any is refused) none, with every refusal named.

    :raise ValidationFailed: per item index, what is wrong; nothing is saved.
    """
    require_course_creator(user, provider_id)
    if not isinstance(items, list) or not 1 <= len(items) <= MAX_BATCH:
        raise ValidationFailed(
            _("Stuur in courses een lijst van 1 tot %(most)s opleidingen.", most=MAX_BATCH),
            fields={"courses": [_("lijst")]},
        )
    links = upsert.KnownLinks()
    prepared, errors, codes = [], {}, set()
    for index, item in enumerate(items):
        try:
            code = _check_code(str((item or {}).get("course_code") or "") if isinstance(item, dict) else "")
            if code in codes:
                raise ValidationFailed(
                    _("De code %(code)s staat twee keer in de batch.", code=code),
                    fields={"course_code": [code]},
                )
            codes.add(code)
            prepared.append(_prepare(user, provider_id, code, item, links))
        except DomainError as error:
            errors[str(index)] = {"message": error.message, "fields": error.fields}
    if errors:
        raise ValidationFailed(_("Niet alle opleidingen zijn goed; er is niets opgeslagen."), fields=errors)
    day = today()
    with unit_of_work("Een opleiding is intussen gewijzigd; er is niets opgeslagen."):
        pushed = [
            Pushed(plan, upsert.apply_course(user, provider_id, plan, values, runs, day))
            for plan, values, runs in prepared
        ]
    return pushed
