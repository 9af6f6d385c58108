"""The Whoosh index on disk: its schema, generations, the one-writer lock and the atomic swap.

Layout of ``SEARCH_INDEX_DIR``::

    CURRENT        name of the live index directory (replaced atomically)
    writer.lock    flock()ed by whoever writes; the kernel drops it when that process dies
    rebuild.lock   flock()ed by a process rebuilding by itself, so one per host does
    ix-<stamp>/    Whoosh index directories: the live one, and the one it replaced
    ix-<stamp>/APPLIED  the search log position that directory has applied (see sync.py)
    ix-<stamp>/MAIN_<segment>.masks  term bitsets of a large segment (see term_masks.py)
    masks.lock     flock()ed by a worker writing missing term bitsets at its start

Only a rebuild creates an index: one made any other way would not know its log position, and an
empty index that a write then fills with one course would look healthy while missing the rest.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.fields import ID, KEYWORD, STORED, Schema
from whoosh.searching import Searcher

from registry.search.analysis import DutchText, dutch_analyzer, spelling_analyzer
from registry.search.documents import SearchDocument
from registry.search.term_masks import write_missing as write_missing_term_masks

CURRENT_FILE = "CURRENT"
LOCK_FILE = "writer.lock"
REBUILD_LOCK_FILE = "rebuild.lock"
MASKS_LOCK_FILE = "masks.lock"
POSITION_FILE = "APPLIED"
# A rebuild writes with at most this many processes (more would add segments and memory for
# little gain on the machines the registry runs on), each holding this much of postings (by
# Whoosh's estimate; at 100k courses a process peaked at about 780 MB) before it spills a
# sorted run to disk that it must merge back at the end, in job files of this many documents.
REBUILD_PROCS = 2
REBUILD_LIMIT_MB = 512
REBUILD_BATCH = 250


class IndexBusy(RuntimeError):
    """Another process held the writer lock for longer than we were willing to wait."""


class IndexMissing(RuntimeError):
    """There is no live index (never built, or deleted): it must be rebuilt from the database."""


def make_schema() -> Schema:
    """The fields of a course document; ``spell`` is unstemmed because fuzzy terms need real words."""
    dutch = dutch_analyzer()
    # No positions (phrase=False): queries never need them, and indexing is faster without.
    return Schema(
        id=ID(stored=True, unique=True),
        title=DutchText(analyzer=dutch, stored=True, phrase=False),
        topics=DutchText(analyzer=dutch, phrase=False),
        summary=DutchText(analyzer=dutch, stored=True, phrase=False),
        body=DutchText(analyzer=dutch, phrase=False),
        description=STORED,
        provider=DutchText(analyzer=dutch, phrase=False),
        syn_title=KEYWORD,
        syn_topic=KEYWORD,
        syn=KEYWORD,
        # Parts of compounds (stems): heads and first parts of title and topics, and of the rest.
        part_head=KEYWORD,
        part_mod=KEYWORD,
        part_text=KEYWORD,
        title_pairs=KEYWORD,
        spell=DutchText(analyzer=spelling_analyzer(), phrase=False),
        facets=STORED,
        fingerprint=STORED,
    )


def whoosh_fields(document: SearchDocument) -> dict[str, object]:
    """The keyword arguments Whoosh's writer takes for ``document``."""
    return {
        "id": str(document.course_id),
        **document.fields,
        "facets": document.facets,
        "fingerprint": document.fingerprint(),
    }


def _rebuild_writer(ix, procs: int | None = None):
    """A writer for a fresh directory nobody else sees: parallel where there are cores to use."""
    procs = min(os.cpu_count() or 1, REBUILD_PROCS if procs is None else procs)
    if procs < 2:
        return ix.writer(limitmb=REBUILD_LIMIT_MB)
    # Analysis and posting sorting are pure Python, so only processes use more than one core.
    # Each sub-writer writes its own segment (multisegment): merging them would take back in
    # one process most of what the others saved. Forking is cheapest (the children inherit the
    # loaded schema and analysers) but unsafe beside other threads, e.g. a web worker's.
    start_method = "fork" if threading.active_count() == 1 else "forkserver"
    return ix.writer(
        procs=procs,
        multisegment=True,
        limitmb=REBUILD_LIMIT_MB,
        batchsize=REBUILD_BATCH,
        start_method=start_method,
    )


def _abandon(writer) -> None:
    # Whoosh's cancel() never reaches its sub-writers (it flags the parent's copy of each
    # process object), so they would wait on the job queue forever: stop them here.
    with contextlib.suppress(Exception):
        if not writer.is_closed:
            writer.cancel()
    for task in getattr(writer, "tasks", ()):
        if task.is_alive():
            task.terminate()
        task.join()


