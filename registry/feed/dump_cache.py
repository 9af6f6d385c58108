"""Dumps kept on disk per version, so only the first download after a change pays for building one.

The first request for a version streams the dump as it is built and writes it alongside; once complete,
the file is renamed into place (atomically) and later requests for that version stream the file.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

CHUNK = 64 * 1024


def _path(directory: Path, name: str, version: str) -> Path:
    digest = hashlib.sha256(version.encode()).hexdigest()[:24]
    return directory / f"{name}.{digest}"


def _read(path: Path) -> Iterator[bytes]:
    with path.open("rb") as source:
        while chunk := source.read(CHUNK):
            yield chunk


def _build(path: Path, name: str, produce: Callable[[], Iterator[str]]) -> Iterator[bytes]:
    # A private temporary name: two workers building the same version at once do not collide.
    partial = path.with_name(f"{path.name}.{os.getpid()}.{uuid.uuid4().hex}.partial")
    with partial.open("wb") as target:
        try:
            for line in produce():
                data = line.encode()
                target.write(data)
                yield data
        except BaseException:  # includes the client going away (GeneratorExit): keep no half dump
            partial.unlink(missing_ok=True)
            raise
    os.replace(partial, path)
    for old in path.parent.glob(f"{name}.*"):
        if old != path and not old.name.endswith(".partial"):
            old.unlink(missing_ok=True)  # readers still streaming an old file keep their open handle


def cached_dump(
    directory: Path, name: str, version: str, produce: Callable[[], Iterator[str]]
) -> Iterator[bytes]:
    """The dump ``name`` at ``version``: from its file if built before, else built now and kept."""
    directory.mkdir(parents=True, exist_ok=True)
    path = _path(directory, name, version)
    if path.exists():
        return _read(path)
    return _build(path, name, produce)
