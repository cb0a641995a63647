"""Dossier processing statistics (Biểu 06 and vendor variants) into tidy rows, one per unit, with
the report's identities checked and reported, never hidden."""

from __future__ import annotations

import itertools
import operator
from typing import cast

import pandas as pd

from chiso766.errors import Issue
from chiso766.ingest.kinds import Context, ExportKind
from chiso766.ingest.numbers import MAX_COUNT, Ambiguous, NumberError, excel_error, parse_count
from chiso766.ingest.tables import Table
from chiso766.ingest.units import UNIT_COLUMNS, duplicate_issue, resolve_unit
from chiso766.reference.periods import Period
from chiso766.reference.registry import Registry
from chiso766.store.fields import COUNT_FIELDS
from chiso766.textnorm import clean_text, fold

REQUIRED = ("received_total", "resolved_total", "resolved_late", "pending_total")

# (identity code, total field, part fields)
IDENTITIES = (
    ("id.received", "received_total", ("received_online", "received_direct", "received_carried")),
    ("id.resolved", "resolved_total", ("resolved_early", "resolved_on_time", "resolved_late")),
    ("id.pending", "pending_total", ("pending_within", "pending_overdue")),
    ("id.balance", "received_total", ("resolved_total", "pending_total")),
)


# The table's columns, also those of an empty table (a month without this export).
COLUMNS = (
    "period",
    "period_kind",
    *UNIT_COLUMNS,
    *COUNT_FIELDS,
    "late",
    "on_time_rate",
    "identities_ok",
    "source_file",
    "source_sheet",
    "source_row",
)


def is_dossier_table(table: Table) -> bool:
    return {"received_total", "resolved_total"} <= set(table.columns)


def broken_identities(counts: dict[str, int | None]) -> list[tuple[str, int, int]]:
    """(identity code, total, sum of parts) for each identity the counts break; identities
    whose columns the report does not have are not checked."""
    broken = []
    for code, total, parts in IDENTITIES:
        expected, values = counts.get(total), [counts.get(p) for p in parts]
        if expected is None or any(v is None for v in values):
            continue
        summed = sum(v for v in values if v is not None)
        if expected != summed:
            broken.append((code, expected, summed))
    return broken


def _settle_ambiguous(counts: dict[str, object]) -> tuple[dict[str, int | None], list[str]]:
    """Choose readings of ambiguous values so that the identities hold; returns the counts and
    the fields whose value could not be settled (none or several readings fit)."""
    ambiguous = [f for f, v in counts.items() if isinstance(v, Ambiguous)]
    if not ambiguous:
        return counts, []  # type: ignore[return-value]
    fitting = []
    for choice in itertools.product(*(cast(Ambiguous, counts[f]).readings for f in ambiguous)):
        trial = dict(counts) | dict(zip(ambiguous, choice, strict=True))
        if not broken_identities(trial):  # type: ignore[arg-type]
            fitting.append(trial)
    if len(fitting) == 1:
        return fitting[0], []  # type: ignore[return-value]
    return counts, ambiguous  # type: ignore[return-value]


