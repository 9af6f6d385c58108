"""The feed's HTTP handlers: load the query, call one service function, dump the result."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from flask import Blueprint, Response, current_app, request, stream_with_context, url_for

from registry import page_cache
from registry.catalogue import jsonld
from registry.clock import today, utcnow
from registry.dump_context import dump_records, dump_with_day
from registry.feed import arguments, changes, dump, dump_format, queries, record_cache, record_store, records
from registry.feed.dump_cache import Refresh, cached_dump
from registry.feed.pagination import Cursor, decode_cursor, encode_cursor
from registry.http.caching import conditional, json_bytes_response, json_response
from registry.http.ratelimit import DUMP_LIMIT
from registry.schema import Schema
from registry.spreadsheet import csv_dict_writer

LIST_MAX_AGE = 60
RECORD_MAX_AGE = 300
CHANGES_MAX_AGE = 0  # a change feed must be revalidated every time
TOPICS_MAX_AGE = 3600
DUMP_MAX_AGE = 3600


def _next_link(cursor: Cursor | None) -> str | None:
    """The same request with the next cursor (and every filter the client gave)."""
    if cursor is None:
        return None
    args = {key: value for key, value in request.args.items() if key != "cursor"}
    return url_for(
        request.endpoint, **(request.view_args or {}), **args, cursor=encode_cursor(cursor), _external=True
    )


def _keep_walks_out(args: dict[str, Any]) -> None:
    """A listing's first page is kept for the next visitors like any public page. A later one (asked
    with a cursor) is asked once per walk, and a walk of 100,000 records would push every other page
    out of the caches; its records are kept instead (registry.feed.record_cache)."""
    if args["cursor"]:
        page_cache.keep_out()


def _listing(
    args: dict[str, Any],
    page_schema: type,
    listing: Callable[[Cursor, int, date], queries.FeedPage],
    changes: Callable[[datetime, Cursor, int, date, datetime], queries.FeedPage],
) -> Response:
    _keep_walks_out(args)
    cursor = decode_cursor(args["cursor"])
    day = today()
    if args["modified_since"] is not None:
        page = changes(args["modified_since"], cursor, args["limit"], day, utcnow())
        max_age = CHANGES_MAX_AGE
    else:
        page = listing(cursor, args["limit"], day)
        max_age = LIST_MAX_AGE
    body = dump_with_day(
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


@cache
def _shared(schema_class: type[Schema]) -> Schema:
    """One instance of a schema the course listing uses on every page: marshmallow 4 keeps no state on
    a schema between calls, and making one (its fields' messages translated) costs a millisecond."""
    return schema_class()


def courses() -> Response:
    """Published courses, filtered; with ``modified_since`` the changes and tombstones since then."""
    args = _shared(arguments.CourseArgsSchema).load(request.args)
    filters = arguments.course_filters(args)
    if args["modified_since"] is None:
        return _course_listing(args, filters)
    return _listing(
        args,
        records.CoursePageSchema,
        lambda cursor, limit, day: queries.course_page(filters, cursor, limit, day),
        changes.course_changes,
    )


def _course_listing(args: dict[str, Any], filters: queries.CourseFilters) -> Response:
    """A page of published courses, each record as the dump shapes it, joined as encoded JSON."""
    _keep_walks_out(args)
    day = today()
    page = queries.course_page_ids(filters, decode_cursor(args["cursor"]), args["limit"], day)
    envelope = {"items": [], "tombstones": [], "next": _next_link(page.next_cursor), "synced_until": None}
    body = dump_with_day(_shared(records.CoursePageSchema), envelope, day)
    items = record_cache.course_record_bytes(page.ids, page.stamps, day)
    link_prefix = current_app.json.dumps(dump_format.course_url_parts()[0])[1:-1]
    data = record_store.with_links(_with_items(body, items), link_prefix)
    return json_bytes_response(data, last_modified=page.last_modified, max_age=LIST_MAX_AGE)


_ITEMS = "\x00items\x00"  # no record encodes to this, so it marks where the page's records go


def _with_items(body: dict[str, Any], items: list[bytes]) -> bytes:
    """``body`` encoded by the app's JSON encoder, its ``items`` being the already encoded ``items``."""
    encode = current_app.json.dumps
    pair = encode([0, 0])
    separator = pair[2 : pair.rindex("0")].encode()  # between list items, as the encoder writes it
    marker = encode([_ITEMS]).encode()
    before, found, after = encode({**body, "items": [_ITEMS]}).encode().partition(marker)
    if not found:
        raise RuntimeError("the JSON encoder wrote the page's placeholder unexpectedly")
    return b"".join((before, b"[", separator.join(items), b"]", after))


def course(course_id: int) -> Response:
    """One published course; schema.org JSON-LD when the client asks for ``application/ld+json``.

    :raise 404: the course does not exist or is not public.
    """
    record = queries.public_course(course_id)
    day = today()
    wants_ld = request.accept_mimetypes.best_match(["application/json", jsonld.MIMETYPE]) == jsonld.MIMETYPE
    body = (
        jsonld.course_document(record, day)
        if wants_ld
        else dump_with_day(records.CourseSchema(), record, day)
    )
    mimetype = jsonld.MIMETYPE if wants_ld else "application/json"
    last_modified = max(record.changed_at, queries.start_of_day(day))
    return json_response(
        body, last_modified=last_modified, max_age=RECORD_MAX_AGE, mimetype=mimetype, vary=("Accept",)
    )


def providers() -> Response:
    """Active providers; with ``modified_since`` the changes and tombstones since then."""
    args = arguments.PageArgsSchema().load(request.args)
    return _listing(args, records.ProviderPageSchema, queries.provider_page, changes.provider_changes)


def provider(provider_id: int) -> Response:
    """One active provider.

    :raise 404: no active provider has this id.
    """
    record = queries.public_provider(provider_id)
    day = today()
    body = dump_with_day(records.ProviderSchema(), record, day)
    return json_response(
        body, last_modified=max(record.updated_at, queries.start_of_day(day)), max_age=RECORD_MAX_AGE
    )


def schemes() -> Response:
    """Subsidy schemes with their state today; with ``modified_since`` the changes since then."""
    args = arguments.PageArgsSchema().load(request.args)
    return _listing(args, records.SchemePageSchema, queries.scheme_page, changes.scheme_changes)


def scheme(scheme_id: int) -> Response:
    """One scheme with its state today.

    :raise 404: no scheme has this id.
    """
    record = queries.public_scheme(scheme_id)
    day = today()
    body = dump_with_day(records.SchemeSchema(), record, day)
    return json_response(
        body, last_modified=max(record.updated_at, queries.start_of_day(day)), max_age=RECORD_MAX_AGE
    )


def quality_marks() -> Response:
    """The public register of marks in force; with ``modified_since`` the changes and tombstones."""
    args = arguments.MarkArgsSchema().load(request.args)
    filters = arguments.mark_filters(args)
    return _listing(
        args,
        records.QualityMarkPageSchema,
        lambda cursor, limit, day: queries.mark_page(filters, cursor, limit, day),
        changes.mark_changes,
    )


def topics() -> Response:
    """The topic taxonomy."""
    body = records.TopicListSchema().dump({"items": queries.all_topics()})
    # Topics carry no change instant, and "now" would be a false one that no If-Modified-Since ever
    # matches: the ETag of the body is the validator (it changes exactly when a topic does).
    return json_response(body, last_modified=None, max_age=TOPICS_MAX_AGE)


def _dump_response(
    lines: Callable[[], Iterator[str]],
    mimetype: str,
    filename: str,
    refresh: Refresh | None = None,
) -> Response:
    day = today()
    count, last_modified = dump.dump_version(day)
    response = Response(mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    # The dump follows the newest change and the calendar; together they identify its content.
    version = f"{count}-{last_modified.timestamp():.6f}-{day.isoformat()}-{filename}"
    response = conditional(response, etag=version, last_modified=last_modified, max_age=DUMP_MAX_AGE)
    if response.status_code == 200:  # only start reading the database when the client needs the body
        directory = Path(current_app.config["REGISTRY_DUMP_DIR"])
        as_of = utcnow() - changes.SYNC_OVERLAP
        # One line per course: a refreshed dump with any other count is not trusted.
        expected = count if refresh is not None else None
        body = cached_dump(
            directory, filename, version, lines, as_of=as_of, refresh=refresh, expected_lines=expected
        )
        response.response = stream_with_context(body)
        # The length was computed for the empty placeholder body; a stream has none.
        del response.headers["Content-Length"]
    return response


@DUMP_LIMIT
def dump_ndjson() -> Response:
    """Every published course, one JSON document a line, streamed."""
    day = today()

    def lines(only: set[int] | None = None) -> Iterator[str]:
        for record in dump_format.course_records(dump.dump_courses(day, only=only), day):
            yield dump_format.to_json_line(record)

    # A JSON line never spans two lines, so an older dump can be brought up to date line by line.
    refresh = Refresh(lambda since: changes.changed_course_ids(since, day), lines, dump_format.json_line_id)
    return _dump_response(lines, "application/x-ndjson", "courses.ndjson", refresh)


@DUMP_LIMIT
def dump_csv() -> Response:
    """Every published course as one CSV row, streamed (lists joined with "; ")."""
    day = today()

    def lines() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv_dict_writer(buffer, fieldnames=dump_format.CSV_COLUMNS)
        writer.writeheader()
        for record in dump_records(dump_format.CourseCsvSchema(), dump.dump_courses(day), day):
            writer.writerow(record)
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
        yield buffer.getvalue()

    # A CSV row may span lines (quoted newlines), so the CSV dump is always made whole.
    return _dump_response(lines, "text/csv", "courses.csv")


ROUTES = (
    ("/courses", courses),
    ("/courses/<int:course_id>", course),
    ("/providers", providers),
    ("/providers/<int:provider_id>", provider),
    ("/schemes", schemes),
    ("/schemes/<int:scheme_id>", scheme),
    ("/quality-marks", quality_marks),
    ("/topics", topics),
    ("/dump/courses.ndjson", dump_ndjson),
    ("/dump/courses.csv", dump_csv),
)


def register(api: Blueprint) -> None:
    """Add the feed's handlers to the app's ``/api/v1`` blueprint (called by the app factory)."""
    for path, handler in ROUTES:
        api.add_url_rule(path, view_func=handler, methods=["GET"])
