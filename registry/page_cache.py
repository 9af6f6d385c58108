"""Public pages served from memory and revalidated for free, and never stale.

Every commit that changes something a public page can show adds one to the *page generation*, a single
row in the database (written as the transaction's last statement, so two writers never wait on each
other in opposite order). An anonymous public page is then identified by the generation, the day (marks
expire and schemes close at midnight), the language and the full address with its query string:

- its ETag is made of that key, so a browser or shared cache revalidates with a 304 before anything is
  rendered; ``Cache-Control`` lets a shared cache keep it only a second;
- each worker keeps the rendered response in memory under that key (least recently used first out),
  so a repeated page costs a look at the generation instead of queries and a template; the workers of
  a host also share them through a file (registry.shared_pages), so a page is rendered once per host,
  and a restarted worker finds the pages of a catalogue that did not change.

A worker reads the generation from the database at most every ``GENERATION_READ_EVERY`` seconds and
forgets it the moment it commits a change itself; with ``SHARED_MAX_AGE`` a change reaches every
anonymous reader within two seconds of its commit, whichever worker or host serves them.

A change moves the generation, so the next request renders afresh: nothing is invalidated by hand.
Signed-in visitors, requests with a token, pages that set a cookie or flash a message are never cached
and get ``Cache-Control: private, no-store``.
"""

from __future__ import annotations

import hashlib
import threading
import time as clock
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from typing import Any

import sqlalchemy as sa
from flask import Flask, Response, current_app, g, has_app_context, has_request_context, request, session
from flask_login import current_user
from sqlalchemy import event
from sqlalchemy.orm import Mapped, Session, mapped_column

from registry.clock import today
from registry.db_types import UTCDateTime
from registry.extensions import db
from registry.host_file import for_app
from registry.shared_pages import SharedPages

# Shared caches may keep an anonymous page this long: a change reaches every reader within it.
SHARED_MAX_AGE = 1
# A worker trusts the generation it read this long (the 2 s bound above, minus the shared cache's second).
GENERATION_READ_EVERY = 0.5
MAX_BYTES = 64 * 1024 * 1024
_CHANGED = "page_generation.changed"
_BUMPED = "page_generation.bumped"
# Models no public page shows (set by the factory); their changes leave the generation alone.
_private_models: tuple[type, ...] = ()


class PageGeneration(db.Model):
    """How many committed changes public pages have seen, and when the last one was committed."""

    id: Mapped[int] = mapped_column(primary_key=True)
    value: Mapped[int] = mapped_column(sa.BigInteger, default=1)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime)


# -- counting changes ------------------------------------------------------------------------------


def _shown(obj: Any) -> bool:
    """Whether this row can appear on a public page at all."""
    if isinstance(obj, _private_models):
        return False
    # A model may know that some of its rows never show publicly (a course still in draft).
    shown = getattr(obj, "shown_on_public_pages", None)
    return shown is None or shown()


def _collections_show(obj: Any) -> bool:
    """Only ``obj``'s collections changed: public when a row added to or taken from one is public."""
    state = sa.inspect(obj)
    for relationship in state.mapper.relationships:
        history = state.attrs[relationship.key].history
        if any(item is not None and _shown(item) for item in (*history.added, *history.deleted)):
            return True
    return False


def _note_changes(session: Session, _context: Any) -> None:
    for obj in (*session.new, *session.dirty, *session.deleted):
        if not _shown(obj):
            continue
        only_collections = obj in session.dirty and not session.is_modified(obj, include_collections=False)
        if only_collections and not _collections_show(obj):
            continue
        session.info[_CHANGED] = True
        return


def _bump_before_commit(session: Session) -> None:
    session.flush()  # whatever is still pending is part of this commit
    if session.info.pop(_CHANGED, False):
        bump(session.connection())
        session.info[_BUMPED] = True


def _forget_generation_read(session: Session) -> None:
    # This worker's own change shows on its very next page, not only after the generation is read again.
    if session.info.pop(_BUMPED, False):
        forget_generation()


def _forget(session: Session, *_args: Any) -> None:
    session.info.pop(_CHANGED, None)
    session.info.pop(_BUMPED, None)


def bump(connection: sa.Connection) -> None:
    """Move the generation on: every page rendered before this commit is out of date."""
    table = PageGeneration.__table__
    now = datetime.now(UTC)
    updated = connection.execute(
        sa.update(table).where(table.c.id == 1).values(value=table.c.value + 1, changed_at=now)
    )
    if not updated.rowcount:
        connection.execute(sa.insert(table).values(id=1, value=2, changed_at=now))


