"""A large segment's term bitsets, kept in a file beside it, say exactly what its postings say."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask

from registry.demo.generator import load_demo_sector
from registry.extensions import db
from registry.search import segment_files, sync, term_masks
from registry.search.facets import mask_of
from registry.search.term_masks import TermMasks, open_masks, path_for
from tests.search.conftest import TODAY


@pytest.fixture
def small_segments_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    # The test catalogue is small; a hundred courses make a "large" segment here.
    monkeypatch.setattr(segment_files, "MIN_DOCS", 50)
    monkeypatch.setattr(term_masks, "MIN_FREQUENCY", 3)


def _indexed(app: Flask, courses: int) -> Path:
    load_demo_sector(courses=courses, seed=11, today=TODAY)
    store = sync.current_store()
    sync.rebuild(store, db.engine)
    return store.root / store.current_name()


def _segments(store) -> list:
    return [leaf for leaf, _offset in store.searcher().reader().leaf_readers()]


def _postings_mask(leaf, field_name: str, term: str) -> int:
    return mask_of(leaf.postings(field_name, term).all_ids()) if (field_name, term) in leaf else 0


def test_a_rebuild_writes_the_bitsets_of_every_frequent_term(app: Flask, small_segments_kept) -> None:
    folder = _indexed(app, courses=120)
    store = sync.current_store()
    (leaf,) = _segments(store)
    masks = open_masks(folder, leaf.segment().segment_id())
    assert masks is not None
    stored = masks._positions
    assert ("id", "1") not in stored  # the course id is looked up, never matched
    assert {field for field, _term in stored} >= {"title", "body", "topics"}
    for field_name, term in stored:
        assert masks.get(field_name, term) == _postings_mask(leaf, field_name, term), (field_name, term)
    # A rare term is not in the file; asked for, the cache reads its postings.
    rare = next(
        (field, text.decode() if isinstance(text, bytes) else text)
        for field in ("title",)
        for text, info in leaf.iter_field(field)
        if info.doc_frequency() < term_masks.MIN_FREQUENCY
    )
    assert masks.get(*rare) is None
    searcher = store.searcher()
    assert TermMasks().mask(searcher, folder, *rare) == _postings_mask(leaf, *rare) != 0


def test_small_segments_get_no_file(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(segment_files, "MIN_DOCS", 500)
    folder = _indexed(app, courses=60)
    assert not list(folder.glob("*.masks"))


def test_a_merge_replaces_the_file_with_the_merged_segments(app: Flask, small_segments_kept) -> None:
    folder = _indexed(app, courses=120)
    store = sync.current_store()
    (before,) = _segments(store)
    old_file = path_for(folder, before.segment().segment_id())
    assert old_file.exists()
    ix = store.open_index()
    ix.optimize()  # Whoosh merges into a new segment and removes the old segment's files
    term_masks.write_missing(ix)
    store.close()
    (after,) = _segments(store)
    assert after.segment().segment_id() != before.segment().segment_id()
    assert not old_file.exists()
    assert path_for(folder, after.segment().segment_id()).exists()


def test_a_damaged_file_is_passed_over_and_the_postings_answer(app: Flask, small_segments_kept) -> None:
    folder = _indexed(app, courses=120)
    store = sync.current_store()
    (leaf,) = _segments(store)
    path = path_for(folder, leaf.segment().segment_id())
    path.write_bytes(b"\x05\x00\x00\x00\x00\x00\x00\x00garbage")
    assert open_masks(folder, leaf.segment().segment_id()) is None
    term = next(text.decode() for text, info in leaf.iter_field("title") if info.doc_frequency() >= 3)
    assert TermMasks().mask(store.searcher(), folder, "title", term) == _postings_mask(leaf, "title", term)


def test_search_answers_the_same_from_the_files_as_from_the_postings(
    app: Flask, small_segments_kept, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = app.test_client()
    queries = ["pedagogisch medewerker", "ehbo", "ouders", "taal baby", "coach", "werken met baby's"]

    def answers() -> list[list[int]]:
        return [
            [hit["id"] for hit in client.get(f"/api/v1/search?q={query}&per_pagina=50").get_json()["hits"]]
            for query in queries
        ]

    folder = _indexed(app, courses=120)
    with_files = answers()
    assert list(folder.glob("*.masks")) and any(with_files)
    # The same catalogue rebuilt without files (new segments, so nothing cached applies).
    monkeypatch.setattr(segment_files, "MIN_DOCS", 10**9)
    store = sync.current_store()
    sync.rebuild(store, db.engine)
    assert not list((store.root / store.current_name()).glob("*.masks"))
    assert answers() == with_files
