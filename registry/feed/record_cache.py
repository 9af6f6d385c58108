"""The course listing's records as JSON, kept between requests so a page is assembled, not rebuilt.

A course's feed record follows from its own row and everything ``registry.feed.tracking`` watches for it:
its runs, marks, links, provider (name and keurmerk) and the vocabulary terms and legal requirement it
names. Every change to any of those moves the course's ``changed_at`` and its ``change_seq`` (the search
log position, registry.search.log), so the pair stamps the record's content. The rest of a record follows
the calendar (the states of marks) and the address the request came in on (the record's link), so the
cache holds records of one day and one address at a time.

Each record is kept as the bytes the app's JSON encoder makes of it; a page joins them without decoding.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from flask import current_app

from registry.feed import dump, dump_format

EXTENSION = "feed_record_cache"

Stamp = tuple[int, datetime]  # (change_seq, changed_at)


class RecordCache:
    """Records by course id with the stamp they were made at, for one scope (day, address) at a time.

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


def course_record_bytes(ids: Sequence[int], stamps: dict[int, Stamp], day: date) -> list[bytes]:
    """The JSON records of the published courses among ``ids``, in that order, with states for ``day``.

    ``stamps`` are the courses' (change_seq, changed_at) as the page's query read them. A kept record
    with the same stamp is used as it is; the others are read (as the dump reads) and kept with the
    stamp they were read at, which may be newer than the page's and is then found on the next read.
    """
    cache = _cache()
    scope = (day, dump_format.course_url_parts())
    records = cache.found(scope, stamps)
    missing = [course_id for course_id in ids if course_id not in records]
    if missing:
        courses = list(dump.dump_courses(day, only=missing))
        encode = current_app.json.dumps
        made = {
            course.id: ((course.change_seq, course.changed_at), encode(record).encode())
            for course, record in zip(courses, dump_format.course_records(courses, day), strict=True)
        }
        cache.keep(scope, made)
        records.update((course_id, data) for course_id, (_stamp, data) in made.items())
    return [records[course_id] for course_id in ids if course_id in records]  # unpublished meanwhile: gone
