"""What to fix first: the groups where the province is relatively weakest (its national rank in
the group, then the gap to the national median), the points at stake, and the units of every
level that lose most in each of them."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from chiso766 import formatting as fmt
from chiso766.analysis.indicators import plan, province_indicators
from chiso766.analysis.province import group_table
from chiso766.reference.groups import MAX_POINTS
from chiso766.reference.levels import RANKED_LEVELS
from chiso766.store.loader import MonthData


@dataclass(frozen=True)
class UnitLoss:
    """A unit that loses points in a group, with its rank in the group among its level."""

    name: str
    level: str
    score: float
    max: float
    rank_text: str


@dataclass(frozen=True)
class Priority:
    """A group to work on: where the province stands in it nationally, what it could recover,
    who loses most in it and (with sub-indicators) the first concrete step."""

    code: str
    group: str
    rank_text: str
    score: float
    max: float
    lost: float  # points below the group's maximum
    gap_median: float  # points below the national median (negative: above it)
    gap_leader: float  # points below the best province in the group
    units: tuple[UnitLoss, ...]
    step: str | None  # the cheapest sub-indicator action, when the month has sub-indicators


def weak_groups(data: MonthData) -> pd.DataFrame:
    """The province's groups ordered by relative weakness: worst national rank in the group
    first (as a share of the cohort), then the largest gap to the median, then points lost;
    with the gap to the median and to the leader. Groups at their maximum are left out."""
    table = group_table(data)
    table = table.assign(
        gap_median=(table["median"] - table["score"]).round(2),
        gap_leader=(table["best"] - table["score"]).round(2),
        relative_rank=table["rank"] / table["size"],
    )
    table = table[table["lost"] > 0]
    return table.sort_values(
        ["relative_rank", "gap_median", "lost", "code"], ascending=[False, False, False, True]
    ).reset_index(drop=True)


def units_losing_in_group(data: MonthData, code: str, per_level: int = 1) -> list[UnitLoss]:
    """For each ranked level present this month (departments, districts, communes), the
    unit(s) with the lowest score in the group, with their rank in it among their level."""
    out = []
    for level in RANKED_LEVELS:
        units = data.units(level)
        units = units[units[code].notna()]
        if units.empty:
            continue
        worst = units.sort_values([code, "official_order"], na_position="last").head(per_level)
        for r in worst.itertuples():
            if getattr(r, code) >= MAX_POINTS[code]:
                continue
            rank = getattr(r, f"rank_{code}")
            out.append(
                UnitLoss(
                    name=r.display_name,
                    level=str(level),
                    score=float(getattr(r, code)),
                    max=MAX_POINTS[code],
                    rank_text=fmt.rank(rank, r.cohort_size) if pd.notna(rank) else "",
                )
            )
    return out


def _first_step(data: MonthData, code: str, gain: float) -> str | None:
    """The cheapest sub-indicator action of the group that recovers part of `gain` points."""
    metrics = province_indicators(data)
    if metrics.empty:
        return None
    actions = plan(metrics[metrics["group"] == code], data.project.catalogue_for(data.period), gain)
    return actions[0].text if actions else None


def priorities(data: MonthData, n: int = 3) -> list[Priority]:
    """The `n` groups to work on first, each with the units that lose most in it."""
    out = []
    for r in weak_groups(data).head(n).itertuples():
        target = r.gap_leader if r.gap_leader > 0 else r.lost
        out.append(
            Priority(
                code=r.code,
                group=r.group,
                rank_text=r.rank_text,
                score=r.score,
                max=r.max,
                lost=r.lost,
                gap_median=r.gap_median,
                gap_leader=r.gap_leader,
                units=tuple(units_losing_in_group(data, r.code)),
                step=_first_step(data, r.code, target),
            )
        )
    return out
