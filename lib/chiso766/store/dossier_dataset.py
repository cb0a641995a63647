"""Dossier-level records on disk and the Biểu 06 they add up to, through DuckDB.

The records of a month live apart from the month's folder, as one partition of a Hive-style
Parquet dataset: data/processed/dossiers/year=YYYY/month=MM/part-0.parquet. A partition is
written by the month's ingest (under the month's lock, before the month's own folder, whose
manifest names it) to a temporary folder and swapped in whole (`parquet.swap_in`), so a reader
sees the previous complete partition or the new one. DuckDB reads the dataset in place: a query
on one month opens one partition; a query on a year or a country streams every partition with
the memory limit set in `connect` (spilling to disk beyond it).

`bieu06_sql` is the one definition of how Biểu 06 follows from records (dates compared by day):
- carried over: received before the period and still open at its start (open, or finished on or
  after the start); received in the period: received within it, by channel (postal with direct);
- resolved: finished within the period; early: finished before the due date; late: after it;
  on time: on the due date, or no due date;
- pending: received by the end and open at the end (or finished after it); overdue: due before
  the end, unless the dossier waits for the citizen's supplement at the end (the clock stops);
  within: the others, and those without a due date;
- only statuses grouped `open` or `resolved` count (reference/statuses.py); returned (withdrawn,
  stopped) and not-received dossiers are in no column.
"""

from __future__ import annotations

import contextlib
import shutil
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from chiso766.store.fields import COUNT_FIELDS
from chiso766.store.parquet import new_folder, recover, swap_in

FOLDER = "dossiers"
PART = "part-0.parquet"


def root(processed: Path) -> Path:
    return processed / FOLDER


def partition(processed: Path, month: str) -> Path:
    """The folder of a month's records ("2024-06" -> dossiers/year=2024/month=06)."""
    year, number = month.split("-")
    return root(processed) / f"year={year}" / f"month={number}"


def write_partition(processed: Path, month: str, frame: pd.DataFrame) -> Path | None:
    """Put a month's records in place, whole (none: the month's partition is removed, so a month
    re-ingested without its lists does not keep stale ones). Returns the partition, or None."""
    target = partition(processed, month)
    target.parent.mkdir(parents=True, exist_ok=True)
    recover(target)
    if frame.empty:
        if target.exists():
            old = new_folder(target.parent, f".{target.name}.old-")
            old.rmdir()
            target.rename(old)
            shutil.rmtree(old, ignore_errors=True)
        return None
    tmp = new_folder(target.parent, f".{target.name}.new-")
    try:
        frame.to_parquet(tmp / PART, index=False, row_group_size=1_000_000)
        swap_in(tmp, target)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return target


def connect(
    memory_limit: str | None = None, threads: int | None = None, spill: Path | None = None
) -> duckdb.DuckDBPyConnection:
    """An in-process DuckDB connection; a memory limit makes large queries spill to `spill`."""
    config: dict[str, str | bool | int | float | list[str]] = {"preserve_insertion_order": False}
    if memory_limit:
        config["memory_limit"] = memory_limit
    if threads:
        config["threads"] = int(threads)
    if spill:
        spill.mkdir(parents=True, exist_ok=True)
        config["temp_directory"] = spill.as_posix()
    # settings given when connecting: in a notebook without ipywidgets (for DuckDB's progress
    # bar) a SET on a connection made without them fails
    con = duckdb.connect(config=config)
    with contextlib.suppress(duckdb.Error):  # a notebook's connection already has none
        con.execute("SET enable_progress_bar = false")  # nothing printed on a terminal
    return con


def scan(processed: Path, month: str | None = None) -> str:
    """SQL naming the stored records of a month (or of every month), with the partition's
    year and month as columns."""
    folder = partition(processed, month) if month else root(processed) / "year=*" / "month=*"
    return f"read_parquet('{(folder / '*.parquet').as_posix()}', hive_partitioning = true)"


def has_month(processed: Path, month: str) -> bool:
    return (partition(processed, month) / PART).is_file()


def _day(value: date | str) -> str:
    return f"DATE '{value.isoformat()}'" if isinstance(value, date) else value


