"""Each worker keeps its host's index following the log, and notices an index that is gone or short.

Before a search the worker looks (at most every ``SEARCH_FOLLOW_SECONDS``) whether the log has moved
past the index and, if so, applies it; the one-writer lock makes sure one process per host writes,
the others answer from the generation they have. A committing worker applies its own change at once.

An index that cannot be written (full disk, permissions) keeps answering from its last good
generation; the log keeps the changes, and they are applied when writing works again (tried every
``SEARCH_RETRY_SECONDS``). An index that is missing, has lost its position, fell behind the log's
horizon or holds a different number of documents than the database has published courses is
rebuilt without an operator: inside the request when the catalogue is small, otherwise in a
background thread while searches are answered from the database with a notice.
"""

from __future__ import annotations

import logging
import threading
import time

from flask import Flask, current_app, has_app_context
from sqlalchemy import event
from sqlalchemy.orm import Session

from registry.extensions import db
from registry.search import log
from registry.search.index import REBUILD_LOCK_FILE, IndexBusy, IndexMissing, IndexStore, store_for
from registry.search.sync import follow, published_count, rebuild

logger = logging.getLogger(__name__)

# A worker about to search waits this long for another worker of its host that is applying the log.
SEARCH_LOCK_WAIT = 1.0
# A committing worker waits this long, so its own change is searchable when its request returns.
COMMIT_LOCK_WAIT = 10.0


def install_session_hooks() -> None:
    """Log changes in the transaction; apply them to this host's index after the commit (idempotent)."""
    log.install_log_hooks()
    if not event.contains(Session, "after_commit", _apply_after_commit):
        event.listen(Session, "after_commit", _apply_after_commit)


def _apply_after_commit(session: Session) -> None:
    if session.info.pop(log.LOGGED, False) and has_app_context():
        follower_for(current_app).after_commit()


