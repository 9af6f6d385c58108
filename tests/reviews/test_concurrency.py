"""Two officials act on the same case at the same moment: exactly one wins, the other is told."""

from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa

from registry.audit.models import AuditEvent
from registry.errors import Conflict
from registry.extensions import db
from registry.reviews.models import Review, ReviewState
from registry.reviews.workflow import apply_transition
from tests.factories import case_in_state


def act_at_once(app, review_id: int, actors: list, action: str, comment: str = "") -> list[object]:
    """Each actor loads the case, all wait at a barrier, then all apply ``action`` with what they saw."""
    barrier = threading.Barrier(len(actors))
    results: list[object] = [None] * len(actors)

    def work(index: int, actor_id: int) -> None:
        with app.app_context():  # its own session and connection
            actor = db.session.get(type(actors[0]), actor_id)
            seen = db.session.get(Review, review_id)
            seen_version = seen.version
            barrier.wait()
            try:
                results[index] = apply_transition(
                    actor, review_id, action, comment=comment, version=seen_version
                ).state
            except Conflict as error:
                results[index] = error
            finally:
                db.session.remove()

    threads = [threading.Thread(target=work, args=(i, a.id)) for i, a in enumerate(actors)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_two_officials_take_the_same_case_exactly_one_wins(app, people):
    review = case_in_state(people, ReviewState.SUBMITTED)
    results = act_at_once(app, review.id, [people.official, people.second_official], "take")

    winners = [r for r in results if r is ReviewState.IN_REVIEW]
    losers = [r for r in results if isinstance(r, Conflict)]
    assert len(winners) == 1 and len(losers) == 1, results
    assert "net voor" in losers[0].message or "intussen" in losers[0].message
    db.session.expire_all()
    stored = db.session.get(Review, review.id)
    assert stored.state is ReviewState.IN_REVIEW
    assert stored.assignee_id in {people.official.id, people.second_official.id}
    takes = db.session.scalar(sa.select(sa.func.count()).where(AuditEvent.action == "review.take"))
    assert takes == 1  # the loser's audit event was rolled back with its step


def test_a_stale_version_from_the_client_is_a_conflict(app, people):
    review = case_in_state(people, ReviewState.SUBMITTED)
    stale = review.version
    apply_transition(people.official, review.id, "take", version=stale)
    with pytest.raises(Conflict):
        apply_transition(
            people.official, review.id, "request_changes", comment="Graag aanvullen.", version=stale
        )
    assert db.session.get(Review, review.id).state is ReviewState.IN_REVIEW
