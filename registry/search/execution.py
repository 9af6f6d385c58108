"""Running a search against the index: bitset matching and scoring, facet counts, order, corrections,
completions. Results are cached per index generation, so a cached answer is never stale.
"""

from __future__ import annotations

import contextlib
import heapq
import math
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from flask_babel import ngettext
from whoosh.searching import Searcher

from registry.page_cache import replay_on_hit
from registry.search import demand
from registry.search.analysis import words
from registry.search.diversity import DIVERSITY_WINDOW, diversify
from registry.search.facets import (
    ACCREDITATION_WEIGHT,
    FACETS,
    NO_DATE,
    FacetCache,
    GenerationView,
    mask_of,
)
from registry.search.index import IndexMissing
from registry.search.lru import Lru
from registry.search.parsing import highlight_terms, parse_suggest_args, query_units
from registry.search.places import RADII_KM
from registry.search.presentation import snippet
from registry.search.runs import (
    RUN_FACETS,
    MatchedRun,
    Near,
    RunFilter,
    best_runs,
    order_by_run,
    passing_runs,
    value_counts,
)
from registry.search.sync import current_store
from registry.search.term_masks import TermMasks

# Fewer courses than this with every word: the courses with most of the words follow them.
FEW_COMPLETE = 10

_facet_cache = FacetCache()
_term_masks = TermMasks()


_match_cache = Lru(512)
_result_cache = Lru(512)
_suggest_cache = Lru(1024)


@dataclass(frozen=True)
class Ranked:
    """One hit as the index knows it: which course, and the snippet to show."""

    course_id: int
    snippet: str
    next_start: date | None
    accreditation: str
    # The run to show: the one that matched the run filters (nearest, else soonest), or the next run.
    run: MatchedRun | None = None


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
    # Fewer than FEW_COMPLETE courses had every word (``complete`` of them, ranked first): the
    # courses with most of the words follow.
    partial: bool = False
    complete: int = 0
    near: Near | None = None
    place_query: str = ""
    # Nothing near the place: how many a wider circle would find, (radius in km, hits), widest last.
    wider: list[tuple[int, int]] = field(default_factory=list)
    # Answered from the database because this host's search index is being rebuilt.
    from_database: bool = False

    @property
    def notice(self) -> str | None:
        """What the searcher must know about these results (HTML and API say the same)."""
        if self.from_database:
            return _(
                "De zoekindex wordt op dit moment opnieuw opgebouwd. Deze resultaten komen rechtstreeks "
                "uit de database: opleidingen met alle woorden in de titel of samenvatting, op titel, "
                "zonder filters. Probeer het over enkele minuten opnieuw voor de volledige zoekfunctie."
            )
        if not self.partial:
            return None
        if not self.complete:
            return _("Geen opleidingen met alle woorden; dit zijn de beste treffers.")
        return ngettext(
            "%(num)s opleiding met alle woorden; daarna de beste andere treffers.",
            "%(num)s opleidingen met alle woorden; daarna de beste andere treffers.",
            self.complete,
        )

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


@dataclass(frozen=True)
class Matched:
    """What a query matched: all its documents, and score classes (score, documents) among them."""

    mask: int
    classes: list[tuple[float, int]]
    partial: bool = False


def _posting_mask(searcher: Searcher, key: tuple, view: GenerationView, name: str, term: str) -> int:
    if name.startswith("@"):  # a facet value, e.g. a level written in the query
        return view.masks.get(name[1:], {}).get(term, 0)
    return _term_masks.mask(searcher, _folder(key), name, term) & view.live


def _folder(key: tuple) -> Path:
    """The index directory of the generation ``key`` names (see ``IndexStore.generation_key``)."""
    return current_store().root / key[0]


