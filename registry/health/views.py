"""``/health/live`` (the process answers) and ``/health/ready`` (it can do its work), with figures in JSON.

Neither is rate limited (a load balancer asks every few seconds) and neither names a host, a user or a
setting: only states, counts and timings.
"""

from __future__ import annotations

import time
from typing import Any

import sqlalchemy as sa
from flask import Blueprint, Response, current_app, json

from registry.extensions import db, limiter
from registry.notifications.models import MessageStatus, OutboxMessage
from registry.search.sync import current_store, index_status

bp = Blueprint("health", __name__, url_prefix="/health")
RETRY_AFTER_SECONDS = 10


@bp.get("/live")
@limiter.exempt
def live():
    """The process is up and answering; says nothing about the database."""
    return _json({"status": "live"}, 200)


@bp.get("/ready")
@limiter.exempt
def ready():
    """Ready when the database answers and a search index generation is in place; 503 when not."""
    database = _database()
    index = _search_index()
    ready = database["reachable"] and index["present"]
    body = {"status": "ready" if ready else "not ready", "database": database, "search_index": index}
    response = _json(body, 200 if ready else 503)
    if not ready:
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _database() -> dict[str, Any]:
    started = time.perf_counter()
    try:
        with db.engine.connect() as connection:
            connection.execute(sa.select(1))
            queue = {
                "outbox": connection.scalar(
                    sa.select(sa.func.count())
                    .select_from(OutboxMessage)
                    .where(OutboxMessage.status == MessageStatus.PENDING)
                ),
            }
    except sa.exc.SQLAlchemyError as error:
        current_app.logger.warning("readiness: database unreachable (%s)", error.__class__.__name__)
        return {"reachable": False, "milliseconds": _since(started)}
    return {"reachable": True, "milliseconds": _since(started), "queue_depth": queue}


def _search_index() -> dict[str, Any]:
    """This host's index beside the search log: present, how many documents, how far behind."""
    try:
        status = index_status(current_store(), db.engine)
    except sa.exc.SQLAlchemyError:
        return {"present": False, "generation": None}
    return {
        "present": status.usable,
        "generation": status.generation,
        "documents": status.documents,
        "published_courses": status.published,
        "log_positions_behind": status.behind,
    }


def _since(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)


def _json(body: dict[str, Any], status: int) -> Response:
    response = Response(json.dumps(body), status=status, mimetype="application/json")
    response.cache_control.no_store = True
    return response
