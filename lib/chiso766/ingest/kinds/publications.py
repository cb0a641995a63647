"""The TTHC publication tracking sheet: each ministry decision, the unit that prepared the
province's publication decision, and the dates that tell whether it was late."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from chiso766.errors import Issue
from chiso766.ingest.dates import parse_date
from chiso766.ingest.kinds import Context, ExportKind
from chiso766.ingest.tables import Table
from chiso766.reference.periods import Period
from chiso766.reference.registry import Registry
from chiso766.textnorm import clean_text

DATE_FIELDS = ("ministry_date", "effective_date", "submission_date", "province_decision_date")
TEXT_FIELDS = (
    "ministry_decision",
    "summary",
    "issuer",
    "preparing_unit",
    "submission",
    "province_decision",
    "note",
)


# The table's columns, also those of an empty table (a month without this export).
COLUMNS = (
    "period",
    *TEXT_FIELDS,
    *DATE_FIELDS,
    "preparing_unit_id",
    "source_file",
    "source_sheet",
    "source_row",
)


EARLIEST = date(2000, 1, 1)  # no decision the portal tracks predates this
_LATEST_AFTER = timedelta(days=366)  # a date a year past the period is a typo, not a late one


def latest(period: Period) -> date:
    return period.end + _LATEST_AFTER


def plausible(day: date, period: Period) -> bool:
    """A date a publication row can hold: from 2000 to a year after the period ends (a typed
    2042 would otherwise count thousands of working days late)."""
    return EARLIEST <= day <= latest(period)


def is_publication_table(table: Table) -> bool:
    return {"ministry_decision", "preparing_unit"} <= set(table.columns)


def parse(
    table: Table, *, period: Period, registry: Registry, source: str
) -> tuple[pd.DataFrame, list[Issue]]:
    issues: list[Issue] = list(table.issues)
    records = []
    for number, row in table.rows:
        decision = clean_text(table.value(row, "ministry_decision"))
        if not decision:
            text = " ".join(clean_text(c) for c in row if clean_text(c))
            if text:
                issues.append(table.issue("info", "note.text_row", number, text=text[:80]))
            continue
        record: dict[str, object] = {"period": period.key}
        record |= {f: clean_text(table.value(row, f)) or None for f in TEXT_FIELDS}
        bad = False
        for f in DATE_FIELDS:
            raw = table.value(row, f)
            try:
                record[f] = parse_date(raw)
            except ValueError:
                bad = True
                issues.append(
                    table.issue("error", "val.bad_date", number, f, value=clean_text(raw))
                )
                continue
            value = record[f]
            if isinstance(value, date) and not plausible(value, period):
                bad = True
                issues.append(
                    table.issue(
                        "error",
                        "val.date_implausible",
                        number,
                        f,
                        value=clean_text(raw),
                        earliest=EARLIEST.strftime("%d/%m/%Y"),
                        latest=latest(period).strftime("%d/%m/%Y"),
                    )
                )
        if bad:
            continue
        unit = registry.match(str(record["preparing_unit"] or ""), on=period.end)
        record["preparing_unit_id"] = unit.unit_id
        record |= {"source_file": source, "source_sheet": table.sheet, "source_row": number}
        records.append(record)
    frame = pd.DataFrame.from_records(records)
    for f in DATE_FIELDS:
        if f in frame:
            frame[f] = pd.to_datetime(frame[f]).astype("datetime64[us]")
    return frame, issues


def _parse(table: Table, ctx: Context) -> tuple[pd.DataFrame, list[Issue]]:
    return parse(table, period=ctx.period, registry=ctx.project.units, source=ctx.source)


KIND = ExportKind(
    name="publications",
    table="publications",
    detect=lambda table, project: is_publication_table(table),
    parse=_parse,
    order=20,
    when_missing="warning",  # the report goes on without its part
)