def track_page_generation(private: Iterable[type]) -> None:
    """Count commits that change anything public; changes to ``private`` models are not shown on
    public pages and leave the generation alone."""
    global _private_models
    _private_models = (*private, PageGeneration)
    for name, listener in (
        ("after_flush", _note_changes),
        ("before_commit", _bump_before_commit),
        ("after_commit", _forget_generation_read),
        ("after_rollback", _forget),
    ):
        if not event.contains(Session, name, listener):
            event.listen(Session, name, listener)


class _LastRead:
    """The generation this process read last, and when (monotonic seconds)."""

    def __init__(self) -> None:
        self.value: tuple[int, datetime | None] | None = None
        self.at = 0.0
        self.epoch = 0  # moves on every forget: a read that began before it is not kept

    def forget(self) -> None:
        self.epoch += 1
        self.value = None


_last_read = _LastRead()


def forget_generation() -> None:
    """Read the generation afresh on the next page (after the database was emptied or restored)."""
    _last_read.forget()


def current_generation() -> tuple[int, datetime | None]:
    """The page generation and when it last moved, as read at most ``GENERATION_READ_EVERY`` ago."""
    value, now = _last_read.value, clock.monotonic()
    if value is not None and now - _last_read.at < GENERATION_READ_EVERY:
        return value
    epoch = _last_read.epoch
    query = sa.select(PageGeneration.value, PageGeneration.changed_at).where(PageGeneration.id == 1)
    row = db.session.execute(query).first()
    value = (row[0], row[1]) if row else (1, None)
    if epoch == _last_read.epoch:
        _last_read.value, _last_read.at = value, now
    return value


# -- the cache -------------------------------------------------------------------------------------


@dataclass
class CachedPage:
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    # Side effects of the page that must happen for every visitor, cached or not (search demand).
    on_hit: list[tuple[Callable[..., None], tuple]] = field(default_factory=list)


class PageStore:
    """Rendered pages by key, least recently used first out, bounded in bytes; one per process."""

    def __init__(self, max_bytes: int = MAX_BYTES) -> None:
        self.max_bytes = max_bytes
        self._pages: OrderedDict[str, CachedPage] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> CachedPage | None:
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def put(self, key: str, page: CachedPage) -> None:
        with self._lock:
            old = self._pages.pop(key, None)
            if old is not None:
                self._bytes -= len(old.body)
            self._pages[key] = page
            self._bytes += len(page.body)
            while self._bytes > self.max_bytes and self._pages:
                _key, dropped = self._pages.popitem(last=False)
                self._bytes -= len(dropped.body)

    def clear(self) -> None:
        """Forget every page, in this worker and in the host's shared file."""
        with self._lock:
            self._pages.clear()
            self._bytes = 0
        shared = _shared() if has_app_context() else None
        if shared is not None:
            shared.clear()


pages = PageStore()


def _shared() -> SharedPages | None:
    """The host's shared pages (``REGISTRY_PAGE_STORE``), or None when there are none."""
    return for_app("REGISTRY_PAGE_STORE", SharedPages)


def replay_on_hit(callback: Callable[..., None], *args: Any) -> None:
    """Have ``callback(*args)`` run again whenever the page being rendered is served from the cache."""
    if has_request_context() and g.get("page_key"):
        g.setdefault("page_on_hit", []).append((callback, args))


def keep_out() -> None:
    """Answer the page being rendered with its validators, but keep it neither in memory nor in the
    host's file: for pages asked once per visitor that would push out the pages many visitors share."""
    if has_request_context():
        g.page_kept = False


# -- the request hooks -----------------------------------------------------------------------------


def _anonymous() -> bool:
    if "Authorization" in request.headers:
        return False
    if current_app.config["SESSION_COOKIE_NAME"] not in request.cookies:
        return True  # no session at all: nobody signed in, no message waiting (and no session read)
    return not current_user.is_authenticated and "_flashes" not in session


def _page_key() -> str | None:
    """The cache key of this request, or None when it may not be cached."""
    cacheable = current_app.config["PAGE_CACHE_ENDPOINTS"]
    if request.method != "GET" or request.endpoint not in cacheable or not _anonymous():
        return None
    generation, changed_at = current_generation()
    day = today()
    # A page can change at midnight too (a mark expires), so it claims no earlier change than that.
    midnight = datetime.combine(day, time.min, tzinfo=UTC)
    g.page_changed_at = max(changed_at, midnight) if changed_at else midnight
    locale = current_app.jinja_env.globals["current_locale"]()
    accept = request.headers.get("Accept", "")
    # The instant with the number names one state of the database, even after a backup is restored.
    state = f"{generation}@{changed_at.timestamp() if changed_at else 0}"
    outside = current_app.extensions["page_cache_outside_state"].get(request.endpoint)
    if outside is not None:
        state += f"+{outside()}"
    # Only a database that has seen a change has a state no other database shares: another's pages in
    # the host's shared file could otherwise match a fresh one's.
    g.page_state = state if changed_at else None
    # The host too: a page's absolute links (feed records, pagination) name the address it was asked at.
    raw = f"{state}|{day.isoformat()}|{locale}|{accept}|{request.host_url}|{request.full_path}"
    return hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()


