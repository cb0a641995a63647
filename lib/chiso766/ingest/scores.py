"""Score exports (all provinces, or the units of one province) into tidy rows: one per unit, the
six group scores (or five, with CLGQ+TTTT as DVTT), the total, and where each row came from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pandas as pd

from chiso766.errors import Issue
from chiso766.formatting import number as _fmt
from chiso766.ingest.numbers import NumberError, decimal_mark, excel_error, parse_decimal
from chiso766.ingest.tables import Table
from chiso766.ingest.units import duplicate_issue, resolve_unit
from chiso766.messages import msg
from chiso766.reference.crosswalk import (
    MERGER_DATE,
    RESTATED,
    national_cohort,
    series_date,
    structure,
)
from chiso766.reference.groups import (
    FIVE_GROUP_CODES,
    GROUP_CODES,
    MAX_POINTS,
    TOTAL_MAX,
    TOTAL_TOLERANCE,
)
from chiso766.reference.periods import Period
from chiso766.reference.registry import Registry, strip_prefixes
from chiso766.textnorm import clean_text

SCORE_COLUMNS = (*GROUP_CODES, "DVTT", "total")


def group_view(table: Table) -> tuple[str, ...] | None:
    """The groups a score table carries: the six, the five, or None when neither is complete."""
    cols = set(table.columns)
    if set(GROUP_CODES) <= cols:
        return GROUP_CODES
    if set(FIVE_GROUP_CODES) <= cols:
        return FIVE_GROUP_CODES
    return None


def is_score_table(table: Table) -> bool:
    names = {"unit_name", "unit_name_alt"} & set(table.columns)
    return bool(names) and "total" in table.columns and group_view(table) is not None


def looks_like_scores(table: Table) -> bool:
    """A score table, complete or plainly one that lacks groups (reported when parsed)."""
    return is_score_table(table) or bool(missing_groups(table))


def missing_groups(table: Table) -> list[str]:
    """The groups a table that is plainly a score table (a name, a total and at least three
    groups) lacks: such a table is reported, not taken for an unknown file."""
    names = {"unit_name", "unit_name_alt"} & set(table.columns)
    present = [c for c in GROUP_CODES if c in table.columns]
    if not names or "total" not in table.columns or len(present) < 3 or group_view(table):
        return []
    if "DVTT" in table.columns:
        return [c for c in FIVE_GROUP_CODES if c not in table.columns]
    return [c for c in GROUP_CODES if c not in table.columns]


_STRUCTURE_DATES = {"63": MERGER_DATE - timedelta(days=1), "34": MERGER_DATE}


def _province_hits(table: Table, provinces: Registry) -> dict[str, set[int]]:
    """The rows whose name is a province of each structure ("63", "34")."""
    name_col = "unit_name" if "unit_name" in table.columns else "unit_name_alt"
    hits: dict[str, set[int]] = {s: set() for s in _STRUCTURE_DATES}
    for number, row in table.rows:
        raw = clean_text(table.value(row, name_col))
        _, level = strip_prefixes(raw)
        if level not in (None, "province", "district"):
            continue
        for series, on in _STRUCTURE_DATES.items():
            if provinces.match(raw, on=on).unit_id:
                hits[series].add(number)
    return hits


def province_share(table: Table, provinces: Registry) -> float:
    """Share of rows whose name is a province, of either structure (63 or 34): this tells
    national files apart; whether each province exists in the period is checked later."""
    if not table.rows:
        return 0.0
    hits = _province_hits(table, provinces)
    return len(hits["63"] | hits["34"]) / len(table.rows)


def structure_of(table: Table, provinces: Registry) -> str:
    """The structure a national ranking holds, read from its rows, not its date. Most of the 34
    provinces kept an old province's name, so names both structures know tell nothing; the 29
    provinces merged away on 1/7/2025 do: "63" when the file names more than half of them, else
    "34" (a 34-province file with a stray old province is still a 34-province file, whose stray
    row is then reported as unknown)."""
    hits = _province_hits(table, provinces)
    old, new = (len(provinces.valid_on(on)) for on in _STRUCTURE_DATES.values())
    only_old = hits["63"] - hits["34"]
    return "63" if 2 * len(only_old) > old - new else "34"


@dataclass
class _Parsed:
    values: dict[str, float | None]
    notes: list[Issue]
    errors: list[Issue]


def _parse_row_scores(table: Table, row: list, number: int, view, marks) -> _Parsed:
    values: dict[str, float | None] = {}
    notes: list[Issue] = []
    errors: list[Issue] = []
    for code in (*view, "total"):
        raw = table.value(row, code)
        maximum = TOTAL_MAX if code == "total" else MAX_POINTS[code]
        if literal := excel_error(raw):
            errors.append(table.issue("error", "val.excel_error", number, code, value=literal))
            continue
        try:
            value, percent = parse_decimal(raw, marks[code])
        except NumberError:
            errors.append(
                table.issue(
                    "error",
                    "val.not_number",
                    number,
                    code,
                    value=clean_text(raw),
                    expected=msg("expect.score"),
                )
            )
            continue
        if value is None:
            errors.append(
                table.issue("error", "val.missing_score", number, code, max=_fmt(maximum))
            )
            continue
        if percent and code != "total":
            points = round(value / 100 * maximum, 4)
            notes.append(
                table.issue(
                    "info",
                    "val.percent_of_max",
                    number,
                    code,
                    value=clean_text(raw),
                    chosen=_fmt(points),
                    max=_fmt(maximum),
                )
            )
            value = points
        if not 0 <= value <= maximum + 1e-9:
            errors.append(
                table.issue(
                    "error",
                    "val.score_range",
                    number,
                    code,
                    value=_fmt(value),
                    max=_fmt(maximum),
                    group=code,
                )
            )
            continue
        values[code] = value
    total = values.get("total")
    if not errors and total is not None:
        parts = sum(v for c in view if (v := values[c]) is not None)
        if abs(total - parts) > TOTAL_TOLERANCE + 1e-9:
            errors.append(
                table.issue(
                    "error",
                    "val.total_mismatch",
                    number,
                    "total",
                    total=_fmt(total),
                    sum=_fmt(parts),
                    diff=_fmt(abs(total - parts)),
                )
            )
    return _Parsed(values, notes, errors)


def parse(
    table: Table, *, period: Period, registry: Registry, national: bool, source: str
) -> tuple[pd.DataFrame, list[Issue]]:
    """Rows of a score table; returns the frame and every issue found (errors included)."""
    view = group_view(table)
    issues: list[Issue] = list(table.issues)
    if view is None:
        issues.append(
            Issue.of(
                "error",
                "col.missing_groups",
                file=table.file,
                sheet=table.sheet,
                groups=", ".join(missing_groups(table)),
            )
        )
        return pd.DataFrame(), issues
    marks = {
        c: decimal_mark([r[table.columns[c]] for _, r in table.rows]) for c in (*view, "total")
    }
    series = structure_of(table, registry) if national else structure(period.end)
    if national and series == "63" and structure(period.end) == "34":
        # 63 provinces for a period after 1/7/2025: the file is of another period
        issues.append(
            Issue.of(
                "error",
                "scores.old_structure",
                file=table.file,
                sheet=table.sheet,
                period=period.label(),
            )
        )
        return pd.DataFrame(), issues
    cohort = national_cohort(period.end, series) if national else None
    on = series_date(period.end, series)
    average = _stated_average(table, marks["total"], issues) if national else None
    records: list[dict] = []
    seen: dict[str, tuple[int, dict]] = {}
    if cohort == RESTATED:
        issues.append(
            Issue.of(
                "info", "note.restated", file=table.file, sheet=table.sheet, period=period.label()
            )
        )
    if view == FIVE_GROUP_CODES:
        issues.append(Issue.of("info", "note.five_groups", file=table.file, sheet=table.sheet))
    for number, row in table.rows:
        parsed = _parse_row_scores(table, row, number, view, marks)
        issues.extend(parsed.notes + parsed.errors)
        unit = resolve_unit(
            table, row, number, registry=registry, period=period, national=national, on=on
        )
        issues.extend(unit.issues)
        if parsed.errors or unit.fatal:
            continue
        values = parsed.values
        repeat = duplicate_issue(table, seen, unit, number, values, _same_scores)
        if repeat:
            issues.append(repeat)
            continue
        record = {
            "period": period.key,
            "period_kind": period.kind,
            "cohort": cohort or unit.level,
            "series": series,
            **unit.columns(),
            **{c: values.get(c) for c in GROUP_CODES},
            "DVTT": values.get("DVTT", _sum_or_none(values, "CLGQ", "TTTT")),
            "total": values["total"],
            "groups_view": "6" if view == GROUP_CODES else "5",
            "national_average": average,
            "row_stt": clean_text(table.value(row, "row_stt")) or None,
            "source_file": source,
            "source_sheet": table.sheet,
            "source_row": number,
        }
        records.append(record)
    frame = pd.DataFrame.from_records(records)
    if not frame.empty:  # a five-group file has no CLGQ/TTTT: missing, still numeric columns
        numeric = [*SCORE_COLUMNS, "national_average"]
        frame[numeric] = frame[numeric].astype("float64")
    return frame, issues


def _stated_average(table: Table, mark: str, issues: list[Issue]) -> float | None:
    """The national average total a ranking states in its summary row ("Trung bình cả nước",
    only the total filled), or None when it states none. An unreadable one is a warning: the
    average is shown beside the ranking, it changes no rank."""
    found = table.average_row()
    if found is None:
        return None
    number, row = found
    raw = table.value(row, "total")
    if isinstance(raw, str) and "," in raw:  # "78,12" under numbers that carry no mark
        mark = decimal_mark([raw])
    try:
        value, _ = parse_decimal(raw, mark)
    except NumberError:
        value = None
    if value is None or not 0 <= value <= TOTAL_MAX:
        issues.append(
            table.issue("warning", "val.average_unreadable", number, "total", value=clean_text(raw))
        )
        return None
    issues.append(table.issue("info", "note.national_average", number, "total", value=_fmt(value)))
    return value


def _sum_or_none(values: dict, a: str, b: str) -> float | None:
    if values.get(a) is None or values.get(b) is None:
        return None
    return round(values[a] + values[b], 6)


def _same_scores(a: dict, b: dict) -> bool:
    return a.keys() == b.keys() and all(abs(a[c] - b[c]) < 1e-9 for c in a)
