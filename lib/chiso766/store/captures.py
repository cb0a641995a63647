"""Dated captures of a period's raw folder.

The portal revises its figures, and a running month or a year-to-date is provisional, so the
same period may be exported on several days. Each export day is a folder of its own:

    data/raw/2025-10-ytd/              an export with no stated capture date
    data/raw/2025-10-ytd@2025-10-16/   captured on 16/10/2025
    data/raw/2025-10-ytd@2025-11-02/   captured on 02/11/2025 (the newest: the period's data)

The newest dated capture is the period's data; a folder without a date counts as older than any
dated one (it is what was there before captures were kept). Earlier captures stay readable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from chiso766.reference.periods import KEY_RE

SEPARATOR = "@"
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}\Z", re.ASCII)


@dataclass(frozen=True, order=True)
class Capture:
    """One raw folder of a period: its capture date (None for an undated folder) and path."""

    captured: date | None
    folder: Path

    @property
    def key(self) -> str:
        return self.folder.name.split(SEPARATOR, 1)[0]


def parse_folder(folder: Path) -> Capture | None:
    """The capture a folder of data/raw holds, or None when its name is no period key
    (`2024-06`, `2025-10-ytd@2025-10-16`)."""
    key, _, stamp = folder.name.partition(SEPARATOR)
    if not KEY_RE.match(key):
        return None
    if not stamp:
        return Capture(None, folder)
    if not _DATE_RE.match(stamp):
        return None
    try:
        return Capture(date.fromisoformat(stamp), folder)
    except ValueError:
        return None


def folder_name(key: str, captured: date) -> str:
    """The folder a capture of `key` taken on `captured` is written to."""
    return f"{key}{SEPARATOR}{captured.isoformat()}"


def all_captures(raw: Path) -> dict[str, list[Capture]]:
    """Every period of data/raw with its captures, oldest first (undated first)."""
    found: dict[str, list[Capture]] = {}
    if raw.is_dir():
        for folder in raw.iterdir():
            capture = parse_folder(folder) if folder.is_dir() else None
            if capture is not None:
                found.setdefault(capture.key, []).append(capture)
    return {
        key: sorted(caps, key=lambda c: (c.captured is not None, c.captured or date.min))
        for key, caps in sorted(found.items())
    }


def captures(raw: Path, key: str) -> list[Capture]:
    """The captures of one period, oldest first."""
    return all_captures(raw).get(key, [])


def current(raw: Path, key: str) -> Path:
    """The folder that is the period's data: its newest capture (data/raw/<key> when none)."""
    found = captures(raw, key)
    return found[-1].folder if found else raw / key