def parse(
    table: Table, *, period: Period, registry: Registry, late_counts: list[str], source: str
) -> tuple[pd.DataFrame, list[Issue]]:
    issues: list[Issue] = list(table.issues)
    if missing := table.missing(list(REQUIRED), "dossiers"):
        return pd.DataFrame(), issues + missing
    present = [f for f in COUNT_FIELDS if f in table.columns]
    records: list[dict] = []
    seen: dict[str, tuple[int, dict]] = {}
    read: list[dict[str, int | None]] = []  # every unit row's counts, as the file adds them up
    for number, row in table.rows:
        counts: dict[str, object] = {}
        row_errors: list[Issue] = []
        for f in present:
            raw = table.value(row, f)
            if literal := excel_error(raw):
                row_errors.append(table.issue("error", "val.excel_error", number, f, value=literal))
                continue
            try:
                value = parse_count(raw)
            except NumberError:
                row_errors.append(
                    table.issue("error", "val.not_count", number, f, value=clean_text(raw))
                )
                continue
            if isinstance(value, int) and value < 0:
                row_errors.append(table.issue("error", "val.negative", number, f, value=value))
                continue
            largest = value.readings[0] if isinstance(value, Ambiguous) else value
            if largest is not None and largest > MAX_COUNT:
                row_errors.append(
                    table.issue(
                        "error", "val.count_too_large", number, f, value=clean_text(raw)[:40]
                    )
                )
                continue
            counts[f] = value if value is not None else 0
        if row_errors:
            issues.extend(row_errors)
            continue
        settled, unsettled = _settle_ambiguous(counts)
        for f in unsettled:
            amb = counts[f]
            assert isinstance(amb, Ambiguous)
            issues.append(
                table.issue(
                    "error",
                    "val.ambiguous_count",
                    number,
                    f,
                    value=amb.raw,
                    a=amb.readings[0],
                    b=amb.readings[1],
                )
            )
        if unsettled:
            continue
        read.append(settled)
        for f, v in counts.items():
            if isinstance(v, Ambiguous):
                issues.append(
                    table.issue(
                        "warning",
                        "val.ambiguous_resolved",
                        number,
                        f,
                        value=v.raw,
                        chosen=settled[f],
                    )
                )
        unit = resolve_unit(table, row, number, registry=registry, period=period, national=False)
        issues.extend(unit.issues)
        if unit.fatal:
            continue
        broken = broken_identities(settled)
        for code, total, parts in broken:
            issues.append(table.issue("warning", code, number, total=total, parts=parts))
        repeat = duplicate_issue(table, seen, unit, number, settled, operator.eq)
        if repeat:
            issues.append(repeat)
            continue
        resolved = settled.get("resolved_total") or 0
        in_time = (settled.get("resolved_early") or 0) + (settled.get("resolved_on_time") or 0)
        records.append(
            {
                "period": period.key,
                "period_kind": period.kind,
                **unit.columns(),
                **{f: settled.get(f) for f in COUNT_FIELDS},
                "late": sum(settled.get(f) or 0 for f in late_counts),
                "on_time_rate": in_time / resolved if resolved else None,
                "identities_ok": not broken,
                "source_file": source,
                "source_sheet": table.sheet,
                "source_row": number,
            }
        )
    if not any(i.severity == "error" for i in issues):
        issues.extend(check_totals(table, present, read))
    frame = pd.DataFrame.from_records(records)
    if not frame.empty:
        frame[list(COUNT_FIELDS)] = frame[list(COUNT_FIELDS)].astype("Int64")
        frame["late"] = frame["late"].astype("int64")
    return frame, issues


# The labels of a grand total row (a "Cộng" of one section is a subtotal, not compared).
_GRAND_TOTALS = ("tong cong", "tong so", "toan tinh", "tong", "tong toan tinh")


def check_totals(table: Table, fields: list[str], read: list[dict]) -> list[Issue]:
    """The file's own grand total row ("Tổng cộng"), when it has one, against the sum of its unit
    rows: a row lost from the export (or added) shows as a difference, named per column."""
    name_col = "unit_name" if "unit_name" in table.columns else "unit_name_alt"
    grand = [
        (number, row)
        for number, row in table.totals
        if fold(table.value(row, name_col)).startswith(_GRAND_TOTALS)
    ]
    if len(grand) != 1:  # none, or several (sections with their own totals): nothing to compare
        return []
    number, row = grand[0]
    issues = []
    for f in fields:
        try:
            stated = parse_count(table.value(row, f))
        except NumberError:
            continue
        if not isinstance(stated, int):  # blank or ambiguous: the row states no total here
            continue
        added = sum(counts.get(f) or 0 for counts in read)
        if stated != added:
            issues.append(
                table.issue(
                    "error",
                    "val.totals_row",
                    number,
                    f,
                    stated=stated,
                    added=added,
                    rows=len(read),
                )
            )
    return issues


def _parse(table: Table, ctx: Context) -> tuple[pd.DataFrame, list[Issue]]:
    return parse(
        table,
        period=ctx.period,
        registry=ctx.project.units,
        late_counts=ctx.project.config["late_list"]["counts"],
        source=ctx.source,
    )


def units_without_rows(frame: pd.DataFrame, ctx: Context) -> list[Issue]:
    """Units the month's scores name that the dossier report has no row for: a row lost from
    an export without a totals row to show it (a warning naming them, on the report's
    data-quality page)."""
    scores = (ctx.tables or {}).get("scores")
    if scores is None or scores.empty or frame.empty:
        return []
    units = scores[(scores["cohort"] != "national") & scores["unit_id"].notna()]
    missing = units[~units["unit_id"].isin(set(frame["unit_id"].dropna()))]
    if missing.empty:
        return []
    return [
        Issue.of(
            "warning",
            "unit.no_dossier_row",
            file=str(frame["source_file"].iloc[0]),
            count=len(missing),
            units="; ".join(missing["unit_name"].astype(str).head(10)),
        )
    ]


KIND = ExportKind(
    name="dossiers",
    table="dossiers",
    detect=lambda table, project: is_dossier_table(table),
    parse=_parse,
    order=30,
    check=units_without_rows,
    when_missing="warning",  # the report goes on without its part
)
