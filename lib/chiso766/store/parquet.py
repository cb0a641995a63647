"""Clean tables on disk: data/processed/<month>/ holds one Parquet file per table, the quality
report and a manifest. A month is written to a temporary folder and swapped in whole (`swap_in`,
which the reports use too), so a failed or killed run leaves the previous complete month (or
none), never a half-written one."""

from __future__ import annotations

import functools
import json
import os
import shutil
import tempfile
import threading
from pathlib import Path

import pandas as pd


def recover(target: Path) -> None:
    """Finish what a killed run left (called under the month's lock): the old copy comes back if
    the new one is absent, and unfinished temporary folders are removed."""
    for old in target.parent.glob(f".{target.name}.old-*"):
        if target.exists():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.rename(target)
    for unfinished in target.parent.glob(f".{target.name}.new-*"):
        shutil.rmtree(unfinished, ignore_errors=True)


def new_folder(parent: Path, prefix: str) -> Path:
    """A fresh temporary folder in `parent` with the permissions any folder the user makes
    gets (the umask), not the 0700 of a temporary directory: once swapped in, it is the month's
    folder, which colleagues on a shared drive must be able to open."""
    tmp = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    tmp.chmod(0o777 & ~_umask())
    return tmp


def _umask() -> int:
    try:  # Linux says it without changing it
        status = Path("/proc/self/status").read_text()
        return int(next(x for x in status.splitlines() if x.startswith("Umask:")).split()[1], 8)
    except (OSError, StopIteration, ValueError, IndexError):
        pass
    with _UMASK_GUARD:  # reading the umask means setting it: no other thread in between
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


_UMASK_GUARD = threading.Lock()


def write_month(
    folder: Path, tables: dict[str, pd.DataFrame], quality: pd.DataFrame, manifest: dict
) -> None:
    folder.parent.mkdir(parents=True, exist_ok=True)
    recover(folder)
    tmp = new_folder(folder.parent, f".{folder.name}.new-")
    try:
        for name, frame in tables.items():
            frame.to_parquet(tmp / f"{name}.parquet", index=False)
        quality.to_parquet(tmp / "quality.parquet", index=False)
        (tmp / "manifest.json").write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2, default=str), encoding="utf-8"
        )
        swap_in(tmp, folder)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def swap_in(tmp: Path, target: Path) -> None:
    """Put a finished folder in place of `target`: flushed to disk, then two renames, so a reader
    sees the old complete folder or the new complete one (a run killed between the renames is
    finished by the next one, see `recover`)."""
    for f in tmp.rglob("*"):
        if f.is_file():
            with open(f, "rb") as fh:
                os.fsync(fh.fileno())
    if target.exists():
        old = target.parent / f".{target.name}.old-{os.getpid()}"
        target.rename(old)
        tmp.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        tmp.rename(target)


def read_table(folder: Path, name: str) -> pd.DataFrame:
    """A processed table. A kernel that builds month after month reads each file once: the
    cache is keyed by the file's identity (inode, size, mtime), which `swap_in` changes whenever
    a month is re-ingested, and callers get a shallow copy (copy-on-write keeps it intact)."""
    path = folder / f"{name}.parquet"
    try:
        stat = path.stat()
    except FileNotFoundError:
        return pd.DataFrame()
    return _read_parquet(str(path), stat.st_ino, stat.st_size, stat.st_mtime_ns).copy(deep=False)


@functools.lru_cache(maxsize=256)
def _read_parquet(path: str, inode: int, size: int, mtime_ns: int) -> pd.DataFrame:
    return pd.read_parquet(path)


def concat(frames: list[pd.DataFrame], table: str | None = None) -> pd.DataFrame:
    """Frames of one table joined, with text columns as `str` and orders as nullable integers;
    with no rows at all, an empty table with its columns: a stored empty table's own (ingest
    writes them), else those its schema declares (`table`, a key of store/schemas.TABLE_SCHEMAS,
    imported only then: loading a stored month needs no pandera)."""
    given = frames
    frames = [f for f in frames if not f.empty]
    if not frames:
        stored = next((f for f in given if len(f.columns)), None)
        if stored is not None:
            return stored.iloc[:0]
        if table is None:
            return pd.DataFrame()
        from chiso766.store.schemas import TABLE_SCHEMAS

        schema = TABLE_SCHEMAS.get(table)
        return pd.DataFrame(columns=list(schema.columns) if schema is not None else [])
    frame = pd.concat(frames, ignore_index=True)
    for column in frame.columns:
        if (
            frame[column].dtype == object
            and frame[column].map(lambda v: isinstance(v, str) or pd.isna(v)).all()
        ):
            frame[column] = frame[column].astype("str")
    if "official_order" in frame:
        frame["official_order"] = frame["official_order"].astype("Int64")
    return frame