class IndexStore:
    """One search index directory tree, shared by every process that points at it."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)
        self._local = threading.local()
        self._spares: list[tuple[str, Searcher]] = []
        self._spares_lock = threading.Lock()

    # -- generations ---------------------------------------------------------------------------

    def current_name(self) -> str | None:
        """The live index directory's name, or None before the first build."""
        try:
            return (self.root / CURRENT_FILE).read_text().strip() or None
        except FileNotFoundError:
            return None

    def _publish(self, name: str) -> None:
        # rename() is atomic: a reader sees the old name or the new one, never a torn file.
        tmp = self.root / f"{CURRENT_FILE}.{uuid.uuid4().hex}"
        tmp.write_text(name)
        os.replace(tmp, self.root / CURRENT_FILE)

    def _new_directory(self) -> tuple[str, Path]:
        name = f"ix-{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}"
        path = self.root / name
        path.mkdir(parents=True)
        whoosh_index.create_in(str(path), make_schema())
        return name, path

    def open_index(self):
        """The live Whoosh index.

        :raise IndexMissing: there is none (or its directory is gone).
        """
        name = self.current_name()
        if name is None:
            raise IndexMissing("no search index has been built here")
        try:
            return whoosh_index.open_dir(str(self.root / name))
        except whoosh_index.EmptyIndexError as error:
            raise IndexMissing(f"the search index {name} is gone") from error
        except FileNotFoundError as error:
            raise IndexMissing(f"the search index {name} is gone") from error

    def position(self, name: str | None = None) -> int | None:
        """The log position the live (or the named) index has applied; None when unknown."""
        name = name or self.current_name()
        if name is None:
            return None
        try:
            return int((self.root / name / POSITION_FILE).read_text())
        except (OSError, ValueError):
            return None

    def save_position(self, name: str, position: int) -> None:
        """Record that index directory ``name`` has applied the log up to ``position``."""
        tmp = self.root / name / f"{POSITION_FILE}.{uuid.uuid4().hex}"
        tmp.write_text(str(position))
        os.replace(tmp, self.root / name / POSITION_FILE)

    # -- writing -------------------------------------------------------------------------------

    @contextmanager
    def writer_lock(self, timeout: float = 30.0, file: str = LOCK_FILE) -> Iterator[None]:
        """Hold the one-writer lock across processes; a dead holder's lock is freed by the kernel.

        :raise IndexBusy: the lock stayed taken for ``timeout`` seconds.
        """
        flag = f"holds_{file}"
        if getattr(self._local, flag, False):
            yield  # this thread holds it already; a second flock() on a new descriptor would wait forever
            return
        self.root.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.root / file, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise IndexBusy("the search index is being written by another process") from None
                    time.sleep(0.02)
            setattr(self._local, flag, True)
            try:
                yield
            finally:
                setattr(self._local, flag, False)
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    def write(
        self, documents: Iterable[SearchDocument], removed_ids: Iterable[int], position: int | None = None
    ) -> None:
        """Replace or remove documents in the live index, then record the log ``position`` they bring
        it to (after the commit: a crash in between only means applying them again); the caller holds
        the writer lock.

        :raise IndexMissing: there is no live index to write to.
        """
        name = self.current_name()
        documents = list(documents)
        removed = self._held(removed_ids)
        if documents or removed:  # a draft saved again changes nothing here: no commit to pay for
            self._write_into(self.open_index(), documents, removed)
        if position is not None and name is not None:
            self.save_position(name, position)

    def _held(self, course_ids: Iterable[int]) -> list[int]:
        """Those of ``course_ids`` the live index holds (a course never published never was)."""
        searcher = self.searcher()
        return [course for course in course_ids if searcher.document_number(id=str(course)) is not None]

    @staticmethod
    def _write_into(ix, documents: Iterable[SearchDocument], removed_ids: Iterable[int]) -> None:
        # Our writer.lock already keeps other writers out. Whoosh's own lock would stay taken for the
        # life of the process when its writer fails to start (say, on an unwritable directory).
        writer = ix.writer(_lk=False)
        try:
            for course_id in removed_ids:
                writer.delete_by_term("id", str(course_id))
            for document in documents:
                writer.update_document(**whoosh_fields(document))
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        write_missing_term_masks(ix)  # a merge may have made a large segment

    def rebuild(
        self,
        batches: Iterable[list[SearchDocument]],
        catch_up: Callable[[Callable[[Iterable[SearchDocument], Iterable[int]], None]], int | None],
        procs: int | None = None,
    ) -> str:
        """Build a fresh index from ``batches`` beside the live one, then swap it in atomically.

        ``catch_up`` is called under the writer lock with a write function for the new index, so
        changes committed while the rebuild ran are replayed before anyone reads it; it returns the
        log position the new index has then applied.
        """
        name, path = self._new_directory()
        ix = whoosh_index.open_dir(str(path))
        added = 0
        writer = _rebuild_writer(ix, procs)
        try:
            for batch in batches:
                for document in batch:
                    writer.add_document(**whoosh_fields(document))
                added += len(batch)
            writer.commit()
            # A sub-writer that died is not reported by Whoosh: its segment is just missing.
            if ix.doc_count() != added:
                raise RuntimeError(f"the rebuilt index holds {ix.doc_count()} of {added} documents")
            write_missing_term_masks(ix)  # before anyone searches it
        except BaseException:
            _abandon(writer)
            shutil.rmtree(path, ignore_errors=True)
            raise
        with self.writer_lock(timeout=120):
            position = catch_up(lambda docs, removed: self._write_into(ix, docs, removed))
            if position is not None:
                self.save_position(name, position)
            previous = self.current_name()
            self._publish(name)
        self._remove_old_directories(keep={name, previous})
        return name

    def _remove_old_directories(self, keep: set[str | None]) -> None:
        # The directory just replaced stays one more round for readers that still have it open.
        for path in self.root.glob("ix-*"):
            if path.name not in keep:
                shutil.rmtree(path, ignore_errors=True)

    def write_term_masks(self) -> int:
        """Write the term bitsets the live index's large segments lack; returns how many segments got
        theirs (0 when another process of this host is writing them, or there is no index)."""
        try:
            with self.writer_lock(timeout=0, file=MASKS_LOCK_FILE):
                return write_missing_term_masks(self.open_index())
        except (IndexBusy, IndexMissing):
            return 0

    # -- reading -------------------------------------------------------------------------------

    def searcher(self) -> Searcher:
        """This thread's searcher on the latest committed generation of the live index.

        Searchers are reused while the index is unchanged, which is what makes caches keyed by
        generation pay off.
        """
        cached: tuple[str, Searcher] | None = getattr(self._local, "searcher", None)
        for attempt in range(5):
            name = self.current_name()
            try:
                if cached is not None and cached[0] == name:
                    searcher = cached[1]
                    if not searcher.up_to_date():
                        # A fresh searcher rather than refresh(): refreshed searchers share readers
                        # with the old one (closing it breaks them) and miss new deletions.
                        searcher.close()
                        searcher = self.open_index().searcher()
                else:
                    if cached is not None:
                        cached[1].close()
                    searcher = self._spare(name)
                    if searcher is None or not searcher.up_to_date():
                        if searcher is not None:
                            searcher.close()
                        searcher = self.open_index().searcher()
                self._local.searcher = cached = (name or self.current_name() or "", searcher)
                return searcher
            except (OSError, whoosh_index.EmptyIndexError, IndexMissing) as error:
                # A rebuild swapped directories or a commit removed files in between: look again.
                cached = None
                self._local.searcher = None
                if self.current_name() is None:
                    raise IndexMissing("no search index has been built here") from error
                if attempt == 4:
                    raise IndexMissing("the live search index cannot be opened") from error
                time.sleep(0.05)
        raise AssertionError("unreachable")

    def open_spares(self, count: int) -> None:
        """Open ``count`` searchers ahead, for threads that have none yet: opening one costs tens of
        milliseconds at 100,000 courses, which a worker's first requests would otherwise pay."""
        name = self.current_name()
        if name is None:
            return
        opened = [(name, _with_stored_fields_open(self.open_index().searcher())) for _ in range(count)]
        with self._spares_lock:
            self._spares.extend(opened)

    def _spare(self, name: str | None) -> Searcher | None:
        """A searcher opened ahead on directory ``name`` (the caller checks it is up to date)."""
        with self._spares_lock:
            for _name, searcher in [spare for spare in self._spares if spare[0] != name]:
                searcher.close()  # a rebuild replaced its directory: it will never be wanted
            self._spares = [spare for spare in self._spares if spare[0] == name]
            return self._spares.pop()[1] if self._spares else None

    def generation_key(self, searcher: Searcher) -> tuple[str, int]:
        """Identifies what ``searcher`` sees: the live directory and its Whoosh generation."""
        return (self._local.searcher[0], searcher.reader().generation() or 0)

    def close(self) -> None:
        """Close this thread's cached searcher."""
        cached = getattr(self._local, "searcher", None)
        if cached is not None:
            cached[1].close()
            self._local.searcher = None


def _with_stored_fields_open(searcher: Searcher) -> Searcher:
    """``searcher`` with each segment's stored-fields file opened (Whoosh opens it on first use, which
    costs tens of milliseconds per large segment)."""
    for reader, _offset in searcher.reader().leaf_readers():
        first = next(iter(reader.all_doc_ids()), None)
        if first is not None:
            reader.stored_fields(first)
    return searcher


_stores: dict[str, IndexStore] = {}
_stores_lock = threading.Lock()


def store_for(root: str) -> IndexStore:
    """The process-wide store for the index at ``root``."""
    with _stores_lock:
        if root not in _stores:
            _stores[root] = IndexStore(root)
        return _stores[root]
