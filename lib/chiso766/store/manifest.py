"""Which raw files a stored period was built from, and whether they are still the files in
data/raw: the one place that decides which files of a raw folder count (ingest reads exactly
these) and whether a stored period is current.

A manifest lists each counted file by name and SHA-256. A period is current when its raw folder
holds the same files with the same contents; otherwise it must be ingested again before anything
reads it (loading never ingests by itself)."""

from __future__ import annotations

import functools
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from chiso766.store.captures import current as current_capture

# Files that are never exports: hidden files, Office lock files ("~$Bảng.xlsx"), LibreOffice
# lock files (".~lock.Bảng.xlsx#"). A name like "~ghi chu.csv" is an ordinary file.
IGNORED_PREFIXES = (".", "~$", ".~lock")
# The one sub-folder whose files count: `chiso766 fetch` keeps the indicator-level answers of
# the 2026 API there (`chi_tieu/portal_new_transparency.p1.json`); any other sub-folder of a raw
# folder is not read (an analyst's "cu/" of older downloads stays out of the period).
ANSWER_FOLDER = "chi_tieu"


def counts(name: str) -> bool:
    """Whether a file of a raw folder is read as an export."""
    return not name.startswith(IGNORED_PREFIXES)


def name_of(path: Path) -> str:
    """A counted file's name within its raw folder: `x.json`, or `chi_tieu/x.json`."""
    return f"{ANSWER_FOLDER}/{path.name}" if path.parent.name == ANSWER_FOLDER else path.name


def raw_files(folder: Path) -> tuple[list[Path], list[Path]]:
    """(counted, ignored) files of a raw folder, by name (ANSWER_FOLDER's files after it)."""
    answers = folder / ANSWER_FOLDER
    present = sorted(p for p in folder.iterdir() if p.is_file())
    if answers.is_dir() and not answers.is_symlink():
        present += sorted(p for p in answers.iterdir() if p.is_file())
    return [p for p in present if counts(p.name)], [p for p in present if not counts(p.name)]


def escapes(path: Path) -> bool:
    """A link in data/raw/<period>/ to a file outside the project: refused by name, never read
    (a shared folder must not let an export pull in any file the user can read)."""
    if not path.is_symlink():
        return False
    folder = path.parent.parent if path.parent.name == ANSWER_FOLDER else path.parent
    root = folder.parents[1].resolve()  # data/raw/<period>/ -> data
    return not path.resolve().is_relative_to(root)


def file_entry(path: Path) -> dict:
    """The file's name and SHA-256 (a link leading out of the project, or a file that cannot
    be read, is recorded by what it is: reading it says why)."""
    if escapes(path):
        return {"name": name_of(path), "sha256": f"link:{os.readlink(path)}"}
    try:
        stat = path.stat()
        digest = _sha256(str(path), stat.st_ino, stat.st_size, stat.st_mtime_ns)
    except OSError as exc:
        digest = f"unreadable:{exc.errno}"
    return {"name": name_of(path), "sha256": digest}


@functools.lru_cache(maxsize=1024)
def _sha256(path: str, inode: int, size: int, mtime_ns: int) -> str:
    """A file's SHA-256, computed once per version of the file: the freshness check, the
    ingest's manifest and every loader of a run ask for the same files (keyed like
    parquet.read_table: a rewritten or replaced file has another inode, size or mtime)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


# The stored tables' format: a period stored in another format (before a column was added to a
# clean table) is not current, so it is ingested again rather than read without the column.
FORMAT = 2  # 2: scores' `series` and `national_average`


def read_manifest(folder: Path) -> dict | None:
    path = folder / "manifest.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


@dataclass(frozen=True)
class State:
    """A period's raw folder against its stored tables."""

    key: str
    has_raw: bool
    stored: bool
    current: bool  # stored from exactly the raw files now present

    @property
    def needs_ingest(self) -> bool:
        return self.has_raw and not self.current


def state(raw: Path, processed: Path, key: str) -> State:
    """Whether data/processed/<key> is current with data/raw/<key>."""
    folder = current_capture(raw, key)
    manifest = read_manifest(processed / key)
    if not folder.is_dir():
        return State(key, False, manifest is not None, manifest is not None)
    if manifest is None:
        return State(key, True, False, False)
    present = [file_entry(p) for p in raw_files(folder)[0]]
    same_format = manifest.get("format") == FORMAT
    return State(key, True, True, same_format and same_files(manifest["files"], present))


def same_files(recorded: list[dict], present: list[dict]) -> bool:
    """Whether two lists of file entries name the same files with the same contents: the one
    comparison behind "current" and the "month.replaced" note (a renamed file counts)."""

    def pairs(entries: list[dict]) -> list[tuple[str, str]]:
        return sorted((e["name"], e["sha256"]) for e in entries)

    return pairs(recorded) == pairs(present)
