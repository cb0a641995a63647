"""Across the 1/7/2025 reorganisation: the provinces a province was formed from, shown beside
its trend."""

from __future__ import annotations

import pandas as pd

from chiso766.reference.crosswalk import MERGER_DATE, structure
from chiso766.store.loader import MonthData


def predecessor_scores(data: MonthData) -> pd.DataFrame:
    """Scores of the provinces the province was formed from, for the months of the year before
    1/7/2025 that are loaded: shown beside the trend, labelled, never ranked with it."""
    s = data.scores
    before = s["period"] < MERGER_DATE.strftime("%Y-%m")
    olds = data.project.crosswalk.predecessors(data.province_id)
    rows = s[(s["cohort"] == "national") & before & s["unit_id"].isin(olds)]
    return rows.sort_values(["period", "unit_name"]).reset_index(drop=True)


def crosses_merger(data: MonthData) -> bool:
    """Whether the year's months reach back before the reorganisation."""
    return structure(data.period.start.replace(month=1)) != structure(data.period.end)