def _match(
    searcher: Searcher, key: tuple, view: GenerationView, text: str, partial: bool = False
) -> Matched | None:
    """Match and score ``text`` with bitsets; None for an empty query.

    A document scores, per query unit, the boosts of the fields it occurs in times the unit's
    rarity. Documents with equal scores form one class, so ranking costs a few dozen bitset
    operations whatever the catalogue's size (bounded scoring). ``partial`` matches documents
    with any of the required units; each unit found adds to the score, so those with more of
    the words (the rarer, the more) and with them in the title come first.
    """
    units = query_units(text)
    if not units:
        return None
    cached = _match_cache.get((key, text, partial))
    if cached is not None:
        return cached
    live_count = max(view.count(view.live), 1)
    masks: dict[tuple[str, str], int] = {}

    def posting(name: str, term: str) -> int:
        if (name, term) not in masks:
            masks[(name, term)] = _posting_mask(searcher, key, view, name, term)
        return masks[(name, term)]

    covers = []
    for unit in units:
        covered = 0
        for alternative in unit.alternatives:
            docs = view.live
            for clause in alternative:
                either = 0
                for name, term, _boost in clause:
                    either |= posting(name, term)
                docs &= either
                if not docs:
                    break
            covered |= docs
        covers.append(covered)
    required = [covered for unit, covered in zip(units, covers, strict=True) if unit.required]
    mask = 0 if partial else view.live
    for covered in required:
        mask = mask | covered if partial else mask & covered
    classes: dict[float, int] = {0.0: mask} if mask else {}
    for unit, covered in zip(units, covers, strict=True):
        scope = covered & mask
        if not scope:
            continue
        rarity = 1.0 + math.log(live_count / (1 + covered.bit_count()))
        boosts = list(unit.postings().items())
        # Every field a unit occurs in adds its boost, as in BM25F: a course about the subject
        # mentions it in title, topics and text alike.
        for (name, term), boost in boosts:
            field_mask = scope if not name else posting(name, term) & scope
            if not field_mask:
                continue
            split: dict[float, int] = {}
            for score, docs in classes.items():
                inside, outside = docs & field_mask, docs & ~field_mask
                if inside:
                    total = round(score + boost * rarity, 6)
                    split[total] = split.get(total, 0) | inside
                if outside:
                    split[score] = split.get(score, 0) | outside
            classes = split
    matched = Matched(mask, sorted(classes.items(), reverse=True), partial)
    _match_cache.put((key, text, partial), matched)
    return matched


def _correction(searcher: Searcher, text: str) -> str | None:
    """The query with unknown words replaced by the nearest known ones, if any word was unknown."""
    reader = searcher.reader()
    corrector = searcher.corrector("spell")
    changed = False
    corrected = []
    for word in words(text):
        # Two letters are an abbreviation ("ad", "pm") more often than a typo.
        if reader.doc_frequency("spell", word) == 0 and not word.isdigit() and len(word) > 2:
            # One letter off in a short word is as far as a guess should go ("voer" is not "vve").
            suggestion = corrector.suggest(word, limit=1, maxdist=1 if len(word) <= 5 else 2, prefix=1)
            if suggestion:
                corrected.append(suggestion[0])
                changed = True
                continue
        corrected.append(word)
    return " ".join(corrected) if changed else None


# -- the search ----------------------------------------------------------------------------------


def search(args: dict[str, Any], day: date) -> SearchOutcome:
    """Search published courses with ``args`` (from :func:`parse_search_args`) as on ``day``."""
    from registry.search.fallback import search_database  # it builds on this module's outcome
    from registry.search.follower import follower_for

    store = current_store()
    searcher = None
    if follower_for(current_app).before_search():
        # Deleted this very moment: the next search notices and rebuilds it.
        with contextlib.suppress(IndexMissing):
            searcher = store.searcher()
    if searcher is None:
        return search_database(args, day)
    key = store.generation_key(searcher)
    cache_key = (
        key,
        day,
        args["q"],
        tuple(sorted(args["filters"].items())),
        args["sorteer"],
        args["pagina"],
        args["per_pagina"],
        args.get("near"),
    )
    outcome = _result_cache.get(cache_key)
    if outcome is None:
        outcome = _search(searcher, key, _facet_cache.view(searcher, _folder(key), key, day), args)
        _result_cache.put(cache_key, outcome)
    counted = (args["q"], outcome.total, outcome.partial or bool(outcome.corrected_query), day)
    demand.count_search(*counted)
    replay_on_hit(demand.count_search, *counted)  # a page served from the cache is a search too
    return outcome


def _search(searcher: Searcher, key: tuple, view: GenerationView, args: dict[str, Any]) -> SearchOutcome:
    # As typed; else with typos corrected; then, when that leaves less than a page and no filter
    # is to blame, the courses with all the words followed by those with most of them.
    outcome = _run(searcher, key, view, args, args["q"])
    if outcome.total == 0 and args["q"]:
        corrected = _correction(searcher, args["q"])
        if corrected:
            retry = _run(searcher, key, view, args, corrected)
            if retry.total:
                retry.query, retry.corrected_query = args["q"], corrected
                return retry
            outcome.did_you_mean = corrected
    if outcome.total < FEW_COMPLETE and args["q"] and not outcome.relaxations:
        best = _run(searcher, key, view, args, args["q"], partial=True)
        if best.total > outcome.total:
            best.did_you_mean, best.complete = outcome.did_you_mean, outcome.total
            return best
    return outcome


def _run_filter(args: dict[str, Any], filters: dict[str, tuple[str, ...]]) -> RunFilter:
    return RunFilter.from_search(filters, args.get("near"))