def bieu06_sql(source: str, by: tuple[str, ...], start: date | str, end: date | str) -> str:
    """Biểu 06 per `by` from the records `source` names (a table or a read_parquet); `start`
    and `end` are dates or SQL expressions over the records (per month of a year)."""
    keys = ", ".join(by)
    return f"""
WITH r AS (
    SELECT {keys}, channel, status_group = 'open' AS is_open,
        CAST(received_at AS DATE) AS rd, CAST(due_at AS DATE) AS dd,
        CAST(finished_at AS DATE) AS fd, {_day(start)} AS ps, {_day(end)} AS pe,
        coalesce(CAST(supplement_requested_at AS DATE) <= {_day(end)}
            AND (supplement_given_at IS NULL
                 OR CAST(supplement_given_at AS DATE) > {_day(end)}), false) AS paused
    FROM {source}
    WHERE status_group IN ('open', 'resolved')
), f AS (
    SELECT {keys}, channel, dd, fd, paused, pe,
        rd < ps AND (is_open OR fd >= ps) AS carried,
        rd BETWEEN ps AND pe AS new,
        NOT is_open AND fd BETWEEN ps AND pe AND rd <= pe AS resolved,
        rd <= pe AND (is_open OR fd > pe) AS pending,
        coalesce(dd < pe AND NOT paused, false) AS past_due
    FROM r
)
SELECT {keys},
    count_if(coalesce(carried OR new, false)) AS received_total,
    count_if(coalesce(new AND channel = 'online', false)) AS received_online,
    count_if(coalesce(new AND channel <> 'online', false)) AS received_direct,
    count_if(coalesce(carried, false)) AS received_carried,
    count_if(coalesce(resolved, false)) AS resolved_total,
    count_if(coalesce(resolved AND fd < dd, false)) AS resolved_early,
    count_if(coalesce(resolved AND (dd IS NULL OR fd = dd), false)) AS resolved_on_time,
    count_if(coalesce(resolved AND fd > dd, false)) AS resolved_late,
    count_if(coalesce(pending, false)) AS pending_total,
    count_if(coalesce(pending AND NOT past_due, false)) AS pending_within,
    count_if(coalesce(pending AND past_due, false)) AS pending_overdue
FROM f
WHERE carried OR new
GROUP BY ALL
ORDER BY ALL
"""


def bieu06(
    records: pd.DataFrame | str,
    start: date,
    end: date,
    by: tuple[str, ...] = ("unit_id",),
    con: duckdb.DuckDBPyConnection | None = None,
) -> pd.DataFrame:
    """Biểu 06 per unit (or `by`) of the period [start, end] from records: a frame in memory, or
    SQL naming stored ones (`scan`)."""
    con = con or connect()
    if isinstance(records, pd.DataFrame):
        con.register("records_frame", records)
        records = "records_frame"
    frame = con.execute(bieu06_sql(records, by, start, end)).df()
    frame[list(COUNT_FIELDS)] = frame[list(COUNT_FIELDS)].astype("int64")
    return frame


def late_records(
    records: pd.DataFrame | str,
    start: date,
    end: date,
    con: duckdb.DuckDBPyConnection | None = None,
) -> pd.DataFrame:
    """The dossiers that make a unit's late count: resolved late in the period, and pending
    overdue at its end (the same rules as `bieu06_sql`)."""
    con = con or connect()
    if isinstance(records, pd.DataFrame):
        con.register("records_frame", records)
        records = "records_frame"
    s, e = _day(start), _day(end)
    return con.execute(
        f"""
SELECT unit_id, dossier_code, procedure_code, procedure_name, received_at, due_at,
    finished_at, CASE WHEN is_open OR fd > {e} THEN 'pending_overdue' ELSE 'resolved_late' END
        AS late_kind
FROM (
    SELECT *, status_group = 'open' AS is_open, CAST(received_at AS DATE) AS rd,
        CAST(due_at AS DATE) AS dd, CAST(finished_at AS DATE) AS fd,
        coalesce(CAST(supplement_requested_at AS DATE) <= {e}
            AND (supplement_given_at IS NULL
                 OR CAST(supplement_given_at AS DATE) > {e}), false) AS paused
    FROM {records} WHERE status_group IN ('open', 'resolved')
)
WHERE (NOT is_open AND fd BETWEEN {s} AND {e} AND fd > dd)
   OR (rd <= {e} AND (is_open OR fd > {e}) AND dd < {e} AND NOT paused)
ORDER BY unit_id, received_at, dossier_code
"""
    ).df()
