"""The course listing's records as JSON, kept between requests so a page is assembled, not rebuilt.

A course's feed record follows from its own row and everything ``registry.feed.tracking`` watches for it:
its runs, marks, links, provider (name and keurmerk) and the vocabulary terms and legal requirement it
names. Every change to any of those moves the course's ``changed_at`` and its ``change_seq`` (the search
log position, registry.search.log), so the pair stamps the record's content. The rest of a record follows
the calendar (the states of marks), so records are kept for one day at a time; the start of each course's
link follows the address a request came in on, and is filled in as a page is sent
(registry.feed.record_store.with_links).

Each record is kept as the bytes the app's JSON encoder makes of it; a page joins them without decoding.
Two tiers: each worker's memory, then a file every worker of the host shares (registry.feed.record_store),
which the nightly ``feed-records`` job fills with the new day's records. The job runs on one host; on
another (or before the job ran), a page of a walk that finds none of its records made sets one worker
of the host making the whole day in the background, so the rest of the walk finds them.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from flask import Flask, current_app

from registry.extensions import db
from registry.feed import dump, dump_format
from registry.feed.record_store import LINK_MARKER, RecordStore
from registry.host_file import for_app

log = logging.getLogger(__name__)

EXTENSION = "feed_record_cache"
STORE_SETTING = "REGISTRY_FEED_RECORD_STORE"
# Records are made and kept this many at a time when the whole day is made.
FILL_BATCH = 500

Stamp = tuple[int, datetime]  # (change_seq, changed_at)


class RecordCache:
    """Records by course id with the stamp they were made at, for one scope (a day) at a time.

    One entry per course, so the cache never holds more than the catalogue; ``max_bytes`` bounds it
    below that. When full it keeps what it has (a walk in the same order then finds its first pages)
    rather than turning over, which would leave a walk over a larger catalogue nothing to find.
    """

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._scope: Any = None
        self._entries: dict[int, tuple[Stamp, bytes]] = {}
        self._size = 0

    def _enter(self, scope: Any) -> None:
        if scope != self._scope:
            self._scope, self._entries, self._size = scope, {}, 0

    def found(self, scope: Any, stamps: dict[int, Stamp]) -> dict[int, bytes]:
        """The records of ``stamps``' courses whose kept stamp is the one given."""
        with self._lock:
            self._enter(scope)
            hits = {}
            for course_id, stamp in stamps.items():
                entry = self._entries.get(course_id)
                if entry is not None and entry[0] == stamp:
                    hits[course_id] = entry[1]
            return hits

    def keep(self, scope: Any, made: dict[int, tuple[Stamp, bytes]]) -> None:
        """Keep freshly made records (replacing older ones of the same courses) while there is room."""
        with self._lock:
            self._enter(scope)
            for course_id, (stamp, data) in made.items():
                old = self._entries.pop(course_id, None)
                if old is not None:
                    self._size -= len(old[1])
                if self._size + len(data) <= self.max_bytes:
                    self._entries[course_id] = (stamp, data)
                    self._size += len(data)

    def __len__(self) -> int:
        return len(self._entries)


def _cache() -> RecordCache:
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    cache = app.extensions.get(EXTENSION)
    if cache is None:
        cache = app.extensions.setdefault(
            EXTENSION, RecordCache(app.config["REGISTRY_FEED_RECORD_CACHE_MB"] * 1024 * 1024)
        )
    return cache


def _store() -> RecordStore | None:
    return for_app(STORE_SETTING, RecordStore)


def _made(courses: list[Any], day: date, url_suffix: str) -> dict[int, tuple[Stamp, bytes]]:
    """The records of ``courses`` (as the dump reads them), encoded, with their links' marker."""
    encode = current_app.json.dumps
    records = dump_format.course_records(courses, day, url_parts=(LINK_MARKER, url_suffix))
    return {
        course.id: ((course.change_seq, course.changed_at), encode(record).encode())
        for course, record in zip(courses, records, strict=True)
    }


