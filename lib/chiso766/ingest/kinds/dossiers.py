"""Dossier processing statistics (Biểu 06 and vendor variants) into tidy rows, one per unit, with
the report's identities checked and reported, never hidden."""

from __future__ import annotations

import itertools
import operator
from typing import cast

import pandas as pd

from chiso766.errors import Issue
from chiso766.ingest.columns import COUNT_FIELDS
from chiso766.ingest.kinds import Context, ExportKind
from chiso766.ingest.numbers import Ambiguous, NumberError, parse_count
from chiso766.ingest.tables import Table
from chiso766.ingest.units import UNIT_COLUMNS, duplicate_issue, resolve_unit
from chiso766.messages import msg
from chiso766.reference.periods import Period
from chiso766.reference.registry import Registry
from chiso766.textnorm import clean_text

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
    missing = [f for f in REQUIRED if f not in table.columns]
    if missing:
        for f in missing:
            issues.append(
                Issue.of(
                    "error",
                    "col.missing",
                    file=table.file,
                    sheet=table.sheet,
                    field=f,
                    kind=msg("kind.dossiers"),
                )
            )
        return pd.DataFrame(), issues
    present = [f for f in COUNT_FIELDS if f in table.columns]
    records: list[dict] = []
    seen: dict[str, tuple[int, dict]] = {}
    for number, row in table.rows:
        counts: dict[str, object] = {}
        row_errors: list[Issue] = []
        for f in present:
            raw = table.value(row, f)
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
    frame = pd.DataFrame.from_records(records)
    if not frame.empty:
        frame[list(COUNT_FIELDS)] = frame[list(COUNT_FIELDS)].astype("Int64")
        frame["late"] = frame["late"].astype("int64")
    return frame, issues


def _parse(table: Table, ctx: Context) -> tuple[pd.DataFrame, list[Issue]]:
    return parse(
        table,
        period=ctx.period,
        registry=ctx.project.units,
        late_counts=ctx.project.config["late_list"]["counts"],
        source=ctx.source,
    )


KIND = ExportKind(
    name="dossiers",
    table="dossiers",
    detect=lambda table, project: is_dossier_table(table),
    parse=_parse,
    order=30,
)
