"""The organisation's compliance through the JSON API, with personal bearer tokens: locations, staff
with diplomas and certificates, and every verdict of the planner on a day."""

from __future__ import annotations

from flask import Blueprint, request
from flask_babel import gettext as _

from registry.clock import today
from registry.compliance import planning, service
from registry.compliance.schemas import (
    CertificateOutSchema,
    LocationOutSchema,
    PlannerArgsSchema,
    PlannerOutSchema,
    StaffOutSchema,
)
from registry.errors import PermissionDenied
from registry.reviews.api import api_user, json_body, workflow_limit
from registry.validation import load_or_fail

bp = Blueprint("organisation_api", __name__, url_prefix="/api/v1/organisation")
workflow_limit(bp)


def _organisation_id(user) -> int:
    if user.organisation_id is None:
        raise PermissionDenied(_("Dit token hoort niet bij een kinderopvangorganisatie."))
    return user.organisation_id


@bp.get("/locations")
def list_locations():
    user = api_user()
    return {"items": LocationOutSchema(many=True).dump(service.locations(user, _organisation_id(user)))}


@bp.post("/locations")
def create_location():
    user = api_user()
    location = service.add_location(user, _organisation_id(user), json_body())
    return LocationOutSchema().dump(location), 201


@bp.get("/staff")
def list_staff():
    user = api_user()
    return {"items": StaffOutSchema(many=True).dump(service.staff(user, _organisation_id(user)))}


@bp.get("/staff/<int:staff_id>")
def get_staff(staff_id: int):
    user = api_user()
    return StaffOutSchema().dump(service.staff_member(user, _organisation_id(user), staff_id))


@bp.post("/staff/<int:staff_id>/certificates")
def create_certificate(staff_id: int):
    user = api_user()
    certificate = service.add_certificate(user, _organisation_id(user), staff_id, json_body())
    return CertificateOutSchema().dump(certificate), 201


@bp.get("/planner")
def planner():
    """Every verdict with its numbers on ``?datum=`` (default today)."""
    user = api_user()
    day = load_or_fail(PlannerArgsSchema(), request.args)["datum"] or today()
    plan = planning.plan(user, _organisation_id(user), day, with_options=False)
    return PlannerOutSchema().dump(plan)
