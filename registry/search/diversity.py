"""Near-identical courses (one title, many providers) share the first page instead of filling it."""

from __future__ import annotations

from collections.abc import Callable

from registry.search.analysis import words

# The first this many results are reordered; later pages are untouched, so paging stays stable.
DIVERSITY_WINDOW = 50
# How many courses with the same title may come before every other title has had its turn.
SAME_TITLE = 2


def diversify(ranked: list[int], title_of: Callable[[int], str]) -> list[int]:
    """``ranked`` with, inside the window, a title's third and later copies moved to its end."""
    window, rest = ranked[:DIVERSITY_WINDOW], ranked[DIVERSITY_WINDOW:]
    seen: dict[tuple[str, ...], int] = {}
    first, later = [], []
    for docnum in window:
        key = tuple(words(title_of(docnum)))
        seen[key] = seen.get(key, 0) + 1
        (first if seen[key] <= SAME_TITLE else later).append(docnum)
    return first + later + rest
