"""Indicator-level exports (the portal's 2026 JSON, or an Excel/CSV long table with the same
columns) into tidy rows, one per unit and sub-indicator, every row checked against the catalogue
version of the period: the score recomputed from numerator and denominator, group scores = sum of
their indicators (a null score, "không phát sinh", counts 0), total = sum of groups. Mismatches
and unknown codes are reported and kept, never hidden; when one indicator disagrees for many
units, one finding says the formula may have changed instead of a wall of mismatches."""

from __future__ import annotations

from collections import defaultdict

import pandas as pd

from chiso766.config import Project
from chiso766.errors import Issue
from chiso766.formatting import number
from chiso766.ingest.kinds import Context, ExportKind
from chiso766.ingest.numbers import (
    MAX_COUNT,
    Ambiguous,
    NumberError,
    decimal_mark,
    excel_error,
    parse_count,
    parse_decimal,
)
from chiso766.ingest.tables import Table
from chiso766.ingest.units import resolve_unit
from chiso766.messages import msg
from chiso766.reference.groups import GROUP_CODES, TOTAL_TOLERANCE
from chiso766.reference.indicators import TOLERANCE, Indicator, portal_round
from chiso766.reference.periods import Period
from chiso766.textnorm import clean_text

REQUIRED = ("metric_code", "numerator", "denominator", "metric_score")
# One indicator disagreeing with its formula for at least this many units, and for most of the
# units that report it, reads as a changed formula rather than as faulty rows.
FORMULA_CHANGE_UNITS = 3


def is_indicator_table(table: Table) -> bool:
    return set(REQUIRED) <= set(table.columns)


def _decimal(table: Table, row, number_: int, name: str, mark: str, issues: list[Issue]):
    raw = table.value(row, name)
    if literal := excel_error(raw):
        issues.append(table.issue("error", "val.excel_error", number_, name, value=literal))
        return None
    try:
        return parse_decimal(raw, mark)[0]
    except NumberError:
        issues.append(
            table.issue(
                "error",
                "val.not_number",
                number_,
                name,
                value=clean_text(raw),
                expected=msg("expect.score"),
            )
        )
        return None


def _count(table: Table, row, number_: int, name: str, issues: list[Issue]) -> int | None:
    raw = table.value(row, name)
    if literal := excel_error(raw):
        issues.append(table.issue("error", "val.excel_error", number_, name, value=literal))
        return None
    try:
        value = parse_count(raw)
    except NumberError:
        value = None
    if isinstance(value, int) and value > MAX_COUNT:
        issues.append(
            table.issue("error", "val.count_too_large", number_, name, value=clean_text(raw)[:40])
        )
        return None
    if value is None or isinstance(value, Ambiguous) or value < 0:
        issues.append(table.issue("error", "val.not_count", number_, name, value=clean_text(raw)))
        return None
    return value


