"""Which link of a menu stands for the page being shown, so the menu can mark it (aria-current)."""

from __future__ import annotations

from collections.abc import Iterable

from flask import request


def current_link(urls: Iterable[str]) -> str | None:
    """The menu address the current page belongs to: the same address, else the longest one it lies under.

    "/opleidingen/12" belongs to "/opleidingen"; "/organisatie/planner" to itself, not to "/organisatie/".
    """
    path = request.path
    best: str | None = None
    for url in urls:
        if url == path:
            return url
        section = url if url.endswith("/") else url + "/"
        if url != "/" and path.startswith(section) and (best is None or len(url) > len(best)):
            best = url
    return best
