"""OOAPI v5 under /ooapi/v5: the service metadata, courses, offerings and organizations (read only)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app, json, request, url_for
from werkzeug.exceptions import HTTPException

from registry.clock import today
from registry.errors import DomainError
from registry.http.caching import json_response
from registry.http.ratelimit import PUBLIC_API_LIMIT
from registry.ooapi import queries, records
from registry.ooapi.identifiers import parse_uuid

MAX_AGE = 300
SPECIFICATION = "https://github.com/open-education-api/specification/tree/release/5.0/v5"

bp = Blueprint("ooapi", __name__, url_prefix="/ooapi/v5")
PUBLIC_API_LIMIT(bp)


class BadParameter(DomainError):
    """A query parameter outside what OOAPI allows (answered 400, as the specification lists)."""

    status = 400


def _ooapi_problem(status: int, title: str, detail: str) -> Response:
    # OOAPI's Problem has the status as a string, unlike RFC 9457's integer.
    body = {"status": str(status), "title": title, "detail": detail}
    response = Response(json.dumps(body), status=status, mimetype="application/problem+json")
    response.cache_control.no_store = True
    return response


@bp.errorhandler(DomainError)
def _domain_error(error: DomainError) -> Response:
    return _ooapi_problem(error.status, str(error.title), error.message)


@bp.errorhandler(HTTPException)
def _http_error(error: HTTPException) -> Response | HTTPException:
    if (error.code or 500) < 400:
        return error
    return _ooapi_problem(error.code or 500, error.name, error.description or error.name)


def _int_arg(name: str, default: int) -> int:
    value = request.args.get(name)
    if value is None:
        return default
    if not value.isdigit() or len(value) > 9:
        raise BadParameter(f"{name} moet een positief geheel getal zijn.")
    return int(value)


def _paging() -> tuple[int, int]:
    size = _int_arg("pageSize", queries.DEFAULT_PAGE_SIZE)
    if size not in queries.PAGE_SIZES:
        raise BadParameter(f"pageSize moet een van {', '.join(map(str, queries.PAGE_SIZES))} zijn.")
    number = _int_arg("pageNumber", 1)
    if number < 1:
        raise BadParameter("pageNumber begint bij 1.")
    return size, number


def _paginated(page: queries.Page, items: list[dict[str, Any]]) -> Response:
    body = {
        "pageSize": page.page_size,
        "pageNumber": page.page_number,
        "hasPreviousPage": page.page_number > 1,
        "hasNextPage": page.page_number < page.total_pages,
        "totalPages": page.total_pages,
        "items": items,
    }
    return json_response(body, last_modified=None, max_age=MAX_AGE)


@bp.get("/")
def service_metadata() -> Response:
    """OOAPI's Service: who runs this endpoint and where its specification and documentation are."""
    body = {
        "contactEmail": current_app.config["REGISTRY_OOAPI_CONTACT"],
        "specification": SPECIFICATION,
        "documentation": url_for("api_docs.api_docs", _external=True, _anchor="ooapi"),
    }
    return json_response(body, last_modified=None, max_age=MAX_AGE)


@bp.get("/courses")
def courses() -> Response:
    """Public courses, pageSize/pageNumber paginated."""
    size, number = _paging()
    day = today()
    page = queries.course_page(size, number, day)
    return _paginated(page, [records.course_record(course, day) for course in page.items])


@bp.get("/courses/<course_id>")
def course(course_id: str) -> Response:
    """:raise 404: no public course has this uuid."""
    found = queries.public_course(parse_uuid(course_id))
    return json_response(records.course_record(found, today()), last_modified=None, max_age=MAX_AGE)


@bp.get("/courses/<course_id>/offerings")
def course_offerings(course_id: str) -> Response:
    """The runs of a public course as course offerings. :raise 404: no public course has this uuid."""
    size, number = _paging()
    found = queries.public_course(parse_uuid(course_id))
    day = today()
    page = queries.offering_page(found, size, number)
    return _paginated(page, [records.offering_record(run, day) for run in page.items])


@bp.get("/offerings/<offering_id>")
def offering(offering_id: str) -> Response:
    """:raise 404: no run of a public course has this uuid."""
    run = queries.public_offering(parse_uuid(offering_id))
    return json_response(records.offering_record(run, today()), last_modified=None, max_age=MAX_AGE)


@bp.get("/organizations")
def organizations() -> Response:
    """Public providers, pageSize/pageNumber paginated."""
    size, number = _paging()
    day = today()
    page = queries.organization_page(size, number)
    return _paginated(page, [records.organization_record(provider, day) for provider in page.items])


@bp.get("/organizations/<organization_id>")
def organization(organization_id: str) -> Response:
    """:raise 404: no public provider has this uuid."""
    provider = queries.public_organization(parse_uuid(organization_id))
    return json_response(records.organization_record(provider, today()), last_modified=None, max_age=MAX_AGE)
