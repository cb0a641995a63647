"""Scores of the province's own units (departments, district-level units, communes, land
branches): any score table that is not the national ranking (tried after national_scores)."""

from __future__ import annotations

import pandas as pd

from chiso766.config import Project
from chiso766.errors import Issue
from chiso766.ingest import scores
from chiso766.ingest.kinds import Context, ExportKind
from chiso766.ingest.tables import Table


def detect(table: Table, project: Project) -> bool:
    return scores.looks_like_scores(table)


def parse(table: Table, ctx: Context) -> tuple[pd.DataFrame, list[Issue]]:
    return scores.parse(
        table, period=ctx.period, registry=ctx.project.units, national=False, source=ctx.source
    )


# A quarter's, a year's or an early month's folder may hold the national ranking alone: the
# report then leaves out the province's units and says so.
KIND = ExportKind(
    name="unit_scores",
    table="scores",
    detect=detect,
    parse=parse,
    order=50,
    when_missing="warning",
)
