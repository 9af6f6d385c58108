"""Filters about a run (province, start window, distance to a place) matched on one and the same run.

A course is found for "Utrecht, start binnen drie maanden" only when one of its runs is in Utrecht
*and* starts within three months; a run in Limburg next month and one in Utrecht next year do not add
up to a match. The run that satisfied the filters is the one a result shows.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, replace
from datetime import date, timedelta
from itertools import groupby
from operator import attrgetter

from registry.search.facets import (
    PROVINCE_AND_START,
    RUN_FACETS,
    START_WINDOWS,
    GenerationView,
    NearPlace,
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

    @property
    def window(self) -> str | None:
        """The start window's name (None: any start; "" for a window the search does not know)."""
        if self.window_days is None:
            return None
        return _WINDOW_NAMES.get(self.window_days, "")

    def mask(self, view: GenerationView) -> int:
        """The documents with a run that passes, from bitsets alone."""
        window = self.window
        if window == "":
            return 0  # no run starts in a window the search does not know
        if self.near is not None:
            found = 0
            for place in self.places(view):
                found |= place.docs.get(window, 0)
            return found
        if not self.provinces:
            return view.live if window is None else view.masks.get("start", {}).get(window, 0)
        found = 0
        for province in self.provinces:
            if window is None:
                found |= view.masks.get("provincie", {}).get(province, 0)
            else:
                found |= view.masks.get(PROVINCE_AND_START, {}).get(f"{province}|{window}", 0)
        return found

    def places(self, view: GenerationView) -> list[NearPlace]:
        """The places within the radius searched near, in a chosen province, nearest first."""
        assert self.near is not None
        point = self.near.place
        return [
            place
            for place in view.places_near(point.lat, point.lon, self.near.radius_km)
            if not self.provinces or place.where in self.provinces
        ]

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
    """For each document among ``candidates`` with a run that passes: the run to show (walks each
    candidate's runs: for a page's hits, not for a whole result)."""
    found = {}
    for docnum in bits(candidates):
        passed = [m for run in view.runs[docnum] if (m := run_filter.accepts(run, view.day)) is not None]
        if passed:
            found[docnum] = min(passed, key=_preference)
    return found


def value_counts(view: GenerationView, candidates: int, run_filter: RunFilter, facet: str) -> dict[str, int]:
    """How many documents among ``candidates`` have a run with each value of ``facet`` that passes
    the rest of the filter: one AND of bitsets per value."""
    others = run_filter.without(facet)
    counts = {}
    for value in view.masks.get(facet, {}):
        count = (candidates & others.with_value(facet, value).mask(view)).bit_count()
        if count:
            counts[value] = count
    return counts


def order_by_run(
    final: int, run_filter: RunFilter, sort: str, wanted: int, view: GenerationView
) -> list[int]:
    """The first ``wanted`` documents by their matching run: nearest ("afstand"), or soonest to
    start; ties go to the soonest start, then the course number."""
    if sort == "afstand" and run_filter.near is not None:
        return _nearest_first(final, run_filter, wanted, view)
    shown = best_runs(view, final, run_filter)
    return heapq.nsmallest(wanted, shown, key=lambda d: (shown[d].run.starts or date.max, view.course_ids[d]))


def _nearest_first(final: int, run_filter: RunFilter, wanted: int, view: GenerationView) -> list[int]:
    # Place by place outward, so only the documents of the nearest places have their runs read.
    window = run_filter.window
    order: list[int] = []
    taken = 0
    for _distance, places in groupby(run_filter.places(view), key=attrgetter("distance_km")):
        docs = 0
        for place in places:
            docs |= place.docs.get(window, 0)
        docs &= final & ~taken
        if not docs:
            continue
        taken |= docs
        shown = best_runs(view, docs, run_filter)
        order += sorted(shown, key=lambda d: (shown[d].run.starts or date.max, view.course_ids[d]))
        if len(order) >= wanted:
            break
    return order[:wanted]


@dataclass
class Passing:
    """The documents with a run that passes a filter: found from bitsets, while the run each shows is
    looked up only for the documents a page shows (walking every run of tens of thousands of
    candidates in Python is what made run filters slow on a broad query)."""

    mask: int
    run_filter: RunFilter

    def runs_of(self, view: GenerationView, docnums: list[int]) -> dict[int, MatchedRun]:
        """The shown run of each of ``docnums`` that passes."""
        return best_runs(view, mask_of(docnums) & self.mask, self.run_filter)


def passing_runs(view: GenerationView, match: int, run_filter: RunFilter) -> Passing | None:
    """Documents of ``match`` with a run that passes ``run_filter`` (None: the filter is empty)."""
    if not run_filter.active:
        return None
    return Passing(match & run_filter.mask(view), run_filter)
