"""The feed's HTTP handlers: load the query, call one service function, dump the result."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from flask import Response, current_app, request, stream_with_context, url_for

from registry.api.blueprint import api_v1
from registry.api.caching import conditional, json_response
from registry.api.ratelimit import api_limit, dump_limit
from registry.clock import today, utcnow
from registry.extensions import limiter
from registry.feed import jsonld, service
from registry.feed import schemas as s
from registry.feed.dump_cache import Refresh, cached_dump
from registry.feed.pagination import Cursor, decode_cursor, encode_cursor

LIST_MAX_AGE = 60
RECORD_MAX_AGE = 300
CHANGES_MAX_AGE = 0  # a change feed must be revalidated every time
TOPICS_MAX_AGE = 3600
DUMP_MAX_AGE = 3600

limiter.limit(api_limit)(api_v1)


def _next_link(cursor: Cursor | None) -> str | None:
    """The same request with the next cursor (and every filter the client gave)."""
    if cursor is None:
        return None
    args = {key: value for key, value in request.args.items() if key != "cursor"}
    return url_for(
        request.endpoint, **(request.view_args or {}), **args, cursor=encode_cursor(cursor), _external=True
    )


def _listing(
    args: dict[str, Any],
    page_schema: type,
    listing: Callable[[Cursor, int, date], service.FeedPage],
    changes: Callable[[datetime, Cursor, int, date, datetime], service.FeedPage],
) -> Response:
    cursor = decode_cursor(args["cursor"])
    day = today()
    if args["modified_since"] is not None:
        page = changes(args["modified_since"], cursor, args["limit"], day, utcnow())
        max_age = CHANGES_MAX_AGE
    else:
        page = listing(cursor, args["limit"], day)
        max_age = LIST_MAX_AGE
    body = s.dump_with_day(
        page_schema(),
        {
            "items": page.records,
            "tombstones": page.tombstones,
            "next": _next_link(page.next_cursor),
            "synced_until": page.synced_until,
        },
        day,
    )
    return json_response(body, last_modified=page.last_modified, max_age=max_age)


@api_v1.get("/courses")
def courses() -> Response:
    """Published courses, filtered; with ``modified_since`` the changes and tombstones since then."""
    args = s.CourseArgsSchema().load(request.args)
    filters = s.course_filters(args)
    return _listing(
        args,
        s.CoursePageSchema,
        lambda cursor, limit, day: service.course_page(filters, cursor, limit, day),
        service.course_changes,
    )


@api_v1.get("/courses/<int:course_id>")
def course(course_id: int) -> Response:
    """One published course; schema.org JSON-LD when the client asks for ``application/ld+json``.

    :raise 404: the course does not exist or is not public.
    """
    record = service.public_course(course_id)
    day = today()
    wants_ld = request.accept_mimetypes.best_match(["application/json", jsonld.MIMETYPE]) == jsonld.MIMETYPE
    body = jsonld.course_document(record, day) if wants_ld else s.dump_with_day(s.CourseSchema(), record, day)
    mimetype = jsonld.MIMETYPE if wants_ld else "application/json"
    last_modified = max(record.changed_at, service.start_of_day(day))
    return json_response(
        body, last_modified=last_modified, max_age=RECORD_MAX_AGE, mimetype=mimetype, vary=("Accept",)
    )


@api_v1.get("/providers")
def providers() -> Response:
    """Active providers; with ``modified_since`` the changes and tombstones since then."""
    args = s.PageArgsSchema().load(request.args)
    return _listing(args, s.ProviderPageSchema, service.provider_page, service.provider_changes)


@api_v1.get("/providers/<int:provider_id>")
def provider(provider_id: int) -> Response:
    """One active provider.

    :raise 404: no active provider has this id.
    """
    record = service.public_provider(provider_id)
    day = today()
    body = s.dump_with_day(s.ProviderSchema(), record, day)
    return json_response(
        body, last_modified=max(record.updated_at, service.start_of_day(day)), max_age=RECORD_MAX_AGE
    )


@api_v1.get("/schemes")
def schemes() -> Response:
    """Subsidy schemes with their state today; with ``modified_since`` the changes since then."""
    args = s.PageArgsSchema().load(request.args)
    return _listing(args, s.SchemePageSchema, service.scheme_page, service.scheme_changes)


@api_v1.get("/schemes/<int:scheme_id>")
def scheme(scheme_id: int) -> Response:
    """One scheme with its state today.

    :raise 404: no scheme has this id.
    """
    record = service.public_scheme(scheme_id)
    day = today()
    body = s.dump_with_day(s.SchemeSchema(), record, day)
    return json_response(
        body, last_modified=max(record.updated_at, service.start_of_day(day)), max_age=RECORD_MAX_AGE
    )


@api_v1.get("/quality-marks")
def quality_marks() -> Response:
    """The public register of marks in force; with ``modified_since`` the changes and tombstones."""
    args = s.MarkArgsSchema().load(request.args)
    filters = s.mark_filters(args)
    return _listing(
        args,
        s.QualityMarkPageSchema,
        lambda cursor, limit, day: service.mark_page(filters, cursor, limit, day),
        service.mark_changes,
    )


@api_v1.get("/topics")
def topics() -> Response:
    """The topic taxonomy."""
    body = s.TopicListSchema().dump({"items": service.all_topics()})
    # Topics carry no timestamps: claim no earlier change than now, and let the ETag do the work.
    return json_response(body, last_modified=utcnow(), max_age=TOPICS_MAX_AGE)


def _dump_response(
    lines: Callable[[], Iterator[str]],
    mimetype: str,
    filename: str,
    refresh: Refresh | None = None,
) -> Response:
    day = today()
    count, last_modified = service.dump_version(day)
    response = Response(mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    # The dump follows the newest change and the calendar; together they identify its content.
    version = f"{count}-{last_modified.timestamp():.6f}-{day.isoformat()}-{filename}"
    response = conditional(response, etag=version, last_modified=last_modified, max_age=DUMP_MAX_AGE)
    if response.status_code == 200:  # only start reading the database when the client needs the body
        directory = Path(current_app.config["REGISTRY_DUMP_DIR"])
        as_of = utcnow() - service.SYNC_OVERLAP
        # One line per course: a refreshed dump with any other count is not trusted.
        expected = count if refresh is not None else None
        body = cached_dump(
            directory, filename, version, lines, as_of=as_of, refresh=refresh, expected_lines=expected
        )
        response.response = stream_with_context(body)
        # The length was computed for the empty placeholder body; a stream has none.
        del response.headers["Content-Length"]
    return response


@api_v1.get("/dump/courses.ndjson")
@limiter.limit(dump_limit, override_defaults=False)
def dump_ndjson() -> Response:
    """Every published course, one JSON document a line, streamed."""
    day = today()

    def lines(only: set[int] | None = None) -> Iterator[str]:
        for record in s.course_records(service.dump_courses(day, only=only), day):
            yield s.to_json_line(record)

    # A JSON line never spans two lines, so an older dump can be brought up to date line by line.
    refresh = Refresh(lambda since: service.changed_course_ids(since, day), lines, s.json_line_id)
    return _dump_response(lines, "application/x-ndjson", "courses.ndjson", refresh)


@api_v1.get("/dump/courses.csv")
@limiter.limit(dump_limit, override_defaults=False)
def dump_csv() -> Response:
    """Every published course as one CSV row, streamed (lists joined with "; ")."""
    day = today()

    def lines() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=s.CSV_COLUMNS)
        writer.writeheader()
        for record in s.dump_records(s.CourseCsvSchema(), service.dump_courses(day), day):
            writer.writerow(record)
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
        yield buffer.getvalue()

    # A CSV row may span lines (quoted newlines), so the CSV dump is always made whole.
    return _dump_response(lines, "text/csv", "courses.csv")