def parse(
    table: Table,
    *,
    period: Period,
    project: Project,
    source: str,
    computed: frozenset[str] = frozenset(),
) -> tuple[pd.DataFrame, list[Issue]]:
    """Rows of the indicators table. `computed`: codes whose score the file does not give (a
    tree answer's group of several indicators): their score is the catalogue formula's."""
    issues: list[Issue] = list(table.issues)
    catalogue: dict[str, Indicator] = project.catalogue_for(period)
    province = project.province(period.end)
    province_code = project.provinces.get(province.unit_id)["code"]
    marks = {
        f: decimal_mark([r[table.columns[f]] for _, r in table.rows])
        for f in ("ratio", "metric_score", "metric_max", *GROUP_CODES, "total")
        if f in table.columns
    }
    records = []
    reported_unknown: set[str] = set()
    exported_groups: dict[str, dict[str, float]] = {}
    exported_total: dict[str, float] = {}
    first_row: dict[str, int] = {}
    mismatches: dict[str, list[tuple[Issue, dict]]] = defaultdict(list)
    for number_, row in table.rows:
        row_issues: list[Issue] = []
        code = clean_text(table.value(row, "metric_code")).upper()
        numerator = _count(table, row, number_, "numerator", row_issues)
        denominator = _count(table, row, number_, "denominator", row_issues)
        score = (
            None
            if code in computed
            else _decimal(table, row, number_, "metric_score", marks["metric_score"], row_issues)
        )
        indicator = catalogue.get(code)
        no_score = indicator is not None and indicator.points(0, 0) is None and denominator == 0
        if score is None and not row_issues and not no_score and code not in computed:
            row_issues.append(
                table.issue("error", "val.missing_score", number_, "metric_score", max="-")
            )
        issues.extend(row_issues)
        if row_issues:
            continue
        unit_type = clean_text(table.value(row, "unit_type")).lower()
        unit_code = clean_text(table.value(row, "unit_code"))
        if unit_type == "province" or unit_code == province_code:
            unit = {
                "unit_id": province.unit_id,
                "unit_code": province_code,
                "unit_name": province.label,
                "short_name": province.name,
                "display_name": province.label,
                "level": "province",
                "official_order": 0,
            }
        else:
            found = resolve_unit(
                table, row, number_, registry=project.units, period=period, national=False
            )
            issues.extend(i for i in found.issues if i.code != "unit.renamed")
            if found.fatal:
                continue
            unit = {k: v for k, v in found.columns().items() if k not in ("parent_id", "raw_name")}
        key = unit["unit_id"] or unit["unit_name"]
        first_row.setdefault(key, number_)
        if indicator is None and code not in reported_unknown:
            reported_unknown.add(code)
            issues.append(
                table.issue("warning", "ind.unknown_code", number_, "metric_code", code=code)
            )
        max_score = (
            _decimal(table, row, number_, "metric_max", marks["metric_max"], issues)
            if "metric_max" in table.columns
            else None
        )
        recomputed = None
        if indicator is not None and numerator is not None and denominator is not None:
            recomputed = portal_round(indicator.points(numerator, denominator))
            if code in computed:
                score = recomputed
            elif _differ(score, recomputed):
                fields = {
                    "code": code,
                    "unit": unit["unit_name"],
                    "score": _shown(score),
                    "recomputed": _shown(recomputed),
                    "numerator": numerator,
                    "denominator": denominator,
                }
                mismatches[code].append(
                    (
                        table.issue(
                            "warning", "ind.score_mismatch", number_, "metric_score", **fields
                        ),
                        fields,
                    )
                )
            if max_score is not None and abs(max_score - indicator.max) > 1e-9:
                issues.append(
                    table.issue(
                        "warning",
                        "ind.max_mismatch",
                        number_,
                        "metric_max",
                        code=code,
                        max=number(max_score),
                        expected=number(indicator.max),
                    )
                )
        groups = {
            g: _decimal(table, row, number_, g, marks[g], issues)
            for g in GROUP_CODES
            if g in table.columns
        }
        exported_groups.setdefault(key, {g: v for g, v in groups.items() if v is not None})
        if "total" in table.columns:
            total = _decimal(table, row, number_, "total", marks["total"], issues)
            if total is not None:
                exported_total.setdefault(key, total)
        records.append(
            {
                "period": period.key,
                "period_kind": period.kind,
                **unit,
                "code": code,
                "group": indicator.group if indicator else None,
                "label": indicator.label if indicator else code,
                "numerator": numerator,
                "denominator": denominator,
                "ratio": numerator / denominator if numerator is not None and denominator else None,
                "score": score,
                "max_score": indicator.max if indicator else max_score,
                "recomputed": recomputed,
                "known": indicator is not None,
                "source_file": source,
                "source_sheet": table.sheet,
                "source_row": number_,
            }
        )
    frame = pd.DataFrame.from_records(records)
    issues.extend(_mismatch_findings(table, frame, mismatches))
    if not frame.empty:
        frame["score"] = frame["score"].astype("float64")
        frame["recomputed"] = frame["recomputed"].astype("float64")
        issues.extend(_sum_checks(table, frame, exported_groups, exported_total, first_row))
        frame["numerator"] = frame["numerator"].astype("int64")
        frame["denominator"] = frame["denominator"].astype("int64")
    return frame, issues