def course_record_bytes(ids: Sequence[int], stamps: dict[int, Stamp], day: date) -> list[bytes]:
    """The JSON records of the published courses among ``ids``, in that order, with states for ``day``
    and links still to be filled in (registry.feed.record_store.with_links).

    ``stamps`` are the courses' (change_seq, changed_at) as the page's query read them. A kept record
    with the same stamp is used as it is; the others are read (as the dump reads) and kept with the
    stamp they were read at, which may be newer than the page's and is then found on the next read.
    """
    cache, store = _cache(), _store()
    records = cache.found(day, stamps)
    missing = {course_id: stamps[course_id] for course_id in ids if course_id not in records}
    if missing and store is not None:
        stored = store.found(day, missing)
        if not stored and not store.is_made(day):
            make_day_ahead(day)
        cache.keep(day, {course_id: (missing[course_id], data) for course_id, data in stored.items()})
        records.update(stored)
    unmade = [course_id for course_id in ids if course_id not in records]
    if unmade:
        made = _made(list(dump.dump_courses(day, only=unmade)), day, dump_format.course_url_parts()[1])
        cache.keep(day, made)
        if store is not None:
            store.keep(day, ((course_id, stamp, data) for course_id, (stamp, data) in made.items()))
        records.update((course_id, data) for course_id, (_stamp, data) in made.items())
    return [records[course_id] for course_id in ids if course_id in records]  # unpublished meanwhile: gone


def make_day(day: date, wait: bool = True) -> dict[str, int]:
    """Make every published course's record for ``day`` and keep it in the host's store (the nightly
    ``feed-records`` job, or a worker ahead of a walk); records of earlier days are removed.

    One process of the host makes a day at a time, and a day made is not made again. Without ``wait``,
    a day another process is making is left to it.
    """
    store = _store()
    if store is None:
        return {"skipped": 1}
    with store.making(wait) as ours:
        if not ours:
            return {"busy": 1}
        if store.is_made(day):
            return {"made": 0, "removed": 0}
        removed = store.forget_before(day)
        made, complete = 0, True
        # A link's end comes from the course route; its start (the address) is filled in per request.
        with current_app.test_request_context():
            url_suffix = dump_format.course_url_parts()[1]
            batch: list[Any] = []
            for course in dump.dump_courses(day):
                batch.append(course)
                if len(batch) == FILL_BATCH:
                    complete &= _keep_made(store, batch, day, url_suffix)
                    made, batch = made + len(batch), []
                    db.session.rollback()  # no snapshot held for the whole day (a migration would wait)
            complete &= _keep_made(store, batch, day, url_suffix)
            made += len(batch)
        if complete:  # a record that could not be kept leaves the day to be made again
            store.mark_made(day)
    return {"made": made, "removed": removed}


# The days this process set out to make ahead of a walk: once per process and day.
_ahead: set[date] = set()
_ahead_lock = threading.Lock()


def make_day_ahead(day: date) -> threading.Thread | None:
    """Make ``day``'s records in the background, unless this process already set out to or
    ``REGISTRY_FEED_RECORDS_AHEAD`` is off; the thread, if one started.

    At 100,000 courses that is ~15 s of one core, shared with this worker's requests, at most once per
    host and day (see :func:`make_day`).
    """
    if not current_app.config["REGISTRY_FEED_RECORDS_AHEAD"]:
        return None
    with _ahead_lock:
        if day in _ahead:
            return None
        _ahead.add(day)
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    thread = threading.Thread(target=_make_ahead, args=(app, day), name="feed-records-ahead", daemon=True)
    thread.start()
    return thread


def _make_ahead(app: Flask, day: date) -> None:
    with app.app_context():
        try:
            log.info("feed records of %s made ahead: %s", day, make_day(day, wait=False))
        except Exception:  # a cache: the walks make their own records; a later page may try again
            _ahead.discard(day)
            log.exception("the feed records of %s could not be made ahead", day)


def _keep_made(store: RecordStore, courses: list[Any], day: date, url_suffix: str) -> bool:
    """Make and keep the records of ``courses``; whether the store kept them."""
    made = _made(courses, day, url_suffix)
    return store.keep(day, ((course_id, stamp, data) for course_id, (stamp, data) in made.items()))
