"""Providers whose own systems push: one course by its code (PUT), or a batch, with the import's rules.

Both go the file import's way: every course is checked first, then compared with the registry some
hundreds at a time, then written in batches by the one writer (``upsert.stage_all``) in one unit of
work, so a batch is all or nothing and a PUT is a batch of one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _

from registry.accounts.models import User
from registry.catalogue.models import Course
from registry.catalogue.permissions import require_course_creator
from registry.clock import today
from registry.errors import DomainError, ValidationFailed
from registry.exchange import upsert
from registry.extensions import db
from registry.reviews.models import Review
from registry.transactions import unit_of_work

MAX_BATCH = 2000


@dataclass
class Pushed:
    plan: upsert.Plan
    course: Course | None
    review: Review | None = None


@dataclass
class _Loaded:
    code: str
    values: dict[str, Any]
    digest: str
    runs: list[upsert.RunTuple] | None


def _load(code: str, data: Any, links: upsert.KnownLinks) -> _Loaded:
    """The catalogue's rules on one pushed course. :raise ValidationFailed: naming the fields."""
    if not isinstance(data, dict):
        raise ValidationFailed(
            _("Stuur per opleiding een JSON-object."), fields={"_body": [_("JSON-object verwacht")]}
        )
    values = upsert.load_content({**data, "course_code": code})
    links.check(values)
    runs = None
    if data.get("runs") is not None:
        if not isinstance(data["runs"], list):
            raise ValidationFailed(_("runs moet een lijst zijn."), fields={"runs": [_("lijst verwacht")]})
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
    return _Loaded(code, values, upsert.content_digest(values), runs)


def _check_code(code: str) -> str:
    code = code.strip()
    if not code or len(code) > 40:
        raise ValidationFailed(_("Geef een code van 1 tot 40 tekens."), fields={"course_code": [code[:50]]})
    return code


def _plans(user: User, provider_id: int, loaded: list[_Loaded]) -> tuple[list[upsert.Plan], dict[int, Any]]:
    """Compare every course with the registry; the plans, and by index what cannot be changed now."""
    wanted = [(item.code, item.digest, item.runs) for item in loaded]
    plans: list[upsert.Plan] = []
    refused: dict[int, DomainError] = {}
    for index, (_code, plan) in enumerate(upsert.plan_many(user, provider_id, wanted, today())):
        if isinstance(plan, DomainError):
            refused[index] = plan
        else:
            plans.append(plan)
    if refused:
        db.session.rollback()  # the comparisons read; nothing of theirs may linger
    return plans, refused


def _write(user: User, provider_id: int, plans: list[upsert.Plan], loaded: list[_Loaded]) -> list[Pushed]:
    """Write all of what the plans say, or nothing."""
    with unit_of_work(_("Een opleiding is intussen gewijzigd; er is niets opgeslagen.")):
        staging = upsert.stage_all(
            user,
            provider_id,
            ((plan, item.values, item.runs) for plan, item in zip(plans, loaded, strict=True)),
            today(),
        )
    return _results(provider_id, plans, staging.course_ids)


def _results(provider_id: int, plans: list[upsert.Plan], written: dict[str, int]) -> list[Pushed]:
    """Each plan with its course as now stored (read some hundreds at a time) if it was written."""
    courses: dict[str, Course] = {}
    reviews: dict[int, Review] = {}
    codes = [plan.code for plan in plans if plan.code in written]
    for start in range(0, len(codes), upsert.COMPARE_CHUNK):
        found = upsert.find_by_codes(provider_id, codes[start : start + upsert.COMPARE_CHUNK])
        courses.update(found.courses)
        reviews.update(found.reviews)
    pushed = []
    for plan in plans:
        course = courses.get(plan.code)
        pushed.append(Pushed(plan, course, reviews.get(course.id) if course is not None else None))
    return pushed


def upsert_by_code(user: User, provider_id: int, code: str, data: dict[str, Any]) -> Pushed:
    """Create or change the provider's course with this own code; ``runs`` left out keeps the runs.

    :raise PermissionDenied / InvalidTransition / ValidationFailed: as a form edit; nothing is saved.
    """
    require_course_creator(user, provider_id)
    code = _check_code(code)
    loaded = [_load(code, data, upsert.KnownLinks())]
    plans, refused = _plans(user, provider_id, loaded)
    if refused:
        raise refused[0]
    pushed = _write(user, provider_id, plans, loaded)[0]
    if pushed.course is None:  # unchanged: the course as it stands
        pushed.course, pushed.review = _current(provider_id, code)
    return pushed


def _current(provider_id: int, code: str) -> tuple[Course, Review | None]:
    found = upsert.find_by_codes(provider_id, [code])
    course = found.courses[code]
    return course, found.reviews.get(course.id)


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
    loaded: list[_Loaded] = []
    errors: dict[str, Any] = {}
    codes: set[str] = set()
    for index, item in enumerate(items):
        try:
            code = _check_code(str((item or {}).get("course_code") or "") if isinstance(item, dict) else "")
            if code in codes:
                raise ValidationFailed(
                    _("De code %(code)s staat twee keer in de batch.", code=code),
                    fields={"course_code": [code]},
                )
            codes.add(code)
            loaded.append(_load(code, item, links))
        except DomainError as error:
            errors[str(index)] = {"message": error.message, "fields": error.fields}
    if not errors:
        plans, refused = _plans(user, provider_id, loaded)
        errors = {str(index): {"message": e.message, "fields": e.fields} for index, e in refused.items()}
    if errors:
        raise ValidationFailed(_("Niet alle opleidingen zijn goed; er is niets opgeslagen."), fields=errors)
    return _write(user, provider_id, plans, loaded)
