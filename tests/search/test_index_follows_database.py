"""The index follows the database: commits show up, rollbacks do not, crashes are repaired."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from dataclasses import dataclass
from datetime import timedelta

import pytest
import sqlalchemy as sa

from registry.catalogue.enums import CourseStatus, ProviderStatus
from registry.catalogue.models import Course
from registry.extensions import db
from registry.reviews.models import MarkStatus
from registry.search import log, service, sync
from registry.search.documents import SearchDocument, build_documents
from registry.search.index import REBUILD_BATCH, IndexStore
from tests.factories import make_course, make_mark, make_provider, make_run, make_topic
from tests.search.conftest import TODAY


def found(query: str, **filters) -> list[int]:
    args = service.parse_search_args({"q": query, "per_pagina": 50, **filters})
    return [ranked.course_id for ranked in service.search(args, TODAY).ranked]


def pending() -> int:
    """How many log positions this host's index has still to apply."""
    status = sync.index_status(sync.current_store(), db.engine)
    return status.log_head - (status.position or 0)


def test_publishing_a_course_makes_it_findable_at_commit(app):
    course = make_course(title="Kinder-EHBO voor gastouders", status=CourseStatus.DRAFT)
    db.session.commit()
    assert found("gastouders") == []

    course.status = CourseStatus.PUBLISHED
    db.session.commit()
    assert found("gastouders") == [course.id]
    assert pending() == 0


def test_saving_a_draft_again_commits_nothing_to_the_index(app):
    published = make_course(title="Gehechtheid bij baby's")
    draft = make_course(title="Kinder-EHBO voor gastouders", status=CourseStatus.DRAFT)
    db.session.commit()
    store = sync.current_store()
    generation = store.open_index().latest_generation()

    draft.summary = "Een nieuwe samenvatting van het concept."
    db.session.commit()
    assert pending() == 0  # the log entry is applied: there was nothing to remove
    assert store.open_index().latest_generation() == generation

    published.title = "Gehechtheid en veiligheid bij baby's"
    db.session.commit()
    assert store.open_index().latest_generation() == generation + 1
    assert found("veiligheid") == [published.id]


def test_suspending_the_provider_removes_its_courses(app):
    provider = make_provider()
    course = make_course(provider, title="Babyscholing in de praktijk")
    db.session.commit()
    assert found("babyscholing") == [course.id]

    provider.status = ProviderStatus.SUSPENDED
    db.session.commit()
    assert found("babyscholing") == []


def test_withdrawing_and_deleting_remove_the_course(app):
    kept = make_course(title="Meldcode basistraining")
    gone = make_course(title="Meldcode verdieping")
    db.session.commit()
    assert sorted(found("meldcode")) == sorted([kept.id, gone.id])

    gone.status = CourseStatus.WITHDRAWN
    db.session.commit()
    assert found("meldcode") == [kept.id]

    db.session.delete(kept)
    db.session.commit()
    assert found("meldcode") == []


def test_an_approved_mark_and_its_suspension_change_the_accreditation_facet(app):
    course = make_course(title="Taal 3F in de praktijk")
    db.session.commit()
    assert found("3F", accreditatie="geldig") == []

    mark = make_mark(
        course=course, awarded_on=TODAY - timedelta(days=5), valid_until=TODAY + timedelta(days=900)
    )
    db.session.commit()
    assert found("3F", accreditatie="geldig") == [course.id]

    mark.status = MarkStatus.SUSPENDED
    db.session.commit()
    assert found("3F", accreditatie="geldig") == []
    assert found("3F", accreditatie="geschorst") == [course.id]


def test_expiry_needs_no_reindex(app):
    course = make_course(title="BHV herhaling")
    make_mark(course=course, awarded_on=TODAY - timedelta(days=100), valid_until=TODAY + timedelta(days=1))
    db.session.commit()
    after = TODAY + timedelta(days=2)
    args = service.parse_search_args({"q": "bhv", "accreditatie": "verlopen"})
    assert [r.course_id for r in service.search(args, after).ranked] == [course.id]
    assert found("bhv", accreditatie="verlopen") == []


def test_runs_topics_and_provider_keurmerk_reach_the_document(app):
    provider = make_provider()
    course = make_course(provider, title="Observeren op de groep")
    db.session.commit()
    assert found("observeren", start="maand") == []

    make_run(course, TODAY + timedelta(days=10))
    course.topics.append(make_topic("observeren-en-signaleren", "Observeren en signaleren"))
    make_mark(
        provider=provider, awarded_on=TODAY - timedelta(days=3), valid_until=TODAY + timedelta(days=700)
    )
    db.session.commit()
    assert found("observeren", start="maand", thema="observeren-en-signaleren", keurmerk="ja") == [course.id]


