"""The restore drill: write, back up, write more, restore; the registry equals the backup again.

It runs on its own embedded SQLite registry, whatever database the rest of the suite uses."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from registry import create_app
from registry.backups import service
from registry.catalogue.models import CourseStatus
from registry.errors import ValidationFailed
from registry.extensions import db
from registry.search import sync
from tests.factories import make_course, make_provider


@pytest.fixture
def sqlite_app(tmp_path: Path):
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'registry.db'}",
            "SEARCH_INDEX_DIR": str(tmp_path / "index"),
            "REGISTRY_BACKUP_DIR": str(tmp_path / "backups"),
            "SECRET_KEY": "drill-secret-key-that-is-long-enough-for-anything",
        }
    )
    with app.app_context():
        upgrade()
        yield app
        sync.current_store().close()
        db.session.remove()
        db.engine.dispose()


def _publish(provider, title: str) -> None:
    make_course(provider, title=title, status=CourseStatus.PUBLISHED)
    db.session.commit()


def test_restore_brings_back_exactly_the_backup_and_an_index_that_matches(sqlite_app):
    provider = make_provider(name="Academie Kindwijs")
    for n in range(5):
        _publish(provider, f"Kinder-EHBO {n}")
    backup = service.make_backup()
    with sqlite3.connect(backup) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    backup_sums = service.table_checksums(sa.create_engine(f"sqlite:///{backup}"))

    for n in range(3):
        _publish(provider, f"Later {n}")
    assert service.table_checksums(db.engine)["course"] != backup_sums["course"]

    before, indexed = service.restore(backup)
    restored = service.table_checksums(db.engine)
    audit = restored.pop("audit_event")
    backup_audit = backup_sums.pop("audit_event")
    assert restored == backup_sums  # every other table: same rows, same checksum
    assert restored["course"][0] == 5
    assert audit[0] == backup_audit[0] + 1  # plus the restore itself, audited
    assert before.exists() and "voor-herstel" in before.name
    assert indexed == 5
    report = sync.check(sync.current_store(), db.engine)
    assert not report.drifted and not report.pending


def test_restore_refuses_what_is_not_a_registry_backup(sqlite_app, tmp_path):
    provider = make_provider()
    _publish(provider, "Blijft staan")
    sums = service.table_checksums(db.engine)
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"dit is geen database")
    other = tmp_path / "other.sqlite3"
    sqlite3.connect(other).execute("CREATE TABLE x (id INTEGER)").connection.close()
    for path, message in (
        (junk, "geen SQLite-database"),
        (other, "geen reservekopie"),
        (tmp_path / "nee", "bestaat niet"),
    ):
        with pytest.raises(ValidationFailed, match=message):
            service.restore(path)
    assert service.table_checksums(db.engine) == sums  # nothing changed


def test_restore_command(sqlite_app):
    _publish(make_provider(), "Kinder-EHBO")
    backup = service.make_backup()
    result = sqlite_app.test_cli_runner().invoke(args=["backup", "restore", str(backup), "--yes"])
    assert result.exit_code == 0 and "Zoekindex opnieuw opgebouwd: 1 opleidingen" in result.output
    bad = sqlite_app.test_cli_runner().invoke(args=["backup", "restore", "/nergens.sqlite3", "--yes"])
    assert bad.exit_code == 1 and "bestaat niet" in bad.output


def test_rotation_keeps_seven_daily_and_four_weekly(tmp_path):
    start = datetime(2026, 9, 1, 1, 30, tzinfo=UTC)
    for day in range(60):
        for hour in (0, 12):  # two a day: only the newest of a day counts as that day's
            taken = start + timedelta(days=day, hours=hour)
            (tmp_path / f"registry-{taken:%Y%m%dT%H%M%SZ}.sqlite3").touch()
    (tmp_path / "registry-20260901T000000Z-voor-herstel.sqlite3").touch()
    service.rotate(tmp_path)
    kept = sorted(p.name for p in tmp_path.iterdir())
    daily = [name for name in kept if name >= "registry-20261024"]
    assert len(daily) == 7 and all("T133000Z" in name for name in daily)
    weekly = [name for name in kept if name < "registry-20261024" and "herstel" not in name]
    # Sundays, the newest of each of the four ISO weeks before the seven days.
    assert weekly == [f"registry-2026{md}T133000Z.sqlite3" for md in ("0927", "1004", "1011", "1018")]
    assert "registry-20260901T000000Z-voor-herstel.sqlite3" in kept  # labelled: left to the operator


def test_a_rotation_another_host_did_first_is_no_failure(tmp_path, monkeypatch):
    start = datetime(2026, 9, 1, 1, 30, tzinfo=UTC)
    for day in range(20):
        (tmp_path / f"registry-{start + timedelta(days=day):%Y%m%dT%H%M%SZ}.sqlite3").touch()
    listed = sorted(tmp_path.glob("registry-*.sqlite3"))  # this host looks at the shared folder ...
    removed = service.rotate(tmp_path)  # ... while another host's backup rotates it
    assert removed
    monkeypatch.setattr(Path, "glob", lambda self, pattern: iter(listed))
    assert service.rotate(tmp_path) == []  # the same choice, already carried out
    assert all(path.exists() == (path not in removed) for path in listed)
