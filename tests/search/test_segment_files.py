"""What a worker keeps from a segment is kept beside it and read back equal; searchers are opened ahead."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from flask import Flask

from registry.demo.generator import load_demo_sector
from registry.extensions import db
from registry.search import facets, segment_files, sync
from registry.search.facets import FacetCache, SegmentValues
from tests.search.conftest import TODAY


@pytest.fixture
def indexed(app: Flask, monkeypatch: pytest.MonkeyPatch):
    # The test catalogue is small; eighty courses make a "large" segment here.
    monkeypatch.setattr(segment_files, "MIN_DOCS", 50)
    load_demo_sector(courses=80, seed=5, today=TODAY)
    store = sync.current_store()
    sync.rebuild(store, db.engine)
    return store


def _values_file(store, reader):
    kind = f"values{facets.VALUES_FORMAT}"
    return segment_files.path_for(store.root / store.current_name(), reader.segment().segment_id(), kind)


def _same(first: SegmentValues, second: SegmentValues) -> None:
    for name in ("size", "course_ids", "prices", "published", "starts", "runs", "course_marks", "masks"):
        assert getattr(first, name) == getattr(second, name), name


def test_a_segments_values_are_kept_and_read_back_equal(indexed) -> None:
    store = indexed
    searcher = store.searcher()
    (reader,) = [leaf for leaf, _offset in searcher.reader().leaf_readers()]
    folder = store.root / store.current_name()
    key = store.generation_key(searcher)
    fresh_view = FacetCache().view(searcher, folder, key, TODAY)
    path = _values_file(store, reader)
    assert path.exists()
    kept = segment_files.load_object(path, SegmentValues)
    _same(kept, SegmentValues(reader))
    # A new process reads the file instead of the stored fields, and sees the same catalogue.
    kept_view = FacetCache().view(searcher, folder, key, TODAY)
    assert kept_view.masks == fresh_view.masks
    assert kept_view.course_ids == fresh_view.course_ids
    assert kept_view.next_start == fresh_view.next_start
    # The day-dependent values are derived again for another day, not kept.
    later = FacetCache().view(searcher, folder, key, date(2027, 6, 1))
    assert later.next_start != fresh_view.next_start


def test_a_damaged_or_foreign_file_is_derived_again(indexed) -> None:
    store = indexed
    searcher = store.searcher()
    (reader,) = [leaf for leaf, _offset in searcher.reader().leaf_readers()]
    path = _values_file(store, reader)
    folder = store.root / store.current_name()
    expected = FacetCache().view(searcher, folder, store.generation_key(searcher), TODAY).live
    for content in (b"not a pickle", b"\x80\x05K\x07."):  # garbage, and a pickled 7 (not the values)
        path.write_bytes(content)
        view = FacetCache().view(searcher, folder, store.generation_key(searcher), TODAY)
        assert view.live == expected
        assert segment_files.load_object(path, SegmentValues) is not None  # derived and kept anew


def test_a_spare_searcher_serves_a_new_thread_only_while_it_is_current(indexed) -> None:
    store = indexed
    course_id = int(store.searcher().stored_fields(0)["id"])
    store.open_spares(2)
    spares = [searcher for _name, searcher in store._spares]
    taken: list = []

    def search_in_a_new_thread() -> None:
        taken.append(store.searcher())

    thread = threading.Thread(target=search_in_a_new_thread)
    thread.start()
    thread.join()
    assert taken[0] in spares  # opened ahead, not on this thread's first request
    with store.writer_lock():
        store.write([], [course_id])  # a course leaves the index after the spares were opened
    taken.clear()
    thread = threading.Thread(target=search_in_a_new_thread)
    thread.start()
    thread.join()
    assert taken[0] not in spares  # the remaining spare was out of date: a fresh one was opened
    assert taken[0].document_number(id=str(course_id)) is None
