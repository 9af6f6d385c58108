"""Keeping each host's index in step with the database: every index follows the search log.

A commit that changes what a course's document holds appends the course to the search log in the
same transaction (:mod:`registry.search.log`). Every index directory records the log position it
has applied (``APPLIED``), and whoever writes it (the committing worker right after its commit, a
worker about to search, ``search sync``) applies the entries after that position. So every host's
index learns of every change, a host that was down picks up where its index stopped, and a crash
between commit and index write only means the entries are applied a moment later.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.engine import Connection, Engine

from registry.catalogue.models import Course
from registry.search import log
from registry.search.documents import build_documents, iter_all_documents
from registry.search.index import IndexMissing, IndexStore, store_for

logger = logging.getLogger(__name__)

APPLY_BATCH = 2000
# Up to this many courses a rebuild indexes in one process: starting helper processes costs more.
ONE_PROCESS_REBUILD = 2000


class IndexBehind(IndexMissing):
    """The index's position lies before entries the log has already forgotten: rebuild it."""


def current_store() -> IndexStore:
    """The index store configured for the current app."""
    return store_for(current_app.config["SEARCH_INDEX_DIR"])


# -- applying ----------------------------------------------------------------------------------


def _documents_for(connection: Connection, course_ids: set[int]):
    documents = build_documents(connection, sorted(course_ids))
    present = {document.course_id for document in documents}
    return documents, sorted(course_ids - present)


def follow(store: IndexStore, engine: Engine, lock_timeout: float = 10.0) -> int:
    """Apply the log entries after the live index's position; returns how many were applied.

    :raise IndexMissing: there is no index, or it does not know its position: rebuild it.
    :raise IndexBehind: the log no longer holds every entry after its position: rebuild it.
    :raise IndexBusy: another process kept the writer lock for ``lock_timeout`` seconds.
    """
    applied = 0
    with store.writer_lock(timeout=lock_timeout):
        name = store.current_name()
        position = store.position(name)
        if name is None or position is None:
            raise IndexMissing("the search index has no known log position")
        while True:
            # Read the database under the lock, so a later writer always writes later state.
            with engine.connect() as connection:
                if applied == 0 and position < log.horizon(connection):
                    raise IndexBehind(f"the search index is at {position}, the log starts later")
                entries = log.entries_after(connection, position, APPLY_BATCH)
                if not entries:
                    break
                documents, removed = _documents_for(connection, {course_id for _, course_id in entries})
            position = entries[-1][0]
            store.write(documents, removed, position=position)
            applied += len(entries)
    return applied


def rebuild(store: IndexStore, engine: Engine, progress=lambda _n: None, procs: int | None = None) -> int:
    """Rebuild the whole index beside the live one and swap it in; returns the document count."""
    with engine.connect() as connection:
        # Read before the documents: every change after this position is replayed below.
        start = log.head(connection)
        if procs is None and published_count(connection) <= ONE_PROCESS_REBUILD:
            procs = 1
    count = 0

    def batches():
        nonlocal count
        with engine.connect() as connection:
            for batch in iter_all_documents(connection):
                count += len(batch)
                progress(len(batch))
                yield batch

    def replay(write) -> int:
        # Changes committed while the rebuild read the database: replay them into the new index.
        position = start
        while True:
            with engine.connect() as connection:
                entries = log.entries_after(connection, position, APPLY_BATCH)
                if not entries:
                    return position
                documents, removed = _documents_for(connection, {course_id for _, course_id in entries})
            write(documents, removed)
            position = entries[-1][0]

    store.rebuild(batches(), replay, procs=procs)
    return count


def published_count(connection: Connection) -> int:
    """How many courses the index should hold."""
    return connection.scalar(sa.select(sa.func.count()).select_from(Course).where(Course.published())) or 0


def prune_log(engine: Engine) -> dict[str, int]:
    """Forget the log entries no index needs: an index further behind than there are published
    courses is cheaper to rebuild than to bring up to date, and it does rebuild (:class:`IndexBehind`)."""
    with engine.begin() as connection:
        keep = max(published_count(connection), log.KEEP_AT_LEAST)
        return {"removed": log.prune(connection, keep)}


# -- status, drift and repair --------------------------------------------------------------------


@dataclass(frozen=True)
class IndexStatus:
    """This host's index against the database: what readiness checks and operators look at."""

    generation: str | None
    documents: int | None
    position: int | None
    log_head: int
    published: int

    @property
    def behind(self) -> int | None:
        """How many log positions the index has still to apply (None: it must be rebuilt)."""
        return None if self.position is None else max(self.log_head - self.position, 0)

    @property
    def usable(self) -> bool:
        """Whether searches can be answered from the index (perhaps a moment behind)."""
        return self.documents is not None and self.position is not None


def index_status(store: IndexStore, engine: Engine) -> IndexStatus:
    """The live index's generation, documents and log position beside the log's head."""
    name = store.current_name()
    try:
        with store.open_index().searcher() as searcher:
            documents: int | None = searcher.doc_count()
    except (IndexMissing, OSError):
        documents = None
    with engine.connect() as connection:
        head = log.head(connection)
        published = published_count(connection)
    return IndexStatus(name, documents, store.position(name), head, published)


@dataclass
class DriftReport:
    """Differences between the index and the database, by course id."""

    missing: list[int] = field(default_factory=list)
    stale: list[int] = field(default_factory=list)
    extra: list[int] = field(default_factory=list)
    pending: bool = False

    @property
    def drifted(self) -> bool:
        return bool(self.missing or self.stale or self.extra)


def check(store: IndexStore, engine: Engine) -> DriftReport:
    """Compare every published course's document with what the index holds."""
    indexed: dict[int, str] = {}
    with store.open_index().searcher() as searcher:
        for stored in searcher.reader().all_stored_fields():
            indexed[int(stored["id"])] = stored["fingerprint"]
    expected: dict[int, str] = {}
    with engine.connect() as connection:
        for batch in iter_all_documents(connection):
            expected.update((doc.course_id, doc.fingerprint()) for doc in batch)
        head = log.head(connection)
    position = store.position()
    return DriftReport(
        missing=sorted(set(expected) - set(indexed)),
        stale=sorted(cid for cid in set(expected) & set(indexed) if expected[cid] != indexed[cid]),
        extra=sorted(set(indexed) - set(expected)),
        pending=position is None or position < head,
    )


def repair(store: IndexStore, engine: Engine, report: DriftReport) -> int:
    """Rewrite every course the report names, then apply the log; returns how many courses and entries."""
    course_ids = {*report.missing, *report.stale, *report.extra}
    with store.writer_lock(timeout=60):
        if course_ids:
            with engine.connect() as connection:
                documents, removed = _documents_for(connection, course_ids)
            store.write(documents, removed)
        return len(course_ids) + follow(store, engine, lock_timeout=60)