def _serve_from_cache() -> Response | None:
    # Set for every request: ``g`` outlives a request where an app context spans several (tests, CLI).
    g.page_key = key = _page_key()
    g.page_from_cache = False
    g.page_on_hit = []
    g.page_kept = True
    if key is None:
        return None
    etag_matches = key in request.if_none_match
    page = pages.get(key) or _from_shared(key)
    if page is None and not etag_matches:
        return None
    if page is not None:
        for callback, args in page.on_hit:
            callback(*args)
    if etag_matches and (page is None or page.status == 200):
        response = current_app.response_class(status=304)
        _public(response)
        return response
    assert page is not None
    response = current_app.response_class(page.body, status=page.status, headers=page.headers)
    g.page_from_cache = True
    return response.make_conditional(request)


def _from_shared(key: str) -> CachedPage | None:
    # Another worker of this host rendered it (or this one, before a restart).
    shared = _shared()
    found = shared.get(key) if shared is not None and g.page_state else None
    if found is None:
        return None
    page = CachedPage(*found)
    pages.put(key, page)
    return page


def _public(response: Response) -> None:
    key = g.page_key
    if not response.headers.get("ETag"):
        response.set_etag(key, weak=True)
    if response.last_modified is None and g.get("page_changed_at"):
        response.last_modified = g.page_changed_at
    if not response.headers.get("Cache-Control"):  # the feed states its own policy
        response.cache_control.public = True
        response.cache_control.max_age = 0
        response.cache_control.s_maxage = SHARED_MAX_AGE
    if response.mimetype == "text/html":  # the same address shows a signed-in visitor more
        response.vary.add("Cookie")


def _store_and_label(response: Response) -> Response:
    """Runs first of the after-request hooks: it sees the view's own response."""
    key = g.get("page_key")
    if key is None or g.get("page_from_cache"):
        return response
    if session.modified or response.status_code != 200 or response.is_streamed:
        return response
    if response.headers.get("Set-Cookie"):
        return response
    _public(response)
    if g.page_kept:
        headers = [(name, value) for name, value in response.headers.items() if name != "Content-Length"]
        body, on_hit = response.get_data(), g.get("page_on_hit", [])
        pages.put(key, CachedPage(response.status_code, headers, body, on_hit))
        shared = _shared()
        if shared is not None and g.page_state and not on_hit:  # a page counting visitors stays here
            shared.put(key, g.page_state, response.status_code, headers, body)
    return response.make_conditional(request)


def _private_when_personal(response: Response) -> Response:
    """Runs last: a response for a signed-in visitor, a token, or one that set a cookie is private."""
    personal = "Authorization" in request.headers or session.modified
    if not personal and g.get("page_key") is None:
        personal = bool(getattr(current_user, "is_authenticated", False)) if _user_loaded() else False
    if personal:
        response.cache_control.public = False
        response.cache_control.private = True
        response.cache_control.no_store = True
        response.cache_control.max_age = None
        response.cache_control.s_maxage = None
        response.vary.add("Cookie")
    return response


def _user_loaded() -> bool:
    # Only ask for the user when the request already looked it up (it then costs nothing).
    return "_login_user" in g


def register_page_cache(
    app: Flask,
    endpoints: Iterable[str],
    private_models: Iterable[type],
    outside_state: Mapping[str, Callable[[], object]] | None = None,
) -> None:
    """Cache ``endpoints`` for anonymous visitors; ``private_models`` never show on public pages.

    ``outside_state`` names, per endpoint, what else its page depends on besides the database (the
    search index this host has applied): its value joins the key, so the page follows it too.

    Call it last in the factory: its lookup then runs after every other before-request hook (rate limits,
    input checks), and its store runs first of the after-request hooks, on the view's own response.
    """
    app.config.setdefault("PAGE_CACHE_ENDPOINTS", frozenset(endpoints))
    app.extensions["page_cache_outside_state"] = dict(outside_state or {})
    track_page_generation(private_models)
    app.after_request(_private_when_personal)
    app.before_request(_serve_from_cache)
    app.after_request(_store_and_label)
