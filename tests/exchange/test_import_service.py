"""The file import through its service: preview writes nothing, confirm writes all, twice changes nothing."""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta

import pytest
import sqlalchemy as sa

from registry.audit.models import AuditEvent
from registry.catalogue.enums import CourseStatus
from registry.catalogue.models import Course, CourseRun
from registry.clock import today
from registry.errors import Conflict, InvalidTransition
from registry.exchange import service, upsert
from registry.exchange.reading import UnreadableFile
from registry.extensions import db
from registry.reviews.models import Review
from tests.conftest import count
from tests.exchange.conftest import as_csv, as_xlsx, course_rows
from tests.factories import make_course


def _preview(people, data: bytes):
    return service.preview_import(people.member, people.provider.id, io.BytesIO(data))


def _import(people, data: bytes, **kwargs):
    preview = _preview(people, data)
    return service.confirm_import(people.member, people.provider.id, preview.token, preview.digest, **kwargs)


def _snapshot() -> list[tuple]:
    courses = db.session.execute(
        sa.select(Course.course_code, Course.title, Course.version, Course.price)
    ).all()
    runs = db.session.execute(sa.select(CourseRun.id, CourseRun.starts_on, CourseRun.seats)).all()
    return sorted(map(tuple, courses)) + sorted(map(tuple, runs))


def test_two_thousand_rows_with_three_bad_ones(people, vocabulary) -> None:
    rows = course_rows(400, 5)  # 2,000 rows
    rows[10][12] = "31-02-2027"  # no such date
    rows[777][7] = "gratis"  # no amount
    rows[1999][5] = '=HYPERLINK("http://x")'  # a formula
    data = as_csv(rows)

    preview = _preview(people, data)
    assert [row.line for row in preview.refused] == [12, 779, 2001]  # the header is line 1
    assert "Startdatum" in preview.refused[0].reason and "31-02-2027" in preview.refused[0].reason
    assert "Prijs" in preview.refused[1].reason
    assert "formule" in preview.refused[2].reason
    assert len(preview.created) == 397  # the three courses with a bad row are left out whole
    assert count(Course) == 0 and count(CourseRun) == 0  # nothing written by the preview

    result = service.confirm_import(people.member, people.provider.id, preview.token, preview.digest)
    assert len(result.created) == 397
    assert count(Course) == 397 and count(CourseRun) == 397 * 5
    assert db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "courses.imported"))

    before = _snapshot()
    again = _import(people, data)
    assert (len(again.created), len(again.changed), len(again.unchanged)) == (0, 0, 397)
    assert _snapshot() == before


@pytest.mark.parametrize(
    "encode",
    [
        lambda rows: as_xlsx(rows),
        lambda rows: as_csv(rows, delimiter=";", encoding="cp1252"),
        lambda rows: as_csv(rows, delimiter=";", encoding="utf-8-sig"),
    ],
    ids=["xlsx", "windows-1252-semicolons", "utf-8-bom-semicolons"],
)
def test_other_formats_import_the_same_as_utf8_csv(people, vocabulary, encode) -> None:
    rows = course_rows(6, 3)
    rows[4][12] = "2027-03-01"  # ISO dates as well
    rows[4][13] = "2027-03-01"
    _import(people, as_csv(rows))
    from_utf8 = _snapshot()
    second = _import(people, encode(rows))
    assert (len(second.created), len(second.changed), len(second.refused)) == (0, 0, 0)
    assert _snapshot() == from_utf8
    assert db.session.scalar(sa.select(Course.title).where(Course.course_code == "K-00001")).startswith(
        "Café"
    )


def test_changed_row_of_a_published_course_opens_a_change_review(people, vocabulary) -> None:
    rows = course_rows(1, 2)
    _import(people, as_csv(rows))
    course = db.session.scalar(sa.select(Course))
    course.status = CourseStatus.PUBLISHED
    db.session.commit()
    rows[0][1] = rows[1][1] = "Een nieuwe titel voor deze training"
    preview = _preview(people, as_csv(rows))
    assert [plan.opens_review for plan in preview.changed] == [True]
    service.confirm_import(people.member, people.provider.id, preview.token, preview.digest)
    db.session.expire_all()
    review = db.session.scalar(sa.select(Review).where(Review.course_id == course.id))
    assert review.proposal["title"] == "Een nieuwe titel voor deze training"
    assert db.session.get(Course, course.id).title != "Een nieuwe titel voor deze training"  # public stays
    # the same file again: the proposal already says this, so nothing changes
    assert len(_preview(people, as_csv(rows)).unchanged) == 1


def test_a_course_under_review_is_refused_with_its_line(people, vocabulary) -> None:
    rows = course_rows(1, 1)
    _import(people, as_csv(rows), submit_new=True)
    assert db.session.scalar(sa.select(Review.state)).value == "submitted"
    rows[0][1] = "Een andere titel terwijl de beoordeling loopt"
    preview = _preview(people, as_csv(rows))
    assert [(row.line, "beoordeeld" in row.reason) for row in preview.refused] == [(2, True)]


