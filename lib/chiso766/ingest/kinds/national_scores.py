"""The national ranking: every province's group scores and total for a period (63 provinces
before 1/7/2025, 34 after). Told from a unit export by its rows: mostly province names. Its
structure is read from the names it holds, not its date: a 34-province file of a period before
1/7/2025 is the portal's restated series, stored as a cohort of its own."""

from __future__ import annotations

import pandas as pd

from chiso766.config import Project
from chiso766.errors import Issue
from chiso766.ingest import scores
from chiso766.ingest.kinds import Context, ExportKind
from chiso766.ingest.tables import Table
from chiso766.messages import msg
from chiso766.reference.crosswalk import NATIONAL, NATIONAL_COHORTS, RESTATED

MIN_PROVINCES = 20  # fewer rows than this is not a national ranking (a unit export may name some)
MIN_SHARE = 0.6  # share of rows that must name a province


def detect(table: Table, project: Project) -> bool:
    return (
        scores.looks_like_scores(table)
        and len(table.rows) >= MIN_PROVINCES
        and scores.province_share(table, project.provinces) >= MIN_SHARE
    )


def parse(table: Table, ctx: Context) -> tuple[pd.DataFrame, list[Issue]]:
    return scores.parse(
        table,
        period=ctx.period,
        registry=ctx.project.provinces,
        national=True,
        source=ctx.source,
    )


def variant(frame: pd.DataFrame) -> str:
    """Which national ranking a file's rows are: the period's own or the restated series (one
    file of each may sit in a period's folder: both series coexist)."""
    return str(frame["cohort"].iloc[0]) if not frame.empty else NATIONAL


def check(frame: pd.DataFrame, ctx: Context) -> list[Issue]:
    """Each national ranking holds every province of its structure (63 before 1/7/2025, 34
    after and in the restated series; a rank out of 62 is not a rank out of 63), the province
    reported on among them."""
    issues = []
    for cohort in NATIONAL_COHORTS:
        national = frame[frame["cohort"] == cohort] if not frame.empty else frame
        if national.empty:
            continue
        expected = int(national["series"].iloc[0])
        count = national["unit_id"].nunique()
        if count != expected:
            issues.append(
                Issue.of(
                    "error",
                    "month.province_count",
                    file=str(national["source_file"].iloc[0]),
                    count=count,
                    expected=expected,
                    month=ctx.period.key,
                    series=msg("series.restated" if cohort == RESTATED else "series.original"),
                )
            )
        province = ctx.project.province_in(cohort, ctx.period)
        if province.unit_id not in set(national["unit_id"]):
            issues.append(
                Issue.of(
                    "error",
                    "month.province_missing",
                    province=province.name,
                    month=ctx.period.key,
                )
            )
    return issues


KIND = ExportKind(
    name="national_scores",
    table="scores",
    detect=detect,
    parse=parse,
    order=40,
    check=check,
    variant=variant,
)