def _filtered(
    view: GenerationView, match: int, filters: dict[str, tuple[str, ...]], args: dict[str, Any]
) -> int:
    """The documents of ``match`` that pass every filter in ``filters``."""
    selected = _selection(view, filters)
    mask = match
    for facet, facet_mask in selected.items():
        if facet not in RUN_FACETS:
            mask &= facet_mask
    passing = passing_runs(view, mask, _run_filter(args, filters))
    return mask if passing is None else passing.mask


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
    searcher: Searcher,
    key: tuple,
    view: GenerationView,
    args: dict[str, Any],
    text: str,
    partial: bool = False,
) -> SearchOutcome:
    matched = _match(searcher, key, view, text, partial)
    match = view.live if matched is None else matched.mask
    selected = _selection(view, args["filters"])
    run_filter = _run_filter(args, args["filters"])
    # Province, start and place hold for one run together: the runs that pass them all, per course.
    passing = passing_runs(view, match, run_filter)
    runs_ok = view.live if passing is None else passing.mask
    plain = {facet: mask for facet, mask in selected.items() if facet not in RUN_FACETS}
    final = match & runs_ok
    for mask in plain.values():
        final &= mask
    # Each facet is counted under every filter but its own, so choosing a value never hides its siblings.
    counts: dict[str, dict[str, int]] = {}
    for facet in FACETS:
        base = match
        for other, mask in plain.items():
            if other != facet:
                base &= mask
        if facet in RUN_FACETS and run_filter.without(facet).active:
            counts[facet] = value_counts(view, base, run_filter, facet)
            continue
        if facet not in RUN_FACETS:
            base &= runs_ok
        counts[facet] = {
            value: (base & mask).bit_count() for value, mask in view.masks.get(facet, {}).items()
        }
    total = final.bit_count()
    per_page, page = args["per_pagina"], args["pagina"]
    wanted = page * per_page
    if passing is not None and args["sorteer"] in ("afstand", "start"):
        order = order_by_run(final, run_filter, args["sorteer"], wanted, view)
    else:
        order = _order(
            view, matched, final, args["sorteer"], wanted, lambda d: searcher.stored_fields(d)["title"]
        )
    page_docs = order[(page - 1) * per_page : wanted]
    shown = passing.runs_of(view, page_docs) if passing else best_runs(view, mask_of(page_docs), RunFilter())
    terms = highlight_terms(text)
    ranked = [
        Ranked(
            course_id=view.course_ids[docnum],
            snippet=snippet(searcher.stored_fields(docnum), terms),
            next_start=None if view.next_start[docnum] == NO_DATE else view.next_start[docnum],
            accreditation=_accreditation(view, docnum),
            run=shown.get(docnum),
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
        partial=matched is not None and matched.partial,
        near=args.get("near"),
        place_query=args.get("bij", ""),
    )
    if total == 0:
        outcome.relaxations = _relaxations(match, args, view)
        outcome.wider = _wider(match, args, view)
    return outcome


def _accreditation(view: GenerationView, docnum: int) -> str:
    for value, mask in view.masks.get("accreditatie", {}).items():
        if mask >> docnum & 1:
            return value
    return "geen"


def _order(
    view: GenerationView, matched: Matched | None, final: int, sort: str, wanted: int, title_of
) -> list[int]:
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
        window = max(wanted, DIVERSITY_WINDOW)
        for _score, docs in sorted(weighted.items(), reverse=True):
            need = window - len(ordered)
            if need <= 0:
                break
            ordered += view.first(docs, need, "start")
        return diversify(ordered, title_of)
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


def _relaxations(match: int, args: dict[str, Any], view: GenerationView) -> list[tuple[str, str, int]]:
    """For an empty result: how many hits dropping each chosen filter value would give."""
    filters = args["filters"]
    found = []
    for facet, values in filters.items():
        for value in values:
            remaining = tuple(v for v in values if v != value)
            fewer = {name: chosen for name, chosen in filters.items() if name != facet}
            if remaining:
                fewer[facet] = remaining
            count = _filtered(view, match, fewer, args).bit_count()
            if count:
                found.append((facet, value, count))
    return found


def _wider(match: int, args: dict[str, Any], view: GenerationView) -> list[tuple[int, int]]:
    """For an empty search near a place: the hits within each wider radius."""
    near = args.get("near")
    if near is None:
        return []
    found = []
    for radius in sorted(r for r in RADII_KM if r > near.radius_km):
        wider = {**args, "near": Near(near.place, radius)}
        count = _filtered(view, match, args["filters"], wider).bit_count()
        if count:
            found.append((radius, count))
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
    try:
        searcher = store.searcher()
    except IndexMissing:
        return []  # the search page says the index is being rebuilt; completions can wait
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
