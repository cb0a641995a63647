"""One run per month at a time: a second run of the same month stops at once with a clear
message instead of interleaving its writes with the first."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from chiso766.errors import DataError

_LOCKS: dict[Path, FileLock] = {}
_GUARD = threading.Lock()


@contextmanager
def month_lock(folder: Path, month: str) -> Iterator[None]:
    """Hold the month's lock (re-entrant within a process: a report that ingests keeps it)."""
    path = folder / ".locks" / f"{month}.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with _GUARD:
        lock = _LOCKS.setdefault(path, FileLock(str(path), thread_local=False))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise DataError.of("month.locked", month=month) from None
    try:
        yield
    finally:
        lock.release()
