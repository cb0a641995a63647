"""One run per month at a time: a second run of the same month waits, for a bounded time, for
the first to finish, then stops with a clear message; it never interleaves its writes with the
first, nor goes on with another month in its place."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from chiso766.errors import DataError
from chiso766.messages import msg

_LOCKS: dict[Path, FileLock] = {}
_GUARD = threading.Lock()


@contextmanager
def month_lock(folder: Path, month: str, wait: float = 0) -> Iterator[None]:
    """Hold the month's lock (re-entrant within a process: a report that ingests keeps it).
    Held by another run: say so on stderr, wait up to `wait` seconds (the `lock_wait` setting),
    then stop with DataError "month.locked"."""
    path = folder / ".locks" / f"{month}.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with _GUARD:
        lock = _LOCKS.setdefault(path, FileLock(str(path), thread_local=False))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if wait <= 0:
            raise DataError.of("month.locked", month=month, seconds=0) from None
        print(msg("month.lock_wait", month=month, seconds=int(wait)), file=sys.stderr, flush=True)
        try:
            lock.acquire(timeout=wait)
        except Timeout:
            raise DataError.of("month.locked", month=month, seconds=int(wait)) from None
    try:
        yield
    finally:
        lock.release()
