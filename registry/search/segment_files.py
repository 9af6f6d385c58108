"""Files kept beside a Whoosh segment with what is derived from it once, so no process derives it again.

A segment never changes after its commit (deletions are kept apart), so whatever is computed from it
holds for its whole life. Such a file is named like the segment's own files (``MAIN_<id>.<kind>``), so
Whoosh removes it together with the segment when a merge replaces it. A file is written under a private
name and renamed into place: a reader sees no file or a whole one, and two processes writing the same
file at once only repeat each other's work.
"""

from __future__ import annotations

import logging
import os
import pickle
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

# Smaller segments are read from the index quickly enough; files are kept for larger ones only.
MIN_DOCS = 2000


def path_for(folder: str | os.PathLike[str], segment_id: str, kind: str) -> Path:
    """Where the ``kind`` file of segment ``segment_id`` of the index in ``folder`` is kept."""
    return Path(folder) / f"{segment_id}.{kind}"


def write(path: Path, chunks: Iterable[bytes]) -> None:
    """Write ``chunks`` to ``path`` atomically."""
    partial = path.with_name(f".{path.name}.{uuid.uuid4().hex}")
    try:
        with partial.open("wb") as target:
            for chunk in chunks:
                target.write(chunk)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def save_object(path: Path, value: Any) -> None:
    """Keep ``value`` in ``path``; a failure (a full disk, a read-only index) is logged, not raised."""
    try:
        write(path, [pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)])
    except OSError:
        log.warning("could not keep %s", path, exc_info=True)


def load_object(path: Path, expected: type) -> Any | None:
    """The ``expected`` object kept in ``path``; None when there is none or it is unreadable."""
    try:
        value = pickle.loads(path.read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, EOFError, ValueError, TypeError, AttributeError, pickle.UnpicklingError):
        log.warning("%s unreadable; derived again from the index", path, exc_info=True)
        return None
    return value if isinstance(value, expected) else None
