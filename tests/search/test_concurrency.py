"""Several processes and threads on one index: one writer at a time, readers never see a torn index."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa

from registry.catalogue.models import Course
from registry.extensions import db
from registry.search import service, sync
from registry.search.index import IndexBusy
from tests.factories import make_course, make_provider
from tests.search.conftest import TODAY

ROOT = Path(__file__).resolve().parents[2]

WRITER = """
import sys
from registry import create_app
from registry.catalogue.models import Provider
from registry.extensions import db
from tests.factories import make_course

url, index_dir, provider_id, name, count = sys.argv[1:6]
app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SEARCH_INDEX_DIR": index_dir, "SECRET_KEY": "x" * 40})
with app.app_context():
    provider = db.session.get(Provider, int(provider_id))
    for n in range(int(count)):
        make_course(provider, title=f"Opfriscursus {name} {n}")
        db.session.commit()  # each commit writes the index under the one-writer lock
    db.engine.dispose()
"""

HOLDER = """
import sys, time
from registry.search.index import IndexStore

with IndexStore(sys.argv[1]).writer_lock():
    print("locked", flush=True)
    time.sleep(60)
"""


def _python(code: str, *args: str, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", code, *args], cwd=ROOT, env=env, text=True, **kwargs)


def test_two_processes_writing_at_once_lose_nothing(app):
    provider = make_provider()
    db.session.commit()
    sync.rebuild(sync.current_store(), db.engine)
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    index_dir = app.config["SEARCH_INDEX_DIR"]
    writers = [_python(WRITER, url, index_dir, str(provider.id), name, "12") for name in ("een", "twee")]
    assert [writer.wait(timeout=120) for writer in writers] == [0, 0]

    assert db.session.scalar(sa.select(sa.func.count()).select_from(Course)) == 24
    args = service.parse_search_args({"q": "opfriscursus", "per_pagina": 50})
    assert service.search(args, TODAY).total == 24
    report = sync.check(sync.current_store(), db.engine)
    assert not report.drifted and not report.pending


def test_a_lock_held_by_a_killed_process_is_freed(app):
    store = sync.current_store()
    sync.rebuild(store, db.engine)
    holder = _python(HOLDER, str(store.root), stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(IndexBusy), store.writer_lock(timeout=0.2):
            store.write([], [])  # never reached: the other process holds the lock
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
        with store.writer_lock(timeout=5):
            store.write([], [])
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()


def test_searches_keep_working_while_the_index_is_rebuilt(app):
    provider = make_provider()
    for n in range(40):
        make_course(provider, title=f"Interactievaardigheden deel {n}")
    db.session.commit()
    errors: list[BaseException] = []
    totals: list[int] = []
    stop = threading.Event()

    def keep_searching() -> None:
        with app.app_context():
            try:
                while not stop.is_set():
                    args = service.parse_search_args({"q": "interactievaardigheden", "vorm": "classroom"})
                    totals.append(service.search(args, TODAY).total)
            except BaseException as error:
                errors.append(error)
            finally:
                db.session.remove()
                sync.current_store().close()

    reader = threading.Thread(target=keep_searching)
    reader.start()
    try:
        names = set()
        for _ in range(3):
            sync.rebuild(sync.current_store(), db.engine)
            names.add(sync.current_store().current_name())
    finally:
        stop.set()
        reader.join(timeout=60)
    assert errors == []
    assert len(names) == 3
    assert totals and set(totals) == {40}
