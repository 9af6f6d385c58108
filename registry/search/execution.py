"""Running a search against the index: bitset matching and scoring, facet counts, order, corrections,
completions. Results are cached per index generation, so a cached answer is never stale.
"""

from __future__ import annotations

import heapq
import math
import threading
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from whoosh.searching import Searcher

from registry.extensions import db
from registry.search.analysis import words
from registry.search.facets import (
    ACCREDITATION_WEIGHT,
    FACETS,
    NO_DATE,
    FacetCache,
    GenerationView,
    TermMasks,
)
from registry.search.parsing import highlight_terms, parse_suggest_args, query_units
from registry.search.presentation import snippet
from registry.search.sync import catch_up, current_store

_facet_cache = FacetCache()
_term_masks = TermMasks()


class _Lru:
    """A small thread-safe LRU; keys include the index generation, so entries never go stale."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._data: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Any:
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                return self._data[key]
        return None

    def put(self, key: Hashable, value: Any) -> None:
        with self._lock:
            self._data[key] = value
            while len(self._data) > self.size:
                self._data.popitem(last=False)


_match_cache = _Lru(512)
_result_cache = _Lru(512)
_suggest_cache = _Lru(1024)


@dataclass(frozen=True)
class Ranked:
    """One hit as the index knows it: which course, and the snippet to show."""

    course_id: int
    snippet: str
    next_start: date | None
    accreditation: str


@dataclass
class SearchOutcome:
    """A page of hits with facet counts, the corrections made and the ways out of an empty result."""

    query: str
    total: int
    page: int
    per_page: int
    sort: str
    filters: dict[str, tuple[str, ...]]
    ranked: list[Ranked]
    facet_counts: dict[str, dict[str, int]]
    corrected_query: str | None = None
    did_you_mean: str | None = None
    relaxations: list[tuple[str, str, int]] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


@dataclass(frozen=True)
class Matched:
    """What a query matched: all its documents, and score classes (score, documents) among them."""

    mask: int
    classes: list[tuple[float, int]]


def _match(searcher: Searcher, key: tuple, view: GenerationView, text: str) -> Matched | None:
    """Match and score ``text`` with bitsets; None for an empty query.

    A document scores, per query unit, the boosts of the fields it occurs in times the unit's
    rarity. Documents with equal scores form one class, so ranking costs a few dozen bitset
    operations whatever the catalogue's size (bounded scoring).
    """
    units = query_units(text)
    if not units:
        return None
    cached = _match_cache.get((key, text))
    if cached is not None:
        return cached
    live_count = max(view.count(view.live), 1)
    mask = view.live
    classes: dict[float, int] = {0.0: view.live}
    for unit in units:
        field_masks = [
            (boost, matches, _term_masks.mask(searcher, name, term) & view.live)
            for name, term, boost, matches in unit
        ]
        covered = 0
        for _boost, matches, field_mask in field_masks:
            if matches:
                covered |= field_mask
        mask &= covered
        rarity = 1.0 + math.log(live_count / (1 + covered.bit_count()))
        # Every field a unit occurs in adds its boost, as in BM25F: a course about the subject
        # mentions it in title, topics and text alike.
        for boost, _matches, field_mask in field_masks:
            if not field_mask & mask:
                continue
            split: dict[float, int] = {}
            for score, docs in classes.items():
                docs &= mask
                if not docs:
                    continue
                inside, outside = docs & field_mask, docs & ~field_mask
                if inside:
                    total = round(score + boost * rarity, 6)
                    split[total] = split.get(total, 0) | inside
                if outside:
                    split[score] = split.get(score, 0) | outside
            classes = split
    classes = {score: docs & mask for score, docs in classes.items() if docs & mask}
    matched = Matched(mask, sorted(classes.items(), reverse=True))
    _match_cache.put((key, text), matched)
    return matched


def _correction(searcher: Searcher, text: str) -> str | None:
    """The query with unknown words replaced by the nearest known ones, if any word was unknown."""
    reader = searcher.reader()
    corrector = searcher.corrector("spell")
    changed = False
    corrected = []
    for word in words(text):
        if reader.doc_frequency("spell", word) == 0 and not word.isdigit():
            suggestion = corrector.suggest(word, limit=1, maxdist=2, prefix=1)
            if suggestion:
                corrected.append(suggestion[0])
                changed = True
                continue
        corrected.append(word)
    return " ".join(corrected) if changed else None


# -- the search ----------------------------------------------------------------------------------


def search(args: dict[str, Any], day: date) -> SearchOutcome:
    """Search published courses with ``args`` (from :func:`parse_search_args`) as on ``day``."""
    store = current_store()
    catch_up(store, db.engine)
    searcher = store.searcher()
    key = store.generation_key(searcher)
    cache_key = (
        key,
        day,
        args["q"],
        tuple(sorted(args["filters"].items())),
        args["sorteer"],
        args["pagina"],
        args["per_pagina"],
    )
    cached = _result_cache.get(cache_key)
    if cached is not None:
        return cached
    view = _facet_cache.view(searcher, key, day)
    outcome = _run(searcher, key, view, args, args["q"])
    if outcome.total == 0 and args["q"]:
        corrected = _correction(searcher, args["q"])
        if corrected:
            retry = _run(searcher, key, view, args, corrected)
            if retry.total:
                retry.query, retry.corrected_query = args["q"], corrected
                outcome = retry
            else:
                outcome.did_you_mean = corrected
    _result_cache.put(cache_key, outcome)
    return outcome


def _selection(view: GenerationView, filters: dict[str, tuple[str, ...]]) -> dict[str, int]:
    selected = {}
    for facet, values in filters.items():
        masks = view.masks.get(facet, {})
        combined = 0
        for value in values:
            combined |= masks.get(value, 0)
        selected[facet] = combined
    return selected


def _run(
    searcher: Searcher, key: tuple, view: GenerationView, args: dict[str, Any], text: str
) -> SearchOutcome:
    matched = _match(searcher, key, view, text)
    match = view.live if matched is None else matched.mask
    selected = _selection(view, args["filters"])
    final = match
    for mask in selected.values():
        final &= mask
    # Each facet is counted under every filter but its own, so choosing a value never hides its siblings.
    counts: dict[str, dict[str, int]] = {}
    for facet in FACETS:
        base = match
        for other, mask in selected.items():
            if other != facet:
                base &= mask
        counts[facet] = {
            value: (base & mask).bit_count() for value, mask in view.masks.get(facet, {}).items()
        }
    total = final.bit_count()
    per_page, page = args["per_pagina"], args["pagina"]
    wanted = page * per_page
    order = _order(view, matched, final, args["sorteer"], wanted)
    page_docs = order[(page - 1) * per_page : wanted]
    terms = highlight_terms(text)
    ranked = [
        Ranked(
            course_id=view.course_ids[docnum],
            snippet=snippet(searcher.stored_fields(docnum), terms),
            next_start=None if view.next_start[docnum] == NO_DATE else view.next_start[docnum],
            accreditation=_accreditation(view, docnum),
        )
        for docnum in page_docs
    ]
    outcome = SearchOutcome(
        query=text,
        total=total,
        page=page,
        per_page=per_page,
        sort=args["sorteer"],
        filters=args["filters"],
        ranked=ranked,
        facet_counts=counts,
    )
    if total == 0:
        outcome.relaxations = _relaxations(match, selected, args["filters"], view)
    return outcome


def _accreditation(view: GenerationView, docnum: int) -> str:
    for value, mask in view.masks.get("accreditatie", {}).items():
        if mask >> docnum & 1:
            return value
    return "geen"


def _order(view: GenerationView, matched: Matched | None, final: int, sort: str, wanted: int) -> list[int]:
    """Document numbers of the first ``wanted`` results in the chosen order."""
    if not final:
        return []
    if sort == "relevantie" and matched is not None:
        # Score classes re-weighted by accreditation (valid before expired), best first; within a
        # class the soonest start comes first. Only the classes this page needs are opened.
        states = view.masks.get("accreditatie", {})
        weighted: dict[float, int] = {}
        for score, docs in matched.classes:
            docs &= final
            for state, weight in ACCREDITATION_WEIGHT.items():
                part = docs & states.get(state, 0)
                if part:
                    total = round(score * weight, 6)
                    weighted[total] = weighted.get(total, 0) | part
        ordered: list[int] = []
        for _score, docs in sorted(weighted.items(), reverse=True):
            need = wanted - len(ordered)
            if need <= 0:
                break
            ordered += view.first(docs, need, "start")
        return ordered
    if sort in ("prijs", "nieuw", "start"):
        return view.first(final, wanted, sort)
    # Relevance without words: accredited first, then the soonest start.
    ordered = []
    for state in sorted(ACCREDITATION_WEIGHT, key=lambda s: -ACCREDITATION_WEIGHT[s]):
        need = wanted - len(ordered)
        if need <= 0:
            break
        docs = final & view.masks.get("accreditatie", {}).get(state, 0)
        if docs:
            ordered += view.first(docs, need, "start")
    return ordered


def _relaxations(
    match: int, selected: dict[str, int], filters: dict[str, tuple[str, ...]], view: GenerationView
) -> list[tuple[str, str, int]]:
    """For an empty result: how many hits dropping each chosen filter value would give."""
    found = []
    for facet, values in filters.items():
        rest = match
        for other, mask in selected.items():
            if other != facet:
                rest &= mask
        for value in values:
            remaining = [v for v in values if v != value]
            mask = 0
            for v in remaining:
                mask |= view.masks.get(facet, {}).get(v, 0)
            count = (rest & mask).bit_count() if remaining else rest.bit_count()
            if count:
                found.append((facet, value, count))
    return found


def suggest(args: Any, limit: int = 8) -> list[str]:
    """Completions of the last word typed, most common first, keeping the words before it."""
    text = parse_suggest_args(args)
    typed = text.rstrip()
    if not typed or text != typed:  # nothing to complete, or the last word is finished
        return []
    head, _sep, last = typed.rpartition(" ")
    folded = words(last)
    if not folded:
        return []
    prefix = folded[-1]
    store = current_store()
    searcher = store.searcher()
    cache_key = (store.generation_key(searcher), prefix)
    completions = _suggest_cache.get(cache_key)
    if completions is None:
        reader = searcher.reader()
        candidates = [
            term.decode() if isinstance(term, bytes) else term
            for term in reader.expand_prefix("spell", prefix)
        ]
        completions = heapq.nlargest(
            limit, candidates, key=lambda term: (reader.doc_frequency("spell", term), -len(term))
        )
        _suggest_cache.put(cache_key, completions)
    return [f"{head} {word}".strip() for word in completions]