class Follower:
    """This process's view of one index directory: when it last looked at the log, what it checked."""

    def __init__(self, store: IndexStore) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._looked_at = float("-inf")
        self._retry_at = float("-inf")
        self._verified: set[str] = set()
        self._background: threading.Thread | None = None

    # -- entry points ------------------------------------------------------------------------------

    def before_search(self) -> bool:
        """Bring the index up to the log if it moved; False when searches must use the database."""
        if self._rebuilding():
            return False
        name = self.store.current_name()
        if name is None or self.store.position(name) is None:
            return self._rebuild("missing")
        now = time.monotonic()
        with self._lock:
            due = now - self._looked_at >= current_app.config["SEARCH_FOLLOW_SECONDS"]
            if due:
                self._looked_at = now
        if due and not self._apply(SEARCH_LOCK_WAIT):
            return False
        if name not in self._verified and self.store.current_name() == name:
            return self._verify(name)
        return True

    def after_commit(self) -> None:
        """Apply the change just committed (and anything before it) to this host's index."""
        if self._rebuilding():
            return
        if self.store.current_name() is None:
            self._rebuild("missing")
            return
        self._apply(COMMIT_LOCK_WAIT)

    # -- the work ----------------------------------------------------------------------------------

    def _apply(self, lock_wait: float) -> bool:
        """Follow the log; False when the index turned out to need a rebuild that is not done yet."""
        if time.monotonic() < self._retry_at:
            return True  # writing failed a moment ago: answer from the last good generation
        try:
            follow(self.store, db.engine, lock_timeout=lock_wait)
        except IndexBusy:
            pass  # another worker of this host is applying it right now
        except IndexMissing as error:
            return self._rebuild(str(error))
        except Exception:
            # The entries stay in the log; searches go on from the generation there is.
            logger.exception("the search index could not be updated; searches use the last good generation")
            self._retry_at = time.monotonic() + current_app.config["SEARCH_RETRY_SECONDS"]
        return True

    def _verify(self, name: str) -> bool:
        """Once per generation: an index as far as the log must hold every published course."""
        try:
            with db.engine.connect() as connection:
                head = log.head(connection)
                published = published_count(connection)
            if self.store.position(name) != head:
                return True  # not caught up (or the log moved meanwhile): look again next search
            documents = self.store.searcher().doc_count()
        except IndexMissing:
            return self._rebuild("missing")
        if documents == published:
            self._verified.add(name)
            return True
        logger.warning("the search index holds %s documents for %s published courses", documents, published)
        return self._rebuild("short", judged=name)

    def _rebuilding(self) -> bool:
        return self._background is not None and self._background.is_alive()

    def _rebuild(self, reason: str, judged: str | None = None) -> bool:
        """Rebuild an index that cannot be trusted; True when it is done and searches may use it."""
        now = time.monotonic()
        if now < self._retry_at:
            return False
        config = current_app.config
        with db.engine.connect() as connection:
            small = published_count(connection) <= config["SEARCH_INLINE_REBUILD_MAX"]
        if not small:
            self._start_background(current_app._get_current_object(), judged)
            return False
        try:
            self._rebuild_once(judged, lock_wait=30.0)
        except IndexBusy:
            return False  # another process is rebuilding a large one; the database answers meanwhile
        except Exception:
            logger.exception("the search index could not be rebuilt (%s); searches use the database", reason)
            self._retry_at = now + config["SEARCH_RETRY_SECONDS"]
            return False
        return True

    def _rebuild_once(self, judged: str | None, lock_wait: float) -> None:
        # One process per host rebuilds; the others find the new generation when they get the lock.
        with self.store.writer_lock(timeout=lock_wait, file=REBUILD_LOCK_FILE):
            name = self.store.current_name()
            trusted = name is not None and self.store.position(name) is not None
            if trusted and name != judged and judged is not None:
                return  # someone rebuilt it while we waited
            if trusted and judged is None:
                try:
                    follow(self.store, db.engine, lock_timeout=lock_wait)
                    return
                except IndexMissing:
                    pass  # behind the log's horizon
            logger.warning("rebuilding the search index at %s", self.store.root)
            rebuild(self.store, db.engine)
            self._verified.add(self.store.current_name() or "")

    def _start_background(self, app: Flask, judged: str | None) -> None:
        with self._lock:
            if self._rebuilding():
                return

            def work() -> None:
                with app.app_context():
                    try:
                        self._rebuild_once(judged, lock_wait=0)
                    except IndexBusy:
                        # Another process of this host is rebuilding: do not start a thread per request.
                        self._retry_at = time.monotonic() + 1.0
                    except Exception:
                        logger.exception("the search index could not be rebuilt in the background")
                        self._retry_at = time.monotonic() + app.config["SEARCH_RETRY_SECONDS"]
                    finally:
                        db.session.remove()

            self._background = threading.Thread(target=work, name="search-rebuild", daemon=True)
            self._background.start()

    def wait(self, timeout: float | None = None) -> None:
        """Wait for a background rebuild to end (for commands and tests)."""
        if self._background is not None:
            self._background.join(timeout)


_followers: dict[str, Follower] = {}
_followers_lock = threading.Lock()


def follower_for(app: Flask) -> Follower:
    """This process's follower of ``app``'s index directory."""
    root = app.config["SEARCH_INDEX_DIR"]
    with _followers_lock:
        if root not in _followers:
            _followers[root] = Follower(store_for(root))
        return _followers[root]


def index_state() -> str:
    """What a search page shows besides the database: this host's index, brought up to the log first
    (as a search would), then named by directory and Whoosh generation; "database" while searches are
    answered from the database. A cached search page keyed on it moves when the index's content does,
    and not when the log moved without changing it (a draft saved again)."""
    follower = follower_for(current_app)
    if not follower.before_search():
        return "database"
    name, generation = follower.store.generation_key(follower.store.searcher())
    return f"{follower.store.root}/{name}#{generation}"
