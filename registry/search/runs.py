"""Filters about a run (province, start window, distance to a place) matched on one and the same run.

A course is found for "Utrecht, start binnen drie maanden" only when one of its runs is in Utrecht
*and* starts within three months; a run in Limburg next month and one in Utrecht next year do not add
up to a match. The run that satisfied the filters is the one a result shows.
"""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, timedelta

from registry.search.facets import (
    PROVINCE_AND_START,
    RUN_FACETS,
    START_WINDOWS,
    GenerationView,
    Run,
    bits,
    mask_of,
)
from registry.search.places import Place, distance_km

__all__ = [
    "RUN_FACETS",
    "MatchedRun",
    "Near",
    "Passing",
    "RunFilter",
    "best_runs",
    "order_by_run",
    "passing_runs",
    "value_counts",
]


@dataclass(frozen=True)
class Near:
    """Within ``radius_km`` of a place or postcode area."""

    place: Place
    radius_km: int


@dataclass(frozen=True)
class MatchedRun:
    """The run a result shows, and how far it is from the place searched near (if any)."""

    run: Run
    distance_km: float | None


@dataclass(frozen=True)
class RunFilter:
    """What one run must satisfy; an empty filter lets every run ahead through."""

    provinces: frozenset[str] = frozenset()
    window_days: int | None = None  # starts within this many days; -1 for an unknown window
    near: Near | None = None

    @classmethod
    def from_search(cls, filters: dict[str, tuple[str, ...]], near: Near | None) -> RunFilter:
        """The run filter of a search's chosen facet values and place."""
        windows = filters.get("start", ())
        known = [START_WINDOWS[value] for value in windows if value in START_WINDOWS]
        window = max(known) if known else (-1 if windows else None)
        return cls(frozenset(filters.get("provincie", ())), window, near)

    @property
    def active(self) -> bool:
        """Whether the filter narrows anything."""
        return bool(self.provinces) or self.window_days is not None or self.near is not None

    def with_value(self, facet: str, value: str) -> RunFilter:
        """This filter with ``facet`` set to ``value`` alone."""
        if facet == "provincie":
            return replace(self, provinces=frozenset({value}))
        return replace(self, window_days=START_WINDOWS.get(value, -1))

    def mask(self, view: GenerationView) -> int | None:
        """The documents with a run that passes, from the bitsets alone; None when a place is
        searched near, which needs each run's distance."""
        if self.near is not None:
            return None
        window = _WINDOW_NAMES.get(self.window_days) if self.window_days is not None else None
        if self.window_days is not None and window is None:
            return 0  # a window the search does not know: no run starts in it
        if not self.provinces:
            return view.live if window is None else view.masks.get("start", {}).get(window, 0)
        found = 0
        for province in self.provinces:
            if window is None:
                found |= view.masks.get("provincie", {}).get(province, 0)
            else:
                found |= view.masks.get(PROVINCE_AND_START, {}).get(f"{province}|{window}", 0)
        return found

    def without(self, facet: str) -> RunFilter:
        """This filter without one run facet, to count that facet's values under the others."""
        if facet == "provincie":
            return replace(self, provinces=frozenset())
        if facet == "start":
            return replace(self, window_days=None)
        return self

    def accepts(self, run: Run, day: date) -> MatchedRun | None:
        """The run as matched, or None when it fails the filter."""
        if self.provinces and run.where not in self.provinces:
            return None
        if self.window_days is not None and (
            run.starts is None or run.starts > day + timedelta(days=self.window_days)
        ):
            return None
        distance = None
        if self.near is not None:
            if run.lat is None or run.lon is None:
                return None
            distance = distance_km(self.near.place.lat, self.near.place.lon, run.lat, run.lon)
            if distance > self.near.radius_km:
                return None
        return MatchedRun(run, distance)


_WINDOW_NAMES = {days: name for name, days in START_WINDOWS.items()}


def _preference(matched: MatchedRun) -> tuple:
    # Nearest first when near a place, then the soonest start; undated (online any time) last.
    run = matched.run
    return (matched.distance_km or 0.0, run.starts or date.max, run.city)


def best_runs(view: GenerationView, candidates: int, run_filter: RunFilter) -> dict[int, MatchedRun]:
    """For each document among ``candidates`` with a run that passes: the run to show."""
    found = {}
    for docnum in bits(candidates):
        passed = [m for run in view.runs[docnum] if (m := run_filter.accepts(run, view.day)) is not None]
        if passed:
            found[docnum] = min(passed, key=_preference)
    return found


def value_counts(view: GenerationView, candidates: int, run_filter: RunFilter, facet: str) -> dict[str, int]:
    """How many documents among ``candidates`` have a run with each value of ``facet`` that passes
    the rest of the filter."""
    others = run_filter.without(facet)
    if others.near is None:  # each value's count is one AND of bitsets
        counts = {}
        for value in view.masks.get(facet, {}):
            count = (candidates & others.with_value(facet, value).mask(view)).bit_count()
            if count:
                counts[value] = count
        return counts
    counts: Counter[str] = Counter()
    for docnum in bits(candidates):
        values = set()
        for run in view.runs[docnum]:
            if others.accepts(run, view.day) is None:
                continue
            if facet == "provincie":
                values.add(run.where)
            elif run.starts is not None:
                ahead = (run.starts - view.day).days
                values.update(name for name, days in START_WINDOWS.items() if ahead <= days)
        counts.update(values)
    return dict(counts)


def order_by_run(
    final: int, passing: dict[int, MatchedRun], sort: str, wanted: int, view: GenerationView
) -> list[int]:
    """The first ``wanted`` documents by their matching run: nearest, or soonest to start."""

    def key(docnum: int) -> tuple:
        run = passing[docnum]
        starts = run.run.starts or date.max
        if sort == "afstand":
            return (run.distance_km or 0.0, starts, view.course_ids[docnum])
        return (starts, view.course_ids[docnum])

    return heapq.nsmallest(wanted, bits(final), key=key)


@dataclass
class Passing:
    """The documents with a run that passes a filter, and the run each shows.

    Province and start are answered from bitsets, and runs are looked up only for the documents a
    page shows: walking every run of tens of thousands of candidates in Python is what made a
    province filter slow on a broad query. Only a place searched near walks them all.
    """

    mask: int
    run_filter: RunFilter
    _walked: dict[int, MatchedRun] | None = None

    def all_runs(self, view: GenerationView) -> dict[int, MatchedRun]:
        """The shown run of every passing document (walks them all: for sorting by run)."""
        if self._walked is None:
            self._walked = best_runs(view, self.mask, self.run_filter)
        return self._walked

    def runs_of(self, view: GenerationView, docnums: list[int]) -> dict[int, MatchedRun]:
        """The shown run of each of ``docnums`` that passes."""
        if self._walked is not None:
            return self._walked
        return best_runs(view, mask_of(docnums) & self.mask, self.run_filter)


def passing_runs(
    view: GenerationView, match: int, selected: dict[str, int], run_filter: RunFilter
) -> Passing | None:
    """Documents of ``match`` with a run that passes ``run_filter`` (None: the filter is empty)."""
    if not run_filter.active:
        return None
    candidates = match
    for facet in RUN_FACETS:  # each run facet's own bitset is a superset: narrow cheaply first
        if facet in selected:
            candidates &= selected[facet]
    known = run_filter.mask(view)
    if known is not None:
        return Passing(candidates & known, run_filter)
    walked = best_runs(view, candidates, run_filter)
    return Passing(mask_of(walked), run_filter, walked)
