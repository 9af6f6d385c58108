"""Dumps kept on disk per version, so a download after a change costs little.

The first download of a version streams the dump as it is made and writes it alongside; once complete,
the file is renamed into place (atomically) and later downloads of that version stream the file. When
an older version is on disk and the dump knows how to ``refresh`` it, the new version is made from the old
file plus the records that changed since it was made, instead of from the whole database.
"""

from __future__ import annotations

import hashlib
import logging
import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

CHUNK = 64 * 1024
log = logging.getLogger(__name__)
PARTIAL = ".partial"


@dataclass(frozen=True)
class Refresh:
    """How to bring an older dump up to date, line by line, in id order."""

    changed_since: Callable[[datetime], set[int]]  # ids of records changed (or gone) after an instant
    lines_for: Callable[[set[int]], Iterator[str]]  # the current lines of those still present, by id
    line_id: Callable[[str], int]  # the id a line is about


def _digest(version: str) -> str:
    return hashlib.sha256(version.encode()).hexdigest()[:24]


def _finished(directory: Path, name: str) -> list[tuple[datetime, Path]]:
    """Complete dumps of ``name`` on disk with the instant each was made as of, newest first."""
    found = []
    for path in directory.glob(f"{name}.*.*"):
        if path.name.endswith(PARTIAL):
            continue
        micros = path.name.rsplit(".", 1)[-1]
        if micros.isdigit():
            found.append((datetime.fromtimestamp(int(micros) / 1e6, UTC), path))
    return sorted(found, reverse=True)


def _read(path: Path) -> Iterator[bytes]:
    with path.open("rb") as source:
        while chunk := source.read(CHUNK):
            yield chunk


def _refreshed(previous: Path, since: datetime, refresh: Refresh) -> Iterator[str]:
    """The lines of ``previous`` with every record changed since ``since`` replaced or dropped."""
    changed = refresh.changed_since(since)
    fresh = refresh.lines_for(changed)
    pending = next(fresh, None)
    with previous.open(encoding="utf-8") as old:
        for line in old:
            line_id = refresh.line_id(line)
            while pending is not None and refresh.line_id(pending) < line_id:
                yield pending
                pending = next(fresh, None)
            if line_id not in changed:
                yield line
    while pending is not None:
        yield pending
        pending = next(fresh, None)


def _write(path: Path, name: str, lines: Iterator[str], expected_lines: int | None) -> Iterator[bytes]:
    # A private temporary name: two workers making the same version at once do not collide.
    partial = path.with_name(f"{path.name}.{os.getpid()}.{uuid.uuid4().hex}{PARTIAL}")
    written = 0
    with partial.open("wb") as target:
        try:
            # Lines go out in chunks: a write and a response chunk per line cost as much as making them.
            pending: list[bytes] = []
            size = 0
            for line in lines:
                data = line.encode()
                pending.append(data)
                size += len(data)
                written += 1
                if size >= CHUNK:
                    chunk = b"".join(pending)
                    pending.clear()
                    size = 0
                    target.write(chunk)
                    yield chunk
            if pending:
                chunk = b"".join(pending)
                target.write(chunk)
                yield chunk
        except BaseException:  # includes the client going away (GeneratorExit): keep no half dump
            partial.unlink(missing_ok=True)
            raise
    if expected_lines is not None and written != expected_lines:
        # A change that bypassed tracking (a Core delete, say) left the old file wrong: start afresh.
        log.warning("Dump %s has %d lines, expected %d; not kept.", name, written, expected_lines)
        partial.unlink(missing_ok=True)
        for _made, old in _finished(path.parent, name):
            old.unlink(missing_ok=True)
        return
    os.replace(partial, path)
    for _made, old in _finished(path.parent, name):
        if old != path:
            old.unlink(missing_ok=True)  # readers still streaming an old file keep their open handle


def cached_dump(
    directory: Path,
    name: str,
    version: str,
    build: Callable[[], Iterator[str]],
    *,
    as_of: datetime,
    refresh: Refresh | None = None,
    expected_lines: int | None = None,
) -> Iterator[bytes]:
    """The dump ``name`` at ``version``: its file if made before, else made now (from an older file when
    ``refresh`` allows) and kept if it has ``expected_lines``. ``as_of`` precedes any change it may miss.
    """
    directory.mkdir(parents=True, exist_ok=True)
    digest = _digest(version)
    on_disk = _finished(directory, name)
    for _made, path in on_disk:
        if path.name.startswith(f"{name}.{digest}."):
            return _read(path)
    path = directory / f"{name}.{digest}.{int(as_of.timestamp() * 1e6)}"
    if refresh is not None and on_disk:
        made, previous = on_disk[0]
        return _write(path, name, _refreshed(previous, made, refresh), expected_lines)
    return _write(path, name, build(), expected_lines)