def test_runs_are_matched_so_unchanged_runs_keep_their_ids(people, vocabulary) -> None:
    rows = course_rows(1, 3)
    _import(people, as_csv(rows))
    ids = sorted(db.session.scalars(sa.select(CourseRun.id)))
    rows[1][17] = "20"  # more seats on the second run
    del rows[2]  # the third run is cancelled
    preview = _preview(people, as_csv(rows))
    assert [(p.runs_changed, p.runs_removed, p.runs_added) for p in preview.changed] == [(1, 1, 0)]
    service.confirm_import(people.member, people.provider.id, preview.token, preview.digest)
    assert sorted(db.session.scalars(sa.select(CourseRun.id))) == ids[:2]


def test_confirming_a_stale_preview_changes_nothing(people, vocabulary) -> None:
    rows = course_rows(2, 1)
    preview = _preview(people, as_csv(rows))
    make_course(people.provider, course_code="K-00000", status=CourseStatus.DRAFT)
    db.session.commit()
    with pytest.raises(Conflict):
        service.confirm_import(people.member, people.provider.id, preview.token, preview.digest)
    assert count(Course) == 1


def test_another_provider_cannot_confirm_or_read_an_upload(people, vocabulary) -> None:
    preview = _preview(people, as_csv(course_rows(1, 1)))
    from registry.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        service.confirm_import(people.other_member, people.provider.id, preview.token, preview.digest)
    assert count(Course) == 0


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (64 * 1024 * 1024))
    return buffer.getvalue()


BAD_FILES = {
    "empty": b"",
    "binary": bytes(range(256)) * 64,
    "zip bomb as xlsx": None,  # built on demand: 64 MB of zeros in some 60 KB
    "one cell of 1 MB": as_csv([["K-1", "x" * 1_000_000]]),
    "header only": as_csv([]),
    "not our columns": b"naam,prijs\nA,1\n",
    "broken xlsx": b"PK\x03\x04" + b"rubbish" * 100,
    "invalid windows-1252": b"Code,Titel\r\nK-1,Caf" + b"\x81\x8d\r\n",
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_bad_files_are_refused_clearly(people, vocabulary, name: str) -> None:
    data = BAD_FILES[name] if BAD_FILES[name] is not None else _zip_bomb()
    with pytest.raises(UnreadableFile) as refused:
        _preview(people, data)
    assert refused.value.message and refused.value.status == 422
    assert count(Course) == 0


def test_withdrawn_course_row_is_refused(people, vocabulary) -> None:
    make_course(people.provider, course_code="K-00000", status=CourseStatus.WITHDRAWN)
    db.session.commit()
    preview = _preview(people, as_csv(course_rows(1, 1)))
    assert [row.line for row in preview.refused] == [2]
    with pytest.raises(InvalidTransition):
        raise InvalidTransition(preview.refused[0].reason)


def test_a_new_course_with_only_past_runs_is_imported_as_a_draft_not_submitted(people, vocabulary) -> None:
    ahead, past = course_rows(1, 1), course_rows(2, 1, start=today() - timedelta(days=60))[1:]
    result = _import(people, as_csv(ahead + past), submit_new=True)
    assert (result.submitted, result.not_submitted) == (1, 1)
    assert count(Course) == 2 and count(Review) == 1


def test_a_file_written_in_several_batches_audits_and_logs_every_course(
    people, vocabulary, monkeypatch
) -> None:
    from registry.ooapi.identifiers import record_uuid
    from registry.search.models import SearchLogEntry

    monkeypatch.setattr(upsert, "FLUSH_EVERY", 4)  # 10 courses: three batches
    rows = course_rows(10, 2)
    _import(people, as_csv(rows))
    courses = {c.course_code: c for c in db.session.scalars(sa.select(Course))}
    assert len(courses) == 10
    created = set(
        db.session.scalars(sa.select(AuditEvent.subject_id).where(AuditEvent.action == "course.created"))
    )
    assert created == {str(course.id) for course in courses.values()}
    for code, course in courses.items():
        if int(code[2:]) < 5:
            course.status = CourseStatus.PUBLISHED
    db.session.commit()
    logged_before = db.session.scalar(sa.select(sa.func.max(SearchLogEntry.id)))

    for line, row in enumerate(rows):
        row[7] = "159,50"  # another price on every course
        if line % 2:
            row[12] = row[13] = "01-01-2099"  # and its second run moved
    result = _import(people, as_csv(rows))
    assert (len(result.created), len(result.changed)) == (0, 10)
    db.session.expire_all()
    for course in courses.values():
        course = db.session.get(Course, course.id)
        events = set(
            db.session.scalars(sa.select(AuditEvent.action).where(AuditEvent.subject_id == str(course.id)))
        )
        assert {"course.updated", "course.runs_imported"} <= events
        review = db.session.scalar(sa.select(Review).where(Review.course_id == course.id))
        if course.status is CourseStatus.PUBLISHED:  # the public course stays; the change awaits review
            assert str(course.price) == "149.50" and review.proposal["price"] == "159.50"
        else:
            assert str(course.price) == "159.50" and review is None
        assert course.uuid == record_uuid("course", course.id)
        assert [run.uuid for run in course.runs] == [record_uuid("offering", run.id) for run in course.runs]
    logged = set(
        db.session.scalars(sa.select(SearchLogEntry.course_id).where(SearchLogEntry.id > logged_before))
    )
    assert logged == {course.id for course in courses.values()}  # search and feed follow every course
