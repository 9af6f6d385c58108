"""An index that cannot be written, is deleted or comes up short: searches keep answering, and the
index repairs itself without an operator (done the way an attacker or a careless operator would)."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask

from registry.catalogue.enums import CourseStatus
from registry.catalogue.models import Course
from registry.extensions import db
from registry.search import sync
from registry.search.follower import follower_for
from tests.factories import make_course, make_provider

DATABASE_NOTICE = "De zoekindex wordt op dit moment opnieuw opgebouwd"


def api_search(client, words: str) -> dict:
    response = client.get("/api/v1/search", query_string={"q": words, "per_pagina": 50})
    assert response.status_code == 200
    return response.json


def hit_ids(body: dict) -> list[int]:
    return sorted(hit["id"] for hit in body["hits"])


def _set_immutable(path: Path, on: bool) -> None:
    # chmod binds everyone but root; as root (a container) the immutable flag does what chmod would.
    if os.geteuid() == 0:
        for directory in [path, *(p for p in path.rglob("*") if p.is_dir())]:
            subprocess.run(["chattr", "+i" if on else "-i", str(directory)], check=True)


@pytest.fixture
def unwritable(app: Flask) -> Iterator[callable]:
    """Makes the index directory unwritable, as ``chmod -R a-w`` does; restores it afterwards."""
    root = Path(app.config["SEARCH_INDEX_DIR"])
    modes: dict[Path, int] = {}

    def lock() -> None:
        for path in [root, *root.rglob("*")]:
            modes[path] = path.stat().st_mode
            path.chmod(stat.S_IMODE(path.stat().st_mode) & ~0o222)
        _set_immutable(root, True)
        with pytest.raises(OSError):
            (root / "probe").write_text("x")

    def unlock() -> None:
        _set_immutable(root, False)
        for path, mode in modes.items():
            if path.exists():
                path.chmod(stat.S_IMODE(mode))
        modes.clear()

    yield lock, unlock
    unlock()


def test_an_unwritable_index_keeps_answering_and_catches_up_when_writable_again(
    app, client, unwritable, monkeypatch
):
    lock, unlock = unwritable
    monkeypatch.setitem(app.config, "SEARCH_RETRY_SECONDS", 0.3)
    provider = make_provider()
    old = make_course(provider, title="Kinder-EHBO herhaling")
    db.session.commit()
    assert hit_ids(api_search(client, "ehbo")) == [old.id]

    lock()
    new = make_course(provider, title="Kinder-EHBO basis")
    db.session.commit()  # the write itself succeeds; the index update waits in the log
    assert db.session.get(Course, new.id) is not None
    for _ in range(3):
        assert hit_ids(api_search(client, "ehbo")) == [old.id]  # the last good generation
        page = client.get("/zoeken", query_string={"q": "ehbo"})
        assert page.status_code == 200 and "Kinder-EHBO herhaling" in page.get_data(as_text=True)

    unlock()
    time.sleep(max(app.config["SEARCH_RETRY_SECONDS"], app.config["SEARCH_FOLLOW_SECONDS"]))
    assert hit_ids(api_search(client, "ehbo")) == [old.id, new.id]
    status = sync.index_status(sync.current_store(), db.engine)
    assert status.position == status.log_head and status.documents == 2


def test_a_deleted_index_is_rebuilt_whole_not_with_one_course(app, client):
    provider = make_provider()
    courses = [make_course(provider, title=f"Mentaliseren deel {n}") for n in range(3)]
    db.session.commit()
    assert len(hit_ids(api_search(client, "mentaliseren"))) == 3

    shutil.rmtree(app.config["SEARCH_INDEX_DIR"])
    courses.append(make_course(provider, title="Mentaliseren deel 4"))
    db.session.commit()  # the next write must not start an index holding just this course

    status = sync.index_status(sync.current_store(), db.engine)
    assert status.documents == status.published == 4
    assert hit_ids(api_search(client, "mentaliseren")) == sorted(c.id for c in courses)


def test_a_deleted_large_index_is_rebuilt_in_the_background_while_the_database_answers(
    app, client, monkeypatch
):
    provider = make_provider()
    courses = [make_course(provider, title=f"Voorleesplezier {n}") for n in range(3)]
    make_course(provider, title="Voorleesplezier (concept)", status=CourseStatus.DRAFT)
    db.session.commit()
    assert len(hit_ids(api_search(client, "voorleesplezier"))) == 3
    # As for a catalogue too large to rebuild inside a request.
    monkeypatch.setitem(app.config, "SEARCH_INLINE_REBUILD_MAX", 0)
    follower = follower_for(app)
    shutil.rmtree(app.config["SEARCH_INDEX_DIR"])
    release = follower.store.writer_lock(timeout=1, file="rebuild.lock")
    release.__enter__()  # hold the background rebuild back until the fallback has been seen
    try:
        body = api_search(client, "voorleesplezier")
        assert body["notice"].startswith(DATABASE_NOTICE)
        assert hit_ids(body) == sorted(c.id for c in courses)  # published only, from the database
        page = client.get("/zoeken", query_string={"q": "voorleesplezier"}).get_data(as_text=True)
        assert DATABASE_NOTICE in page and "Voorleesplezier 2" in page
    finally:
        release.__exit__(None, None, None)
    deadline = time.monotonic() + 10
    while api_search(client, "voorleesplezier")["notice"] is not None:
        assert time.monotonic() < deadline, "the index was not rebuilt in the background"
        follower.wait(1)
        time.sleep(0.05)
    assert hit_ids(api_search(client, "voorleesplezier")) == sorted(c.id for c in courses)


def test_a_short_index_is_noticed_and_rebuilt(app, client, test_config, tmp_path):
    from registry import create_app
    from tests.conftest import IsolatedClient

    provider = make_provider()
    first = make_course(provider, title="Rouwverwerking bij jonge kinderen")
    db.session.commit()
    assert hit_ids(api_search(client, "rouwverwerking")) == [first.id]
    # A bulk load past the ORM (as the demo generator does) leaves the index short of two courses,
    # and a worker that starts afterwards (a fresh process on a copy of that index) must notice.
    with db.engine.begin() as connection:
        for n in range(2):
            connection.execute(
                sa.insert(Course).values(
                    provider_id=provider.id,
                    title=f"Rouwverwerking {n}",
                    slug=f"rouwverwerking-{n}",
                    summary="Over verlies.",
                    description_html="",
                    delivery_mode="classroom",
                    study_load_hours=4,
                    price=100,
                    status=CourseStatus.PUBLISHED,
                )
            )
    copy = tmp_path / "restored-index"
    shutil.copytree(app.config["SEARCH_INDEX_DIR"], copy)
    fresh = create_app({**test_config, "SEARCH_INDEX_DIR": str(copy)})
    fresh.test_client_class = IsolatedClient

    assert len(hit_ids(api_search(fresh.test_client(), "rouwverwerking"))) == 3
    with fresh.app_context():
        status = sync.index_status(sync.current_store(), db.engine)
        assert status.documents == status.published == 3
        db.engine.dispose()
