"""Dossier-level records (the month's partition of the dossier dataset, read with DuckDB): Biểu 06
per unit computed from them, the late dossiers by name with their days late in working days,
where the time goes (on-time rate by procedure and unit x procedure, the procedures that make
most late dossiers, the ageing of overdue dossiers) and what the late ones cost in the progress
indicator (the indicator's formula, as the what-if planner counts it)."""

from __future__ import annotations

import pandas as pd

from chiso766.reference.levels import UNIT_LEVELS
from chiso766.store import dossier_dataset as ds
from chiso766.store.fields import COUNT_FIELDS
from chiso766.store.loader import MonthData

PROGRESS = "TDGQ_ON_TIME"  # the progress indicator's on-time term (reference/indicators.csv)
AGEING = ((0, 5, "0-5"), (6, 20, "6-20"), (21, None, ">20"))  # working days overdue
# the ingest's findings on the records against the Biểu 06 export (ingest/kinds/dossier_records)
RECONCILE_CODES = (
    "records.reconciled",
    "records.differs",
    "records.no_export",
    "records.no_export_row",
)
RATE_COLUMNS = ("procedure_code", "procedure_name", "resolved", "in_time", "late", "on_time_rate")
LATE_COLUMNS = (
    "level",
    "official_order",
    "unit_id",
    "unit_name",
    "dossier_code",
    "procedure_code",
    "procedure_name",
    "received_at",
    "due_at",
    "finished_at",
    "late_kind",
    "days_late",
)


def has_records(data: MonthData) -> bool:
    """Whether the month has dossier lists stored (data/processed/dossiers/year=/month=)."""
    return ds.has_month(data.project.processed, data.month)


def _source(data: MonthData) -> str:
    return ds.scan(data.project.processed, data.month)


def _units(data: MonthData) -> pd.DataFrame:
    """The registry's units with the name the lists show: a commune whose name another unit of
    the province bears ("UBND xã Tân Hưng" in Đồng Phú and in Hớn Quản) with its district's short
    name, so neither the tables nor the per-unit files (one per name) mix them up."""
    units = data.project.units.frame.reset_index(drop=True)[
        ["unit_id", "name", "short_name", "level", "official_order", "parent_id", "province_id"]
    ]
    short = dict(zip(units["unit_id"], units["short_name"], strict=True))
    own = units["province_id"] == data.province_id
    shared = own & units["name"].where(own).duplicated(keep=False) & units["parent_id"].isin(short)
    parents = units["parent_id"].map(short)
    names = units["name"].where(~shared, units["name"] + " (" + parents + ")")
    order = {lvl: i for i, lvl in enumerate(UNIT_LEVELS)}
    return units.drop(columns=["name", "parent_id", "province_id"]).assign(
        unit_name=names,
        _level=units["level"].map(order),
        official_order=units["official_order"].astype("Int64"),
    )


def _in_order(frame: pd.DataFrame, data: MonthData, *then: str) -> pd.DataFrame:
    merged = frame.merge(_units(data), on="unit_id", how="left")
    return (
        merged.sort_values(["_level", "official_order", "unit_name", *then], na_position="last")
        .drop(columns="_level")
        .reset_index(drop=True)
    )


def reconciliation(data: MonthData) -> pd.DataFrame:
    """What the ingest found comparing the records' Biểu 06 with the Biểu 06 export (the
    month's quality rows of `RECONCILE_CODES`): one "reconciled" row when every unit agrees,
    else a row per unit and column that differs; empty without lists."""
    quality = data.quality
    return quality[quality["code"].isin(RECONCILE_CODES)].reset_index(drop=True)


def records_bieu06(data: MonthData) -> pd.DataFrame:
    """Biểu 06 per unit computed from the month's records, by level in official order (empty
    when the month has no lists)."""
    if not has_records(data):
        return pd.DataFrame(columns=["unit_id", *COUNT_FIELDS])
    p = data.period
    return _in_order(ds.bieu06(_source(data), p.start, p.end), data)


def late_dossiers(data: MonthData) -> pd.DataFrame:
    """Every late dossier of the month by name: resolved late (days late: working days from
    the due date to the finish) and pending overdue (to the end of the month), per unit by
    level in official order, oldest reception first."""
    if not has_records(data):
        return pd.DataFrame(columns=list(LATE_COLUMNS))
    p = data.period
    late = ds.late_records(_source(data), p.start, p.end)
    cal = data.calendar
    stop = late["finished_at"].where(late["late_kind"] == "resolved_late", pd.Timestamp(p.end))
    late["days_late"] = [
        cal.between(due.date(), end.date()) for due, end in zip(late["due_at"], stop, strict=True)
    ]
    return _in_order(late, data, "received_at")[list(LATE_COLUMNS)]