def test_a_rolled_back_change_never_reaches_the_index(app):
    course = make_course(title="Spelverrijking", status=CourseStatus.DRAFT)
    db.session.commit()
    course.status = CourseStatus.PUBLISHED
    db.session.flush()
    db.session.rollback()
    db.session.add(make_course(title="Iets anders"))
    db.session.commit()
    assert found("spelverrijking") == []
    assert pending() == 0


def test_work_left_in_the_log_by_a_crash_is_repaired_by_the_next_search(app):
    course = make_course(title="Hygiëne op de groep", status=CourseStatus.DRAFT)
    db.session.commit()
    assert found("hygiene") == []
    # A process that died between its commit and the index write leaves exactly this behind:
    # the change and its log entry, committed together, and nothing in the index.
    with db.engine.begin() as connection:
        connection.execute(
            sa.update(Course).where(Course.id == course.id).values(status=CourseStatus.PUBLISHED)
        )
        log.append(connection, {course.id})
    assert pending() == 1
    time.sleep(app.config["SEARCH_FOLLOW_SECONDS"])  # how often a worker looks at the log

    assert found("hygiene") == [course.id]
    assert pending() == 0


def test_check_reports_drift_and_repair_fixes_it(app, runner):
    stale = make_course(title="Pedagogisch coach opleiding")
    extra = make_course(title="Intervisie begeleiden")
    db.session.commit()
    assert runner.invoke(args=["search", "check"]).exit_code == 0

    # Changes written past the ORM (as bulk loads do) leave the index behind.
    with db.engine.begin() as connection:
        connection.execute(
            sa.update(Course).where(Course.id == stale.id).values(title="Pedagogisch coach (hbo)")
        )
        connection.execute(sa.update(Course).where(Course.id == extra.id).values(status=CourseStatus.DRAFT))
    missing = make_course(title="Zij-instroom kinderopvang")
    db.session.commit()
    # And a document can go missing from the index itself (say, a restored backup of it).
    with sync.current_store().writer_lock():
        sync.current_store().write([], [missing.id])

    result = runner.invoke(args=["search", "check"])
    assert result.exit_code == 1
    assert f"ontbrekend: 1 ({missing.id})" in result.output
    assert f"verouderd: 1 ({stale.id})" in result.output
    assert f"overbodig: 1 ({extra.id})" in result.output

    assert runner.invoke(args=["search", "check", "--repair"]).exit_code == 0
    assert runner.invoke(args=["search", "check"]).exit_code == 0
    assert found("hbo") == [stale.id]
    assert found("intervisie") == []
    assert found("zij-instroom") == [missing.id]


def test_reindex_builds_a_new_directory_and_swaps_it_in(app, runner):
    course = make_course(title="Risicovol spelen")
    db.session.commit()
    store = sync.current_store()
    before = store.current_name()

    result = runner.invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output
    assert "1 opleidingen" in result.output
    assert store.current_name() != before
    assert found("risicovol") == [course.id]

    assert "bevat al 1" in runner.invoke(args=["search", "reindex", "--if-empty"]).output


def _index_directories() -> set[str]:
    return {path.name for path in sync.current_store().root.glob("ix-*")}


@dataclass(frozen=True)
class Rebuild:
    """A rebuild about to start with two indexing processes, and the live index it must leave alone."""

    course: Course
    store: IndexStore
    live: str
    directories: set[str]
    documents: list[SearchDocument]

    def assert_live_index_untouched(self) -> None:
        assert self.store.current_name() == self.live
        assert _index_directories() == self.directories
        assert multiprocessing.active_children() == []
        assert found("risicovol") == [self.course.id]


@pytest.fixture
def rebuild(app, monkeypatch) -> Rebuild:
    # Two cores or more are what make the rebuild use sub-writers.
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    course = make_course(title="Risicovol spelen")
    db.session.commit()
    store = sync.current_store()
    with db.engine.connect() as connection:
        documents = build_documents(connection, [course.id])
    return Rebuild(course, store, store.current_name(), _index_directories(), documents)


def test_a_rebuild_whose_indexing_process_dies_leaves_the_live_index_alone(rebuild):
    def batches():
        yield rebuild.documents * 2 * REBUILD_BATCH  # a job for each of the two sub-writers
        for process in multiprocessing.active_children():
            os.kill(process.pid, signal.SIGKILL)  # as the kernel's OOM killer would
        yield rebuild.documents

    with pytest.raises(RuntimeError, match=f"holds 0 of {2 * REBUILD_BATCH + 1} documents"):
        rebuild.store.rebuild(batches(), catch_up=lambda write: None)

    rebuild.assert_live_index_untouched()


def test_a_rebuild_that_fails_reading_stops_its_indexing_processes(rebuild):
    def batches():
        for _ in range(5):  # enough for every sub-writer to be waiting for work
            yield rebuild.documents * 300
        raise OSError("the database went away")

    with pytest.raises(OSError):
        rebuild.store.rebuild(batches(), catch_up=lambda write: None)

    rebuild.assert_live_index_untouched()
