"""Facet counts and sort keys from per-document values held in memory, as integer bitsets.

Whoosh segments never change once written (only their deletion sets grow), so each segment's
values are read once and kept. A generation of the index is a row of segments: its bitset for a
facet value is the segments' bitsets shifted to their document offsets. Counting a facet value
is then one AND and one popcount over the whole catalogue, in C.
"""

from __future__ import annotations

import heapq
import os
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import NamedTuple

from whoosh.searching import Searcher

from registry.reviews.models import MarkStatus, QualityMark
from registry.search import segment_files
from registry.search.places import distance_km

# Facets whose values the document states outright.
STATIC_FACETS = ("thema", "rol", "leeftijd", "vorm", "niveau", "prijs", "regeling", "wettelijk")
# Facets that depend on the day: marks expire, and runs start (only runs ahead count).
DATED_FACETS = ("provincie", "accreditatie", "keurmerk", "start")
# Facets about a run rather than the course: together they must hold for one and the same run.
RUN_FACETS = ("provincie", "start")
# In the order the search page shows them.
FACETS = (
    "thema", "rol", "leeftijd", "vorm", "provincie", "niveau", "prijs", "regeling", "wettelijk",
    "accreditatie", "keurmerk", "start",
)  # fmt: skip

# Ranking weight of a course by the state of its accreditation: valid first, expired last.
ACCREDITATION_WEIGHT = {"geldig": 1.0, "geen": 0.8, "verlopen": 0.6, "geschorst": 0.5, "ingetrokken": 0.5}
_MARK_STATE = {"valid": "geldig", "expired": "verlopen", "suspended": "geschorst", "revoked": "ingetrokken"}
NO_DATE = date.max
# How far ahead the "start" facet's values reach, in days.
START_WINDOWS = {"maand": 31, "kwartaal": 92}
# Not a facet shown, but the bitsets of province and start holding for one run: value "province|window".
PROVINCE_AND_START = "provincie+start"


class Run(NamedTuple):
    """A run as the index keeps it; ``starts`` is None for an online course taken at any time."""

    starts: date | None
    where: str  # a province slug, or "online"
    city: str
    seats: int | None
    lat: float | None
    lon: float | None

    @classmethod
    def read(cls, stored: list) -> Run:
        starts, where, city, seats, lat, lon = stored
        return cls(date.fromisoformat(starts) if starts else None, where, city, seats, lat, lon)


def _legacy_runs(facets: dict) -> list[list]:
    # A document written before runs were kept whole: its starts, without places.
    return [[start, "", "", None, None, None] for start in facets.get("starts", [])]


# Up to this many documents are sorted outright; more are picked from a presorted order.
SORT_DIRECTLY = 4000


class _IndexedMark(NamedTuple):
    """A mark as a document stores it (``[awarded_on, valid_until, status, id]``), read back."""

    awarded_on: date
    valid_until: date
    status: MarkStatus
    id: int

    status_on = QualityMark.status_on

    @classmethod
    def read(cls, stored: list) -> _IndexedMark:
        awarded_on, valid_until, status, mark_id = stored
        return cls(
            date.fromisoformat(awarded_on), date.fromisoformat(valid_until), MarkStatus(status), mark_id
        )


def mark_state(marks: list[list], day: date) -> str:
    """The state of the mark a badge shows on ``day`` (the rule of :meth:`QualityMark.latest_awarded`)."""
    latest = QualityMark.latest_awarded([_IndexedMark.read(mark) for mark in marks], day)
    return "geen" if latest is None else _MARK_STATE[latest.status_on(day)]


def bits(mask: int) -> list[int]:
    """The positions of the set bits of ``mask``, ascending."""
    return [match.start() for match in re.finditer("1", bin(mask)[:1:-1])]


