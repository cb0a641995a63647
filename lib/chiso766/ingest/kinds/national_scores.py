"""The national ranking: every province's group scores and total for a period (63 provinces
before 1/7/2025, 34 after). Told from a unit export by its rows: mostly province names."""

from __future__ import annotations

import pandas as pd

from chiso766.config import Project
from chiso766.errors import Issue
from chiso766.ingest import scores
from chiso766.ingest.kinds import Context, ExportKind
from chiso766.ingest.tables import Table
from chiso766.reference.crosswalk import structure

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


def check(frame: pd.DataFrame, ctx: Context) -> list[Issue]:
    """The national ranking holds every province of its period's structure (63 before 1/7/2025,
    34 after; a rank out of 62 is not a rank out of 63), the province reported on among them."""
    national = frame[frame["cohort"] == "national"] if not frame.empty else frame
    if national.empty:
        return []
    issues = []
    expected = int(structure(ctx.period.end))
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
            )
        )
    province = ctx.project.province(ctx.period.end)
    if province.unit_id not in set(national["unit_id"]):
        issues.append(
            Issue.of(
                "error", "month.province_missing", province=province.name, month=ctx.period.key
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
)