def late_by_level(data: MonthData) -> dict[str, pd.DataFrame]:
    """`late_dossiers` split by level (the appendix has a sheet per level)."""
    late = late_dossiers(data)
    return {lvl: late[late["level"] == lvl].reset_index(drop=True) for lvl in UNIT_LEVELS}


def _rate_sql(data: MonthData, keys: str) -> pd.DataFrame:
    p = data.period
    sql = f"""
SELECT {keys}, count(*) AS resolved,
    count_if(due_at IS NULL OR CAST(finished_at AS DATE) <= CAST(due_at AS DATE)) AS in_time,
    count_if(CAST(finished_at AS DATE) > CAST(due_at AS DATE)) AS late
FROM {_source(data)}
WHERE status_group = 'resolved'
  AND CAST(finished_at AS DATE) BETWEEN DATE '{p.start}' AND DATE '{p.end}'
GROUP BY ALL
"""
    frame = ds.connect().execute(sql).df()
    return frame.assign(on_time_rate=frame["in_time"] / frame["resolved"])


def on_time_by_procedure(data: MonthData) -> pd.DataFrame:
    """Per procedure: resolved in the month, early or on time, late, the on-time rate; the
    lowest rate first."""
    if not has_records(data):
        return pd.DataFrame(columns=list(RATE_COLUMNS))
    frame = _rate_sql(data, "procedure_code, procedure_name")
    return frame.sort_values(["on_time_rate", "late"], ascending=[True, False]).reset_index(
        drop=True
    )


def on_time_by_unit_procedure(data: MonthData) -> pd.DataFrame:
    """Unit x procedure: the same figures, units by level in official order."""
    if not has_records(data):
        return pd.DataFrame(columns=["unit_id", "unit_name", *RATE_COLUMNS])
    return _in_order(
        _rate_sql(data, "unit_id, procedure_code, procedure_name"), data, "procedure_code"
    )


def top_late_procedures(data: MonthData, n: int = 10) -> pd.DataFrame:
    """The procedures with most late dossiers (resolved late and pending overdue) and the
    units they come from."""
    late = late_dossiers(data)
    if late.empty:
        return pd.DataFrame(columns=["procedure_code", "procedure_name", "late", "units"])
    return (
        late.groupby(["procedure_code", "procedure_name"], as_index=False)
        .agg(late=("dossier_code", "size"), units=("unit_id", "nunique"))
        .sort_values(["late", "procedure_code"], ascending=[False, True])
        .head(n)
        .reset_index(drop=True)
    )


def overdue_ageing(data: MonthData) -> pd.DataFrame:
    """Pending overdue dossiers per unit by working days overdue at the end of the month:
    0-5, 6-20, >20 (a column each), units by level in official order."""
    late = late_dossiers(data)
    overdue = late[late["late_kind"] == "pending_overdue"]
    labels = [label for _, _, label in AGEING]
    bins = [-1] + [high for _, high, _ in AGEING if high is not None] + [float("inf")]
    bands = pd.cut(overdue["days_late"], bins=bins, labels=labels)
    table = (
        overdue.assign(band=bands)
        .pivot_table(
            index="unit_id", columns="band", values="dossier_code", aggfunc="size", observed=False
        )
        .reindex(columns=labels, fill_value=0)
        .fillna(0)
        .astype("int64")
        .reset_index()
    )
    table.columns.name = None
    return _in_order(table, data)


def progress_recovery(data: MonthData) -> pd.DataFrame:
    """Per unit with late dossiers: the points of the progress indicator's on-time term it
    would gain had they been on time (the formula the what-if planner counts with,
    reference/indicators.csv):
    numerator = early + on time + pending within, denominator = received."""
    counts = records_bieu06(data)
    catalogue = data.project.catalogue_for(data.period)
    reason = (
        "no_term"
        if PROGRESS not in catalogue
        else "no_records"
        if counts.empty
        else "no_late"
        if not (counts["resolved_late"] + counts["pending_overdue"]).any()
        else None
    )
    if reason is not None:  # said by the page (display.progress_recovery)
        empty = pd.DataFrame(columns=["unit_id", "unit_name", "level", "late", "points"])
        empty.attrs["reason"] = reason
        return empty
    indicator = catalogue[PROGRESS]
    rows = []
    for r in counts.itertuples():
        late = int(r.resolved_late + r.pending_overdue)
        if not late:
            continue
        numerator = int(r.resolved_early + r.resolved_on_time + r.pending_within)
        denominator = int(r.received_total)
        gained = indicator.counted_points(numerator + late, denominator) - (
            indicator.counted_points(numerator, denominator)
        )
        rows.append(
            {
                "unit_id": r.unit_id,
                "unit_name": r.unit_name,
                "level": r.level,
                "late": late,
                "points": gained,
            }
        )
    return pd.DataFrame(rows)
