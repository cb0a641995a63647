"""The province's units (Phụ lục 1, 2): tables in official order, trends, risers and
fallers, points lost."""

from __future__ import annotations

import pandas as pd

from chiso766 import formatting as fmt
from chiso766.analysis.province import movement, rating
from chiso766.ingest.ranks import UNIT_COHORTS
from chiso766.reference.groups import BY_CODE, GROUP_CODES, MAX_POINTS
from chiso766.reference.periods import (
    previous_month,
)
from chiso766.store.loader import MonthData


def unit_table(data: MonthData, level: str) -> pd.DataFrame:
    """Phụ lục 1 (departments) or 2 (districts, communes): units in official order with their
    groups, total, rank within the level and movement since the previous month."""
    now = data.units(level)
    before = data.units(level, previous_month(data.month))
    prev_rank = dict(zip(before["unit_id"], before["rank_total"], strict=True))
    prev_total = dict(zip(before["unit_id"], before["total"], strict=True))
    frame = now.sort_values(["official_order", "unit_name"], na_position="last")
    rows = []
    for i, r in enumerate(frame.itertuples(), 1):
        delta, text = movement(prev_rank.get(r.unit_id), r.rank_total)
        change = round(r.total - prev_total[r.unit_id], 2) if r.unit_id in prev_total else None
        rows.append(
            {
                "stt": i,
                "unit_id": r.unit_id,
                "unit": r.display_name,
                "short_name": r.short_name,
                **{c: getattr(r, c) for c in GROUP_CODES},
                "total": r.total,
                "rank": int(r.rank_total),
                "size": int(r.cohort_size),
                "rank_text": fmt.rank(r.rank_total, r.cohort_size),
                "change_total": change,
                "change_rank": delta,
                "movement": text,
                "rating": rating(r.total, data.project.config["ratings"]),
            }
        )
    return pd.DataFrame(rows)


def unit_trend(data: MonthData, level: str) -> pd.DataFrame:
    """Month x unit total scores of a level, units by their full name (as the appendix lists
    them: abbreviations differ from one unit to the next) in official order."""
    s = data.scores[data.scores["cohort"] == level]
    frame = s.pivot_table(index="period", columns="display_name", values="total", aggfunc="first")
    order = data.units(level).sort_values(["official_order", "display_name"], na_position="last")
    known = [u for u in order["display_name"] if u in frame.columns]
    return frame[known + sorted(set(frame.columns) - set(known))]


def risers_fallers(data: MonthData, level: str, n: int = 5) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The units whose total rose most, and fell most, since the previous month."""
    table = unit_table(data, level).dropna(subset=["change_total"])
    risers = table[table["change_total"] > 0].sort_values("change_total", ascending=False)
    fallers = table[table["change_total"] < 0].sort_values("change_total")
    return risers.head(n), fallers.head(n)


def group_losses(data: MonthData, level: str) -> pd.DataFrame:
    """Average points lost per group across a level's units, largest first."""
    units = data.units(level)
    rows = [
        {
            "code": c,
            "group": BY_CODE[c].label,
            "max": MAX_POINTS[c],
            "mean_score": float(units[c].mean()),
            "mean_lost": float(MAX_POINTS[c] - units[c].mean()),
            "share": float(units[c].mean() / MAX_POINTS[c]),
        }
        for c in GROUP_CODES
        if units[c].notna().any()
    ]
    return pd.DataFrame(rows).sort_values("mean_lost", ascending=False, ignore_index=True)


def costliest_units(data: MonthData, per_level: int = 2) -> pd.DataFrame:
    """The units furthest from 100 points in each ranked level (departments, districts,
    communes), level by level in official order, each with its rank among its level: the
    lowest commune is not compared with the lowest department."""
    s = data.scores
    frames = []
    for level in UNIT_COHORTS:
        units = s[(s["period"] == data.month) & (s["cohort"] == level)]
        units = units.assign(
            lost=(100 - units["total"]).round(2),
            rank_text=[
                fmt.rank(r, n)
                for r, n in zip(units["rank_total"], units["cohort_size"], strict=True)
            ],
        )
        frames.append(
            units.sort_values(["lost", "official_order"], ascending=[False, True]).head(per_level)
        )
    frames = [f for f in frames if not f.empty]
    return (
        pd.concat(frames, ignore_index=True) if frames else s.head(0).assign(lost=[], rank_text=[])
    )