def _differ(score: float | None, recomputed: float | None) -> bool:
    """Whether an exported score and the recomputed one disagree (they agree when both are
    null, or within rounding)."""
    if score is None or recomputed is None:
        return (score is None) != (recomputed is None)
    return abs(recomputed - score) > TOLERANCE + 1e-9


def _shown(score: float | None) -> str:
    return number(score) if score is not None else msg("ind.no_score")


def _mismatch_findings(
    table: Table, frame: pd.DataFrame, mismatches: dict[str, list[tuple[Issue, dict]]]
) -> list[Issue]:
    """One issue per mismatching row, or, for an indicator that disagrees for most of the units
    reporting it (at least FORMULA_CHANGE_UNITS), one finding that its formula may have changed."""
    issues: list[Issue] = []
    for code, found in mismatches.items():
        units = int((frame["code"] == code).sum()) if not frame.empty else len(found)
        if len(found) >= FORMULA_CHANGE_UNITS and 2 * len(found) > units:
            first, fields = found[0]
            issues.append(
                table.issue(
                    "warning",
                    "ind.formula_changed",
                    first.row,
                    "metric_score",
                    count=len(found),
                    units=units,
                    **fields,
                )
            )
        else:
            issues.extend(issue for issue, _ in found)
    return issues


def _sum_checks(table, frame, exported_groups, exported_total, first_row) -> list[Issue]:
    """Group scores = sum of their indicators; total = sum of groups (as exported)."""
    issues = []
    sums: dict[str, dict[str, float]] = defaultdict(dict)
    keys = frame["unit_id"].fillna(frame["unit_name"])
    for (key, group), value in frame.groupby([keys, frame["group"]])["score"].sum().items():
        sums[key][group] = value
    for key, groups in exported_groups.items():
        row = first_row.get(key)
        for group, exported in groups.items():
            computed = sums.get(key, {}).get(group)
            if computed is not None and abs(computed - exported) > TOLERANCE + 1e-9:
                issues.append(
                    table.issue(
                        "warning",
                        "ind.group_mismatch",
                        row,
                        group,
                        group=group,
                        exported=number(exported),
                        computed=number(round(computed, 4)),
                    )
                )
        total = exported_total.get(key)
        if (
            total is not None
            and groups
            and abs(total - sum(groups.values())) > (TOTAL_TOLERANCE + 1e-9)
        ):
            issues.append(
                table.issue(
                    "warning",
                    "ind.total_mismatch",
                    row,
                    "total",
                    total=number(total),
                    sum=number(sum(groups.values())),
                    diff=number(abs(total - sum(groups.values()))),
                )
            )
    return issues


def _parse(table: Table, ctx: Context) -> tuple[pd.DataFrame, list[Issue]]:
    return parse(table, period=ctx.period, project=ctx.project, source=ctx.source)


def groups_of(frame: pd.DataFrame) -> str:
    """The groups a file's rows cover ("CKMB", "CKMB+MDHL+..."): the portal's indicator answers
    each cover some groups, so files of different groups share a period (the indicators
    table's merge says what two files covering the same indicator mean); two files of the
    same groups are two versions of one export."""
    if frame.empty:
        return ""
    return "+".join(sorted(frame["group"].dropna().unique()))


KIND = ExportKind(
    name="indicators",
    table="indicators",
    detect=lambda table, project: is_indicator_table(table),
    parse=_parse,
    order=10,
    when_missing=None,  # only the 2026 portal publishes sub-indicators
    variant=groups_of,
)
