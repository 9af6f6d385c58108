"""Term bitsets of a large segment, written once beside it, so no worker reads them from postings.

The documents that hold a term in a segment are fixed for the segment's life (see segment_files).
Reading a frequent term's postings one by one costs tens of milliseconds in Python at 100,000 courses,
and every worker paid it on the first search with that word; reading its bitset from this file costs
microseconds, and the operating system shares the pages between workers.

Whoever writes a large segment writes its file: a rebuild before the new index goes live, a commit
whose merge made a large segment, or else a worker's warm-up. Until then, postings are read as before.
"""

from __future__ import annotations

import logging
import mmap
import os
import pickle
import struct
import threading
import time
from collections import OrderedDict
from pathlib import Path

from whoosh.index import TOC
from whoosh.reading import SegmentReader
from whoosh.searching import Searcher

from registry.search import segment_files
from registry.search.facets import mask_of

log = logging.getLogger(__name__)

# Rarer terms are read from their postings quickly enough.
MIN_FREQUENCY = 32
KIND = "masks"
# Stored values only (the course id is looked up, never matched).
_NOT_MATCHED = frozenset({"id"})
_HEADER = struct.Struct("<Q")
# A segment without a file is looked at again after this many seconds (another process may write it).
RECHECK_SECONDS = 5.0


def path_for(folder: str | os.PathLike[str], segment_id: str) -> Path:
    """Where the bitsets of segment ``segment_id`` of the index in ``folder`` are kept."""
    return segment_files.path_for(folder, segment_id, KIND)


def write_missing(ix) -> int:
    """Write the file of every large segment of ``ix`` that has none; returns how many were written.

    The segments are listed from the index's table of contents, so a commit that made no large
    segment opens no reader here.
    """
    written = 0
    toc = TOC.read(ix.storage, ix.indexname)
    for segment in toc.segments:
        path = path_for(ix.storage.folder, segment.segment_id())
        if segment.doc_count_all() < segment_files.MIN_DOCS or path.exists():
            continue
        reader = SegmentReader(ix.storage, toc.schema, segment, generation=toc.generation)
        try:
            _write(reader, path)
        finally:
            reader.close()
        written += 1
    return written


def _write(reader, path: Path) -> None:
    positions: dict[tuple[str, str], tuple[int, int]] = {}
    chunks: list[bytes] = []
    offset = 0
    for field_name in reader.indexed_field_names():
        if field_name in _NOT_MATCHED:
            continue
        for term, info in reader.iter_field(field_name):
            if info.doc_frequency() < MIN_FREQUENCY:
                continue
            mask = mask_of(reader.postings(field_name, term).all_ids())
            data = mask.to_bytes((mask.bit_length() + 7) // 8, "little")
            # Terms come as bytes here; a query asks with the text.
            text = term.decode("utf-8") if isinstance(term, bytes) else term
            positions[field_name, text] = (offset, len(data))
            chunks.append(data)
            offset += len(data)
    index = pickle.dumps(positions, protocol=pickle.HIGHEST_PROTOCOL)
    segment_files.write(path, [_HEADER.pack(len(index)), index, *chunks])
    log.info("term bitsets of %s written: %d terms, %d bytes", path.name, len(positions), offset)


class SegmentMasks:
    """The bitsets in one segment's file, read on demand from a shared memory map."""

    def __init__(self, path: Path) -> None:
        with path.open("rb") as source:
            self._map = mmap.mmap(source.fileno(), 0, access=mmap.ACCESS_READ)
        (length,) = _HEADER.unpack_from(self._map, 0)
        start = _HEADER.size + length
        self._positions: dict[tuple[str, str], tuple[int, int]] = pickle.loads(
            self._map[_HEADER.size : start]
        )
        self._start = start

    def get(self, field_name: str, term: str) -> int | None:
        """The bitset of ``term`` in ``field_name``; None when the file does not hold it (a rare term)."""
        found = self._positions.get((field_name, term))
        if found is None:
            return None
        offset, length = found
        begin = self._start + offset
        return int.from_bytes(self._map[begin : begin + length], "little")


def open_masks(folder: str | os.PathLike[str], segment_id: str) -> SegmentMasks | None:
    """The file of a segment, or None when it has none (yet) or it cannot be read."""
    path = path_for(folder, segment_id)
    try:
        return SegmentMasks(path)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, pickle.UnpicklingError, struct.error):
        log.warning("term bitsets in %s unreadable; reading postings instead", path, exc_info=True)
        return None


class TermMasks:
    """Bitsets of the documents containing a term in a field, per segment, kept while it lives.

    Matching and scoring are done on these: a query's words become a handful of ANDs and ORs
    over the whole catalogue instead of a walk through every posting in Python. A large segment's
    frequent terms come from its file; the rest from the postings, once.
    """

    def __init__(self, size: int = 8192) -> None:
        self._cache: OrderedDict[tuple[str, str, str], int] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()
        self._files: dict[str, tuple[SegmentMasks | None, float]] = {}

    def _file(self, folder: str | os.PathLike[str], segment_id: str) -> SegmentMasks | None:
        found, looked_at = self._files.get(segment_id, (None, float("-inf")))
        if found is None and time.monotonic() - looked_at >= RECHECK_SECONDS:
            found = open_masks(folder, segment_id)
            with self._lock:
                self._files[segment_id] = (found, time.monotonic())
        return found

    def _segment_mask(self, reader, folder: str | os.PathLike[str], field_name: str, term: str) -> int:
        segment_id = reader.segment().segment_id()
        key = (segment_id, field_name, term)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        stored = None
        large = reader.doc_count_all() >= segment_files.MIN_DOCS
        if large and (masks := self._file(folder, segment_id)) is not None:
            stored = masks.get(field_name, term)
        if stored is not None:
            mask = stored
        elif (field_name, term) in reader:
            mask = mask_of(reader.postings(field_name, term).all_ids())
        else:
            mask = 0
        with self._lock:
            self._cache[key] = mask
            while len(self._cache) > self._size:
                self._cache.popitem(last=False)
        return mask

    def mask(self, searcher: Searcher, folder: str | os.PathLike[str], field_name: str, term: str) -> int:
        """The documents of the generation ``searcher`` reads (of the index in ``folder``) that hold
        ``term`` in ``field_name``."""
        combined = 0
        for reader, offset in searcher.reader().leaf_readers():
            if reader.segment() is None:
                continue
            segment_mask = self._segment_mask(reader, folder, field_name, term)
            if segment_mask:
                combined |= segment_mask << offset
        return combined
