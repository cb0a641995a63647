"""Competition ranking ("1, 2, 2, 4"), always recomputed within the population compared.

The portal's ROW_STT is not a rank: inside a filtered list it skips numbers and for units it ranks
sở and xã together. Ranks here are computed per period and cohort (all provinces; the portal's
restated 34-province series of a pre-merger period, apart; the province's departments; its
districts; its communes), on the total and on each group.
"""

from __future__ import annotations

import pandas as pd

from chiso766.reference.crosswalk import NATIONAL_COHORTS
from chiso766.reference.groups import GROUP_CODES
from chiso766.reference.levels import RANKED_LEVELS

RANKED = ("total", *GROUP_CODES, "DVTT")
UNIT_COHORTS = RANKED_LEVELS


def competition_rank(values: pd.Series) -> pd.Series:
    """Rank 1 for the highest value; ties share the best rank; missing values get no rank."""
    return values.round(6).rank(method="min", ascending=False).astype("Int64")


def add_ranks(scores: pd.DataFrame) -> pd.DataFrame:
    """`rank_<x>` for the total and every group, and `cohort_size`, within (period, cohort).
    Rows of a cohort that is not ranked (the province's own row in a unit export) get none."""
    if scores.empty:
        return scores
    ranked = scores["cohort"].isin((*NATIONAL_COHORTS, *UNIT_COHORTS))
    keys = [scores["period"], scores["cohort"]]
    out = scores.assign(
        cohort_size=scores.groupby(keys)["total"].transform("size").where(ranked).astype("Int64")
    )
    rounded = scores[list(RANKED)].round(6).groupby(keys)  # as competition_rank, per cohort
    for column in RANKED:
        ranks = rounded[column].rank(method="min", ascending=False)
        out[f"rank_{column}"] = ranks.where(ranked).astype("Int64")
    return out