def mask_of(docnums) -> int:
    """A bitset with the given positions set."""
    positions = list(docnums)
    if not positions:
        return 0
    buffer = bytearray(max(positions) // 8 + 1)
    for position in positions:
        buffer[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(buffer, "little")


def _add(positions: dict[str, dict[str, list[int]]], facet: str, value: str, docnum: int) -> None:
    positions.setdefault(facet, {}).setdefault(value, []).append(docnum)


def _masks(positions: dict[str, dict[str, list[int]]]) -> dict[str, dict[str, int]]:
    return {
        facet: {value: mask_of(docs) for value, docs in values.items()} for facet, values in positions.items()
    }


class SegmentValues:
    """One segment's per-document values, read once from its stored fields."""

    def __init__(self, reader) -> None:
        size = reader.doc_count_all()
        deleted = reader.deleted_docs_set if reader.has_deletions() else frozenset()
        self.size = size
        self.course_ids = [0] * size
        self.prices = [Decimal(0)] * size
        self.published = [""] * size
        self.starts: list[list[str]] = [[] for _ in range(size)]
        self.runs: list[list[Run]] = [[] for _ in range(size)]
        self.course_marks: list[list] = [[] for _ in range(size)]
        self.provider_marks: list[list] = [[] for _ in range(size)]
        positions: dict[str, dict[str, list[int]]] = {}
        for docnum in range(size):
            if docnum in deleted:
                continue
            stored = reader.stored_fields(docnum)
            facets = stored["facets"]
            self.course_ids[docnum] = int(stored["id"])
            self.prices[docnum] = Decimal(facets["price"])
            self.published[docnum] = facets["published_at"]
            self.starts[docnum] = facets["starts"]
            self.runs[docnum] = [Run.read(run) for run in facets.get("runs") or _legacy_runs(facets)]
            self.course_marks[docnum] = facets["course_marks"]
            self.provider_marks[docnum] = facets["provider_marks"]
            for facet in STATIC_FACETS:
                for value in facets[facet]:
                    _add(positions, facet, value, docnum)
        self.masks = _masks(positions)
        self._dated: OrderedDict[date, DatedValues] = OrderedDict()
        self._lock = threading.Lock()

    def __getstate__(self) -> dict:
        # What is kept beside the segment: the values read from it, not the days derived from them.
        return {name: value for name, value in vars(self).items() if name not in ("_dated", "_lock")}

    def __setstate__(self, state: dict) -> None:
        vars(self).update(state)
        self._dated = OrderedDict()
        self._lock = threading.Lock()

    def dated(self, day: date) -> DatedValues:
        """The day-dependent values on ``day`` (the last few days are kept)."""
        with self._lock:
            if day not in self._dated:
                self._dated[day] = DatedValues.compute(self, day)
                while len(self._dated) > 3:
                    self._dated.popitem(last=False)
            return self._dated[day]


@dataclass
class PlaceRuns:
    """The documents with a run ahead at one place, in all and by start window."""

    where: str
    docs: dict[str | None, list[int]] = field(default_factory=dict)  # None: any start

    def add(self, docnum: int, run: Run, day: date) -> None:
        self.docs.setdefault(None, []).append(docnum)
        if run.starts is not None:
            for window, days in START_WINDOWS.items():
                if run.starts <= day + timedelta(days=days):
                    self.docs.setdefault(window, []).append(docnum)


@dataclass
class DatedValues:
    """Facet bitsets and sort keys of one segment on one day."""

    masks: dict[str, dict[str, int]]
    weights: list[float]
    next_start: list[date]
    runs: list[list[Run]]
    day: date
    _orders: dict[str, list[int]] = field(default_factory=dict)
    _by_place: dict[tuple[float, float], PlaceRuns] | None = None

    def by_place(self) -> dict[tuple[float, float], PlaceRuns]:
        """The documents with a run ahead at each place (kept on first use)."""
        if self._by_place is None:
            found: dict[tuple[float, float], PlaceRuns] = {}
            for docnum, runs in enumerate(self.runs):
                for run in runs:
                    if run.lat is None or run.lon is None:
                        continue
                    place = found.setdefault((run.lat, run.lon), PlaceRuns(run.where))
                    place.add(docnum, run, self.day)
            self._by_place = found
        return self._by_place

    @classmethod
    def compute(cls, values: SegmentValues, day: date) -> DatedValues:
        month = (day + timedelta(days=START_WINDOWS["maand"])).isoformat()
        quarter = (day + timedelta(days=START_WINDOWS["kwartaal"])).isoformat()
        today = day.isoformat()
        masks: dict[str, dict[str, list[int]]] = {}
        weights = [0.0] * values.size
        next_start = [NO_DATE] * values.size
        runs: list[list[Run]] = [[] for _ in range(values.size)]
        states: dict[str, str] = {}

        def state_of(marks: list[list]) -> str:
            # The courses of a provider share its marks: each set of marks is judged once.
            key = str(marks)
            if key not in states:
                states[key] = mark_state(marks, day)
            return states[key]

        for docnum in range(values.size):
            if not values.course_ids[docnum]:
                continue
            # Runs ahead (or online at any time), soonest first; runs that started are history.
            ahead = [run for run in values.runs[docnum] if run.starts is None or run.starts >= day]
            runs[docnum] = ahead
            for where in {run.where for run in ahead if run.where}:
                _add(masks, "provincie", where, docnum)
            for run in ahead:
                if run.where and run.starts is not None:
                    for window, days in START_WINDOWS.items():
                        if run.starts <= day + timedelta(days=days):
                            _add(masks, PROVINCE_AND_START, f"{run.where}|{window}", docnum)
            state = state_of(values.course_marks[docnum])
            _add(masks, "accreditatie", state, docnum)
            weights[docnum] = ACCREDITATION_WEIGHT[state]
            keurmerk = "ja" if state_of(values.provider_marks[docnum]) == "geldig" else "nee"
            _add(masks, "keurmerk", keurmerk, docnum)
            upcoming = next((start for start in values.starts[docnum] if start >= today), None)
            if upcoming is not None:
                next_start[docnum] = date.fromisoformat(upcoming)
                if upcoming <= quarter:
                    _add(masks, "start", "kwartaal", docnum)
                if upcoming <= month:
                    _add(masks, "start", "maand", docnum)
        return cls(_masks(masks), weights, next_start, runs, day)


class NearPlace(NamedTuple):
    """A place within reach of a point searched near, and the documents with a run ahead there."""

    distance_km: float
    where: str  # its province
    docs: dict[str | None, int]  # by start window (None: any start), as bitsets


@dataclass
class GenerationView:
    """One index generation's facet bitsets and per-document values, for one day."""

    size: int
    live: int
    masks: dict[str, dict[str, int]]
    course_ids: list[int]
    prices: list[Decimal]
    published: list[str]
    weights: list[float]
    next_start: list[date]
    runs: list[list[Run]] = field(default_factory=list)
    day: date = date.min
    # Each segment's dated values and the number of its first document in this view.
    segments: list[tuple[DatedValues, int]] = field(default_factory=list)
    _orders: dict[str, list[int]] = field(default_factory=dict)
    _near: dict[tuple, list[NearPlace]] = field(default_factory=dict)

    def places_near(self, lat: float, lon: float, radius_km: float) -> list[NearPlace]:
        """The places with runs ahead within ``radius_km`` of a point, nearest first, with the
        bitsets of their documents (kept for the last few points searched)."""
        key = (lat, lon, radius_km)
        cached = self._near.get(key)
        if cached is not None:
            return cached
        near: dict[tuple[float, float], NearPlace] = {}
        for dated, offset in self.segments:
            for point, place in dated.by_place().items():
                found = near.get(point)
                if found is None:
                    distance = distance_km(lat, lon, *point)
                    if distance > radius_km:
                        continue
                    found = near[point] = NearPlace(distance, place.where, {})
                for window, numbers in place.docs.items():
                    found.docs[window] = found.docs.get(window, 0) | mask_of(numbers) << offset
        ordered = sorted(near.values(), key=lambda place: place.distance_km)
        if len(self._near) >= 16:
            self._near.clear()
        self._near[key] = ordered
        return ordered

    def member(self, mask: int):
        """A fast test of whether a document is in ``mask`` (a bigint shift per test is not)."""
        membership = mask.to_bytes((self.size + 7) // 8 or 1, "little")
        return lambda docnum: membership[docnum >> 3] >> (docnum & 7) & 1

    def count(self, mask: int) -> int:
        """How many live documents ``mask`` holds."""
        return (mask & self.live).bit_count()

    def sort_key(self, order: str):
        """The key that sorts document numbers in ``order`` ("start", "prijs" or "nieuw")."""
        if order == "prijs":
            return lambda d: (self.prices[d], self.course_ids[d])
        if order == "nieuw":
            return lambda d: (_newest_first(self.published[d]), -self.course_ids[d])
        return lambda d: (self.next_start[d], self.course_ids[d])

    def ordered(self, order: str) -> list[int]:
        """Every live document in ``order``, sorted once per view."""
        cached = self._orders.get(order)
        if cached is None:
            cached = sorted(bits(self.live), key=self.sort_key(order))
            self._orders[order] = cached
        return cached

    def first(self, docs: int, count: int, order: str) -> list[int]:
        """The first ``count`` documents of ``docs`` in ``order``.

        Few documents are sorted directly; many are found by walking the presorted order, so
        the cost stays bounded either way.
        """
        if docs.bit_count() <= SORT_DIRECTLY:
            return heapq.nsmallest(count, bits(docs), key=self.sort_key(order))
        member = self.member(docs)
        found = []
        for docnum in self.ordered(order):
            if member(docnum):
                found.append(docnum)
                if len(found) == count:
                    break
        return found


def _newest_first(iso_day: str) -> str:
    # Newest first in an ascending sort: invert the digits of the ISO date ("" sorts last).
    return iso_day.translate(_INVERT_DIGITS) if iso_day else "~"


_INVERT_DIGITS = str.maketrans("0123456789", "9876543210")


# Bump when SegmentValues changes what it holds: kept files of an older format are then read again.
VALUES_FORMAT = 1


def _kept_values(reader, folder: str | os.PathLike[str]) -> SegmentValues:
    """A large segment's values from the file beside it, else read from its stored fields (and kept)."""
    if reader.doc_count_all() < segment_files.MIN_DOCS:
        return SegmentValues(reader)
    path = segment_files.path_for(folder, reader.segment().segment_id(), f"values{VALUES_FORMAT}")
    values = segment_files.load_object(path, SegmentValues)
    if values is None:
        values = SegmentValues(reader)
        segment_files.save_object(path, values)
    return values


class FacetCache:
    """Segment values by segment id, and views by (generation, day); shared by a process."""

    def __init__(self) -> None:
        self._segments: dict[str, SegmentValues] = {}
        self._views: OrderedDict[tuple, GenerationView] = OrderedDict()
        self._lock = threading.Lock()

    def view(
        self, searcher: Searcher, folder: str | os.PathLike[str], key: tuple, day: date
    ) -> GenerationView:
        """The view of the generation ``searcher`` reads (of the index in ``folder``), on ``day``."""
        with self._lock:
            cached = self._views.get((key, day))
            if cached is not None:
                return cached
        view = self._build(searcher, folder, day)
        with self._lock:
            self._views[(key, day)] = view
            while len(self._views) > 4:
                self._views.popitem(last=False)
        return view

    def _segment(self, reader, folder: str | os.PathLike[str]) -> SegmentValues:
        segment_id = reader.segment().segment_id()
        with self._lock:
            values = self._segments.get(segment_id)
        if values is None:
            values = _kept_values(reader, folder)
            with self._lock:
                self._segments[segment_id] = values
        return values

    def _build(self, searcher: Searcher, folder: str | os.PathLike[str], day: date) -> GenerationView:
        leaves = searcher.reader().leaf_readers()
        masks: dict[str, dict[str, int]] = {}
        live = 0
        course_ids: list[int] = []
        prices: list[Decimal] = []
        published: list[str] = []
        weights: list[float] = []
        next_start: list[date] = []
        runs: list[list[Run]] = []
        segments: list[tuple[DatedValues, int]] = []
        seen = set()
        for reader, offset in leaves:
            if reader.segment() is None:  # the empty reader of an index without documents
                continue
            values = self._segment(reader, folder)
            seen.add(reader.segment().segment_id())
            dated = values.dated(day)
            segments.append((dated, offset))
            segment_live = (1 << values.size) - 1
            if reader.has_deletions():
                segment_live &= ~mask_of(reader.deleted_docs_set)
            live |= segment_live << offset
            for source in (values.masks, dated.masks):
                for facet, by_value in source.items():
                    target = masks.setdefault(facet, {})
                    for value, mask in by_value.items():
                        target[value] = target.get(value, 0) | (mask << offset)
            course_ids += values.course_ids
            prices += values.prices
            published += values.published
            weights += dated.weights
            next_start += dated.next_start
            runs += dated.runs
        with self._lock:
            # Segments merged away are not coming back.
            for gone in set(self._segments) - seen:
                if len(self._segments) > 2 * len(seen) + 8:
                    del self._segments[gone]
        size = len(course_ids)
        return GenerationView(
            size, live, masks, course_ids, prices, published, weights, next_start, runs, day, segments
        )
